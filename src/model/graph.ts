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
  return orderByUpstream(
    design.steps.map((step) => step.id),
    upstreamMap(design),
  );
}

/**
 * Kahn's algorithm over `upstream` (id → ids it waits for), always taking the ready id that comes
 * first in `ids`: a min-heap of positions, so O((n + e) log n) — thousands of steps stay linear in
 * practice. Null when the ids form a cycle.
 */
export function orderByUpstream(
  ids: readonly string[],
  upstream: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const position = new Map(ids.map((id, index) => [id, index]));
  const waiting = new Map<string, number>();
  const downstream = new Map<string, string[]>();
  for (const id of ids) {
    const deps = (upstream.get(id) ?? []).filter((dep) => position.has(dep));
    waiting.set(id, deps.length);
    for (const dep of deps) {
      const list = downstream.get(dep);
      if (list) list.push(id);
      else downstream.set(dep, [id]);
    }
  }
  const heap = new MinHeap();
  for (const id of ids) if (waiting.get(id) === 0) heap.push(position.get(id) as number);
  const order: string[] = [];
  while (heap.size > 0) {
    const id = ids[heap.pop()] as string;
    order.push(id);
    for (const next of downstream.get(id) ?? []) {
      const left = (waiting.get(next) as number) - 1;
      waiting.set(next, left);
      if (left === 0) heap.push(position.get(next) as number);
    }
  }
  return order.length === ids.length ? order : null;
}

/** A binary min-heap of numbers (positions), for the ordering above. */
class MinHeap {
  private readonly items: number[] = [];
  get size() {
    return this.items.length;
  }
  push(value: number) {
    const items = this.items;
    items.push(value);
    for (let index = items.length - 1; index > 0;) {
      const parent = (index - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[index] = items[parent] as number;
      items[parent] = value;
      index = parent;
    }
  }
  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const last = items.pop() as number;
    if (items.length > 0) {
      items[0] = last;
      for (let index = 0; ;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && (items[left] as number) < (items[smallest] as number))
          smallest = left;
        if (right < items.length && (items[right] as number) < (items[smallest] as number))
          smallest = right;
        if (smallest === index) break;
        [items[index], items[smallest]] = [items[smallest] as number, items[index] as number];
        index = smallest;
      }
    }
    return top;
  }
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
