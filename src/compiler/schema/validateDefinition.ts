// Validates a compiled pipeline definition against the official SageMaker pipeline definition
// schema (vendored, plus overlay.ts) in draft-07 mode, and turns the validator's output into a
// short list of located messages: `Steps[2](PyTorchTraining).Arguments.X: message`.
//
// The validator is @cfworker/json-schema, which interprets the schema instead of compiling it to
// code with `new Function`, so the submit review runs under a CSP that refuses eval
// (scripts/csp.mjs). Kept out of src/compiler/index.ts on purpose: the validator and the 70 KB
// schema are for the CLI, the tests and the submit review's lazily loaded chunk, not the initial
// browser bundle.
import { dereference, validate, type OutputUnit, type Schema } from "@cfworker/json-schema";
import upstream from "./pipeline-definition.schema.json";
import { applyOverlay, type SchemaNode } from "./overlay";

export interface SchemaViolation {
  /** Where in the definition, e.g. `Steps[2](PyTorchTraining).Arguments.ProfilerConfig`. */
  path: string;
  message: string;
}

export type SchemaCheck = { valid: true } | { valid: false; errors: SchemaViolation[] };

export type DefinitionValidator = (definition: unknown) => SchemaCheck;

/** A validator plus the unknown keywords found in the part of the schema it checks against. */
export type SchemaValidator = DefinitionValidator & { schemaWarnings: readonly string[] };

/** The upstream schema with the overlay applied: what definitions are checked against. */
export function pipelineDefinitionSchema(): SchemaNode {
  return applyOverlay(upstream as SchemaNode);
}

/** One readable problem, relative to the value that was validated. */
interface Problem {
  /** Where to report it: key/index segments below the validated value. */
  at: string[];
  /** How deep below the validated value it was found (`required` is reported one level lower). */
  depth: number;
  keyword: string;
  message: string;
}

/** One failed keyword of the validator's output, its locations split into segments. */
interface Failure {
  keyword: string;
  /** Instance location: key/index segments below the validated value. */
  at: string[];
  /** Evaluation path through the schema (`$ref` segments included) to the keyword. */
  location: string[];
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

/** Segments of the validator's `#/a/b` locations (URI fragments: percent-encoded pointers). */
function fragmentSegments(location: string): string[] {
  return pointerSegments(decodeURIComponent(location.replace(/^#/, "")));
}

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);

/**
 * Whether `failure` was found while checking `composite` (or one of its alternatives, `branch`):
 * below it in the schema and in the data. An `items` or `patternProperties` schema is applied to
 * many values, so the schema location alone does not tell.
 */
const within = (failure: Failure, composite: Failure, branch?: number) =>
  startsWith(
    failure.location,
    branch === undefined ? composite.location : [...composite.location, `${branch}`],
  ) && startsWith(failure.at, composite.at);

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
  return walk(root, pointerSegments(pointer));
}

function walk(node: Json, segments: readonly string[]): Json {
  for (const segment of segments)
    node = Array.isArray(node) ? node[Number(segment)] : isObject(node) ? node[segment] : undefined;
  return node;
}

/** The schema value an evaluation path names, following each `$ref` it went through. */
function schemaAt(root: SchemaNode, location: readonly string[]): Json {
  let node: Json = root;
  for (const segment of location) {
    if (segment === "$ref" && isObject(node) && typeof node.$ref === "string")
      node = resolvePointer(root, node.$ref.slice(node.$ref.indexOf("#") + 1));
    else node = walk(node, [segment]);
  }
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
 * Keywords the validator reports only to say that something below them failed; what failed is
 * reported too, so these carry nothing of their own.
 */
const WRAPPERS = new Set([
  "$ref",
  "$recursiveRef",
  "properties",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "dependentSchemas",
  "items",
  "prefixItems",
  "additionalItems",
  "unevaluatedItems",
  "allOf",
  "if",
]);

/**
 * The validator's output as failures. A `false` schema (`additionalProperties: false`) is reported
 * with its instance location as keyword location; it gets the location of the keyword that
 * applied it, which the validator reports just before it. Repeats (one per missing property of a
 * `required`) are dropped: each failure is explained from the schema and the data.
 */
function failuresOf(units: readonly OutputUnit[]): Failure[] {
  const failures: Failure[] = [];
  const seen = new Set<string>();
  units.forEach((unit, index) => {
    const previous = units[index - 1];
    const keywordLocation =
      unit.keyword === "false" && previous ? previous.keywordLocation : unit.keywordLocation;
    const key = `${unit.keyword}\u0000${keywordLocation}\u0000${unit.instanceLocation}`;
    if (seen.has(key)) return;
    seen.add(key);
    failures.push({
      keyword: unit.keyword,
      at: fragmentSegments(unit.instanceLocation),
      location: fragmentSegments(keywordLocation),
    });
  });
  return failures;
}

/**
 * Problems in reading order: a value's own before those inside it, and values next to each other
 * in the order the validator met them (the schema's).
 */
function readingOrder(problems: readonly Problem[]): Problem[] {
  interface Node {
    problems: Problem[];
    children: Map<string, Node>;
  }
  const root: Node = { problems: [], children: new Map() };
  for (const problem of problems) {
    let node = root;
    for (const segment of problem.at.slice(0, problem.depth)) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { problems: [], children: new Map() }));
      node = child;
    }
    node.problems.push(problem);
  }
  const ordered: Problem[] = [];
  const visit = (node: Node) => {
    ordered.push(...node.problems);
    for (const child of node.children.values()) visit(child);
  };
  visit(root);
  return ordered;
}

