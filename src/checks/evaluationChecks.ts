import type { EvaluationConfig } from "../catalog";
import type { ResolvedStep } from "../compiler";
import { closest, editDistance } from "./containerPaths";
import { outputContents, type CheckContext } from "./contents";
import { list, usesPath, type Finding, type StepScripts } from "./context";
import { leafPaths, missAt, ShapeReader, type PathMiss, type Shape } from "./reportShape";
import { keyPlace, type ScriptFacts } from "./scriptFacts";
import { callArguments, calleeTail, dottedName, placeOf, unwrap, walk, type Place } from "./syntax";
import type { SyntaxNode as Node } from "./syntax";
import { extractionTargets, knownFolders } from "./upstreamChecks";

type EvaluationStep = Extract<ResolvedStep, { type: "XGBoostEvaluation" | "PyTorchEvaluation" }>;

/** The evaluation step a resolved step is, if it is one (its config then has the report's metrics). */
export function asEvaluation(resolved: ResolvedStep | undefined): EvaluationStep | undefined {
  return resolved?.type === "XGBoostEvaluation" || resolved?.type === "PyTorchEvaluation"
    ? resolved
    : undefined;
}

const EVALUATION_OUTPUT = "evaluation";

/** Where the report lands in the container: `/opt/ml/processing/output/evaluation/evaluation.json`. */
function reportPath(step: StepScripts, config: EvaluationConfig): string | undefined {
  const dir = step.provision.outputs.find((output) => output.name === EVALUATION_OUTPUT)?.path;
  return dir && `${dir}/${config.reportFile}`;
}

/** The file a `json.dump` writes to, through `with open(P) as f`, `f = open(P)` or `P.open()`. */
function openedPath(facts: ScriptFacts, handle: Node | null, aliases: Map<string, Node>) {
  let node = unwrap(handle);
  if (node?.type === "identifier") node = aliases.get(node.text) ?? null;
  if (node?.type !== "call" || calleeTail(node) !== "open") return null;
  const callee = node.childForFieldName("function");
  const path =
    callee?.type === "attribute"
      ? callee.childForFieldName("object")
      : (callArguments(node).positional[0] ?? null);
  return facts.resolver.exact(path)?.map((value) => value.text) ?? null;
}

/** Files opened under a name: `with open(P) as f` and `f = open(P)`. */
function openAliases(facts: ScriptFacts): Map<string, Node> {
  const aliases = new Map<string, Node>();
  walk(facts.root, (node) => {
    if (node.type === "as_pattern") {
      const alias = node.childForFieldName("alias")?.namedChild(0);
      const opened = unwrap(node.namedChild(0));
      if (alias?.type === "identifier" && opened?.type === "call") aliases.set(alias.text, opened);
    } else if (node.type === "assignment") {
      const left = node.childForFieldName("left");
      const right = unwrap(node.childForFieldName("right"));
      if (left?.type === "identifier" && right?.type === "call" && calleeTail(right) === "open")
        aliases.set(left.text, right);
    }
  });
  return aliases;
}

interface ReportWrite {
  facts: ScriptFacts;
  /** The expression dumped as JSON. */
  value: Node;
  /** Where it goes: the report, another file, or a place the checks cannot tell. */
  target: "report" | "other" | "unknown";
}

/** Every JSON document the scripts write, and whether it is the report. */
function jsonWrites(step: StepScripts, report: string): ReportWrite[] {
  const writes: ReportWrite[] = [];
  for (const facts of step.scripts) {
    const aliases = openAliases(facts);
    const classify = (paths: string[] | null): ReportWrite["target"] =>
      paths === null ? "unknown" : paths.includes(report) ? "report" : "other";
    for (const call of facts.calls) {
      const name = dottedName(call.childForFieldName("function"));
      const { positional, keywords } = callArguments(call);
      const value = positional[0];
      if (!value) continue;
      if (name === "json.dump") {
        const handle = positional[1] ?? keywords.get("fp") ?? null;
        writes.push({ facts, value, target: classify(openedPath(facts, handle, aliases)) });
      } else if (name === "json.dumps") {
        // `P.write_text(json.dumps(r))` or `f.write(json.dumps(r))`.
        const outer = call.parent?.type === "argument_list" ? call.parent.parent : null;
        const callee = outer?.type === "call" ? outer.childForFieldName("function") : null;
        const method = outer && calleeTail(outer);
        const object = callee?.type === "attribute" ? callee.childForFieldName("object") : null;
        let paths: string[] | null = null;
        if (method === "write_text")
          paths = facts.resolver.exact(object)?.map((found) => found.text) ?? null;
        else if (method === "write") paths = openedPath(facts, object, aliases);
        else continue;
        writes.push({ facts, value, target: classify(paths) });
      }
    }
  }
  return writes;
}

