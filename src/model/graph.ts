import { STEP_NAME_PATTERN, type Design, type Edge, type Step } from "./schema";

export type GraphResult = { ok: true; design: Design } | { ok: false; message: string };

const ok = (design: Design): GraphResult => ({ ok: true, design });
const fail = (message: string): GraphResult => ({ ok: false, message });

export function findStep(design: Design, id: string): Step | undefined {
  return design.steps.find((step) => step.id === id);
}

/** Why a step name is not acceptable to SageMaker or clashes in this design; null when it is fine. */
export function stepNameProblem(design: Design, name: string, ignoreId?: string): string | null {
  if (!STEP_NAME_PATTERN.test(name)) {
    return "step names are 1–64 characters: letters, digits, '-' and '_'";
  }
  const clash = design.steps.find((step) => step.name === name && step.id !== ignoreId);
  return clash ? `another step is already named "${name}"` : null;
}

/** `base`, or `base-2`, `base-3`… — the first name no step of the design uses. */
export function uniqueStepName(design: Design, base: string): string {
  const taken = new Set(design.steps.map((step) => step.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A step id unused in the design, derived from a readable stem. */
export function uniqueStepId(design: Design, stem: string): string {
  const taken = new Set(design.steps.map((step) => step.id));
  const clean = stem.replace(/[^A-Za-z0-9_-]/g, "").toLowerCase() || "step";
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

export function addStep(design: Design, step: Step): GraphResult {
  if (findStep(design, step.id)) return fail(`a step with id "${step.id}" already exists`);
  const problem = stepNameProblem(design, step.name);
  if (problem) return fail(problem);
  return ok({ ...design, steps: [...design.steps, step] });
}

/** Removes a step with every edge and `dependsOn` entry that mentions it. */
export function removeStep(design: Design, id: string): GraphResult {
  if (!findStep(design, id)) return fail(`no step with id "${id}"`);
  const steps = design.steps
    .filter((step) => step.id !== id)
    .map((step) => {
      const dependsOn = explicitDependsOn(step);
      if (!dependsOn.includes(id)) return step;
      return { ...step, config: { ...step.config, dependsOn: dependsOn.filter((d) => d !== id) } };
    });
  const edges = design.edges.filter((edge) => edge.from.step !== id && edge.to.step !== id);
  return ok({ ...design, steps, edges });
}

/** Renames what SageMaker sees; the id (and so every edge) stays. */
export function renameStep(design: Design, id: string, name: string): GraphResult {
  if (!findStep(design, id)) return fail(`no step with id "${id}"`);
  const problem = stepNameProblem(design, name, id);
  if (problem) return fail(problem);
  return ok({
    ...design,
    steps: design.steps.map((step) => (step.id === id ? { ...step, name } : step)),
  });
}

export function sameEdge(a: Edge, b: Edge): boolean {
  return (
    a.from.step === b.from.step &&
    a.from.output === b.from.output &&
    a.to.step === b.to.step &&
    a.to.input === b.to.input
  );
}

/** Adds an edge after structural checks only; whether the types fit is the resolver's call. */
export function connect(design: Design, edge: Edge): GraphResult {
  if (!findStep(design, edge.from.step)) return fail(`no step with id "${edge.from.step}"`);
  if (!findStep(design, edge.to.step)) return fail(`no step with id "${edge.to.step}"`);
  if (design.edges.some((existing) => sameEdge(existing, edge)))
    return fail("this link already exists");
  return ok({ ...design, edges: [...design.edges, edge] });
}

export function disconnect(design: Design, edge: Edge): GraphResult {
  if (!design.edges.some((existing) => sameEdge(existing, edge))) return fail("no such link");
  return ok({ ...design, edges: design.edges.filter((existing) => !sameEdge(existing, edge)) });
}

/** Step ids listed in `config.dependsOn` (ordering-only dependencies, no data). */
export function explicitDependsOn(step: Step): string[] {
  const value = step.config.dependsOn;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** For every step id, the ids it waits for: edge sources plus `dependsOn`, known steps only. */
export function upstreamMap(design: Design): Map<string, string[]> {
  const known = new Set(design.steps.map((step) => step.id));
  const map = new Map<string, string[]>(design.steps.map((step) => [step.id, []]));
  const add = (to: string, from: string) => {
    const list = map.get(to);
    if (list && known.has(from) && !list.includes(from)) list.push(from);
  };
  for (const edge of design.edges) add(edge.to.step, edge.from.step);
  for (const step of design.steps) for (const dep of explicitDependsOn(step)) add(step.id, dep);
  return map;
}

/**
 * Kahn's algorithm, ties broken by position in `steps`, so the order is stable for a given
 * file. Returns null when the graph has a cycle.
 */
export function topologicalOrder(design: Design): string[] | null {
  const upstream = upstreamMap(design);
  const remaining = new Map([...upstream].map(([id, deps]) => [id, new Set(deps)]));
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = design.steps.find((step) => remaining.get(step.id)?.size === 0);
    if (!ready) return null;
    order.push(ready.id);
    remaining.delete(ready.id);
    for (const deps of remaining.values()) deps.delete(ready.id);
  }
  return order;
}

/** One cycle as step ids in link order (first id repeated at the end), or null if acyclic. */
export function findCycle(design: Design): string[] | null {
  const upstream = upstreamMap(design);
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, "open");
    stack.push(id);
    for (const dep of upstream.get(id) ?? []) {
      if (state.get(dep) === "open") {
        const cycle = stack.slice(stack.indexOf(dep));
        return [...cycle, dep].reverse();
      }
      if (!state.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const step of design.steps) {
    if (!state.has(step.id)) {
      const found = visit(step.id);
      if (found) return found;
    }
  }
  return null;
}

/** Would adding an edge from → to close a cycle? True when `to` already reaches `from` upstream-wise. */
export function wouldCreateCycle(design: Design, fromId: string, toId: string): boolean {
  if (fromId === toId) return true;
  const upstream = upstreamMap(design);
  const seen = new Set<string>();
  const pending = [fromId];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (id === toId) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...(upstream.get(id) ?? []));
  }
  return false;
}
