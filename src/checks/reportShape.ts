import { collectBindings, type Bindings } from "./bindings";
import type { ScriptFacts } from "./scriptFacts";
import {
  callArguments,
  calleeTail,
  dottedName,
  unwrap,
  walk,
  type SyntaxNode as Node,
} from "./syntax";

/**
 * What a JSON document a script writes looks like, as far as the script says: objects with the
 * keys it certainly writes (`open` when it may write others), lists, values, and `unknown` where
 * the script builds something the checks cannot follow (then any path below is accepted).
 */
export type Shape =
  | { kind: "object"; keys: Map<string, ShapeEntry>; open: boolean; node: Node }
  | { kind: "list"; item: Shape | null; node: Node }
  | { kind: "value"; node: Node }
  | { kind: "unknown" };

/** One key of an object: what it holds and where the key is written. */
export interface ShapeEntry {
  shape: Shape;
  node: Node;
}

const UNKNOWN: Shape = { kind: "unknown" };
type ObjectShape = Extract<Shape, { kind: "object" }>;
const emptyObject = (node: Node): ObjectShape => ({
  kind: "object",
  keys: new Map(),
  open: false,
  node,
});
// Builtins and library calls that give a number or a string, never an object.
const SCALAR_CALLS = new Set(["float", "int", "round", "str", "bool", "len", "sum", "abs", "item"]);
const LIST_CALLS = new Set(["list", "sorted", "tolist"]);
const SCALAR_NODES = new Set([
  "integer",
  "float",
  "string",
  "concatenated_string",
  "true",
  "false",
  "none",
  "binary_operator",
  "unary_operator",
  "comparison_operator",
  "not_operator",
]);

function merge(a: Shape | null, b: Shape): Shape {
  if (a === null) return b;
  if (a.kind === "unknown" || b.kind === "unknown") return UNKNOWN;
  if (a.kind === "value" && b.kind === "value") return a;
  if (a.kind === "list" && b.kind === "list")
    return { ...a, item: a.item && b.item ? merge(a.item, b.item) : (a.item ?? b.item) };
  if (a.kind === "object" && b.kind === "object") {
    const keys = new Map(a.keys);
    for (const [key, entry] of b.keys) {
      const mine = keys.get(key);
      keys.set(key, mine ? { node: mine.node, shape: merge(mine.shape, entry.shape) } : entry);
    }
    return { kind: "object", keys, open: a.open || b.open, node: a.node };
  }
  return UNKNOWN;
}

/** A change to a dict after it is built: `d["a"]["b"] = v`, `d.update(…)`, `d["a"].update(…)`. */
interface Mutation {
  /** The keys down to the changed object; `null` for a key the checks cannot read. */
  keys: (string[] | null)[];
  /** The assigned value (`set`) or the merged mapping (`update`). */
  value: Node | null;
  update: boolean;
  node: Node;
}

/** Reads the JSON shapes a file's expressions build (one file; names are not scoped, as elsewhere). */
export class ShapeReader {
  private readonly bindings: Bindings;
  private readonly functions = new Map<string, Node[]>();
  private readonly mutations = new Map<string, Mutation[]>();
  private readonly names = new Map<string, Shape>();
  private readonly active = new Set<string>();

  constructor(private readonly facts: ScriptFacts) {
    this.bindings = collectBindings(facts.root);
    walk(facts.root, (node) => {
      if (node.type === "function_definition") {
        const name = node.childForFieldName("name")?.text;
        if (!name) return;
        const returns: Node[] = [];
        walk(node, (inner) => {
          if (inner.type === "return_statement" && inner.namedChild(0))
            returns.push(inner.namedChild(0) as Node);
        });
        this.functions.set(name, [...(this.functions.get(name) ?? []), ...returns]);
      } else if (node.type === "assignment") {
        const left = node.childForFieldName("left");
        if (left?.type === "subscript")
          this.mutate(left, node.childForFieldName("right"), false, node);
      } else if (node.type === "call" && calleeTail(node) === "update") {
        const object = node.childForFieldName("function")?.childForFieldName("object") ?? null;
        this.mutate(object, node, true, node);
      }
    });
  }