/**
 * The failures of one value, made readable: every failed `oneOf`/`anyOf` (the schema's "string
 * or Get" unions) is replaced by the failures of the alternative the value was meant to be, or by
 * one "must be A or B" message when it fits none.
 */
class Explainer {
  constructor(private readonly root: SchemaNode) {}

  explain(failures: readonly Failure[], data: Json): Problem[] {
    const composites = failures.filter(
      (failure) => failure.keyword === "oneOf" || failure.keyword === "anyOf",
    );
    // A union inside another's alternatives is explained with that alternative.
    const outermost = composites.filter(
      (composite) =>
        !composites.some(
          (other) => other.location.length < composite.location.length && within(composite, other),
        ),
    );
    const problems: Problem[] = [];
    const done = new Set<Failure>();
    for (const failure of failures) {
      const region = outermost.find((composite) => within(failure, composite));
      if (region === undefined) {
        problems.push(...this.plain(failure, data));
        continue;
      }
      if (done.has(region)) continue;
      done.add(region);
      const inside = failures.filter((other) => other !== region && within(other, region));
      problems.push(...this.explainComposite(region, inside, data));
    }
    return problems;
  }

  private explainComposite(composite: Failure, inside: Failure[], data: Json): Problem[] {
    const branches = schemaAt(this.root, composite.location) as Json[];
    const value = walk(data, composite.at);
    const depth = composite.at.length;
    const problem = (message: string): Problem => ({
      at: composite.at,
      depth,
      keyword: composite.keyword,
      message,
    });
    // An alternative that fits reports nothing, one that does not reports at least one failure.
    const byBranch = branches.map((_, index) =>
      inside.filter((failure) => within(failure, composite, index)),
    );
    const passing = branches.filter((_, index) => byBranch[index]!.length === 0);
    if (composite.keyword === "oneOf" && passing.length > 1) {
      const names = passing.flatMap((branch) => describeAlternatives(branch, this.root));
      return [problem(`is ambiguous: it fits ${joinAlternatives(names)}`)];
    }
    const attempts = byBranch.map((failures) => this.explain(failures, data));
    const fitting = attempts
      .filter((problems) =>
        problems.every((found) => found.depth > depth || !SHAPE_KEYWORDS.has(found.keyword)),
      )
      .sort((a, b) => a.length - b.length);
    const best = fitting[0];
    if (best && best.length > 0) return best;
    const expected = joinAlternatives(
      branches.flatMap((branch) => describeAlternatives(branch, this.root)),
    );
    return [problem(`must be ${expected}; found ${short(value)}`)];
  }

