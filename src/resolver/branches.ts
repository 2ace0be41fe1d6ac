import { stepType } from "../catalog";
import {
  BRANCH_INPUT,
  BRANCH_OUTPUTS,
  branchLayout,
  findStep,
  isBranchEdge,
  sameEdge,
  upstreamMap,
  type Branch,
  type BranchLayout,
  type BranchOutput,
  type Design,
  type Edge,
  type Step,
} from "../model";

/** How a branch port is named on the canvas, in the inspector and in messages. */
export const BRANCH_LABELS: Readonly<Record<BranchOutput, string>> = {
  if_true: "if true",
  if_false: "if false",
};

/** Whether a step is a Condition (the only step type with branch ports). */
export function isConditionStep(step: Step | undefined): boolean {
  return step !== undefined && stepType(step.type)?.sagemakerKind === "Condition";
}

const NO_BRANCHES: readonly BranchOutput[] = [];

/** The branch ports a step offers: a Condition's two, none for any other step (one shared list each). */
export function branchOutputsOf(step: Step | undefined): readonly BranchOutput[] {
  return isConditionStep(step) ? BRANCH_OUTPUTS : NO_BRANCHES;
}

/** Every step of a known type takes a branch link on its `branch` input. */
export function hasBranchInput(step: Step | undefined): boolean {
  return step !== undefined && stepType(step.type) !== undefined;
}

/** Every output port name of a step: the catalog's outputs, then a condition's branch ports. */
export function outputPortNames(step: Step): string[] {
  return [
    ...(stepType(step.type)?.outputs.map((output) => output.logicalName) ?? []),
    ...branchOutputsOf(step),
  ];
}

/** Every input port name of a step: the catalog's dependencies, then its `branch` input. */
export function inputPortNames(step: Step): string[] {
  const definition = stepType(step.type);
  if (!definition) return [];
  return [...definition.dependencies.map((dependency) => dependency.logicalName), BRANCH_INPUT];
}

/**
 * Steps a step reads through operands (a condition's metrics and step properties, a fail
 * message's parts): it runs after them, as a data link would make it. Read tolerantly: a config
 * that does not match its schema yields what it can.
 */
export function operandSteps(step: Step): string[] {
  const found: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    for (const key of ["metric", "property"] as const) {
      const reference = record[key];
      if (reference && typeof reference === "object" && !Array.isArray(reference)) {
        const id = (reference as Record<string, unknown>).step;
        if (typeof id === "string" && !found.includes(id)) found.push(id);
      }
    }
    for (const [key, inner] of Object.entries(record))
      if (key !== "metric" && key !== "property" && key !== "literal") visit(inner);
  };
  visit(step.config.conditions);
  visit(step.config.errorMessage);
  return found;
}

const runsAfterCache = new WeakMap<Design, Map<string, string[]>>();

/**
 * For every step, the steps it must run after: its links' sources (branch links included: a
 * branch step runs after its condition), `dependsOn`, and the steps its operands read.
 */
export function runsAfter(design: Design): Map<string, string[]> {
  const cached = runsAfterCache.get(design);
  if (cached) return cached;
  const map = upstreamMap(design);
  const known = new Set(design.steps.map((step) => step.id));
  for (const step of design.steps) {
    const list = map.get(step.id);
    if (!list) continue;
    for (const id of operandSteps(step))
      if (known.has(id) && id !== step.id && !list.includes(id)) list.push(id);
  }
  runsAfterCache.set(design, map);
  return map;
}

/**
 * The cycle a link from → to would close, as step ids in run order (`to` first and last), or
 * null when `to` does not already run before `from`.
 */
export function cycleThrough(design: Design, from: string, to: string): string[] | null {
  if (from === to) return [from, to];
  const upstream = runsAfter(design);
  // Breadth first from `from`, upstream-wise: the shortest chain by which `to` runs before it.
  const next = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (id === to) {
      const path = [to];
      let current = to;
      while (current !== from) {
        current = next.get(current) as string;
        path.push(current);
      }
      return [...path, to];
    }
    for (const before of upstream.get(id) ?? []) {
      if (seen.has(before)) continue;
      seen.add(before);
      next.set(before, id);
      queue.push(before);
    }
  }
  return null;
}

const layoutCache = new WeakMap<Design, BranchLayout>();

/** `branchLayout` of a design, computed once per document version. */
export function layoutOf(design: Design): BranchLayout {
  let layout = layoutCache.get(design);
  if (!layout) {
    layout = branchLayout(design);
    layoutCache.set(design, layout);
  }
  return layout;
}

const branchKey = (branch: Branch) => `${branch.condition}:${branch.branch}`;
const conflictKey = (conflict: BranchLayout["conflicts"][number]) =>
  `${conflict.step}|${conflict.branches.map(branchKey).sort().join(",")}`;

/**
 * The conflicts (a step in two branches that do not nest) that adding `edge` would create, or
 * an empty list. Only designs with branch links can have any.
 */
export function newBranchConflicts(design: Design, edge: Edge): BranchLayout["conflicts"] {
  const others = design.edges.filter((existing) => !sameEdge(existing, edge));
  if (!isBranchEdge(edge) && !others.some(isBranchEdge)) return [];
  const before =
    others.length === design.edges.length
      ? layoutOf(design)
      : branchLayout({ ...design, edges: others });
  const after = branchLayout({ ...design, edges: [...others, edge] });
  if (after.conflicts.length === 0) return [];
  const known = new Set(before.conflicts.map(conflictKey));
  return after.conflicts.filter((conflict) => !known.has(conflictKey(conflict)));
}

/** "Gate's "if true" branch", for messages. */
export function describeBranch(design: Design, branch: Branch): string {
  const name = findStep(design, branch.condition)?.name ?? branch.condition;
  return `the "${BRANCH_LABELS[branch.branch]}" branch of ${name}`;
}

/** Why a step may not be in the branches a conflict names, in words. */
export function describeConflict(
  design: Design,
  conflict: BranchLayout["conflicts"][number],
): string {
  const name = findStep(design, conflict.step)?.name ?? conflict.step;
  const conditions = [...new Set(conflict.branches.map((branch) => branch.condition))];
  if (conditions.length === 1) {
    const condition = findStep(design, conditions[0] as string)?.name ?? conditions[0];
    return `in both branches: ${name} would run in both "if true" and "if false" of ${condition}; a step runs in one branch only`;
  }
  const names = conditions.map((id) => findStep(design, id)?.name ?? id).join(" and ");
  return `in two branches: ${name} would run in branches of both ${names}, which do not nest; a step runs in one branch only`;
}