  private mutate(target: Node | null, value: Node | null, update: boolean, node: Node) {
    const keys: (string[] | null)[] = [];
    let current = unwrap(target);
    while (current?.type === "subscript") {
      const key = this.facts.resolver.exact(current.childForFieldName("subscript"));
      keys.unshift(key ? key.map((found) => found.text) : null);
      current = unwrap(current.childForFieldName("value"));
    }
    if (current?.type !== "identifier") return;
    const list = this.mutations.get(current.text) ?? [];
    list.push({ keys, value, update, node });
    this.mutations.set(current.text, list);
  }

  /** The shape an expression builds. */
  shape(node: Node | null): Shape {
    const target = unwrap(node);
    if (!target) return UNKNOWN;
    if (SCALAR_NODES.has(target.type)) return { kind: "value", node: target };
    switch (target.type) {
      case "dictionary":
        return this.dictionary(target);
      case "dictionary_comprehension":
        return this.comprehension(target);
      case "list":
      case "tuple":
      case "list_comprehension": {
        let item: Shape | null = null;
        for (const child of target.namedChildren)
          if (child.type !== "for_in_clause" && child.type !== "if_clause")
            item = merge(item, this.shape(child));
        return { kind: "list", item, node: target };
      }
      case "identifier":
        return this.name(target.text);
      case "conditional_expression": {
        const [body, , alternative] = target.namedChildren;
        return merge(this.shape(body ?? null), this.shape(alternative ?? null));
      }
      case "subscript": {
        const object = this.shape(target.childForFieldName("value"));
        const key = this.facts.resolver.exact(target.childForFieldName("subscript"));
        if (object.kind !== "object" || !key || key.length !== 1) return UNKNOWN;
        return object.keys.get(key[0]?.text ?? "")?.shape ?? UNKNOWN;
      }
      case "call":
        return this.call(target);
      default:
        return UNKNOWN;
    }
  }

  private dictionary(node: Node): Shape {
    const keys = new Map<string, ShapeEntry>();
    let open = false;
    for (const child of node.namedChildren) {
      if (child.type === "pair") {
        const key = child.childForFieldName("key");
        const values = this.facts.resolver.exact(key);
        if (!values) {
          open = true;
          continue;
        }
        const shape = this.shape(child.childForFieldName("value"));
        for (const value of values) keys.set(value.text, { shape, node: key as Node });
      } else if (child.type === "dictionary_splat") {
        const spread = this.shape(child.namedChild(0));
        if (spread.kind === "object") {
          for (const [key, entry] of spread.keys) keys.set(key, entry);
          open ||= spread.open;
        } else open = true;
      }
    }
    return { kind: "object", keys, open, node };
  }

  private comprehension(node: Node): Shape {
    const body = node.childForFieldName("body");
    const key = body?.childForFieldName("key") ?? null;
    const values = this.facts.resolver.exact(key);
    if (!body || !values) return { kind: "object", keys: new Map(), open: true, node };
    const shape = this.shape(body.childForFieldName("value"));
    return {
      kind: "object",
      keys: new Map(values.map((value) => [value.text, { shape, node: key as Node }])),
      open: false,
      node,
    };
  }

  private call(node: Node): Shape {
    const name = dottedName(node.childForFieldName("function")) ?? "";
    const tail = calleeTail(node) ?? "";
    if (name === "dict") return this.mapping(node);
    const local = this.functions.get(name);
    if (local) {
      if (this.active.has(`()${name}`)) return UNKNOWN;
      this.active.add(`()${name}`);
      const shape = local.reduce<Shape | null>((sum, found) => merge(sum, this.shape(found)), null);
      this.active.delete(`()${name}`);
      return shape ?? UNKNOWN;
    }
    if (SCALAR_CALLS.has(tail) || /_(score|error|loss)$/.test(tail)) return { kind: "value", node };
    if (LIST_CALLS.has(tail)) return { kind: "list", item: null, node };
    return UNKNOWN;
  }

  /** A name's shape: every value bound to it, then every change made to it. */
  private name(name: string): Shape {
    const known = this.names.get(name);
    if (known) return known;
    if (this.active.has(name)) return UNKNOWN;
    this.active.add(name);
    let shape: Shape | null = null;
    for (const bound of this.bindings.get(name) ?? []) shape = merge(shape, this.shape(bound));
    let result: Shape = shape ?? UNKNOWN;
    for (const mutation of this.mutations.get(name) ?? []) result = this.apply(result, mutation);
    this.active.delete(name);
    this.names.set(name, result);
    return result;
  }

