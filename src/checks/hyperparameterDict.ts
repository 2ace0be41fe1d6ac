import { parameterName } from "./bindings";
import type { HyperparameterRead } from "./hyperparameterReads";
import { keyPlace, type ScriptFacts } from "./scriptFacts";
import {
  callArguments,
  calleeTail,
  dottedName,
  membership,
  unwrap,
  walk,
  type SyntaxNode as Node,
} from "./syntax";

// Calls that only look at a dict (print it, measure it) do not take its keys anywhere.
const HARMLESS_CALLS = new Set([
  "print",
  "len",
  "str",
  "repr",
  "bool",
  "isinstance",
  "type",
  "sorted",
]);

/** Names holding the hyperparameter dict: the sources, then aliases, parameters and return values, to a fixpoint. */
export function dictNames(
  facts: ScriptFacts,
  sources: Set<string>,
): { names: Set<string>; escapes: boolean } {
  const names = new Set([...sources].filter((source) => !source.startsWith("function:")));
  const functions = new Map<string, Node>();
  for (const definition of facts.functions) {
    const name = definition.childForFieldName("name")?.text;
    if (name) functions.set(name, definition);
  }
  const returnsDict = new Set(
    [...sources]
      .filter((source) => source.startsWith("function:"))
      .map((source) => source.slice(9)),
  );
  let escapes = false;
  for (let round = 0, grew = true; grew && round < 8; round++) {
    grew = false;
    const add = (name: string | null | undefined) => {
      if (name && !names.has(name)) [grew] = [true, names.add(name)];
    };
    walk(facts.root, (node) => {
      if (node.type !== "identifier" || !names.has(node.text)) return;
      const parent = node.parent;
      if (!parent) return;
      if (parent.type === "assignment" && parent.childForFieldName("right")?.id === node.id)
        add(
          unwrap(parent.childForFieldName("left"))?.type === "identifier"
            ? parent.childForFieldName("left")?.text
            : null,
        );
      else if (parent.type === "return_statement") {
        let scope: Node | null = parent;
        while (scope && scope.type !== "function_definition") scope = scope.parent;
        const name = scope?.childForFieldName("name")?.text;
        if (name && !returnsDict.has(name)) [grew] = [true, returnsDict.add(name)];
      } else if (parent.type === "argument_list") {
        const call = parent.parent;
        const callee = call?.childForFieldName("function");
        const definition = callee?.type === "identifier" ? functions.get(callee.text) : undefined;
        if (definition) {
          const index = parent.namedChildren.findIndex((child) => child?.id === node.id);
          add(parameterName(definition.childForFieldName("parameters")?.namedChild(index) ?? null));
        } else if (
          !HARMLESS_CALLS.has(dottedName(callee ?? null) ?? "") &&
          calleeTail(call as Node) !== "format"
        )
          escapes = true;
      } else if (
        parent.type === "keyword_argument" ||
        parent.type === "dictionary_splat" ||
        parent.type === "list_splat"
      )
        escapes = true;
      else if (parent.type === "for_statement" || parent.type === "for_in_clause") escapes = true;
    });
    for (const call of facts.calls) {
      const callee = call.childForFieldName("function");
      if (callee?.type !== "identifier" || !returnsDict.has(callee.text)) continue;
      const assignment = call.parent;
      if (assignment?.type === "assignment") add(assignment.childForFieldName("left")?.text);
    }
  }
  return { names, escapes };
}

/** Reads of the dict held in `names`: `hp["k"]`, `hp.get("k", d)`, `"k" in hp`; other uses escape. */
export function dictReads(
  facts: ScriptFacts,
  names: Set<string>,
): { reads: HyperparameterRead[]; escapes: boolean } {
  const reads: HyperparameterRead[] = [];
  let escapes = false;
  const keys = (node: Node | null | undefined) => {
    const values = facts.resolver.exact(node ?? null);
    if (!values) escapes = true;
    return (values ?? []).map((value) => value.text);
  };
  const tested = new Set<string>();
  for (const comparison of facts.comparisons) {
    const test = membership(comparison);
    if (test?.container.type === "identifier" && names.has(test.container.text))
      for (const key of keys(test.key)) tested.add(key);
  }
  for (const subscript of facts.subscripts) {
    const value = subscript.childForFieldName("value");
    if (value?.type !== "identifier" || !names.has(value.text)) continue;
    const index = subscript.childForFieldName("subscript");
    for (const key of keys(index))
      reads.push({
        key,
        file: facts.file,
        place: keyPlace(index as Node),
        hard: true,
        optional: tested.has(key),
        via: "dict",
      });
  }
  for (const call of facts.calls) {
    const callee = call.childForFieldName("function");
    const object = callee?.type === "attribute" ? callee.childForFieldName("object") : null;
    if (object?.type !== "identifier" || !names.has(object.text)) continue;
    const method = calleeTail(call);
    if (method !== "get" && method !== "pop" && method !== "setdefault") {
      escapes = true;
      continue;
    }
    const { positional, keywords } = callArguments(call);
    const optional = positional.length > 1 || keywords.has("default");
    for (const key of keys(positional[0]))
      reads.push({
        key,
        file: facts.file,
        place: keyPlace(positional[0] as Node),
        hard: false,
        optional: optional || tested.has(key),
        via: "dict",
      });
  }
  for (const key of tested)
    if (!reads.some((read) => read.key === key))
      reads.push({
        key,
        file: facts.file,
        place: { line: 1, column: 1 },
        hard: false,
        optional: true,
        via: "dict",
      });
  return { reads, escapes };
}
