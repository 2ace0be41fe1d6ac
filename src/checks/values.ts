import { collectBindings, type Bindings } from "./bindings";
import { callArguments, dottedName, stringParts, unwrap, type SyntaxNode as Node } from "./syntax";

/** Characters `[start, end)` of a value that come from a literal, `offset` chars into its node. */
export interface Piece {
  start: number;
  end: number;
  node: Node;
  offset: number;
}

/** A string a Python expression may evaluate to, with where each literal part was written. */
export interface StringValue {
  text: string;
  pieces: Piece[];
  /** Only the start is known: `os.path.join(OUTPUT, name)` with `name` unknown. */
  open?: boolean;
}

// A name bound in several places (loop variables, parameters) takes each value; more is noise.
const MAX_VALUES = 16;

const PATH_CONSTRUCTORS = new Set([
  "Path",
  "PosixPath",
  "PurePath",
  "PurePosixPath",
  "pathlib.Path",
  "pathlib.PosixPath",
  "pathlib.PurePath",
  "pathlib.PurePosixPath",
]);
const PATH_JOINS = new Set(["os.path.join", "path.join", "posixpath.join", "join"]);
const PASS_THROUGH = new Set(["str", "os.fspath", "os.path.normpath", "os.path.abspath"]);
/** What is known of an unknown value: nothing, after what came before it. */
const UNKNOWN: StringValue = { text: "", pieces: [], open: true };

/** The known parts, then one unknown part if any, so a prefix of a partly known string survives. */
function knownPrefix(parts: (StringValue[] | null)[]): StringValue[][] | null {
  const unknown = parts.findIndex((part) => part === null);
  if (unknown === 0) return null;
  if (unknown < 0) return parts as StringValue[][];
  return [...(parts.slice(0, unknown) as StringValue[][]), [UNKNOWN]];
}

const PASS_THROUGH_METHODS = new Set(["resolve", "absolute", "expanduser", "as_posix"]);
const ENV_GETTERS = new Set(["os.environ.get", "environ.get", "os.getenv", "getenv"]);

function literal(text: string, node: Node, offset = 0): StringValue {
  return { text, pieces: text ? [{ start: 0, end: text.length, node, offset }] : [] };
}

function concat(a: StringValue, b: StringValue): StringValue {
  if (a.open) return a;
  const shift = a.text.length;
  return {
    ...(b.open ? { open: true } : {}),
    text: a.text + b.text,
    pieces: [
      ...a.pieces,
      ...b.pieces.map((piece) => ({
        ...piece,
        start: piece.start + shift,
        end: piece.end + shift,
      })),
    ],
  };
}

/** `a / b` as pathlib and os.path.join do it: an absolute right side starts over. */
function joinPath(a: StringValue, b: StringValue): StringValue {
  if (a.open) return a;
  if (b.text.startsWith("/") || a.text === "") return b;
  const separator = a.text.endsWith("/") ? "" : "/";
  return concat(concat(a, { text: separator, pieces: [] }), b);
}

function product(
  lists: StringValue[][],
  combine: (a: StringValue, b: StringValue) => StringValue,
): StringValue[] {
  let result: StringValue[] = [{ text: "", pieces: [] }];
  lists.forEach((list, index) => {
    const next: StringValue[] = [];
    for (const a of result)
      for (const b of list)
        if (next.length < MAX_VALUES) next.push(index === 0 ? b : combine(a, b));
    result = next;
  });
  return result;
}

/**
 * Simple constant propagation over one file: module and local assignments, parameter defaults,
 * arguments at call sites of the file's own functions, and loop variables over literal tuples,
 * lists and dicts. Names are not scoped: a name's values are those of every place it is bound.
 */
export class ValueResolver {
  private readonly bindings: Bindings;
  private readonly seeds = new Map<string, StringValue[]>();
  private readonly memo = new Map<number, StringValue[] | null>();
  private readonly active = new Set<number>();

