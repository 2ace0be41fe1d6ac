import { callArguments, unwrap, walk, type SyntaxNode as Node } from "./syntax";

/** Where each name is bound: the value nodes of its assignments, defaults, call sites and loops. */
export type Bindings = Map<string, Node[]>;

function bind(bindings: Map<string, Node[]>, name: string, value: Node | null) {
  if (!value) return;
  const list = bindings.get(name);
  if (list) list.push(value);
  else bindings.set(name, [value]);
}

/** Binds each target of `a, b = x, y` (or a single name) to its value node. */
function bindTargets(bindings: Map<string, Node[]>, target: Node | null, value: Node | null) {
  const left = unwrap(target);
  const right = unwrap(value);
  if (!left || !right) return;
  if (left.type === "identifier") return bind(bindings, left.text, right);
  if (!["pattern_list", "tuple_pattern", "list_pattern"].includes(left.type)) return;
  if (!["tuple", "list", "expression_list"].includes(right.type)) return;
  const names = left.namedChildren;
  const items = right.namedChildren;
  if (names.length !== items.length) return;
  names.forEach((name, index) => bindTargets(bindings, name, items[index] ?? null));
}

/** The element nodes a `for` loops over, when the iterable is a literal collection or a name bound to one. */
function loopElements(bindings: Map<string, Node[]>, iterable: Node | null, depth = 0): Node[] {
  const node = unwrap(iterable);
  if (!node || depth > 3) return [];
  if (["tuple", "list", "set"].includes(node.type))
    return node.namedChildren.filter((child): child is Node => child !== null);
  if (node.type === "dictionary")
    return node.namedChildren.flatMap((pair) => {
      const key = pair?.type === "pair" ? pair.childForFieldName("key") : null;
      return key ? [key] : [];
    });
  if (node.type === "identifier")
    return (bindings.get(node.text) ?? []).flatMap((bound) =>
      loopElements(bindings, bound, depth + 1),
    );
  if (node.type === "call") {
    const callee = node.childForFieldName("function");
    const method = callee?.type === "attribute" ? callee.childForFieldName("attribute")?.text : "";
    if (method === "keys")
      return loopElements(bindings, callee?.childForFieldName("object") ?? null, depth + 1);
  }
  return [];
}

/** `for key, value in D.items()` over a literal dict: the (key, value) pairs. */
function itemPairs(bindings: Map<string, Node[]>, iterable: Node | null): [Node, Node][] {
  const node = unwrap(iterable);
  const callee = node?.type === "call" ? node.childForFieldName("function") : null;
  if (callee?.type !== "attribute" || callee.childForFieldName("attribute")?.text !== "items")
    return [];
  let dict = unwrap(callee.childForFieldName("object"));
  if (dict?.type === "identifier") dict = bindings.get(dict.text)?.[0] ?? null;
  if (dict?.type !== "dictionary") return [];
  return dict.namedChildren.flatMap((pair) => {
    const key = pair?.type === "pair" ? pair.childForFieldName("key") : null;
    const value = pair?.type === "pair" ? pair.childForFieldName("value") : null;
    return key && value ? [[key, value] as [Node, Node]] : [];
  });
}

/**
 * The bindings of one file: assignments (also `a, b = x, y`), parameter defaults, arguments at
 * call sites of the file's own functions, and loop variables over literal tuples, lists and dicts.
 */
export function collectBindings(root: Node): Bindings {
  const bindings: Bindings = new Map();
  const functions = new Map<string, Node>();
  const calls: Node[] = [];
  const loops: Node[] = [];
  walk(root, (node) => {
    if (node.type === "assignment") {
      bindTargets(bindings, node.childForFieldName("left"), node.childForFieldName("right"));
    } else if (node.type === "function_definition") {
      const name = node.childForFieldName("name")?.text;
      if (name) functions.set(name, node);
      for (const parameter of node.childForFieldName("parameters")?.namedChildren ?? []) {
        if (
          parameter?.type === "default_parameter" ||
          parameter?.type === "typed_default_parameter"
        )
          bind(
            bindings,
            parameter.childForFieldName("name")?.text ?? "",
            parameter.childForFieldName("value"),
          );
      }
    } else if (node.type === "call") calls.push(node);
    else if (node.type === "for_statement" || node.type === "for_in_clause") loops.push(node);
  });
  // Loops after assignments, so a loop over a named constant sees the constant's binding.
  for (const loop of loops) {
    const target = loop.childForFieldName("left");
    const iterable = loop.childForFieldName("right");
    const pairs = itemPairs(bindings, iterable);
    if (pairs.length > 0 && target && ["pattern_list", "tuple_pattern"].includes(target.type)) {
      const [keyName, valueName] = target.namedChildren;
      for (const [key, value] of pairs) {
        if (keyName?.type === "identifier") bind(bindings, keyName.text, key);
        if (valueName?.type === "identifier") bind(bindings, valueName.text, value);
      }
      continue;
    }
    for (const element of loopElements(bindings, iterable)) bindTargets(bindings, target, element);
  }
  for (const call of calls) {
    const callee = call.childForFieldName("function");
    const definition = callee?.type === "identifier" ? functions.get(callee.text) : undefined;
    if (!definition) continue;
    const names = (definition.childForFieldName("parameters")?.namedChildren ?? []).map(
      parameterName,
    );
    const { positional, keywords } = callArguments(call);
    positional.forEach((argument, index) => {
      const name = names[index];
      if (name && argument.type !== "list_splat") bind(bindings, name, argument);
    });
    for (const [name, value] of keywords) if (names.includes(name)) bind(bindings, name, value);
  }
  return bindings;
}

export function parameterName(parameter: Node | null): string | null {
  if (!parameter) return null;
  if (parameter.type === "identifier") return parameter.text;
  const name = parameter.childForFieldName("name");
  if (name) return name.text;
  return parameter.namedChild(0)?.type === "identifier"
    ? (parameter.namedChild(0)?.text ?? null)
    : null;
}
