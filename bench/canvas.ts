// Canvas figures for one design size, on the designer and on the bare React Flow page in turn:
// load-to-interactive, and rAF frame intervals while panning the pane and dragging a node.
import type { Page } from "@playwright/test";
import { benchDesign } from "./designs";
import { percentile } from "./stats";

interface BenchStep {
  id: string;
  name: string;
  position: { x: number; y: number };
}
interface BenchDesign {
  steps: BenchStep[];
  edges: { from: { step: string; output: string }; to: { step: string; input: string } }[];
}

/** What each run of a gesture gave: frame interval percentiles (ms) and the frames seen. */
export interface FrameRun {
  p50: number;
  p95: number;
  frames: number;
}

const RESET_DESIGN = (() => {
  const design = benchDesign(4) as BenchDesign;
  // Ids that do not start with "c", so the next load's nodes are told apart from these.
  const id = (old: string) => `r${old}`;
  return {
    ...design,
    steps: design.steps.map((step) => ({ ...step, id: id(step.id) })),
    edges: design.edges.map((edge) => ({
      from: { ...edge.from, step: id(edge.from.step) },
      to: { ...edge.to, step: id(edge.to.step) },
    })),
  };
})();

/** The same graph for the bare page: default nodes labelled with the step name. */
function bareGraph(design: BenchDesign) {
  return {
    nodes: design.steps.map((step) => ({
      id: step.id,
      position: step.position,
      data: { label: step.name },
    })),
    edges: design.edges.map((edge, index) => ({
      id: `e${index}`,
      source: edge.from.step,
      target: edge.to.step,
    })),
  };
}

export class CanvasPages {
  private canvasBox = { width: 1000, height: 600 };
  constructor(
    readonly designer: Page,
    readonly bare: Page,
  ) {}

  /** Milliseconds from loadDesign to the fitted, measured canvas, after a reset to 4 steps. */
  async loadDesigner(design: unknown): Promise<number> {
    await this.designer.bringToFront();
    await this.designer.evaluate((reset) => window.__designer?.loadDesign(reset), RESET_DESIGN);
    await this.designer.waitForFunction(() => document.querySelector('[data-id="rc0-load"]'));
    const ms = await this.designer.evaluate(
      (value) => window.__bench.timeLoad(() => window.__designer?.loadDesign(value)),
      design,
    );
    const box = await this.designer.locator(".react-flow").boundingBox();
    if (box) this.canvasBox = { width: Math.round(box.width), height: Math.round(box.height) };
    return ms;
  }

  /** The same on the bare page, with the designer's canvas size (load the designer first). */
  async loadBare(design: BenchDesign): Promise<number> {
    await this.bare.bringToFront();
    const graph = bareGraph(design);
    await this.bare.evaluate((size) => window.__bare?.load([], [], size), this.canvasBox);
    await this.bare.waitForFunction(() => !document.querySelector(".react-flow__node"));
    return this.bare.evaluate(
      ({ nodes, edges, size }) =>
        window.__bench.timeLoad(() => window.__bare?.load(nodes, edges, size)),
      { ...graph, size: this.canvasBox },
    );
  }

  /** Frame intervals while the pointer drags from `from` out and back in small steps. */
  private async gesture(page: Page, from: { x: number; y: number }): Promise<FrameRun> {
    await page.bringToFront();
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.evaluate(() => window.__bench.startFrames());
    const steps = 60;
    for (const direction of [1, -1])
      for (let step = 1; step <= steps; step++) {
        const offset = direction === 1 ? step : steps - step;
        await page.mouse.move(from.x + offset * 5, from.y + offset * 2);
      }
    const deltas = await page.evaluate(() => window.__bench.stopFrames());
    await page.mouse.up();
    return { p50: percentile(deltas, 50), p95: percentile(deltas, 95), frames: deltas.length };
  }

  async pan(page: Page): Promise<FrameRun> {
    const point = await page.evaluate(() => window.__bench.emptyPanePoint());
    if (!point) throw new Error("no empty spot on the pane to pan from");
    return this.gesture(page, point);
  }

  async drag(page: Page): Promise<FrameRun> {
    const node = await page.evaluate(() => window.__bench.centralNode());
    if (!node) throw new Error("no node of the design is shown");
    return this.gesture(page, node);
  }
}

declare global {
  interface Window {
    __bench: {
      timeLoad: (load: () => unknown) => Promise<number>;
      startFrames: () => void;
      stopFrames: () => number[];
      emptyPanePoint: () => { x: number; y: number } | null;
      centralNode: () => { x: number; y: number; id: string } | null;
      timeEdit: (selector: string, text: string) => Promise<number>;
    };
    /** bench/bare/main.tsx; `size` is the designer's canvas box, so both fit at the same zoom. */
    __bare?: {
      load: (nodes: unknown[], edges: unknown[], size: { width: number; height: number }) => void;
    };
  }
}
