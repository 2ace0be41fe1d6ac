import { keyPlace, type ScriptFacts } from "./scriptFacts";
import {
  callArguments,
  calleeTail,
  dottedName,
  unwrap,
  walk,
  type Place,
  type SyntaxNode as Node,
} from "./syntax";
import { dictNames, dictReads } from "./hyperparameterDict";

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
