import { z } from "zod";
import {
  COMPARISONS,
  RetryPolicySchema,
  STEP_DEFINITIONS,
  type Comparison,
  type Condition,
  type MessagePart,
  type Operand,
  type RetryPolicy,
  type StepTypeName,
} from "../../catalog";
import type { DraftStep, ImportContext } from "./context";
import {
  arrayAt,
  configValue,
  isObject,
  joinValues,
  objectAt,
  parameterName,
  stepReference,
  stringAt,
  type JsonObject,
} from "./values";

/** A design step a rendered SageMaker step name belongs to (`X-CreateModel` → X), once all exist. */
export type DraftLookup = (renderedName: string) => DraftStep | undefined;

const DEFAULT_PROPERTY_FILE = "EvaluationReport";
const DEFAULT_METRICS = [{ name: "auc", jsonPath: "metrics.auc.value" }];
const isComparison = (type: unknown): type is Comparison =>
  (COMPARISONS as readonly unknown[]).includes(type);

/** `{"Std:JsonGet": {"PropertyFile": {"Get": "Steps.E.PropertyFiles.F"}, "Path": P}}` → its parts. */
export function jsonGetOf(
  value: unknown,
): { stepName: string; propertyFile: string; path: string } | null {
  const jsonGet = objectAt(value, "Std:JsonGet");
  const file = stringAt(objectAt(jsonGet, "PropertyFile"), "Get");
  const path = stringAt(jsonGet, "Path");
  const match = file && /^Steps\.([A-Za-z0-9_-]+)\.PropertyFiles\.(.+)$/.exec(file);
  return match && path !== undefined
    ? { stepName: match[1] as string, propertyFile: match[2] as string, path }
    : null;
}

/** The JSON paths the definition reads from each step's property files (conditions, messages). */
export function reportPaths(definition: unknown): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  const visit = (value: unknown) => {
    const found = jsonGetOf(value);
    if (found) {
      const list = paths.get(found.stepName) ?? [];
      if (!list.includes(found.path)) list.push(found.path);
      paths.set(found.stepName, list);
      return;
    }
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) Object.values(value).forEach(visit);
  };
  visit(definition);
  return paths;
}

/** A definition value as an operand: a literal, a parameter, an evaluation metric or a step property. */
function operandOf(value: unknown, lookup: DraftLookup): Operand | string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return { literal: value };
  const parameter = parameterName(value);
  if (parameter !== undefined) return { parameter };
  const jsonGet = jsonGetOf(value);
  if (jsonGet) {
    const draft = lookup(jsonGet.stepName);
    const config: JsonObject = draft?.config ?? {};
    const file = config.propertyFileName ?? DEFAULT_PROPERTY_FILE;
    const metrics = (config.metrics ?? DEFAULT_METRICS) as { name: string; jsonPath: string }[];
    const metric = metrics.find((entry) => entry.jsonPath === jsonGet.path);
    if (!draft || !draft.type.endsWith("Evaluation") || file !== jsonGet.propertyFile || !metric)
      return `${jsonGet.stepName}'s ${jsonGet.propertyFile} is not an imported evaluation report`;
    return { metric: { step: draft.id, name: metric.name } };
  }
  const reference = stepReference(value);
  if (reference) {
    const draft = lookup(reference.stepName);
    if (!draft) return `Steps.${reference.stepName} is not an imported step`;
    return { property: { step: draft.id, path: reference.propertyPath } };
  }
  const shown = value === undefined ? "nothing" : JSON.stringify(value).slice(0, 60);
  return `${shown} is not a literal, parameter, metric or step property`;
}

