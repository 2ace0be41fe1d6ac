import { stepType } from "../catalog";
import { connect, topologicalOrder, type Design, type Edge } from "../model";
import { outputPortNames } from "./branches";
import { checkLink } from "./linkCheck";
import { ACCEPT_THRESHOLD, type ScorePart } from "./score";

export interface Candidate {
  edge: Edge;
  score: number;
  parts: ScorePart[];
  explanation: string;
}

export interface LinkProposal extends Candidate {
  /** Other allowed candidates, best first, for a user who wants to pick differently. */
  alternatives: Candidate[];
}

export interface UnresolvedInput {
  step: string;
  input: string;
  reason: string;
}

export interface ProposalResult {
  proposals: LinkProposal[];
  unresolved: UnresolvedInput[];
}

/**
 * Proposes links for every unfed required input. Proposals are chosen one at a time on a
 * working copy that already holds the earlier ones, so together they never close a cycle or
 * feed an input twice; each passed the same `checkLink` as a manual link.
 */
export function proposeLinks(design: Design): ProposalResult {
  const order = topologicalOrder(design) ?? design.steps.map((step) => step.id);
  let working = design;
  const proposals: LinkProposal[] = [];
  const unresolved: UnresolvedInput[] = [];
  for (const stepId of order) {
    const step = working.steps.find((candidate) => candidate.id === stepId);
    const definition = step && stepType(step.type);
    if (!step || !definition) continue;
    for (const dependency of definition.dependencies) {
      if (!dependency.required) continue;
      if (
        working.edges.some(
          (edge) => edge.to.step === step.id && edge.to.input === dependency.logicalName,
        )
      )
        continue;
      const candidates = candidatesFor(working, step.id, dependency.logicalName);
      const best = candidates[0];
      if (!best || best.score < ACCEPT_THRESHOLD) {
        const reason = best
          ? `best candidate ${describeEdge(working, best.edge)} scores ${best.score.toFixed(2)}, below ${ACCEPT_THRESHOLD}`
          : "no step offers a compatible output";
        unresolved.push({ step: step.id, input: dependency.logicalName, reason });
        continue;
      }
      const connected = connect(working, best.edge);
      if (!connected.ok) continue;
      working = connected.design;
      proposals.push({
        ...best,
        alternatives: candidates.slice(1).filter((c) => c.score >= ACCEPT_THRESHOLD),
      });
    }
  }
  return { proposals, unresolved };
}

/**
 * Every allowed link into one input, scored, best first; ties keep design order. For the
 * `branch` input these are the conditions' branches that may take the step.
 */
export function candidatesFor(design: Design, stepId: string, input: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const provider of design.steps) {
    if (provider.id === stepId) continue;
    for (const output of outputPortNames(provider)) {
      const edge: Edge = {
        from: { step: provider.id, output },
        to: { step: stepId, input },
      };
      const check = checkLink(design, edge);
      if (check.allowed)
        candidates.push({
          edge,
          score: check.score,
          parts: check.parts,
          explanation: check.explanation,
        });
    }
  }
  return candidates.sort((a, b) => b.score - a.score);
}

function describeEdge(design: Design, edge: Edge): string {
  const name = (id: string) => design.steps.find((step) => step.id === id)?.name ?? id;
  return `${name(edge.from.step)}.${edge.from.output}`;
}
