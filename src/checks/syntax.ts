import type { Node as TreeSitterNode, Parser } from "web-tree-sitter";
import type { PyNode as Node } from "./tree";

/**
 * The Python parser the checks run on, already initialised with the Python grammar. The caller
 * loads it (Node from node_modules, the browser in a worker), so this layer does no I/O.
 */
export type PythonParser = Pick<Parser, "parse">;

export type { PyNode as SyntaxNode } from "./tree";

/** 1-based line and column (UTF-16 code units, as web-tree-sitter and editors count). */
export interface Place {
  line: number;
  column: number;
}

export function placeOf(node: Node, offset = 0): Place {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 + offset };
}

/** Every node below `root` (itself included) in document order. */
export function walk(root: Node, visit: (node: Node) => void): void {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    visit(node);
    for (let index = node.children.length - 1; index >= 0; index--)
      stack.push(node.children[index] as Node);
  }
}

/** The first syntax error or missing token of a web-tree-sitter tree (only walked when it has one). */
export function firstSyntaxError(root: TreeSitterNode): Place | null {
  if (!root.hasError) return null;
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isError || node.isMissing)
        return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return null;
    }
  } finally {
    cursor.delete();
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "0": "\0",
  a: "\u0007",
  b: "\b",
  f: "\f",
  v: "\v",
};

/** The value of one escape sequence (`\n`, `\x41`, `\u00e9`); unknown escapes stay as written. */
export function unescape(sequence: string): string {
  const kind = sequence[1] ?? "";
  if (kind in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[kind] as string;
  if (kind === "x" || kind === "u" || kind === "U")
    return String.fromCodePoint(parseInt(sequence.slice(2), 16));
  if (kind === "\n") return "";
  return sequence;
}

/** A piece of a Python string literal: text (with its node, for locating), or an f-string slot. */
export type StringPart =
  | { kind: "text"; text: string; node: Node; offset: number }
  | { kind: "slot"; expression: Node | null; formatSpec: string | null; node: Node };

/**
 * The parts of a `string` or `concatenated_string` node, escapes decoded (not in raw strings).
 * `offset` is where the text starts inside its node, for columns inside a literal.
 */
export function stringParts(node: Node): StringPart[] {
  if (node.type === "concatenated_string")
    return node.namedChildren.filter((child) => child?.type === "string").flatMap(stringPartsOf);
  return node.type === "string" ? stringPartsOf(node) : [];
}

function stringPartsOf(node: Node | null): StringPart[] {
  if (!node) return [];
  const start = node.firstChild;
  const raw = /r/i.test(start?.text ?? "");
  const parts: StringPart[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "string_content") {
      parts.push({ kind: "text", text: contentText(child, raw), node: child, offset: 0 });
    } else if (child.type === "interpolation") {
      const expression = child.childForFieldName("expression");
      const spec = child.namedChildren.find((part) => part?.type === "format_specifier");
      parts.push({
        kind: "slot",
        expression,
        formatSpec: spec ? spec.text.replace(/^:/, "") : null,
        node: child,
      });
    }
  }
  return parts;
}

function contentText(content: Node, raw: boolean): string {
  if (raw) return content.text;
  let text = "";
  let last = content.startIndex;
  const source = content.text;
  for (const escape of content.namedChildren) {
    if (!escape || escape.type !== "escape_sequence") continue;
    text += source.slice(last - content.startIndex, escape.startIndex - content.startIndex);
    text += unescape(escape.text);
    last = escape.endIndex;
  }
  return text + source.slice(last - content.startIndex);
}

/** The literal's value when it has no f-string slots; `null` otherwise. */
export function plainString(node: Node): string | null {
  const parts = stringParts(node);
  if (parts.some((part) => part.kind === "slot")) return null;
  return parts.map((part) => (part.kind === "text" ? part.text : "")).join("");
}

export const isString = (node: Node | null): boolean =>
  node?.type === "string" || node?.type === "concatenated_string";

/** `torch.nn.Module` for an attribute chain, `Module` for a name; `null` for anything else. */
export function dottedName(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === "identifier") return node.text;
  if (node.type === "attribute") {
    const object = dottedName(node.childForFieldName("object"));
    const attribute = node.childForFieldName("attribute")?.text;
    return object && attribute ? `${object}.${attribute}` : null;
  }
  return null;
}

/** The last name of a call's callee: `save` for `torch.save(…)`, `step` for `opt.step()`. */
export function calleeTail(call: Node): string | null {
  const callee = call.childForFieldName("function");
  if (!callee) return null;
  if (callee.type === "identifier") return callee.text;
  if (callee.type === "attribute") return callee.childForFieldName("attribute")?.text ?? null;
  return null;
}

/** Positional and keyword arguments of a call. */
export function callArguments(call: Node): { positional: Node[]; keywords: Map<string, Node> } {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const argument of call.childForFieldName("arguments")?.namedChildren ?? []) {
    if (!argument || argument.type === "comment") continue;
    if (argument.type === "keyword_argument") {
      const name = argument.childForFieldName("name")?.text;
      const value = argument.childForFieldName("value");
      if (name && value) keywords.set(name, value);
    } else positional.push(argument);
  }
  return { positional, keywords };
}

/** Strips parentheses around an expression. */
export function unwrap(node: Node | null): Node | null {
  let current = node;
  while (current?.type === "parenthesized_expression") current = current.namedChild(0);
  return current;
}

/** `key in d` / `key not in d`: the key and the container, or `null` for another comparison. */
export function membership(comparison: Node): { key: Node; container: Node } | null {
  const operators = comparison.children.filter((child) => child.field === "operators");
  if (operators.length !== 1 || !["in", "not in"].includes(operators[0]?.text ?? "")) return null;
  const [key, container] = comparison.namedChildren;
  return key && container ? { key, container } : null;
}
