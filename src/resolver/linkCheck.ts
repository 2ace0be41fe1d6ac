import { stepType, type DependencySpec, type OutputSpec, type StepTypeName } from "../catalog";
import {
  BRANCH_INPUT,
  findStep,
  isBranchOutput,
  sameEdge,
  type Design,
  type Edge,
  type Step,
} from "../model";
import {
  BRANCH_LABELS,
  cycleThrough,
  describeConflict,
  hasBranchInput,
  isConditionStep,
  newBranchConflicts,
} from "./branches";
import { explainScore, scoreMatch, type ScorePart } from "./score";

export type LinkGate =
  | "selfLink"
  | "unknownStep"
  | "unknownPort"
  | "type"
  | "dataType"
  | "source"
  | "cycle"
  | "alreadyFed"
  /** A branch port linked to anything but a `branch` input, or the reverse. */
  | "branch"
  /** The link would put a step in two branches that do not nest (docs/gated-steps.md). */
  | "branchConflict";

export type LinkCheck =
  | { allowed: true; score: number; parts: ScorePart[]; explanation: string }
  | { allowed: false; gate: LinkGate; message: string };

export interface LinkCheckOptions {
  /**
   * Gates to leave to the caller, e.g. the compiler reports cycles once for the whole design.
   * `cycle`, `alreadyFed` and `branchConflict` look at the whole design; every other gate depends
   * on the edge and its two steps only, so a caller that keeps verdicts per edge skips those three.
   * Skipping `cycle` skips `branchConflict` too: both ask where a step sits in the whole graph,
   * and a caller that judges cycles itself judges branches itself (the compiler: PD711).
   */
  skip?: LinkGate[];
}

const refuse = (gate: LinkGate, message: string): LinkCheck => ({ allowed: false, gate, message });

export function dependencyOf(step: Step, input: string): DependencySpec | undefined {
  return stepType(step.type)?.dependencies.find((dependency) => dependency.logicalName === input);
}

export function outputOf(step: Step, output: string): OutputSpec | undefined {
  return stepType(step.type)?.outputs.find((candidate) => candidate.logicalName === output);
}

/**
 * May this link be drawn? The one check behind manual linking, auto-connect and compile: a
 * refusal names the gate and says why in words a user can act on.
 */
export function checkLink(design: Design, edge: Edge, options: LinkCheckOptions = {}): LinkCheck {
  const skip = new Set(options.skip ?? []);
  const source = findStep(design, edge.from.step);
  const target = findStep(design, edge.to.step);
  if (!source || !target)
    return refuse("unknownStep", `no step with id "${source ? edge.to.step : edge.from.step}"`);
  if (isBranchOutput(edge.from.output) || edge.to.input === BRANCH_INPUT)
    return checkBranchLink(design, edge, source, target, skip);
  if (source.id === target.id)
    return refuse(
      "selfLink",
      `${source.name}.${edge.from.output} cannot feed ${target.name}.${edge.to.input}: a step cannot feed itself`,
    );
  const output = outputOf(source, edge.from.output);
  if (!output) return refuse("unknownPort", `${source.name} has no output "${edge.from.output}"`);
  const dependency = dependencyOf(target, edge.to.input);
  if (!dependency) return refuse("unknownPort", `${target.name} has no input "${edge.to.input}"`);

  const scored = scoreMatch(dependency, output, source.type as StepTypeName);
  if (!scored.compatible)
    return refuse(scored.gate, `${target.name}.${dependency.logicalName}: ${scored.reason}`);
  const sources = dependency.compatibleSources;
  if (sources.length > 0 && !sources.includes(source.type as StepTypeName)) {
    const names = sources.map((type) => stepType(type)?.displayName ?? type).join(" or ");
    return refuse(
      "source",
      `incompatible source: ${target.name}.${dependency.logicalName} takes output of ${names}, not ${source.name}.${output.logicalName} of ${stepType(source.type)?.displayName ?? source.type}`,
    );
  }
  if (!skip.has("alreadyFed")) {
    const feeder = design.edges.find(
      (existing) =>
        existing.to.step === target.id &&
        existing.to.input === edge.to.input &&
        !sameEdge(existing, edge),
    );
    if (feeder) {
      const feederName = findStep(design, feeder.from.step)?.name ?? feeder.from.step;
      return refuse(
        "alreadyFed",
        `input already fed: ${target.name}.${dependency.logicalName} takes ${feederName}.${feeder.from.output}; remove that link first`,
      );
    }
  }
  if (!skip.has("cycle")) {
    const cycle = cycleThrough(withoutEdge(design, edge), source.id, target.id);
    if (cycle) return refuse("cycle", `would create a cycle: ${namePath(design, cycle)}`);
  }
  if (!skipsConflicts(skip)) {
    const conflict = newBranchConflicts(design, edge)[0];
    if (conflict) return refuse("branchConflict", describeConflict(design, conflict));
  }
  return {
    allowed: true,
    score: scored.score,
    parts: scored.parts,
    explanation: explainScore(scored.score, scored.parts),
  };
}

