import { explicitDependsOn } from "./graph";
import type { Design, Edge } from "./schema";

/** A Condition step's two branch ports, and the input every step takes a branch link on. */
export const BRANCH_OUTPUTS = ["if_true", "if_false"] as const;
export type BranchOutput = (typeof BRANCH_OUTPUTS)[number];
export const BRANCH_INPUT = "branch";

export const isBranchOutput = (name: string): name is BranchOutput =>
  (BRANCH_OUTPUTS as readonly string[]).includes(name);

/** A link from a condition's branch port to a step's `branch` input (docs/gated-steps.md). */
export const isBranchEdge = (edge: Edge): boolean =>
  isBranchOutput(edge.from.output) || edge.to.input === BRANCH_INPUT;

export interface Branch {
  condition: string;
  branch: BranchOutput;
}

export interface BranchLayout {
  /** Step id → the innermost branch it runs in; absent for top-level steps. */
  branchOf: Map<string, Branch>;
  /** Condition id → its direct members per branch (nested conditions' members stay inside them). */
  members: Map<string, Record<BranchOutput, string[]>>;
  /** Steps reached by both branches of one condition, or by branches of unrelated conditions. */
  conflicts: { step: string; branches: Branch[] }[];
}

/**
 * Which steps run inside which branch, as the SDK's `ConditionStep(if_steps, else_steps)` nests
 * them: a branch link's target belongs to the branch, and so does every step downstream of a
 * member through data links or `dependsOn` (it can only run once the member has). A step reached
 * from two branches that do not nest is a conflict: SageMaker cannot run it in both places.
 * Steps keep the design's order; callers order members topologically themselves.
 */
export function branchLayout(design: Design): BranchLayout {
  const downstream = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = downstream.get(from);
    if (list) list.push(to);
    else downstream.set(from, [to]);
  };
  const seeds: { edge: Edge; branch: Branch }[] = [];
  for (const edge of design.edges) {
    if (isBranchOutput(edge.from.output))
      seeds.push({ edge, branch: { condition: edge.from.step, branch: edge.from.output } });
    else if (edge.to.input !== BRANCH_INPUT) link(edge.from.step, edge.to.step);
  }
  for (const step of design.steps) for (const id of explicitDependsOn(step)) link(id, step.id);

  // Every branch's full reach (its seeds and their data descendants).
  const reach = new Map<string, Branch[]>();
  for (const { edge, branch } of seeds) {
    const stack = [edge.to.step];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id) || id === branch.condition) continue;
      seen.add(id);
      const list = reach.get(id) ?? [];
      if (!list.some((b) => b.condition === branch.condition && b.branch === branch.branch))
        list.push(branch);
      reach.set(id, list);
      for (const next of downstream.get(id) ?? []) stack.push(next);
    }
  }

  // A branch nests inside another when its condition is reached by that other branch.
  const within = (inner: Branch, outer: Branch): boolean => {
    let current: Branch | undefined = inner;
    const visited = new Set<string>();
    while (current && !visited.has(current.condition)) {
      if (current.condition === outer.condition) return current.branch === outer.branch;
      visited.add(current.condition);
      current = (reach.get(current.condition) ?? [])[0];
    }
    return false;
  };

  const branchOf = new Map<string, Branch>();
  const conflicts: BranchLayout["conflicts"] = [];
  for (const [id, branches] of reach) {
    // The innermost branch is the one every other reaching branch contains.
    const innermost = branches.find((candidate) =>
      branches.every((other) => other === candidate || within(candidate, other)),
    );
    if (innermost) branchOf.set(id, innermost);
    else conflicts.push({ step: id, branches });
  }

  const members = new Map<string, Record<BranchOutput, string[]>>();
  for (const step of design.steps) {
    const branch = branchOf.get(step.id);
    if (!branch) continue;
    const entry = members.get(branch.condition) ?? { if_true: [], if_false: [] };
    entry[branch.branch].push(step.id);
    members.set(branch.condition, entry);
  }
  return { branchOf, members, conflicts };
}
