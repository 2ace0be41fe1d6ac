// Validates a compiled pipeline definition against the official SageMaker pipeline definition
// schema (vendored, plus overlay.ts) with ajv in draft-07 mode, and turns ajv's errors into a
// short list of located messages: `Steps[2](PyTorchTraining).Arguments.X: message`.
//
// Kept out of src/compiler/index.ts on purpose: ajv and the 70 KB schema are for the CLI and the
// tests, not the browser bundle.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import upstream from "./pipeline-definition.schema.json";
import { applyOverlay, type SchemaNode } from "./overlay";

export interface SchemaViolation {
  /** Where in the definition, e.g. `Steps[2](PyTorchTraining).Arguments.ProfilerConfig`. */
  path: string;
  message: string;
}

export type SchemaCheck = { valid: true } | { valid: false; errors: SchemaViolation[] };

export type DefinitionValidator = (definition: unknown) => SchemaCheck;

/** A validator plus what ajv's strict mode noticed in the schema while compiling it. */
export type SchemaValidator = DefinitionValidator & { schemaWarnings: readonly string[] };

/** The upstream schema with the overlay applied: what definitions are checked against. */
export function pipelineDefinitionSchema(): SchemaNode {
  return applyOverlay(upstream as SchemaNode);
}

/** One readable problem, relative to the value that was validated. */
interface Problem {
  /** Where to report it: key/index segments below the validated value. */
  at: string[];
  /** How deep below the validated value ajv found it (`required` is reported one level lower). */
  depth: number;
  keyword: string;
  message: string;
}

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function pointerSegments(pointer: string): string[] {
  return pointer === ""
    ? []
    : pointer
        .split("/")
        .slice(1)
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** `{"Get": …}`-style names for schema alternatives, for "must be A, B or C" messages. */
function describeAlternatives(schema: Json, root: SchemaNode, seen = new Set<Json>()): string[] {
  if (!isObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  if (typeof schema.$ref === "string") {
    return describeAlternatives(resolvePointer(root, schema.$ref.slice(1)), root, seen);
  }
  const branches = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (Array.isArray(branches))
    return branches.flatMap((branch) => describeAlternatives(branch, root, seen));
  if (Array.isArray(schema.enum)) return [`one of ${schema.enum.map(short).join(", ")}`];
  const required = schema.required;
  if (schema.type === "object" && Array.isArray(required) && required.length === 1)
    return [`{"${String(required[0])}": …}`];
  if (typeof schema.type === "string") return [schema.type === "array" ? "an array" : schema.type];
  return [];
}

function resolvePointer(root: SchemaNode, pointer: string): Json {
  let node: Json = root;
  for (const segment of pointerSegments(pointer)) node = isObject(node) ? node[segment] : undefined;
  return node;
}

function joinAlternatives(names: string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return unique[0] ?? "something else";
  return `${unique.slice(0, -1).join(", ")} or ${unique[unique.length - 1]}`;
}

/** A value in a message: short JSON, objects by their keys. */
function short(value: Json): string {
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? "{}" : `an object with ${keys.map((key) => `"${key}"`).join(", ")}`;
  }
  if (Array.isArray(value)) return "an array";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function typeName(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Keywords that say a value has the wrong shape for an alternative (not just a wrong detail). */
const SHAPE_KEYWORDS = new Set(["type", "required", "oneOf", "anyOf", "const"]);

/**
 * ajv's errors for one value, made readable: every failed `oneOf`/`anyOf` (the schema's
 * "string or Get" unions) is replaced by the errors of the alternative the value was meant to
 * be, or by one "must be A or B" message when it fits none.
 */
class Explainer {
  private readonly branchValidators = new WeakMap<object, ValidateFunction>();

  constructor(
    private readonly ajv: Ajv,
    private readonly root: SchemaNode,
    private readonly rootId: string,
  ) {}

  explain(errors: readonly ErrorObject[]): Problem[] {
    // Outermost first: shorter paths, and at the same path the later error (ajv reports a
    // union's inner unions before the union itself).
    const composites = errors
      .map((error, index) => ({ error, index }))
      .filter(({ error }) => error.keyword === "oneOf" || error.keyword === "anyOf")
      .sort(
        (a, b) => a.error.instancePath.length - b.error.instancePath.length || b.index - a.index,
      )
      .map(({ error }) => error);
    const inside = (path: string, prefix: string) =>
      path === prefix || path.startsWith(`${prefix}/`);
    const regions: string[] = [];
    for (const composite of composites)
      if (!regions.some((prefix) => inside(composite.instancePath, prefix)))
        regions.push(composite.instancePath);
    // In ajv's order: a union's explanation where its first error was.
    const problems: Problem[] = [];
    const done = new Set<string>();
    for (const error of errors) {
      const region = regions.find((prefix) => inside(error.instancePath, prefix));
      if (region === undefined) {
        problems.push(this.plain(error));
        continue;
      }
      if (done.has(region)) continue;
      done.add(region);
      const composite = composites.find((candidate) => candidate.instancePath === region);
      const at = pointerSegments(region);
      for (const problem of this.explainComposite(composite as ErrorObject))
        problems.push({ ...problem, at: [...at, ...problem.at], depth: at.length + problem.depth });
    }
    return problems;
  }

  private explainComposite(composite: ErrorObject): Problem[] {
    const branches = composite.schema as Json[];
    const data = composite.data as Json;
    const passing = (composite.params as { passingSchemas?: number[] | null }).passingSchemas;
    if (Array.isArray(passing)) {
      const names = passing.flatMap((index) => describeAlternatives(branches[index], this.root));
      return [
        {
          at: [],
          depth: 0,
          keyword: "oneOf",
          message: `is ambiguous: it fits ${joinAlternatives(names)}`,
        },
      ];
    }
    const attempts = branches.map((branch) => {
      const validate = this.branchValidator(branch);
      validate(data);
      return this.explain(validate.errors ?? []);
    });
    const fitting = attempts
      .filter((problems) =>
        problems.every((problem) => problem.depth > 0 || !SHAPE_KEYWORDS.has(problem.keyword)),
      )
      .sort((a, b) => a.length - b.length);
    const best = fitting[0];
    if (best && best.length > 0) return best;
    const expected = joinAlternatives(
      branches.flatMap((branch) => describeAlternatives(branch, this.root)),
    );
    return [
      {
        at: [],
        depth: 0,
        keyword: composite.keyword,
        message: `must be ${expected}; found ${short(data)}`,
      },
    ];
  }

  /** A validator for one alternative; its `#/…` references point into the whole schema. */
  private branchValidator(branch: Json): ValidateFunction {
    const key = branch as object;
    let validate = this.branchValidators.get(key);
    if (!validate) {
      validate = this.ajv.compile(absoluteRefs(branch, this.rootId) as SchemaNode);
      this.branchValidators.set(key, validate);
    }
    return validate;
  }

  private plain(error: ErrorObject): Problem {
    const at = pointerSegments(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const problem = (message: string, where = at): Problem => ({
      at: where,
      depth: at.length,
      keyword: error.keyword,
      message,
    });
    switch (error.keyword) {
      case "additionalProperties":
        return problem("is not allowed here by the schema", [
          ...at,
          String(params.additionalProperty),
        ]);
      case "required":
        return problem("is required", [...at, String(params.missingProperty)]);
      case "enum":
        return problem(
          `must be one of ${(params.allowedValues as Json[]).map(short).join(", ")}; found ${short(error.data)}`,
        );
      case "type":
        return problem(`${error.message ?? "has the wrong type"}, found ${typeName(error.data)}`);
      default:
        return problem(error.message ?? `fails ${error.keyword}`);
    }
  }
}

function absoluteRefs(node: Json, rootId: string): Json {
  if (Array.isArray(node)) return node.map((item) => absoluteRefs(item, rootId));
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith("#")
        ? `${rootId}${value}`
        : absoluteRefs(value, rootId),
    ]),
  );
}

/** `.Arguments.ProcessingInputs[0].AppManaged`: keys and indexes below a value, walking the data. */
function formatPath(start: string, data: Json, segments: string[]): string {
  let text = start;
  let node: Json = data;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment))
      text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
    node = Array.isArray(node) ? node[Number(segment)] : isObject(node) ? node[segment] : undefined;
  }
  return text;
}

