import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The CLI's compile of a design the browser holds, to compare with what the browser made of it. */
export function cliCompile(design: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "pd-e2e-")), "design.pipeline.json");
  writeFileSync(file, JSON.stringify(design));
  return execFileSync(process.execPath, ["bin/pipeline-designer.mjs", "compile", file], {
    encoding: "utf8",
  });
}
