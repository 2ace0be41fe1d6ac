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

/**
 * A config with every operand's step reference (`{ metric: { step } }`, `{ property: { step } }`)
 * mapped through `idMap`; the same object when nothing changes.
 */
function remapOperands(value: unknown, idMap: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    const mapped = value.map((item) => remapOperands(item, idMap));
    return mapped.some((item, index) => item !== value[index]) ? mapped : value;
  }
  if (!value || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    let mapped = remapOperands(inner, idMap);
    if ((key === "metric" || key === "property") && mapped && typeof mapped === "object") {
      const reference = mapped as Record<string, unknown>;
      const target = typeof reference.step === "string" ? idMap.get(reference.step) : undefined;
      if (target !== undefined) mapped = { ...reference, step: target };
    }
    if (mapped !== inner) changed = true;
    Object.defineProperty(copy, key, {
      value: mapped,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return changed ? copy : value;
}

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
  // A pasted condition or fail message reads the pasted copy of a step it read, if it was copied too.
  for (const [index, step] of steps.entries()) {
    let config = step.config;
    for (const key of ["conditions", "errorMessage"]) {
      if (!Object.hasOwn(config, key)) continue;
      const mapped = remapOperands(config[key], idMap);
      if (mapped !== config[key]) config = { ...config, [key]: mapped };
    }
    if (config !== step.config) {
      const pasted = { ...step, config };
      steps[index] = pasted;
      next = {
        ...next,
        steps: next.steps.map((existing) => (existing.id === step.id ? pasted : existing)),
      };
    }
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
