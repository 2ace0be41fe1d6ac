import { keyPlace, type ScriptFacts } from "./scriptFacts";
import {
  callArguments,
  calleeTail,
  dottedName,
  membership,
  unwrap,
  walk,
  type Place,
  type SyntaxNode as Node,
} from "./syntax";
import { parameterName } from "./values";

/** One hyperparameter the script reads. */
export interface HyperparameterRead {
  key: string;
  file: string;
  place: Place;
  /** `hp["k"]`, a required argparse option: fails when the key is not set. */
  hard: boolean;
  /** Has a default (argparse `default=`, `.get(k, d)`), or is tested with `in` first. */
  optional: boolean;
  via: "argparse" | "dict" | "env";
}

export interface HyperparameterReads {
  reads: HyperparameterRead[];
  /** A hyperparameter dict goes somewhere the checks cannot follow (`**hp`, `xgb.train(hp)`). */
  escapes: boolean;
  /** Whether the script declares argparse options, and parses with `parse_args` (unknown options fail). */
  argparse: boolean;
  strictArgparse: boolean;
}

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

/** argparse `add_argument("--name", …)` options: their dest, and whether they are required or defaulted. */
function argparseReads(facts: ScriptFacts): HyperparameterRead[] {
  const reads: HyperparameterRead[] = [];
  for (const call of facts.calls) {
    if (calleeTail(call) !== "add_argument") continue;
    const { positional, keywords } = callArguments(call);
    const options = positional.flatMap((argument) =>
      (facts.resolver.exact(argument) ?? []).map((value) => ({ text: value.text, argument })),
    );
    const long = options.filter((option) => option.text.startsWith("--"));
    const dest = keywords.get("dest");
    const destNames = dest ? (facts.resolver.exact(dest) ?? []).map((value) => value.text) : [];
    const names =
      destNames.length > 0
        ? destNames
        : long.map((option) => option.text.slice(2).replace(/-/g, "_"));
    const required = keywords.get("required")?.text === "True";
    for (const [index, key] of names.entries()) {
      const at = long[index]?.argument ?? positional[0];
      reads.push({
        key,
        file: facts.file,
        place: keyPlace(at as Node),
        hard: required,
        optional:
          keywords.has("default") || keywords.get("action")?.text.includes("store_") === true,
        via: "argparse",
      });
    }
  }
  return reads;
}

/** Names holding the hyperparameter dict: the sources, then aliases, parameters and return values, to a fixpoint. */
function dictNames(
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
function dictReads(
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

/**
 * Names assigned from a `json.load(…)`/`json.loads(…)` call that `accept`s, and, as
 * `function:name`, functions that return such a call.
 */
function jsonSources(facts: ScriptFacts, accept: (call: Node) => boolean): Set<string> {
  const sources = new Set<string>();
  for (const call of facts.calls) {
    const name = dottedName(call.childForFieldName("function"));
    if (name !== "json.load" && name !== "json.loads") continue;
    if (!accept(call)) continue;
    let statement: Node | null = call.parent;
    while (
      statement &&
      !["assignment", "expression_statement", "return_statement"].includes(statement.type)
    )
      statement = statement.parent;
    if (statement?.type === "return_statement") {
      let scope: Node | null = statement;
      while (scope && scope.type !== "function_definition") scope = scope.parent;
      const functionName = scope?.childForFieldName("name")?.text;
      if (functionName) sources.add(`function:${functionName}`);
      continue;
    }
    const left =
      statement?.type === "assignment" ? unwrap(statement.childForFieldName("left")) : null;
    if (left?.type === "identifier") sources.add(left.text);
  }
  return sources;
}

function mentions(facts: ScriptFacts, root: Node, test: (text: string) => boolean): boolean {
  let found = false;
  walk(root, (node) => {
    if (found || (node.type !== "identifier" && node.type !== "string" && node.type !== "call"))
      return;
    if ((facts.resolver.exact(node) ?? []).some((value) => test(value.text))) found = true;
  });
  return found;
}

/**
 * How a script reads its hyperparameters. PyTorch: argparse options, `SM_HPS` JSON and `SM_HP_*`
 * env; XGBoost: the dict `json.load`ed from the config channel's hyperparameters.json.
 */
export function hyperparameterReads(
  facts: ScriptFacts,
  framework: string,
  hyperparametersFile: string,
): HyperparameterReads {
  const argparse = argparseReads(facts);
  const parses = facts.calls.map(calleeTail);
  const strictArgparse = parses.includes("parse_args") && !parses.includes("parse_known_args");
  let sources: Set<string>;
  if (framework === "xgboost") {
    const withOpenFiles = new Set<string>();
    walk(facts.root, (node) => {
      if (node.type !== "as_pattern") return;
      const alias = node.childForFieldName("alias")?.namedChild(0);
      const opened = node.namedChild(0);
      if (alias && opened && mentions(facts, opened, (text) => text === hyperparametersFile))
        withOpenFiles.add(alias.text);
    });
    const fromFile = (call: Node) =>
      mentions(facts, call, (text) => text === hyperparametersFile) ||
      (callArguments(call).positional[0]?.type === "identifier" &&
        withOpenFiles.has(callArguments(call).positional[0]?.text ?? ""));
    sources = jsonSources(facts, fromFile);
    if (sources.size === 0) sources = jsonSources(facts, () => true);
  } else {
    sources = jsonSources(facts, (call) => mentions(facts, call, (text) => text === "SM_HPS"));
    // `hps = json.loads(os.environ["SM_HPS"])` resolves nothing; look at the env reads instead.
    for (const name of jsonSources(facts, () => true))
      if (facts.envReads.some((read) => read.name === "SM_HPS")) sources.add(name);
  }
  const { names, escapes: aliasEscapes } = dictNames(facts, sources);
  const dict = names.size > 0 ? dictReads(facts, names) : { reads: [], escapes: false };
  const env = facts.envReads
    .filter((read) => read.name.startsWith("SM_HP_"))
    .map((read) => ({
      key: read.name.slice(6).toLowerCase(),
      file: facts.file,
      place: read.place,
      hard: read.hard,
      optional: !read.hard,
      via: "env" as const,
    }));
  return {
    reads: [...argparse, ...dict.reads, ...env],
    escapes: aliasEscapes || dict.escapes,
    argparse: argparse.length > 0,
    strictArgparse,
  };
}
