// npm run bench: every figure of DESIGN.md §8 in one run, each against a baseline measured in
// the same run (bare React Flow, the SageMaker SDK, the size limit), medians of several runs.
// Writes bench/results/<date>.json and prints the tables. Never part of npm test: timings on a
// shared 2-core machine are noise-prone, which is why only ratios and medians are reported.
//   BENCH_RUNS (default 5)   runs per browser figure and per compile figure
//   BENCH_SDK_2000=1         also time the SDK at 2000 steps (minutes: it grows faster than linearly)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";
import { format } from "prettier";
import { build, initialJs, LIMIT_KB } from "../scripts/check-bundle.mjs";
import { openHarness } from "./browser";
import { CanvasPages, type FrameRun } from "./canvas";
import { compileFigures, sdkFigures } from "./compile";
import { benchDesign, editedStepId } from "./designs";
import { editBare, editDesigner, selectStep } from "./edit";
import { budgets, table, type CanvasFigures, type EditFigures, type Results } from "./report";
import { median, round } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CANVAS_SIZES = [100, 500, 1000, 2000];
const EDIT_SIZES = [10, 100, 500];
const COMPILE_SIZES = [10, 100, 500, 2000];

const log = (line: string) => console.error(`[bench] ${line}`);
const medianRun = (runs: FrameRun[]): FrameRun => ({
  p50: median(runs.map((run) => run.p50)),
  p95: median(runs.map((run) => run.p95)),
  frames: median(runs.map((run) => run.frames)),
});

function bundleFigures(): Results["bundle"] {
  log("bundle: production build");
  const dir = build();
  try {
    const files = initialJs(dir);
    const total = files.reduce((sum, file) => sum + file.gzip, 0);
    return {
      initialJsGzipKb: round(total / 1000),
      limitKb: LIMIT_KB,
      files: files.map(({ file, gzip }) => ({ file: file.replace(/-[\w-]{8}\.js$/, ".js"), gzip })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function compileAll(): Results["compile"] {
  compileFigures(100, 1, "warm-up");
  const ours = COMPILE_SIZES.map((size) => {
    log(`compile: ${size} steps`);
    return compileFigures(size, size >= 2000 ? Math.min(RUNS, 3) : RUNS, "bench");
  });
  log("compile: SageMaker SDK");
  const sdkSizes = [
    { size: 10, runs: 3 },
    { size: 100, runs: 3 },
    { size: 500, runs: 1 },
    ...(process.env.BENCH_SDK_2000 === "1" ? [{ size: 2000, runs: 1 }] : []),
  ];
  return { ours, sdk: sdkFigures(sdkSizes) };
}

async function browserAll(): Promise<{
  canvas: CanvasFigures[];
  edit: EditFigures[];
  chromium: string;
}> {
  log("browser: building the designer (test hooks) and the bare page");
  const harness = await openHarness();
  const pages = new CanvasPages(harness.designer, harness.bare);
  try {
    const canvas: CanvasFigures[] = [];
    for (const size of CANVAS_SIZES) {
      log(`canvas: ${size} steps`);
      const design = benchDesign(size) as Parameters<CanvasPages["loadBare"]>[0];
      const load = { designer: [] as number[], bare: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        load.designer.push(await pages.loadDesigner(design));
        load.bare.push(await pages.loadBare(design));
      }
      const gestures = { designer: { pan: [], drag: [] }, bare: { pan: [], drag: [] } } as Record<
        "designer" | "bare",
        { pan: FrameRun[]; drag: FrameRun[] }
      >;
      for (let run = 0; run < RUNS; run++)
        for (const side of ["designer", "bare"] as const) {
          const page = side === "designer" ? harness.designer : harness.bare;
          gestures[side].pan.push(await pages.pan(page));
          gestures[side].drag.push(await pages.drag(page));
        }
      canvas.push({
        size,
        designer: {
          loadMs: median(load.designer),
          pan: medianRun(gestures.designer.pan),
          drag: medianRun(gestures.designer.drag),
        },
        bare: {
          loadMs: median(load.bare),
          pan: medianRun(gestures.bare.pan),
          drag: medianRun(gestures.bare.drag),
        },
      });
    }
    const edit: EditFigures[] = [];
    for (const size of EDIT_SIZES) {
      log(`edit: ${size} steps`);
      const design = benchDesign(size) as Parameters<CanvasPages["loadBare"]>[0];
      await pages.loadDesigner(design);
      await pages.loadBare(design);
      const stepId = editedStepId(size);
      await selectStep(harness.designer, stepId);
      const runs = { definition: [] as number[], badge: [] as number[], bare: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        const figures = await editDesigner(harness.designer, stepId, run);
        if (figures.definition !== null) runs.definition.push(figures.definition);
        runs.badge.push(figures.badge);
        runs.bare.push(await editBare(harness.bare, stepId, run));
      }
      edit.push({
        size,
        definitionMs: runs.definition.length > 0 ? median(runs.definition) : null,
        badgeMs: median(runs.badge),
        bareRenameMs: median(runs.bare),
      });
    }
    return { canvas, edit, chromium: harness.chromiumVersion };
  } finally {
    await harness.close();
  }
}

const started = new Date();
const loadBefore = loadavg()[0] ?? 0;
const bundle = bundleFigures();
const compiled = compileAll();
const browser = await browserAll();
const partial: Omit<Results, "budgets"> = {
  date: started.toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGb: round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    chromium: browser.chromium,
    loadAverageBefore: round(loadBefore),
    loadAverageAfter: round(loadavg()[0] ?? 0),
  },
  method: {
    designs:
      "bench/designs.ts: the two examples' chains (DataLoad → TabularPreprocessing → PyTorch or XGBoost training → model), alternating, on a grid",
    canvas: `headless Chromium ${"(scripts/chromium.mjs CHROMIUM_ARGS)"}, viewport 1600×1000; both pages fit the whole graph in the designer's canvas box; ${RUNS} runs, median of the per-run p50/p95 of requestAnimationFrame deltas; pan = pointer drag on the empty pane, drag = the node nearest the centre, 120 pointer moves out and back`,
    load: "loadDesign (designer: parse, validate, compile, render) or setNodes (bare) → first frame with the new nodes measured and the view fitted",
    edit: "Enter in the Instance count field → DOM shows the new value in the Definition preview / the error badge on the node (MutationObserver); bare: Enter in a label field → the node shows the new label",
    compile:
      "Node, compile() of a loadDesign() result; cold = scripts never compiled in this process, reload = same scripts in a new design object, edit = one Instance count changed; SDK = tests/oracle/oracle.py's Builder under moto (build = all SDK objects + definition(); definition() alone also given), 1 unreported warm-up build per process",
    bundle:
      "scripts/check-bundle.mjs: gzip (zlib default level) of the JS index.html loads initially, production build without test hooks",
  },
  bundle,
  compile: compiled,
  canvas: browser.canvas,
  edit: browser.edit,
};
const results: Results = { ...partial, budgets: budgets(partial) };
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const file = join(dir, `${started.toISOString().slice(0, 10)}.json`);
writeFileSync(file, await format(JSON.stringify(results), { filepath: file, printWidth: 100 }));
console.log(table(results));
log(`written ${file}`);
