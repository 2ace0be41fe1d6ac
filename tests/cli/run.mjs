// The CLI as a user runs it: a real process from the repository root, never a stack trace.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "pipeline-designer.mjs");

export function run(...args) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  assert.doesNotMatch(result.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace reaches the user");
  return result;
}