/** An array of the definition whose items are a `oneOf` of definitions told apart by `Type`. */
interface TaggedArray {
  key: "Steps" | "Parameters";
  /** `Type` value → validator of that item kind. */
  kinds: Map<string, ValidateFunction>;
  /** The kind whose `Type` may be omitted (a parameter without `Type` is a String), if any. */
  untagged?: ValidateFunction;
}

function taggedArray(
  ajv: Ajv,
  schema: SchemaNode,
  rootId: string,
  key: TaggedArray["key"],
): TaggedArray {
  const items = resolvePointer(schema, `/properties/${key}/items/oneOf`) as Json[];
  const kinds = new Map<string, ValidateFunction>();
  let untagged: ValidateFunction | undefined;
  for (const item of items) {
    const pointer = String((item as SchemaNode).$ref).slice(1);
    const definition = resolvePointer(schema, pointer) as SchemaNode;
    const validate = ajv.getSchema(`${rootId}#${pointer}`);
    const tags = resolvePointer(definition, "/properties/Type/enum");
    if (!validate || !Array.isArray(tags)) throw new Error(`schema: ${pointer} has no Type enum`);
    for (const tag of tags) kinds.set(String(tag), validate);
    const required = definition.required;
    if (!Array.isArray(required) || !required.includes("Type")) untagged = validate;
  }
  return { key, kinds, untagged };
}

