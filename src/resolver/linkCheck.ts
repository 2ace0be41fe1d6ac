import { stepType, type DependencySpec, type OutputSpec, type StepTypeName } from "../catalog";
import {
  findCycle,
  findStep,
  sameEdge,
  wouldCreateCycle,
  type Design,
  type Edge,
  type Step,
} from "../model";
import { explainScore, scoreMatch, type ScorePart } from "./score";

export type LinkGate =
  | "selfLink"
  | "unknownStep"
  | "unknownPort"
  | "type"
  | "dataType"
  | "source"
  | "cycle"
  | "alreadyFed";

export type LinkCheck =
  | { allowed: true; score: number; parts: ScorePart[]; explanation: string }
  | { allowed: false; gate: LinkGate; message: string };

export interface LinkCheckOptions {
  /** Gates to leave to the caller, e.g. the compiler reports cycles once for the whole design. */
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
  if (!skip.has("cycle") && wouldCreateCycle(withoutEdge(design, edge), source.id, target.id)) {
    const cycle = findCycle({ ...design, edges: [...withoutEdge(design, edge).edges, edge] });
    const path = cycle
      ? cycle.map((id) => findStep(design, id)?.name ?? id).join(" → ")
      : `${source.name} → ${target.name}`;
    return refuse("cycle", `would create a cycle: ${path}`);
  }
  return {
    allowed: true,
    score: scored.score,
    parts: scored.parts,
    explanation: explainScore(scored.score, scored.parts),
  };
}

function withoutEdge(design: Design, edge: Edge): Design {
  return { ...design, edges: design.edges.filter((existing) => !sameEdge(existing, edge)) };
}
