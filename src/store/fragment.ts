import { z } from "zod";
import {
  EdgeSchema,
  StepSchema,
  uniqueStepId,
  uniqueStepName,
  type Design,
  type Edge,
  type Step,
} from "../model";

/** What copy puts on the clipboard: steps and the links among them, as design JSON. */
export const FRAGMENT_FORMAT = "sagemaker-pipeline-design-fragment";

export const FragmentSchema = z.object({
  format: z.literal(FRAGMENT_FORMAT),
  steps: z.array(StepSchema),
  edges: z.array(EdgeSchema),
});
export type DesignFragment = z.infer<typeof FragmentSchema>;

export function copyFragment(design: Design, ids: readonly string[]): DesignFragment {
  const chosen = new Set(ids);
  return {
    format: FRAGMENT_FORMAT,
    steps: design.steps.filter((step) => chosen.has(step.id)),
    edges: design.edges.filter((edge) => chosen.has(edge.from.step) && chosen.has(edge.to.step)),
  };
}

/**
 * Adds a fragment's steps under fresh ids and names (`-2`, `-3`…), shifted by `offset`, with
 * the links among them; links to steps outside the fragment are not carried over.
 */
export function pasteFragment(
  design: Design,
  fragment: DesignFragment,
  offset: { x: number; y: number },
): { design: Design; ids: string[] } {
  let next = design;
  const idMap = new Map<string, string>();
  const steps: Step[] = [];
  for (const step of fragment.steps) {
    const id = uniqueStepId(next, step.id);
    const name = uniqueStepName(next, step.name);
    const dependsOn = Array.isArray(step.config.dependsOn) ? { dependsOn: [] } : {};
    const pasted: Step = {
      ...step,
      id,
      name,
      position: { x: step.position.x + offset.x, y: step.position.y + offset.y },
      config: { ...structuredClone(step.config), ...dependsOn },
    };
    idMap.set(step.id, id);
    steps.push(pasted);
    next = { ...next, steps: [...next.steps, pasted] };
  }
  const edges: Edge[] = fragment.edges
    .filter((edge) => idMap.has(edge.from.step) && idMap.has(edge.to.step))
    .map((edge) => ({
      from: { ...edge.from, step: idMap.get(edge.from.step) as string },
      to: { ...edge.to, step: idMap.get(edge.to.step) as string },
    }));
  return {
    design: { ...next, edges: [...next.edges, ...edges] },
    ids: steps.map((step) => step.id),
  };
}