  private plain(failure: Failure, data: Json): Problem[] {
    const { at, keyword } = failure;
    const value = walk(data, at);
    // The schema node the keyword belongs to, and the keyword's value there.
    const node = schemaAt(this.root, failure.location.slice(0, -1));
    const limit = isObject(node) ? node[keyword] : undefined;
    const problem = (message: string, where = at, depth = at.length): Problem => ({
      at: where,
      depth,
      keyword,
      message,
    });
    if (WRAPPERS.has(keyword)) return [];
    switch (keyword) {
      case "false":
        // A property (or item) where the schema admits none: reported on its parent's level.
        return [
          {
            ...problem("is not allowed here by the schema", at, Math.max(0, at.length - 1)),
            keyword: "additionalProperties",
          },
        ];
      case "required":
        return (Array.isArray(limit) ? limit : [])
          .map(String)
          .filter((key) => isObject(value) && !Object.prototype.hasOwnProperty.call(value, key))
          .map((key) => problem("is required", [...at, key]));
      case "enum":
        return [
          problem(
            `must be one of ${(Array.isArray(limit) ? limit : []).map(short).join(", ")}; found ${short(value)}`,
          ),
        ];
      case "const":
        return [problem(`must be ${short(limit)}; found ${short(value)}`)];
      case "type": {
        const types = Array.isArray(limit) ? limit.map(String) : [String(limit)];
        return [problem(`must be ${joinAlternatives(types)}, found ${typeName(value)}`)];
      }
      case "pattern":
        return [problem(`must match pattern "${String(limit)}"`)];
      case "format":
        return [problem(`must match format "${String(limit)}"`)];
      case "minLength":
        return [problem(`must NOT have fewer than ${String(limit)} characters`)];
      case "maxLength":
        return [problem(`must NOT have more than ${String(limit)} characters`)];
      case "minItems":
        return [problem(`must NOT have fewer than ${String(limit)} items`)];
      case "maxItems":
        return [problem(`must NOT have more than ${String(limit)} items`)];
      case "minProperties":
        return [problem(`must NOT have fewer than ${String(limit)} properties`)];
      case "maxProperties":
        return [problem(`must NOT have more than ${String(limit)} properties`)];
      case "uniqueItems":
        return [problem("must NOT have duplicate items")];
      case "minimum":
        return [problem(`must be >= ${String(limit)}`)];
      case "maximum":
        return [problem(`must be <= ${String(limit)}`)];
      case "exclusiveMinimum":
        return [problem(`must be > ${String(limit)}`)];
      case "exclusiveMaximum":
        return [problem(`must be < ${String(limit)}`)];
      case "multipleOf":
        return [problem(`must be a multiple of ${String(limit)}`)];
      case "not":
        return [problem("must NOT match the schema it is refused by")];
      default:
        return [problem(`fails the schema's "${keyword}"`)];
    }
  }
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
    node = walk(node, [segment]);
  }
  return text;
}

/** The draft-07 keywords (validation, applicators and annotations). */
const DRAFT_07_KEYWORDS = new Set([
  "$id",
  "$schema",
  "$ref",
  "$comment",
  "title",
  "description",
  "default",
  "readOnly",
  "writeOnly",
  "examples",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "additionalItems",
  "items",
  "maxItems",
  "minItems",
  "uniqueItems",
  "contains",
  "maxProperties",
  "minProperties",
  "required",
  "additionalProperties",
  "definitions",
  "properties",
  "patternProperties",
  "dependencies",
  "propertyNames",
  "const",
  "enum",
  "type",
  "format",
  "contentMediaType",
  "contentEncoding",
  "if",
  "then",
  "else",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
]);

/**
 * Unknown keywords in every schema node a definition can be checked against (reached from the
 * root through its keywords and `$ref`s): the validator ignores them, so each is a typo or a
 * misplaced node whose constraint silently does not apply.
 */
function unknownKeywords(root: SchemaNode): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  const visit = (pointer: string) => {
    if (seen.has(pointer)) return;
    seen.add(pointer);
    const node = resolvePointer(root, pointer);
    if (!isObject(node)) return;
    const child = (...segments: string[]) =>
      visit(
        [pointer, ...segments.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1"))].join("/"),
      );
    for (const [keyword, value] of Object.entries(node)) {
      if (!DRAFT_07_KEYWORDS.has(keyword)) {
        warnings.push(`unknown keyword "${keyword}" at #${pointer}`);
        continue;
      }
      if (keyword === "$ref" && typeof value === "string")
        visit(value.slice(value.indexOf("#") + 1));
      else if (["properties", "patternProperties", "dependencies"].includes(keyword)) {
        if (isObject(value)) for (const name of Object.keys(value)) child(keyword, name);
      } else if (["allOf", "anyOf", "oneOf", "items"].includes(keyword) && Array.isArray(value))
        value.forEach((_, index) => child(keyword, `${index}`));
      else if (
        [
          "items",
          "additionalItems",
          "contains",
          "additionalProperties",
          "propertyNames",
          "if",
          "then",
          "else",
          "not",
        ].includes(keyword)
      )
        child(keyword);
    }
  };
  visit("");
  return warnings;
}