/** A rendered condition → the design's, or why it cannot be (with where). */
function conditionOf(
  value: unknown,
  path: string,
  lookup: DraftLookup,
): Condition | { path: string; reason: string } {
  const fail = (where: string, reason: string) => ({ path: where, reason });
  const operand = (key: string, found: unknown): Operand | { path: string; reason: string } => {
    const result = operandOf(found, lookup);
    return typeof result === "string" ? fail(`${path}.${key}`, result) : result;
  };
  const isProblem = (found: object): found is { path: string; reason: string } => "reason" in found;
  if (!isObject(value)) return fail(path, "a condition is an object");
  const type = value.Type;
  if (isComparison(type)) {
    const left = operand("LeftValue", value.LeftValue);
    if (isProblem(left)) return left;
    const right = operand("RightValue", value.RightValue);
    if (isProblem(right)) return right;
    return { type, left, right };
  }
  if (type === "In") {
    const query = operand("QueryValue", value.QueryValue);
    if (isProblem(query)) return query;
    const values: Operand[] = [];
    for (const [index, item] of arrayAt(value, "Values").entries()) {
      const found = operand(`Values[${index}]`, item);
      if (isProblem(found)) return found;
      values.push(found);
    }
    return values.length > 0
      ? { type, value: query, values }
      : fail(`${path}.Values`, "In needs values");
  }
  if (type === "Not") {
    const inner = conditionOf(value.Condition, `${path}.Condition`, lookup);
    return isProblem(inner) ? inner : { type, condition: inner };
  }
  if (type === "Or") {
    const conditions: Condition[] = [];
    for (const [index, item] of arrayAt(value, "Conditions").entries()) {
      const inner = conditionOf(item, `${path}.Conditions[${index}]`, lookup);
      if (isProblem(inner)) return inner;
      conditions.push(inner);
    }
    return conditions.length > 0
      ? { type, conditions }
      : fail(`${path}.Conditions`, "Or needs conditions");
  }
  return fail(`${path}.Type`, `condition type ${JSON.stringify(type)} has no design form`);
}

/**
 * A Condition step (`ConditionStep`) → its conditions. Its IfSteps and ElseSteps are imported as
 * steps of their own, with branch links (importDefinition.ts); operands name steps, so they are
 * read once every step exists (`finish`).
 */
export function importConditionStep(
  context: ImportContext,
  step: JsonObject,
  id: string,
  at: string,
): DraftStep {
  const config: JsonObject = { conditions: [] };
  const args = objectAt(step, "Arguments") ?? {};
  return {
    id,
    type: "Condition",
    name: String(step.Name),
    config,
    renderedNames: [String(step.Name)],
    dependsOn: { names: [], path: at },
    finish: (lookup) => {
      const conditions: Condition[] = [];
      arrayAt(args, "Conditions").forEach((value, index) => {
        const path = `${at}.Arguments.Conditions[${index}]`;
        const found = conditionOf(value, path, lookup);
        if ("reason" in found)
          context.note(found.path, `${found.reason}; the condition is left out`);
        else conditions.push(found);
      });
      config.conditions = conditions;
    },
  };
}

/**
 * A Fail step (`FailStep`) → its message: a string, or the parts of a `Join` (text and operands).
 * The compiler joins on "": a message joined on anything else keeps its text, with the separator
 * between the parts.
 */
export function importFailStep(
  context: ImportContext,
  step: JsonObject,
  id: string,
  at: string,
): DraftStep {
  const config: JsonObject = { errorMessage: [] };
  const message = objectAt(step, "Arguments")?.ErrorMessage;
  const path = `${at}.Arguments.ErrorMessage`;
  return {
    id,
    type: "Fail",
    name: String(step.Name),
    config,
    renderedNames: [String(step.Name)],
    dependsOn: { names: [], path: at },
    finish: (lookup) => {
      if (message === undefined || message === "") return;
      const join = objectAt(message, "Std:Join");
      const on = typeof join?.On === "string" ? join.On : "";
      const values = joinValues(message, on) ?? [message];
      if (join && on !== "")
        context.note(
          path,
          `the message is joined on ${JSON.stringify(on)}; the design joins its parts on "" with the separator as text`,
        );
      const parts: MessagePart[] = [];
      // A join of one text is a literal operand: the text alone renders without the join.
      if (join && values.length === 1 && typeof values[0] === "string") {
        config.errorMessage = [{ literal: values[0] }];
        return;
      }
      values.forEach((value, index) => {
        if (index > 0 && on !== "") parts.push(on);
        if (typeof value === "string") return parts.push(value);
        const operand = operandOf(value, lookup);
        if (typeof operand === "string")
          context.note(`${path}.Std:Join.Values[${index}]`, `${operand}; left out of the message`);
        else parts.push(operand);
      });
      config.errorMessage = parts;
    },
  };
}

/**
 * A Transform step (`TransformStep(step_args=Transformer(...).transform(...))`, steps/transform.ts)
 * → a batch transform: the model a model step created, the data a step wrote (joined with the
 * input folder), content and split type, resources and output path.
 */
