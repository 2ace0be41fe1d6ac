import type { Design, Step } from "../model";
import type { CompileContext, Upload } from "./context";
import type { RenderedStep } from "./steps/shared";
import type { ResolvedStep } from "./validate";

interface Rendering {
  pipeline: Design["pipeline"];
  feeds: readonly unknown[];
  steps: RenderedStep[];
  uploads: Upload[];
}

// A step's rendering depends on the step, the pipeline settings, and the links into it with
// their source steps (renderers look one link upstream for property references and inherited
// versions, never further). The store keeps the identity of every object an edit left alone, so
// after an edit only the edited step and the steps it feeds are rendered again.
const renderings = new WeakMap<Step, Rendering>();

/** For each step id, the links into it, each followed by its source step (identity is the key). */
export function feedsByStep(design: Design): Map<string, unknown[]> {
  const byId = new Map(design.steps.map((step) => [step.id, step]));
  const feeds = new Map<string, unknown[]>();
  for (const edge of design.edges) {
    const list = feeds.get(edge.to.step) ?? [];
    list.push(edge, byId.get(edge.from.step));
    feeds.set(edge.to.step, list);
  }
  return feeds;
}

const sameItems = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * `render(context, resolved)` once per unchanged step: a repeat returns the same rendered steps
 * and registers the same uploads, in the same order, as rendering again would.
 */
export function renderOnce(
  context: CompileContext,
  resolved: ResolvedStep,
  feeds: readonly unknown[],
  render: (context: CompileContext, resolved: ResolvedStep) => RenderedStep[],
): RenderedStep[] {
  const { pipeline } = context.design;
  const cached = renderings.get(resolved.step);
  if (cached && cached.pipeline === pipeline && sameItems(cached.feeds, feeds)) {
    context.uploads.push(...cached.uploads);
    return cached.steps;
  }
  const before = context.uploads.length;
  const steps = render(context, resolved);
  renderings.set(resolved.step, { pipeline, feeds, steps, uploads: context.uploads.slice(before) });
  return steps;
}