/** One kind of item of an array told apart by `Type`: its schema node and where it is. */
interface ItemKind {
  pointer: string;
  node: SchemaNode;
}

/** An array of the definition whose items are a `oneOf` of definitions told apart by `Type`. */
interface TaggedArray {
  key: "Steps" | "Parameters";
  /** `Type` value → that item kind. */
  kinds: Map<string, ItemKind>;
  /** The kind whose `Type` may be omitted (a parameter without `Type` is a String), if any. */
  untagged?: ItemKind;
}

function taggedArray(schema: SchemaNode, key: TaggedArray["key"]): TaggedArray {
  const items = resolvePointer(schema, `/properties/${key}/items/oneOf`) as Json[];
  const kinds = new Map<string, ItemKind>();
  let untagged: ItemKind | undefined;
  for (const item of items) {
    const pointer = String((item as SchemaNode).$ref).slice(1);
    const node = resolvePointer(schema, pointer);
    const tags = resolvePointer(isObject(node) ? node : {}, "/properties/Type/enum");
    if (!isObject(node) || !Array.isArray(tags))
      throw new Error(`schema: ${pointer} has no Type enum`);
    const kind = { pointer, node };
    for (const tag of tags) kinds.set(String(tag), kind);
    const required = node.required;
    if (!Array.isArray(required) || !required.includes("Type")) untagged = kind;
  }
  return { key, kinds, untagged };
}

/** The definition as it is sent: JSON (a property whose value is `undefined` is not in it). */
function asSent(definition: unknown): Json {
  const text = JSON.stringify(definition);
  return text === undefined ? null : (JSON.parse(text) as Json);
}

/** A validator for `schema` (tests pass the schema with one overlay entry removed). */
export function createDefinitionValidator(schema: SchemaNode): SchemaValidator {
  // Unknown keywords (a typo in the overlay, a misplaced node upstream) are collected in
  // `schemaWarnings`, which the tests pin.
  const schemaWarnings = unknownKeywords(schema);
  // Every node by its URI, so `$ref`s resolve (the schema's `$id` is their base).
  const lookup = dereference(schema as Schema);
  const check = (data: Json, node: SchemaNode, pointer = ""): Failure[] =>
    failuresOf(validate(data, node as Schema, "7", lookup, false, null, "#", `#${pointer}`).errors);
  const explainer = new Explainer(schema);
  const explain = (failures: Failure[], data: Json) =>
    readingOrder(explainer.explain(failures, data));
  const tagged = [taggedArray(schema, "Parameters"), taggedArray(schema, "Steps")];
  // Items of Steps and Parameters are checked against the kind their Type names (below), not
  // against the root's `oneOf` over every kind: the root is checked with those items admitted.
  const properties = schema.properties as Record<string, SchemaNode>;
  const rootWithoutItems: SchemaNode = {
    ...schema,
    properties: {
      ...properties,
      ...Object.fromEntries(
        tagged.map(({ key }) => [key, { ...properties[key], items: true }] as const),
      ),
    },
  };

  const validator: DefinitionValidator = (given) => {
    const definition = asSent(given);
    const violations: SchemaViolation[] = [];
    const report = (problems: Problem[], start: string, data: Json) => {
      for (const problem of problems)
        violations.push({
          path: formatPath(start, data, problem.at) || "definition",
          message: problem.message,
        });
    };
    report(explain(check(definition, rootWithoutItems), definition), "", definition);
    if (isObject(definition)) {
      for (const array of tagged) {
        const items = definition[array.key];
        if (!Array.isArray(items)) continue;
        items.forEach((item: Json, index) => {
          const name = isObject(item) && typeof item.Name === "string" ? `(${item.Name})` : "";
          const start = `${array.key}[${index}]${name}`;
          if (!isObject(item)) {
            violations.push({ path: start, message: `must be object, found ${typeName(item)}` });
            return;
          }
          const tag = item.Type;
          const kind =
            tag === undefined
              ? array.untagged
              : typeof tag === "string"
                ? array.kinds.get(tag)
                : undefined;
          if (!kind) {
            const known = [...array.kinds.keys()].map((known) => `"${known}"`).join(", ");
            violations.push({
              path: `${start}.Type`,
              message:
                tag === undefined
                  ? `is required; one of ${known}`
                  : `unknown ${array.key === "Steps" ? "step" : "parameter"} type ${short(tag)}; the schema knows ${known}`,
            });
            return;
          }
          report(explain(check(item, kind.node, kind.pointer), item), start, item);
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
