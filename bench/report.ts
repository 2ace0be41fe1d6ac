// The results file and the table printed (and pasted into README.md's Performance section).
import type { CompileFigures, SdkFigures } from "./compile";
import type { FrameRun } from "./canvas";
import { round } from "./stats";

export interface CanvasFigures {
  size: number;
  designer: { loadMs: number; pan: FrameRun; drag: FrameRun };
  bare: { loadMs: number; pan: FrameRun; drag: FrameRun };
}
export interface EditFigures {
  size: number;
  definitionMs: number | null;
  badgeMs: number;
  bareRenameMs: number;
}
export interface Budget {
  budget: string;
  figure: string;
  met: boolean;
}
export interface Results {
  date: string;
  machine: Record<string, string | number>;
  method: Record<string, string>;
  bundle: { initialJsGzipKb: number; limitKb: number; files: { file: string; gzip: number }[] };
  compile: { ours: CompileFigures[]; sdk: SdkFigures[] | string };
  canvas: CanvasFigures[];
  edit: EditFigures[];
  budgets: Budget[];
}

const ms = (value: number | null) => (value === null ? "—" : `${round(value)} ms`);
const x = (value: number) => `${round(value)}×`;

export function budgets(results: Omit<Results, "budgets">): Budget[] {
  const canvas = (size: number) => results.canvas.find((figures) => figures.size === size);
  const found: Budget[] = [];
  const c500 = canvas(500);
  if (c500) {
    const worst = Math.max(c500.designer.pan.p95, c500.designer.drag.p95);
    found.push({
      budget: "500 steps: pan/drag p95 frame ≤ 16.7 ms",
      figure: `pan ${ms(c500.designer.pan.p95)}, drag ${ms(c500.designer.drag.p95)}`,
      met: worst <= 16.7 + 0.5,
    });
  }
  const c1000 = canvas(1000);
  if (c1000) {
    const pan = c1000.designer.pan.p95 / c1000.bare.pan.p95;
    const drag = c1000.designer.drag.p95 / c1000.bare.drag.p95;
    found.push({
      budget: "1000 steps: p95 ≤ 1.1× bare React Flow",
      figure: `pan ${x(pan)}, drag ${x(drag)}`,
      met: Math.max(pan, drag) <= 1.1,
    });
  }
  const e100 = results.edit.find((figures) => figures.size === 100);
  if (e100) {
    const worst = Math.max(e100.definitionMs ?? Infinity, e100.badgeMs);
    found.push({
      budget: "edit → Definition preview and badge ≤ 16 ms at 100 steps",
      figure: `preview ${ms(e100.definitionMs)}, badge ${ms(e100.badgeMs)}`,
      met: worst <= 16,
    });
  }
  const ours500 = results.compile.ours.find((figures) => figures.size === 500);
  const sdk500 =
    typeof results.compile.sdk === "string"
      ? undefined
      : results.compile.sdk.find((figures) => figures.size === 500);
  if (ours500) {
    found.push({
      budget: "compile 500 steps ≤ 50 ms",
      figure: `cold ${ms(ours500.coldMs)}, reload ${ms(ours500.reloadMs)}, after an edit ${ms(ours500.editMs)}`,
      met: ours500.coldMs <= 50,
    });
    if (sdk500)
      found.push({
        budget: "compile 500 steps ≥ 50× faster than the SDK",
        figure: `${x(sdk500.buildMs / ours500.coldMs)} (SDK build ${ms(sdk500.buildMs)})`,
        met: sdk500.buildMs / ours500.coldMs >= 50,
      });
  }
  found.push({
    budget: `initial JS ≤ ${results.bundle.limitKb} kB gzip`,
    figure: `${results.bundle.initialJsGzipKb} kB`,
    met: results.bundle.initialJsGzipKb <= results.bundle.limitKb,
  });
  return found;
}

/** Markdown tables: the same text is printed and pasted into the README. */
export function table(results: Results): string {
  const lines: string[] = [];
  lines.push(
    "| steps | load: designer / bare | pan p50 · p95: designer / bare | drag p50 · p95: designer / bare | pan p95 ratio | drag p95 ratio |",
  );
  lines.push("| ---: | --- | --- | --- | ---: | ---: |");
  for (const { size, designer, bare } of results.canvas) {
    const frames = (run: FrameRun) => `${round(run.p50)} · ${round(run.p95)}`;
    lines.push(
      `| ${size} | ${ms(designer.loadMs)} / ${ms(bare.loadMs)} (${x(designer.loadMs / bare.loadMs)}) | ${frames(designer.pan)} / ${frames(bare.pan)} ms | ${frames(designer.drag)} / ${frames(bare.drag)} ms | ${x(designer.pan.p95 / bare.pan.p95)} | ${x(designer.drag.p95 / bare.drag.p95)} |`,
    );
  }
  lines.push("");
  lines.push(
    "| steps | edit → Definition preview | edit → node badge | bare: rename one node | badge ratio |",
  );
  lines.push("| ---: | ---: | ---: | ---: | ---: |");
  for (const edit of results.edit)
    lines.push(
      `| ${edit.size} | ${ms(edit.definitionMs)} | ${ms(edit.badgeMs)} | ${ms(edit.bareRenameMs)} | ${x(edit.badgeMs / edit.bareRenameMs)} |`,
    );
  lines.push("");
  lines.push(
    "| steps | definition | compile cold | reload | after an edit | SDK build | SDK definition() | SDK build ÷ cold |",
  );
  lines.push("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const sdk = typeof results.compile.sdk === "string" ? [] : results.compile.sdk;
  for (const ours of results.compile.ours) {
    const theirs = sdk.find((figures) => figures.size === ours.size);
    lines.push(
      `| ${ours.size} | ${round(ours.definitionBytes / 1e6)} MB${ours.ok ? "" : " (PD305)"} | ${ms(ours.coldMs)} | ${ms(ours.reloadMs)} | ${ms(ours.editMs)} | ${theirs ? ms(theirs.buildMs) : "not run"} | ${theirs ? ms(theirs.definitionMs) : "not run"} | ${theirs ? x(theirs.buildMs / ours.coldMs) : "—"} |`,
    );
  }
  lines.push("");
  lines.push("| budget | figure | met |");
  lines.push("| --- | --- | --- |");
  for (const budget of results.budgets)
    lines.push(`| ${budget.budget} | ${budget.figure} | ${budget.met ? "yes" : "no"} |`);
  return lines.join("\n");
}
