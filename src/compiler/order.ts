import { conditionOperands, operandStep, type Operand } from "../catalog";
import { orderByUpstream, upstreamMap, type Design } from "../model";
import type { ResolvedStep } from "./validate";

/** An operand of a condition or fail step with its config path (`conditions[0].left`). */
export interface LocatedOperand {
  operand: Operand;
  path: (string | number)[];
}

/** Every operand a step's config holds: a condition's comparisons, a fail message's parts. */
export function stepOperands(resolved: ResolvedStep): LocatedOperand[] {
  switch (resolved.type) {
    case "Condition":
      return resolved.config.conditions.flatMap((condition, index) => [
        ...conditionOperands(condition, ["conditions", index]),
      ]);
    case "Fail":
      return resolved.config.errorMessage.flatMap((part, index) =>
        typeof part === "string" ? [] : [{ operand: part, path: ["errorMessage", index] }],
      );
    default:
      return [];
  }
}

/**
 * For every step id, the ids it waits for: links (branch links included), `dependsOn`, and the
 * steps whose metrics or properties its operands read (a script must define those first, and
 * SageMaker runs them first: `JsonGet` and property references are implicit dependencies).
 */
export function dependencyMap(
  design: Design,
  resolved: ReadonlyMap<string, ResolvedStep>,
): Map<string, string[]> {
  const map = upstreamMap(design);
  for (const [id, entry] of resolved) {
    const list = map.get(id);
    if (!list) continue;
    for (const { operand } of stepOperands(entry)) {
      const source = operandStep(operand);
      if (source !== undefined && map.has(source) && source !== id && !list.includes(source))
        list.push(source);
    }
  }
  return map;
}

/**
 * The order steps are rendered in, at the top level and inside each branch: Kahn's algorithm over
 * `dependencyMap`, ties broken by position in `steps` (as `topologicalOrder` in src/model).
 * Null when the steps form a cycle.
 */
export function dependencyOrder(
  design: Design,
  resolved: ReadonlyMap<string, ResolvedStep>,
): string[] | null {
  return orderByUpstream(
    design.steps.map((step) => step.id),
    dependencyMap(design, resolved),
  );
}

/** Every step reachable downstream of `id` through `dependencyMap` (not `id` itself unless in a cycle). */
export function downstreamOf(upstream: ReadonlyMap<string, string[]>, id: string): Set<string> {
  const downstream = new Map<string, string[]>();
  for (const [to, froms] of upstream)
    for (const from of froms) {
      const list = downstream.get(from);
      if (list) list.push(to);
      else downstream.set(from, [to]);
    }
  const seen = new Set<string>();
  const stack = [...(downstream.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(downstream.get(next) ?? []));
  }
  return seen;
}