// One reading per step and check run: the step's own check and each condition on it ask.
const shapes = new WeakMap<StepScripts, Shape | null>();

/** What the evaluation scripts write into the report, or `null` when the checks cannot tell. */
export function reportShape(step: StepScripts, config: EvaluationConfig): Shape | null {
  if (!shapes.has(step)) shapes.set(step, readReportShape(step, config));
  return shapes.get(step) ?? null;
}

function readReportShape(step: StepScripts, config: EvaluationConfig): Shape | null {
  const report = reportPath(step, config);
  if (!report || step.scripts.some((script) => script.syntaxError)) return null;
  const writes = jsonWrites(step, report);
  const chosen = writes.some((write) => write.target === "report")
    ? writes.filter((write) => write.target === "report")
    : writes.filter((write) => write.target === "unknown");
  if (chosen.length === 0) return null;
  const readers = new Map<ScriptFacts, ShapeReader>();
  let shape: Shape | null = null;
  for (const write of chosen) {
    const reader = readers.get(write.facts) ?? new ShapeReader(write.facts);
    readers.set(write.facts, reader);
    const next = reader.shape(write.value);
    if (next.kind === "unknown") return null;
    shape = shape === null ? next : mergeTop(shape, next);
  }
  return shape;
}

/** Two writes of the report: the keys of either may be there. */
function mergeTop(a: Shape, b: Shape): Shape {
  if (a.kind === "object" && b.kind === "object")
    return { ...a, keys: new Map([...b.keys, ...a.keys]), open: a.open || b.open };
  return { kind: "unknown" };
}

/** A JSON path the report does not have: what to say, and the nearest path it has. */
export interface MetricPathProblem {
  message: string;
  suggestion: string | null;
  place: Place;
  file: string;
}

