// compile() in Node against the SageMaker Python SDK v2 rendering the same designs (bench/sdk_timing.py).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../src/compiler";
import { loadDesign, type Design } from "../src/model";
import { benchDesign, editedStepId } from "./designs";
import { median } from "./stats";

const ORACLE_PYTHON = join(import.meta.dirname, "..", "tests", "oracle", ".venv", "bin", "python");

export interface CompileFigures {
  size: number;
  /** Every archive packed and hashed: designs whose scripts were never compiled in this process. */
  coldMs: number;
  /** A freshly loaded design whose code was compiled before (archives reused, all else redone). */
  reloadMs: number;
  /** After one Instance count edit of an already compiled design: the app's edit path. */
  editMs: number;
  /** Definition bytes; above 1 MB compile() ends with PD305 after rendering everything. */
  definitionBytes: number;
  ok: boolean;
}

function load(value: unknown): Design {
  const loaded = loadDesign(value);
  if (loaded.kind !== "ok")
    throw new Error(`bench design does not load: ${JSON.stringify(loaded)}`);
  return loaded.design;
}

function timed(design: Design): number {
  const start = performance.now();
  compile(design);
  return performance.now() - start;
}

function withInstanceCount(design: Design, stepId: string, count: number): Design {
  const steps = design.steps.map((step) =>
    step.id === stepId ? { ...step, config: { ...step.config, instanceCount: count } } : step,
  );
  return { ...design, steps };
}

/** Our compile() at one size: `runs` of each figure, medians. */
export function compileFigures(size: number, runs: number, tag: string): CompileFigures {
  const cold: number[] = [];
  const reload: number[] = [];
  const edit: number[] = [];
  let last: Design | undefined;
  for (let run = 0; run < runs; run++) {
    const codeTag = `${tag} ${size} ${run}`;
    const [first, second] = [load(benchDesign(size, codeTag)), load(benchDesign(size, codeTag))];
    cold.push(timed(first));
    reload.push(timed(second));
    edit.push(timed(withInstanceCount(second, editedStepId(size), 2 + run)));
    last = second;
  }
  const result = compile(last as Design);
  const definitionBytes = result.ok
    ? result.json.length
    : Number(/([\d.]+) MB/.exec(result.errors[0]?.message ?? "")?.[1] ?? 0) * 1048576;
  return {
    size,
    coldMs: median(cold),
    reloadMs: median(reload),
    editMs: median(edit),
    definitionBytes: Math.round(definitionBytes),
    ok: result.ok,
  };
}

export interface SdkFigures {
  size: number;
  runs: number;
  buildMs: number;
  definitionMs: number;
}

/** The SDK's times for the same designs (same generator, own code tag), or why there are none. */
export function sdkFigures(sizes: { size: number; runs: number }[]): SdkFigures[] | string {
  if (!existsSync(ORACLE_PYTHON)) return "no oracle venv: run npm run setup:oracle";
  const dir = mkdtempSync(join(tmpdir(), "pd-bench-sdk-"));
  try {
    const figures: SdkFigures[] = [];
    // One process per size, smallest first: each pays its own warm-up build, unreported.
    for (const { size, runs } of sizes) {
      const file = join(dir, `bench-${size}.pipeline.json`);
      writeFileSync(file, JSON.stringify(benchDesign(size, `sdk ${size}`)));
      const child = spawnSync(
        ORACLE_PYTHON,
        [join(import.meta.dirname, "sdk_timing.py"), String(runs), file],
        { encoding: "utf8", maxBuffer: 1 << 26 },
      );
      if (child.status !== 0)
        return `sdk_timing.py failed at ${size} steps: ${child.stderr.slice(-2000)}`;
      const record = JSON.parse(child.stdout.trim()) as {
        runs: { build_ms: number; definition_ms: number }[];
      };
      figures.push({
        size,
        runs,
        buildMs: median(record.runs.map((r) => r.build_ms)),
        definitionMs: median(record.runs.map((r) => r.definition_ms)),
      });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
