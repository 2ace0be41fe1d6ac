import {
  callArguments,
  calleeTail,
  dottedName,
  firstSyntaxError,
  membership,
  placeOf,
  unwrap,
  walk,
  type Place,
  type PythonParser,
  type SyntaxNode as Node,
} from "./syntax";
import { copyTree } from "./tree";
import { ValueResolver, type StringValue } from "./values";

/** A string under /opt/ml/ the script builds, and the expression that builds it. */
export interface PathUse {
  value: StringValue;
  node: Node;
}

export interface EnvRead {
  name: string;
  place: Place;
  /** `os.environ["X"]` fails when X is unset; `.get`, `getenv` and `in` do not. */
  hard: boolean;
  /** The default, when it resolves to a string (`os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/…")`). */
  fallback: StringValue[] | null;
}

/** An archive the script unpacks (`tarfile.open(…).extractall(dir)`, `shutil.unpack_archive`). */
export interface Extraction {
  node: Node;
  /** Where the files land: the directories it may be, or `null` when not known (the working directory). */
  targets: string[] | null;
}

/** What one Python file of a step does, as far as the checks need to know. */
export interface ScriptFacts {
  file: string;
  root: Node;
  resolver: ValueResolver;
  /** The first syntax error, if any. */
  syntaxError: Place | null;
  paths: PathUse[];
  /** Absolute paths outside /opt/ml (where an archive may be unpacked, e.g. /tmp/model). */
  otherPaths: PathUse[];
  extractions: Extraction[];
  envReads: EnvRead[];
  /** Paths the script tests for existence first (`p.is_dir()`, `os.path.exists(p)`). */
  guardedPaths: Set<string>;
  calls: Node[];
  classes: Node[];
  functions: Node[];
  loops: Node[];
  subscripts: Node[];
  comparisons: Node[];
}

const ENV_OBJECTS = new Set(["os.environ", "environ"]);
const ENV_GETTERS = new Set([
  "os.environ.get",
  "environ.get",
  "os.getenv",
  "getenv",
  "os.environ.setdefault",
]);
const EXISTS_METHODS = new Set(["exists", "is_dir", "is_file"]);
const EXISTS_FUNCTIONS = new Set([
  "os.path.exists",
  "os.path.isdir",
  "os.path.isfile",
  "path.exists",
  "path.isdir",
  "path.isfile",
]);

/**
 * Parses and reads one file. `seeds` bind names to known values (an inference script's
 * `model_fn(model_dir)` parameter is the model directory).
 */
export function readScript(
  parser: PythonParser,
  file: string,
  source: string,
  seeds: (root: Node) => Record<string, string> = () => ({}),
): ScriptFacts {
  const tree = parser.parse(source);
  if (!tree) throw new Error(`the Python parser gave no tree for ${file}`);
  let root: Node;
  let syntaxError: Place | null;
  try {
    root = copyTree(tree, source);
    syntaxError = firstSyntaxError(tree.rootNode);
  } finally {
    tree.delete();
  }
  const resolver = new ValueResolver(root, seeds(root));
  const facts: ScriptFacts = {
    file,
    root,
    resolver,
    syntaxError,
    paths: [],
    otherPaths: [],
    extractions: [],
    envReads: [],
    guardedPaths: new Set(),
    calls: [],
    classes: [],
    functions: [],
    loops: [],
    subscripts: [],
    comparisons: [],
  };
  const candidates: Node[] = [];
  walk(root, (node) => {
    switch (node.type) {
      case "call":
        facts.calls.push(node);
        candidates.push(node);
        break;
      case "string":
      case "concatenated_string":
      case "binary_operator":
        candidates.push(node);
        break;
      case "class_definition":
        facts.classes.push(node);
        break;
      case "function_definition":
        facts.functions.push(node);
        break;
      case "for_statement":
      case "while_statement":
        facts.loops.push(node);
        break;
      case "subscript":
        facts.subscripts.push(node);
        break;
      case "comparison_operator":
        facts.comparisons.push(node);
        break;
    }
  });
  for (const node of candidates) {
    // A string inside a concatenation or an f-string is judged as part of the whole.
    if (node.type === "string" && node.parent?.type === "concatenated_string") continue;
    for (const value of resolver.resolve(node) ?? [])
      if (value.text === "/opt/ml" || value.text.startsWith("/opt/ml/"))
        facts.paths.push({ value: pathPart(value), node });
      else if (/^\/[^/\s]/.test(value.text))
        facts.otherPaths.push({ value: pathPart(value), node });
  }
  readEnv(facts);
  readExtractions(facts);
  readGuards(facts);
  return facts;
}

