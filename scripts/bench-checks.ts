// Times the script checks on a 2,000-line training script (budget: 200 ms); a report, not a test.
import { readFileSync } from "node:fs";
import { checkScripts } from "../src/checks";
import { loadPythonParser } from "../src/cli/pythonParser";
import { loadDesignText, type Design } from "../src/model";

const LINES = 2000;
const RUNS = 20;

/** The example training script grown to `LINES` lines with renamed copies of its helpers. */
function longScript(base: string): string {
  const helpers = base.slice(base.indexOf("def as_list"), base.indexOf("def main"));
  const parts = [base.slice(0, base.indexOf("def main"))];
  for (let copy = 1; parts.join("").split("\n").length < LINES - 40; copy++)
    parts.push(helpers.replace(/def (\w+)\(/g, `def $1_${copy}(`));
  return `${parts.join("")}${base.slice(base.indexOf("def main"))}`;
}

const design = (() => {
  const loaded = loadDesignText(readFileSync("examples/pytorch-tabular.pipeline.json", "utf8"));
  if (loaded.kind !== "ok") throw new Error("the PyTorch example does not load");
  return loaded.design;
})();
const train = design.steps.find((step) => step.id === "train")!;
const files = (train.config.code as { files: Record<string, string> }).files;
const script = longScript(files["train.py"]!);
const long: Design = {
  ...design,
  steps: design.steps.map((step) =>
    step.id === "train"
      ? { ...step, config: { ...step.config, code: { files: { "train.py": script } } } }
      : step,
  ),
};

const parser = await loadPythonParser();
const times: number[] = [];
let findings = 0;
for (let run = 0; run <= RUNS; run++) {
  const start = performance.now();
  findings = checkScripts(long, parser).length;
  if (run > 0) times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `script checks, ${script.split("\n").length}-line train.py in the PyTorch example (${RUNS} runs after one warm-up): median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms, ${findings} finding(s); budget 200 ms`,
);
process.exitCode = median <= 200 ? 0 : 1;