  constructor(root: Node, seeds: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(seeds))
      this.seeds.set(name, [{ text: value, pieces: [] }]);
    this.bindings = collectBindings(root);
  }

  /** The values a name may have, or `null` when none is known. */
  name(name: string): StringValue[] | null {
    const seeded = this.seeds.get(name);
    const bound = this.bindings.get(name) ?? [];
    const values = [...(seeded ?? [])];
    for (const node of bound) for (const value of this.resolve(node) ?? []) values.push(value);
    return values.length > 0 ? dedupe(values) : null;
  }

  /** The strings an expression certainly evaluates to one of (no partly known ones). */
  exact(node: Node | null): StringValue[] | null {
    const values = this.resolve(node)?.filter((value) => !value.open);
    return values && values.length > 0 ? values : null;
  }

  /** The strings an expression may evaluate to (some only partly known), or `null` when none is known. */
  resolve(node: Node | null): StringValue[] | null {
    const target = unwrap(node);
    if (!target) return null;
    if (this.memo.has(target.id)) return this.memo.get(target.id) ?? null;
    if (this.active.has(target.id)) return null;
    this.active.add(target.id);
    const values = this.compute(target);
    this.active.delete(target.id);
    const result = values && values.length > 0 ? dedupe(values).slice(0, MAX_VALUES) : null;
    this.memo.set(target.id, result);
    return result;
  }

  private compute(node: Node): StringValue[] | null {
    switch (node.type) {
      case "string":
      case "concatenated_string":
        return this.stringValues(node);
      case "identifier":
        return this.name(node.text);
      case "binary_operator": {
        const operator = node.childForFieldName("operator")?.text;
        if (operator !== "/" && operator !== "+") return null;
        const parts = knownPrefix([
          this.resolve(node.childForFieldName("left")),
          this.resolve(node.childForFieldName("right")),
        ]);
        return parts && product(parts, operator === "/" ? joinPath : concat);
      }
      case "conditional_expression":
      case "boolean_operator": {
        const values = node.namedChildren.flatMap((child) =>
          child && child.type !== "comparison_operator" ? (this.resolve(child) ?? []) : [],
        );
        return values.length > 0 ? values : null;
      }
      case "attribute": {
        if (node.childForFieldName("attribute")?.text !== "parent") return null;
        const object = this.resolve(node.childForFieldName("object"));
        return object?.map(parentOf) ?? null;
      }
      case "call":
        return this.callValues(node);
      default:
        return null;
    }
  }

  private stringValues(node: Node): StringValue[] | null {
    const lists: (StringValue[] | null)[] = stringParts(node).map((part) =>
      part.kind === "text"
        ? [literal(part.text, part.node, part.offset)]
        : part.formatSpec === null
          ? this.resolve(part.expression)
          : null,
    );
    if (lists.length === 0) return [literal("", node)];
    const known = knownPrefix(lists);
    return known && product(known, concat);
  }

  private callValues(call: Node): StringValue[] | null {
    const callee = call.childForFieldName("function");
    const name = dottedName(callee);
    const { positional, keywords } = callArguments(call);
    if (name && ENV_GETTERS.has(name)) {
      const fallback = positional[1] ?? keywords.get("default");
      return fallback ? this.resolve(fallback) : null;
    }
    if (name && PASS_THROUGH.has(name)) return this.resolve(positional[0] ?? null);
    if (name && (PATH_CONSTRUCTORS.has(name) || PATH_JOINS.has(name))) {
      const parts = knownPrefix(positional.map((argument) => this.resolve(argument)));
      return parts && product(parts, joinPath);
    }
    if (callee?.type === "attribute") {
      const method = callee.childForFieldName("attribute")?.text ?? "";
      const object = this.resolve(callee.childForFieldName("object"));
      if (!object) return null;
      if (PASS_THROUGH_METHODS.has(method)) return object;
      if (method === "joinpath") {
        const parts = knownPrefix([
          object,
          ...positional.map((argument) => this.resolve(argument)),
        ]);
        return parts && product(parts, joinPath);
      }
    }
    return null;
  }
}

function parentOf(value: StringValue): StringValue {
  const cut = value.text.replace(/\/+$/, "").lastIndexOf("/");
  if (cut <= 0) return { text: cut === 0 ? "/" : "", pieces: [] };
  return {
    text: value.text.slice(0, cut),
    pieces: value.pieces
      .filter((piece) => piece.start < cut)
      .map((piece) => ({ ...piece, end: Math.min(piece.end, cut) })),
  };
}

function dedupe(values: StringValue[]): StringValue[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = `${value.open ? "…" : "="}${value.text}`;
    return !seen.has(key) && seen.add(key);
  });
}