/** A message such as f"{path} is missing" names a path up to the first space. */
function pathPart(value: StringValue): StringValue {
  const end = value.text.search(/\s/);
  if (end < 0) return value;
  return {
    text: value.text.slice(0, end),
    pieces: value.pieces
      .filter((piece) => piece.start < end)
      .map((piece) => ({ ...piece, end: Math.min(piece.end, end) })),
  };
}

/** Where a key is written: inside the quotes of a literal, else the expression. */
export function keyPlace(node: Node): Place {
  const content =
    node.type === "string"
      ? node.namedChildren.find((child) => child?.type === "string_content")
      : null;
  return placeOf(content ?? node);
}

function keyOf(resolver: ValueResolver, node: Node | null | undefined): string[] {
  return (resolver.exact(node ?? null) ?? []).map((value) => value.text);
}

function readEnv(facts: ScriptFacts) {
  const { resolver } = facts;
  for (const call of facts.calls) {
    const name = dottedName(call.childForFieldName("function"));
    if (!name || !ENV_GETTERS.has(name)) continue;
    const { positional, keywords } = callArguments(call);
    const fallbackNode = positional[1] ?? keywords.get("default");
    const fallback = fallbackNode ? resolver.resolve(fallbackNode) : null;
    for (const key of keyOf(resolver, positional[0]))
      facts.envReads.push({
        name: key,
        place: keyPlace(positional[0] as Node),
        hard: false,
        fallback,
      });
  }
  for (const subscript of facts.subscripts) {
    if (!ENV_OBJECTS.has(dottedName(subscript.childForFieldName("value")) ?? "")) continue;
    const index = subscript.childForFieldName("subscript");
    // An assignment target sets the variable rather than reading it.
    const parent = subscript.parent;
    if (parent?.type === "assignment" && parent.childForFieldName("left")?.id === subscript.id)
      continue;
    for (const key of keyOf(resolver, index))
      facts.envReads.push({
        name: key,
        place: keyPlace(index as Node),
        hard: true,
        fallback: null,
      });
  }
  for (const comparison of facts.comparisons) {
    const test = membership(comparison);
    if (!test || !ENV_OBJECTS.has(dottedName(test.container) ?? "")) continue;
    for (const key of keyOf(resolver, test.key))
      facts.envReads.push({ name: key, place: keyPlace(test.key), hard: false, fallback: null });
  }
}

const UNPACK_FUNCTIONS = new Set(["shutil.unpack_archive", "unpack_archive"]);

function readExtractions(facts: ScriptFacts) {
  for (const call of facts.calls) {
    const tail = calleeTail(call) ?? "";
    const name = dottedName(call.childForFieldName("function")) ?? "";
    const { positional, keywords } = callArguments(call);
    let target: Node | undefined;
    if (UNPACK_FUNCTIONS.has(name)) target = positional[1] ?? keywords.get("extract_dir");
    else if (tail === "extractall" && call.childForFieldName("function")?.type === "attribute")
      target = positional[0] ?? keywords.get("path");
    // `archive.extract(member, path)`; pandas' `.str.extract(pattern)` has no path.
    else if (tail === "extract" && (positional[1] ?? keywords.get("path")))
      target = positional[1] ?? keywords.get("path");
    else continue;
    const values = target ? facts.resolver.exact(target) : null;
    facts.extractions.push({
      node: call,
      targets: values ? values.map((value) => value.text.replace(/\/+$/, "")) : null,
    });
  }
}

function readGuards(facts: ScriptFacts) {
  for (const call of facts.calls) {
    const callee = call.childForFieldName("function");
    let subject: Node | null = null;
    if (callee?.type === "attribute" && EXISTS_METHODS.has(calleeTail(call) ?? ""))
      subject = callee.childForFieldName("object");
    else if (EXISTS_FUNCTIONS.has(dottedName(callee) ?? ""))
      subject = callArguments(call).positional[0] ?? null;
    for (const value of facts.resolver.exact(unwrap(subject)) ?? [])
      facts.guardedPaths.add(value.text.replace(/\/+$/, ""));
  }
}

/** Every call whose callee is `name` or ends in `.name`. */
export function callsNamed(facts: ScriptFacts, ...names: string[]): Node[] {
  return facts.calls.filter((call) => names.includes(calleeTail(call) ?? ""));
}