  /** `d[a][b] = v` sets `v` at a.b (making the objects on the way); `d[a].update(m)` merges `m` there. */
  private apply(shape: Shape, mutation: Mutation): Shape {
    const value = mutation.update ? this.updateShape(mutation.value) : this.shape(mutation.value);
    const put = (current: Shape, depth: number): Shape => {
      if (depth === mutation.keys.length) return mutation.update ? merge(current, value) : value;
      if (current.kind === "unknown") return current;
      const target = current.kind === "object" ? current : emptyObject(mutation.node);
      const keys = mutation.keys[depth];
      // A key the checks cannot read: the object may hold any key.
      if (!keys) return { ...target, open: true };
      const next = new Map(target.keys);
      for (const key of keys) {
        const entry = next.get(key);
        const inner = entry?.shape ?? emptyObject(mutation.node);
        next.set(key, { node: entry?.node ?? mutation.node, shape: put(inner, depth + 1) });
      }
      return { ...target, keys: next };
    };
    return put(shape, 0);
  }

  /** What `d.update(…)` merges in: a mapping argument and keyword arguments. */
  private updateShape(call: Node | null): Shape {
    return call ? this.mapping(call) : UNKNOWN;
  }

  /** The mapping `dict(m, k=v, **d)` or `d.update(m, k=v, **d)` builds from its arguments. */
  private mapping(call: Node): Shape {
    const { positional, keywords } = callArguments(call);
    let shape: Shape = emptyObject(call);
    for (const argument of positional)
      shape = merge(
        shape,
        this.shape(argument.type === "dictionary_splat" ? argument.namedChild(0) : argument),
      );
    if (shape.kind !== "object") return shape;
    const keys = new Map(shape.keys);
    for (const [key, value] of keywords)
      keys.set(key, { shape: this.shape(value), node: value.parent ?? value });
    return { ...shape, keys };
  }
}

/** `metrics.auc.value`, `scores[0].f1` → its segments (a number for a list index). */
export function jsonPathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split(".")) {
    const match = /^([^[]*)((\[\d+\])*)$/.exec(part);
    if (!match) return [part];
    if (match[1]) segments.push(match[1]);
    for (const index of (match[2] ?? "").matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

const joinPath = (segments: readonly (string | number)[]) =>
  segments
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join("");

/** Every path to a value the document certainly holds (for suggestions). */
export function leafPaths(shape: Shape, prefix: (string | number)[] = []): string[] {
  if (shape.kind === "object")
    return [...shape.keys].flatMap(([key, entry]) => leafPaths(entry.shape, [...prefix, key]));
  if (shape.kind === "list" && shape.item) return leafPaths(shape.item, [...prefix, 0]);
  return prefix.length > 0 ? [joinPath(prefix)] : [];
}

/** Why a JSON path does not reach a value of the document, or `null` when it may. */
export interface PathMiss {
  /** The part of the path the document has. */
  found: string;
  /** What is wrong past it. */
  reason: "missing" | "not-an-object" | "an-object";
  /** Where the script builds the object the path stops at (or the value it cannot go into). */
  node: Node;
  /** The keys the document has there. */
  siblings: string[];
  /** The key asked for where it is missing, and the keys there with where each is written. */
  segment?: string;
  entries?: ReadonlyMap<string, ShapeEntry>;
}

/** Follows a JSON path (`metrics.auc.value`) through a shape: null when it reaches a value or the unknown. */
export function missAt(shape: Shape, path: string): PathMiss | null {
  const segments = jsonPathSegments(path);
  let current: Shape = shape;
  for (const [index, segment] of segments.entries()) {
    const found = joinPath(segments.slice(0, index));
    if (current.kind === "unknown") return null;
    if (current.kind === "list") {
      if (typeof segment !== "number" || !current.item) return null;
      current = current.item;
      continue;
    }
    if (current.kind === "value")
      return { found, reason: "not-an-object", node: current.node, siblings: [] };
    const entry = typeof segment === "string" ? current.keys.get(segment) : undefined;
    if (!entry) {
      if (current.open) return null;
      return {
        found,
        reason: "missing",
        node: current.node,
        siblings: [...current.keys.keys()],
        segment: String(segment),
        entries: current.keys,
      };
    }
    current = entry.shape;
  }
  if (current.kind === "object" && (current.keys.size > 0 || !current.open))
    return {
      found: path,
      reason: "an-object",
      node: current.node,
      siblings: [...current.keys.keys()],
    };
  return null;
}