/** A validator for `schema` (tests pass the schema with one overlay entry removed). */
export function createDefinitionValidator(schema: SchemaNode): SchemaValidator {
  // Unknown keywords (a typo in the overlay, a misplaced node upstream) are collected in
  // `schemaWarnings`, which the tests pin, instead of being printed. strictTypes off: the upstream
  // schema legally puts `required`/`properties` on nodes without `type: "object"`.
  const schemaWarnings: string[] = [];
  const collect = (...args: unknown[]) => schemaWarnings.push(args.map(String).join(" "));
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strictSchema: "log",
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    logger: { log: collect, warn: collect, error: collect },
  });
  ajv.addSchema(schema);
  const rootId = String(schema.$id);
  const validateRoot = ajv.getSchema(rootId) as ValidateFunction;
  const explainer = new Explainer(ajv, schema, rootId);
  const tagged = [
    taggedArray(ajv, schema, rootId, "Parameters"),
    taggedArray(ajv, schema, rootId, "Steps"),
  ];

  const validator: DefinitionValidator = (definition) => {
    const violations: SchemaViolation[] = [];
    const report = (problems: Problem[], start: string, data: Json) => {
      for (const problem of problems)
        violations.push({
          path: formatPath(start, data, problem.at) || "definition",
          message: problem.message,
        });
    };
    validateRoot(definition);
    // Items of Steps and Parameters are checked against the kind their Type names (below), so
    // the root's `oneOf` errors over every kind are dropped.
    const itemError = new RegExp(`^/(${tagged.map((array) => array.key).join("|")})/\\d+(/|$)`);
    report(
      explainer.explain(
        (validateRoot.errors ?? []).filter((error) => !itemError.test(error.instancePath)),
      ),
      "",
      definition,
    );
    if (isObject(definition)) {
      for (const array of tagged) {
        const items = definition[array.key];
        if (!Array.isArray(items)) continue;
        items.forEach((item, index) => {
          const name = isObject(item) && typeof item.Name === "string" ? `(${item.Name})` : "";
          const start = `${array.key}[${index}]${name}`;
          if (!isObject(item)) {
            violations.push({ path: start, message: `must be object, found ${typeName(item)}` });
            return;
          }
          const tag = item.Type;
          const validate =
            tag === undefined
              ? array.untagged
              : typeof tag === "string"
                ? array.kinds.get(tag)
                : undefined;
          if (!validate) {
            const known = [...array.kinds.keys()].map((kind) => `"${kind}"`).join(", ");
            violations.push({
              path: `${start}.Type`,
              message:
                tag === undefined
                  ? `is required; one of ${known}`
                  : `unknown ${array.key === "Steps" ? "step" : "parameter"} type ${short(tag)}; the schema knows ${known}`,
            });
            return;
          }
          validate(item);
          report(explainer.explain(validate.errors ?? []), start, item);
        });
      }
    }
    const unique = [...new Map(violations.map((v) => [`${v.path}\u0000${v.message}`, v])).values()];
    return unique.length === 0 ? { valid: true } : { valid: false, errors: unique };
  };
  return Object.assign(validator, { schemaWarnings });
}

let shared: DefinitionValidator | undefined;

/**
 * Checks a compiled definition against the official SageMaker pipeline definition schema plus
 * overlay.ts. Errors are located as `Steps[2](Name).Arguments.X` / `Parameters[0](Name).X`.
 */
export function validateDefinitionSchema(definition: unknown): SchemaCheck {
  shared ??= createDefinitionValidator(pipelineDefinitionSchema());
  return shared(definition);
}