/**
 * A branch link: a Condition's `if_true` / `if_false` to another step's `branch` input, which puts
 * that step (and what only it feeds) in the branch. Refused with the reason: a branch port to a
 * data input or the reverse, a condition in its own branch, a step already in a branch, a cycle
 * (the target already runs before the condition, e.g. the evaluation whose metric it reads), a
 * step that would end up in two branches.
 */
function checkBranchLink(
  design: Design,
  edge: Edge,
  source: Step,
  target: Step,
  skip: ReadonlySet<LinkGate>,
): LinkCheck {
  const fromBranch = isBranchOutput(edge.from.output);
  if (fromBranch && !isConditionStep(source))
    return refuse(
      "unknownPort",
      `${source.name} has no output "${edge.from.output}": only a Condition step has branch ports`,
    );
  if (!fromBranch && !outputOf(source, edge.from.output))
    return refuse("unknownPort", `${source.name} has no output "${edge.from.output}"`);
  const toBranch = edge.to.input === BRANCH_INPUT;
  if (toBranch && !hasBranchInput(target))
    return refuse("unknownPort", `${target.name} has no input "${edge.to.input}"`);
  if (!toBranch && !dependencyOf(target, edge.to.input))
    return refuse("unknownPort", `${target.name} has no input "${edge.to.input}"`);
  if (fromBranch && !toBranch) {
    const label = BRANCH_LABELS[edge.from.output as keyof typeof BRANCH_LABELS];
    return refuse(
      "branch",
      `not a branch input: "${label}" of ${source.name} links only to a step's branch input (the port at the top of a node), not to ${target.name}.${edge.to.input}`,
    );
  }
  if (!fromBranch)
    return refuse(
      "branch",
      `not a branch: ${target.name}.branch takes a condition's "if true" or "if false", not ${source.name}.${edge.from.output}`,
    );
  const label = BRANCH_LABELS[edge.from.output as keyof typeof BRANCH_LABELS];
  if (source.id === target.id)
    return refuse(
      "selfLink",
      `${source.name} cannot run in its own "${label}" branch: a step cannot feed itself`,
    );
  if (!skip.has("alreadyFed")) {
    const feeder = design.edges.find(
      (existing) =>
        existing.to.step === target.id &&
        existing.to.input === BRANCH_INPUT &&
        !sameEdge(existing, edge),
    );
    if (feeder) {
      const feederName = findStep(design, feeder.from.step)?.name ?? feeder.from.step;
      const feederLabel = isBranchOutput(feeder.from.output)
        ? `the "${BRANCH_LABELS[feeder.from.output]}" branch of ${feederName}`
        : `${feederName}.${feeder.from.output}`;
      return refuse(
        "alreadyFed",
        `already in a branch: ${target.name} runs in ${feederLabel}; remove that branch link first`,
      );
    }
  }
  if (!skip.has("cycle")) {
    const cycle = cycleThrough(withoutEdge(design, edge), source.id, target.id);
    if (cycle)
      return refuse(
        "cycle",
        `would create a cycle: ${namePath(design, cycle)} (${target.name} already runs before ${source.name})`,
      );
  }
  if (!skipsConflicts(skip)) {
    const conflict = newBranchConflicts(design, edge)[0];
    if (conflict) return refuse("branchConflict", describeConflict(design, conflict));
  }
  const explanation = `${target.name} runs in the "${label}" branch of ${source.name}`;
  return {
    allowed: true,
    score: 1,
    parts: [{ factor: "branch", points: 1, detail: explanation }],
    explanation,
  };
}

const skipsConflicts = (skip: ReadonlySet<LinkGate>) =>
  skip.has("branchConflict") || skip.has("cycle");

function namePath(design: Design, ids: readonly string[]): string {
  return ids.map((id) => findStep(design, id)?.name ?? id).join(" → ");
}

/** The design without `edge`; the same object when it has no such edge (so caches keep working). */
function withoutEdge(design: Design, edge: Edge): Design {
  if (!design.edges.some((existing) => sameEdge(existing, edge))) return design;
  return { ...design, edges: design.edges.filter((existing) => !sameEdge(existing, edge)) };
}