export function importTransformStep(
  context: ImportContext,
  step: JsonObject,
  id: string,
  at: string,
): DraftStep {
  const args = objectAt(step, "Arguments") ?? {};
  const config: JsonObject = {};
  if (!context.link(args.ModelName, id, "model_name", `${at}.Arguments.ModelName`))
    context.note(
      `${at}.Arguments.ModelName`,
      "the model is not one a model step of the definition creates; the input is not linked",
    );
  const input = objectAt(args, "TransformInput") ?? {};
  const inputAt = `${at}.Arguments.TransformInput.DataSource.S3DataSource.S3Uri`;
  const uri = objectAt(objectAt(input, "DataSource"), "S3DataSource")?.S3Uri;
  const joined = joinValues(uri, "/");
  if (joined?.length === 2 && typeof joined[1] === "string") {
    config.inputFolder = joined[1];
    if (!context.link(joined[0], id, "input_data", inputAt))
      context.note(inputAt, "the input is not another step's output; the input is not linked");
  } else {
    config.inputFolder = "";
    if (!context.link(uri, id, "input_data", inputAt))
      context.note(inputAt, "the input is not another step's output; the input is not linked");
  }
  if (typeof input.ContentType === "string") config.contentType = input.ContentType;
  if (typeof input.SplitType === "string") config.splitType = input.SplitType;
  const resources = objectAt(args, "TransformResources") ?? {};
  config.instanceType = configValue(resources.InstanceType);
  config.instanceCount = configValue(resources.InstanceCount);
  const outputPath = objectAt(args, "TransformOutput")?.S3OutputPath;
  if (outputPath !== `${context.pipelineS3Loc}/batch_transform`) {
    const value = configValue(outputPath);
    if (value === undefined)
      context.note(
        `${at}.Arguments.TransformOutput.S3OutputPath`,
        "the output path is an expression the design cannot hold; the default is used",
      );
    else config.outputPath = value;
  }
  return {
    id,
    type: "BatchTransform",
    name: String(step.Name),
    config,
    renderedNames: [String(step.Name)],
    dependsOn: { names: [], path: at },
  };
}

/** Whether a step type's config has a field (its schema is an object schema). */
function takesField(type: StepTypeName, field: string): boolean {
  const schema: unknown = STEP_DEFINITIONS[type].configSchema;
  return schema instanceof z.ZodObject && field in schema.shape;
}

/**
 * `RetryPolicies` as the SDK renders `StepRetryPolicy` / `SageMakerJobStepRetryPolicy` →
 * `config.retryPolicies`: a policy on `Step.*` exceptions is a step policy, one on `SageMaker.*`
 * exceptions a job policy.
 */
export function importRetryPolicies(
  context: ImportContext,
  step: JsonObject,
  type: StepTypeName,
  config: JsonObject,
  at: string,
) {
  const rendered = arrayAt(step, "RetryPolicies");
  if (rendered.length === 0) return;
  if (!takesField(type, "retryPolicies")) {
    context.note(
      `${at}.RetryPolicies`,
      `a ${STEP_DEFINITIONS[type].displayName} step takes no retry policies; left out`,
    );
    return;
  }
  const policies: RetryPolicy[] = [];
  rendered.forEach((policy, index) => {
    const types = arrayAt(policy, "ExceptionType");
    const kind = types.every((name) => String(name).startsWith("Step."))
      ? "step"
      : types.every((name) => String(name).startsWith("SageMaker."))
        ? "job"
        : undefined;
    const candidate = isObject(policy)
      ? {
          kind,
          exceptionTypes: types,
          intervalSeconds: policy.IntervalSeconds,
          backoffRate: policy.BackoffRate,
          maxAttempts: policy.MaxAttempts,
          expireAfterMinutes: policy.ExpireAfterMin,
        }
      : undefined;
    const parsed = RetryPolicySchema.safeParse(candidate);
    if (parsed.success) policies.push(parsed.data);
    else
      context.note(
        `${at}.RetryPolicies[${index}]`,
        "not a step or job retry policy the design can hold (exception types of one kind, interval, backoff rate, max attempts or expire after); left out",
      );
  });
  config.retryPolicies = policies;
}
