#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx pipeline-designer` works from a clean clone without a build step.
import { register } from "tsx/esm/api";

register();
// A closed pipe (`… | head`) is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import("../src/cli/main.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A bug, not a user error: say so briefly, without a stack trace.
  process.stderr.write(
    `pipeline-designer: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 2;
}
