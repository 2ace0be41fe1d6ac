// Builds examples/*.pipeline.json from the scripts in examples/scripts, so the Python stays
// readable and testable as files while the designs carry it inline. `npm run examples` rewrites;
// `--check` (used by the unit tests) fails when a design is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { exampleDesigns } from "./exampleDesigns";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
let stale = 0;
for (const [file, design] of Object.entries(
  exampleDesigns((path) => readFileSync(join(root, "examples", "scripts", path), "utf8")),
)) {
  const target = join(root, "examples", file);
  const text = `${JSON.stringify(design, null, 2)}\n`;
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // A missing file is simply stale.
  }
  if (current === text) continue;
  stale++;
  if (check) console.error(`${file} is out of date: run npm run examples`);
  else writeFileSync(target, text);
}
if (check && stale > 0) process.exit(1);
console.log(check ? "examples are up to date" : `examples written (${stale} changed)`);