/** The paths at or below `prefix`. */
const under = (paths: string[], prefix: string) =>
  paths.filter(
    (path) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`),
  );

/** The key among `keys` a misspelt `key` stands for: one holding the other (`f1` / `f1_score`), else the closest. */
function nearestKey(key: string, keys: readonly string[]): string | null {
  const lower = key.toLowerCase();
  const holding = keys.filter((candidate) => {
    const other = candidate.toLowerCase();
    return other.includes(lower) || lower.includes(other);
  });
  if (holding.length === 0) return closest(key, keys);
  const distance = (candidate: string) => editDistance(key, candidate);
  return holding.reduce((best, candidate) =>
    distance(candidate) < distance(best) ? candidate : best,
  );
}

export function metricPathProblem(
  shape: Shape,
  jsonPath: string,
  file: string,
  reportFile: string,
): MetricPathProblem | null {
  const miss: PathMiss | null = missAt(shape, jsonPath);
  if (!miss) return null;
  const leaves = leafPaths(shape);
  // The nearest path: through the key written in place of the missing one, else over the whole path.
  const near = miss.segment !== undefined ? nearestKey(miss.segment, miss.siblings) : null;
  const prefix = near === null ? null : miss.found ? `${miss.found}.${near}` : near;
  const through =
    miss.reason === "an-object" ? under(leaves, jsonPath) : prefix ? under(leaves, prefix) : [];
  const suggestion =
    miss.reason === "not-an-object"
      ? miss.found
      : (closest(jsonPath, through) ?? through[0] ?? closest(jsonPath, leaves));
  const where = miss.found ? `${miss.found} ` : "the report ";
  const what =
    miss.reason === "missing"
      ? `${where}has ${miss.siblings.length > 0 ? `only ${list(miss.siblings.map((key) => `"${key}"`))}` : "no keys"}`
      : miss.reason === "an-object"
        ? `${jsonPath} is an object (${list(miss.siblings)}), not a value a condition can compare`
        : `${miss.found} is a value, not an object with keys`;
  // On the key the script wrote in place of the one asked for, else where the object is built.
  const key = near !== null ? miss.entries?.get(near)?.node : undefined;
  return {
    message: `"${jsonPath}" is not a key path ${file} writes into ${reportFile}: ${what}`,
    suggestion: suggestion !== jsonPath ? suggestion : null,
    place: key ? keyPlace(key) : placeOf(miss.node),
    file,
  };
}

/** The evaluation report: written, and holding every metric the step lists at its JSON path. */
function reportFindings(step: StepScripts, resolved: EvaluationStep): Finding[] {
  const { config } = resolved;
  const dir = step.provision.outputs.find((output) => output.name === EVALUATION_OUTPUT)?.path;
  if (!dir) return [];
  const report = `${dir}/${config.reportFile}`;
  const uses = step.scripts.flatMap((script) => script.paths.map((use) => use.value));
  const writes = uses.some(
    (value) =>
      value.text === report ||
      (value.open && report.startsWith(value.text) && value.text.startsWith(dir)),
  );
  if (!writes) {
    const written = uses
      .filter((value) => !value.open && value.text.startsWith(`${dir}/`))
      .map((value) => value.text.slice(dir.length + 1));
    const base = config.reportFile.split("/").pop();
    const match =
      written.find((path) => path.split("/").pop() === base) ?? closest(config.reportFile, written);
    return [
      {
        code: "PD544",
        severity: "error",
        message: `the script never writes ${config.reportFile} under ${dir}: the ${config.propertyFileName} property file, and every condition on it, reads that file`,
        path: "reportFile",
        ...(match
          ? { fix: { message: `the script writes ${match}: make that the report file` } }
          : {}),
      },
    ];
  }
  const shape = reportShape(step, config);
  if (!shape) return [];
  const file = reportFile(step, config);
  const found: Finding[] = [];
  config.metrics.forEach((metric, index) => {
    const problem = metricPathProblem(shape, metric.jsonPath, file, config.reportFile);
    if (!problem) return;
    found.push({
      code: "PD545",
      severity: "error",
      message: `metric "${metric.name}": ${problem.message}`,
      path: `metrics[${index}].jsonPath`,
      file: problem.file,
      place: problem.place,
      ...(problem.suggestion ? { fix: { message: `did you mean ${problem.suggestion}?` } } : {}),
    });
  });
  return found;
}

/** The file that writes the report (for locating findings about it). */
export function reportFile(step: StepScripts, config: EvaluationConfig): string {
  const report = reportPath(step, config);
  const writer = step.scripts.find((script) =>
    script.paths.some((use) => use.value.text === report),
  );
  return writer?.file ?? step.provision.entryPoint;
}

/** The model: the script unpacks the training job's archive and loads a file training saves. */
function modelFindings(step: StepScripts, context: CheckContext): Finding[] {
  const input = step.provision.upstream.find((candidate) => {
    const contents = outputContents(context, candidate.source.stepId, candidate.source.output);
    return contents?.archive !== undefined;
  });
  if (!input || !usesPath(step, input.path)) return [];
  const contents = outputContents(context, input.source.stepId, input.source.output);
  const archive = contents?.archive;
  if (!archive || archive.size === 0) return [];
  const targets = extractionTargets(step);
  if (targets === null) return [];
  const saved = list([...archive].sort());
  const training = context.resolved.get(input.source.stepId)?.step.name ?? "the training step";
  if (targets.size === 0)
    return [
      {
        code: "PD543",
        severity: "warning",
        message: `the script never unpacks ${input.path}/model.tar.gz: the ${input.name} input holds the archive ${training} uploads, not ${saved}`,
      },
    ];
  const folders = knownFolders(step, context).filter((folder) =>
    [...folder.names].some((name) => archive.has(name)),
  );
  const loads = step.scripts.some((script) =>
    [...script.paths, ...script.otherPaths].some((use) =>
      folders.some((folder) => {
        if (!use.value.text.startsWith(`${folder.dir}/`)) return false;
        const rest = use.value.text.slice(folder.dir.length + 1);
        // A partly known name there may be one of the saved files.
        return (use.value.open && !rest.includes("/")) || archive.has(rest.split("/")[0] ?? "");
      }),
    ),
  );
  if (loads) return [];
  return [
    {
      code: "PD543",
      severity: "warning",
      message: `the script never loads a file ${training} saves in its model (${saved})`,
    },
  ];
}

/** The split the evaluation needs: `test/` of the preprocessing output (or its only folder). */
function splitFindings(step: StepScripts, context: CheckContext): Finding[] {
  const input = step.provision.upstream.find((candidate) => candidate.name === "processed_data");
  if (!input || !usesPath(step, input.path)) return [];
  const contents = outputContents(context, input.source.stepId, input.source.output);
  const names = contents ? [...contents.names] : [];
  const needed = names.includes("test") || names.length !== 1 ? "test" : (names[0] as string);
  const reads = step.scripts.some((script) =>
    script.paths.some((use) => {
      const { text, open } = use.value;
      if (!text.startsWith(`${input.path}/`)) return false;
      const rest = text.slice(input.path.length + 1);
      return (open && !rest.includes("/")) || rest.split("/")[0] === needed;
    }),
  );
  if (reads) return [];
  return [
    {
      code: "PD542",
      severity: "warning",
      message: `the script never reads the ${needed}/ split of ${input.name} (${input.path}/${needed}): an evaluation scores the held-out data`,
    },
  ];
}

/** An evaluation step's own checks: the report and its metrics, the model, the split. */
export function evaluationFindings(
  step: StepScripts,
  resolved: ResolvedStep,
  context: CheckContext,
): Finding[] {
  const evaluation = asEvaluation(resolved);
  if (!evaluation) return [];
  return [
    ...reportFindings(step, evaluation),
    ...modelFindings(step, context),
    ...splitFindings(step, context),
  ];
}
