// The seeded design generator: random but valid `*.pipeline.json` documents covering every step
// type, both frameworks, every framework/py version pair of the image tables, GPU and CPU
// instances, parameters bound to fields, cache on/off, custom metrics, environment, checkpoints
// and several training steps; record keys and parameter names such as `__proto__`,
// `constructor` and `prototype` among the others; and the gated steps (docs/gated-steps.md):
// evaluations, conditions of every kind and operand, both branches and nested conditions,
// register steps with and without repack, batch transforms, fail messages and retry policies.
// Validity is decided by our own compiler (`accept`).
import fc from "fast-check";
import { z } from "zod";
import {
  APPROVAL_STATUSES,
  frameworkVersions,
  OUTPUT_FORMATS,
  PROCESSING_JOB_TYPES,
  pyVersionsFor,
  SPLIT_TYPES,
  STEP_DEFINITIONS,
  type Framework,
  type StepTypeName,
} from "../../src/catalog";
import {
  Bind,
  code,
  conditionRecipe,
  cpuInstanceType,
  env,
  instanceType,
  maybe,
  messageRecipe,
  metricDefinitions,
  mimeTypes,
  orBind,
  packageGroupName,
  PROTOTYPE_KEYS,
  prototypeKey,
  pytorchHyperparameters,
  reportMetrics,
  retryPolicies,
  s3Uri,
  settings,
  tags,
  versionPairs,
  xgboostHyperparameters,
  type ConditionRecipe,
  type OperandRecipe,
} from "./arbitraries";

const jobType = fc.constantFrom(...PROCESSING_JOB_TYPES.values);
const ratio = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
const link = fc.nat({ max: 1000 });

/** Absent (weight 2) or retry policies (weight 1), the latter kept for the step types whose
 * config takes them (the catalog's schema says). */
const retryOrNot = (policies: ReturnType<typeof retryPolicies>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: policies, weight: 1 });
const retry = retryOrNot(retryPolicies());
/** A model or register step starts no job: a job policy there is refused (drawn now and then). */
const modelRetry = retryOrNot(retryPolicies(12, 1));

const processingFields = (entry: string, outputs: string[]) => ({
  jobType: maybe(jobType, 3),
  code: code(entry),
  instanceType: maybe(orBind(fc.oneof(cpuInstanceType, instanceType), "String")),
  instanceCount: maybe(orBind(fc.integer({ min: 1, max: 10 }), "Integer", 3, true)),
  volumeSizeGb: maybe(orBind(fc.integer({ min: 10, max: 1000 }), "Integer", 3, true)),
  frameworkVersion: maybe(fc.constantFrom(...frameworkVersions("sklearn", "training"))),
  outputFormat: maybe(fc.constantFrom(...OUTPUT_FORMATS)),
  outputUris: maybe(
    fc.dictionary(fc.constantFrom(...outputs), orBind(s3Uri, "String"), { maxKeys: 2 }),
  ),
  env: maybe(env(["OUTPUT_FORMAT", "LABEL_FIELD"])),
  retryPolicies: retry,
  dependsOn: fc.option(link),
});

const dataLoad = fc.record({
  ...processingFields("data_loading.py", ["DATA", "METADATA", "SIGNATURE"]),
  inputDataUri: maybe(orBind(s3Uri, "String")),
});

const preprocessing = fc.record({
  ...processingFields("tabular_preprocessing.py", ["processed_data"]),
  labelName: fc.constantFrom("target", "label", "is_fraud"),
  trainRatio: maybe(ratio),
  testValRatio: maybe(ratio),
  data: link,
  signature: fc.option(link),
  secondary: fc.option(link),
});

const checkpoint = fc.oneof(
  fc.record({ enabled: fc.boolean() }),
  fc.record({ enabled: fc.constant(true), s3Uri }),
  fc.record({ enabled: fc.constant(true), localPath: fc.constantFrom("/opt/ml/ckpt", "/tmp/c") }),
);

const training = (framework: Framework) =>
  fc.record({
    framework: fc.constant(framework),
    versions: maybe(fc.constantFrom(...versionPairs(framework)), 6),
    code: code(framework === "pytorch" ? "train.py" : "xgboost_training.py"),
    hyperparameters: framework === "pytorch" ? pytorchHyperparameters : xgboostHyperparameters,
    instanceType: maybe(orBind(instanceType, "String"), 4),
    instanceCount: maybe(orBind(fc.integer({ min: 1, max: 4 }), "Integer", 3, true)),
    volumeSizeGb: maybe(orBind(fc.integer({ min: 1, max: 500 }), "Integer", 3, true)),
    maxRuntimeSeconds: maybe(orBind(fc.integer({ min: 1, max: 2419200 }), "Integer", 3, true)),
    outputPath: maybe(orBind(s3Uri, "String")),
    checkpoint: maybe(checkpoint),
    profiler: maybe(
      fc.oneof(
        fc.constant({}),
        fc.record({
          systemMonitorIntervalMillis: fc.constantFrom(100, 200, 500, 1000, 5000, 60000),
        }),
      ),
      1,
    ),
    metricDefinitions,
    env: maybe(env()),
    retryPolicies: retry,
    input: link,
    dependsOn: fc.option(link),
  });

const model = fc.record({
  code: maybe(code("inference.py"), 3),
  version: maybe(link),
  instanceType: maybe(instanceType),
  env: maybe(env(["SAGEMAKER_PROGRAM", "SAGEMAKER_REGION"])),
  retryPolicies: modelRetry,
  training: link,
  dependsOn: fc.option(link),
});

// -- the gated steps (docs/gated-steps.md) -------------------------------------------------------

/** `arb` with weight `present` against null with weight `absent`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, absent: number, present = 1) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: absent }, { arbitrary: arb, weight: present });

/** Instance families SageMaker hosts models on, and now and then any other. */
const hostingInstanceType = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      "ml.m5.large",
      "ml.m5.xlarge",
      "ml.c5.2xlarge",
      "ml.g4dn.xlarge",
      "ml.g5.2xlarge",
      "ml.p3.2xlarge",
    ),
    weight: 8,
  },
  { arbitrary: instanceType, weight: 1 },
);

/** Instance families SageMaker offers for transform jobs, and now and then any other. */
const transformInstanceType = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      "ml.m5.large",
      "ml.m5.xlarge",
      "ml.c5.2xlarge",
      "ml.g4dn.xlarge",
      "ml.m4.xlarge",
    ),
    weight: 6,
  },
  { arbitrary: instanceType, weight: 1 },
);

const evaluation = fc.record({
  training: link,
  data: link,
  code: code("model_evaluation.py"),
  versions: maybe(link, 2),
  instanceType: maybe(
    orBind(
      fc.oneof({ arbitrary: cpuInstanceType, weight: 4 }, { arbitrary: instanceType, weight: 1 }),
      "String",
    ),
  ),
  instanceCount: maybe(orBind(fc.integer({ min: 1, max: 10 }), "Integer", 3, true)),
  volumeSizeGb: maybe(orBind(fc.integer({ min: 1, max: 1000 }), "Integer", 3, true)),
  propertyFileName: maybe(fc.constantFrom("EvaluationReport", "Report", "eval_metrics-1")),
  reportFile: maybe(fc.constantFrom("evaluation.json", "metrics/report.json", "eval.json")),
  metrics: maybe(reportMetrics, 2),
  env: maybe(env(["EVAL_METRIC_CHOICES"])),
  retryPolicies: retry,
  dependsOn: sometimes(link, 3),
});

const register = fc.record({
  training: link,
  evaluation: sometimes(link, 1, 3),
  code: maybe(code("inference.py", true, false), 3),
  version: maybe(link),
  modelPackageGroupName: orBind(packageGroupName, "String"),
  approvalStatus: maybe(orBind(fc.constantFrom(...APPROVAL_STATUSES), "String", 2)),
  contentTypes: maybe(mimeTypes),
  responseTypes: maybe(mimeTypes),
  inferenceInstanceTypes: maybe(
    fc.uniqueArray(hostingInstanceType, { minLength: 1, maxLength: 3 }),
  ),
  transformInstanceTypes: maybe(
    fc.uniqueArray(transformInstanceType, { minLength: 1, maxLength: 3 }),
  ),
  customerMetadata: maybe(
    fc.dictionary(
      fc.oneof(
        { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:-]{0,12}$/), weight: 4 },
        { arbitrary: prototypeKey, weight: 1 },
      ),
      // SageMaker's value characters, and now and then any (which the compiler must refuse).
      fc.oneof(
        { arbitrary: fc.stringMatching(/^[A-Za-z0-9 _.:/=+@-]{1,16}$/), weight: 9 },
        { arbitrary: fc.string({ maxLength: 16 }), weight: 1 },
      ),
      { minKeys: 1, maxKeys: 3 },
    ),
  ),
  env: maybe(env(["SAGEMAKER_PROGRAM"])),
  retryPolicies: modelRetry,
  dependsOn: sometimes(link, 3),
});

const transform = fc.record({
  data: link,
  inputFolder: maybe(fc.constantFrom("test/", "validation/", "", "batch/in/")),
  contentType: maybe(fc.constantFrom("text/csv", "application/json", "application/jsonlines")),
  splitType: maybe(fc.constantFrom(...SPLIT_TYPES)),
  instanceType: maybe(orBind(transformInstanceType, "String")),
  instanceCount: maybe(orBind(fc.integer({ min: 1, max: 4 }), "Integer", 3, true)),
  outputPath: maybe(orBind(s3Uri, "String")),
  retryPolicies: retry,
  dependsOn: sometimes(link, 3),
});

/** A model created inside the if branch (fed by a training step) and maybe transformed. */
const branchModel = fc.record({
  model,
  transform: maybe(transform, 3),
});

/** A condition nested in the outer one's if branch: its own register / fail branches. */
const innerGate = fc.record({
  conditions: fc.array(conditionRecipe, { minLength: 1, maxLength: 2 }),
  readsBranch: fc.boolean(),
  register: maybe(register, 2),
  fail: maybe(messageRecipe, 2),
});

/**
 * Evaluate → condition → if: register, create model, batch transform (of the branch's model or a
 * top-level one), a nested condition; else: fail, or register (e.g. as Rejected).
 */
const gate = fc.record({
  evaluations: fc.array(evaluation, { minLength: 1, maxLength: 2 }),
  conditions: fc.array(conditionRecipe, { minLength: 1, maxLength: 3 }),
  ifRegister: maybe(register, 3),
  ifModel: maybe(branchModel, 2),
  /** A transform of a top-level model, put in the if branch by its own link (or left outside). */
  topTransform: maybe(fc.record({ transform, model: link, linked: fc.boolean() }), 1),
  inner: sometimes(innerGate, 4),
  elseFail: maybe(messageRecipe, 4),
  elseRegister: sometimes(register, 6),
});

const extraParameter = fc.oneof(
  fc.record({ type: fc.constant("String"), default: fc.string({ maxLength: 8 }) }),
  fc.record({
    type: fc.constant("String"),
    default: fc.constant("a"),
    enumValues: fc.constant(["a", "b"]),
  }),
  fc.record({
    type: fc.constant("Float"),
    default: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }),
  fc.record({ type: fc.constant("Boolean"), default: fc.boolean() }),
  fc.record({ type: fc.constant("Integer") }),
);

export const designRecipe = fc.record({
  settings,
  loads: fc.array(dataLoad, { minLength: 1, maxLength: 2 }),
  preps: fc.array(preprocessing, { maxLength: 2 }),
  trainings: fc.array(fc.oneof(training("pytorch"), training("xgboost")), {
    minLength: 1,
    maxLength: 3,
  }),
  models: fc.array(model, { maxLength: 3 }),
  /** The gated part; used when the design has a preprocessing step for the evaluation to read. */
  gate: fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: gate, weight: 2 }),
  extraParameters: fc.array(extraParameter, { maxLength: 2 }),
  /** Names the first parameters (bound ones, then extras) take instead of P1String, Extra1, … */
  parameterNames: fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.shuffledSubarray([...PROTOTYPE_KEYS], { minLength: 1 }), weight: 1 },
  ),
  tags: fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: tags, weight: 1 }),
  namedSteps: fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), { maxLength: 10 }),
  order: fc.option(fc.array(fc.double({ noNaN: true }), { minLength: 24, maxLength: 24 })),
});
type Recipe = typeof designRecipe extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;

/** Whether the catalog's config schema of a step type has a `retryPolicies` field. */
function takesRetryPolicies(type: StepTypeName): boolean {
  const schema: unknown = STEP_DEFINITIONS[type].configSchema;
  return schema instanceof z.ZodObject && "retryPolicies" in schema.shape;
}

type Drawn<A> = A extends fc.Arbitrary<infer T> ? T : never;
type ModelRecipe = Omit<Drawn<typeof model>, "training">;
/** What a model or register step's code and versions are drawn as. */
type ModelCode = Pick<ModelRecipe, "code" | "version"> & Record<string, unknown>;
type GateRecipe = Drawn<typeof gate>;
type RegisterRecipe = Drawn<typeof register>;
type TransformRecipe = Drawn<typeof transform>;
const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface DraftStep {
  id: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
}

/** A recipe → a design document (plain JSON, as a file holds it). */
export function assemble(recipe: Recipe): unknown {
  const parameters: Record<string, unknown>[] = [];
  const steps: DraftStep[] = [];
  const edges: unknown[] = [];
  const names = new Set<string>();

  /** Replaces Bind markers by parameter references, declaring each parameter. */
  const bindAll = (value: unknown): unknown => {
    if (value instanceof Bind) {
      const name =
        recipe.parameterNames[parameters.length] ?? `P${parameters.length + 1}${value.type}`;
      parameters.push({
        name,
        type: value.type,
        ...(value.fallback === undefined ? {} : { default: value.fallback }),
      });
      return { parameter: name };
    }
    if (Array.isArray(value)) return value.map(bindAll);
    // Absent fields are left out, as the design file (JSON) leaves them out.
    if (value && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, bindAll(v)]),
      );
    return value;
  };
  const unique = (wanted: string) => {
    let name = wanted;
    for (let n = 2; names.has(name); n++) name = `${wanted}-${n}`;
    names.add(name);
    return name;
  };
  /** `dependsOn` picks one of `waitable` (default: every earlier step). */
  const add = (
    type: StepTypeName,
    fields: Record<string, unknown>,
    defaultName: string,
    waitable: DraftStep[] = steps,
  ) => {
    const { dependsOn, retryPolicies, ...config } = fields;
    const custom = recipe.namedSteps[steps.length];
    const id = `s${steps.length + 1}`;
    const earlier = waitable.map((step) => step.id);
    if (retryPolicies !== undefined && takesRetryPolicies(type))
      config.retryPolicies = retryPolicies;
    const draft: DraftStep = {
      id,
      type,
      name: unique(custom ?? defaultName),
      config: Object.fromEntries(
        Object.entries(bindAll(config) as Record<string, unknown>).filter(
          ([, v]) => v !== undefined,
        ),
      ),
    };
    if (typeof dependsOn === "number" && earlier.length > 0)
      draft.config.dependsOn = [pick(earlier, dependsOn)];
    steps.push(draft);
    return draft;
  };
  const edge = (from: DraftStep, output: string, to: DraftStep, input: string) =>
    edges.push({ from: { step: from.id, output }, to: { step: to.id, input } });
  const processing = (fields: Record<string, unknown>) => {
    const { code: source, ...rest } = fields as { code: { entryPoint: string; code: unknown } };
    return { ...rest, entryPoint: source.entryPoint, code: source.code };
  };

  const loads = recipe.loads.map(({ ...fields }) =>
    add("DataLoad", processing(fields), `DataLoad-${cap(fields.jobType ?? "training")}`),
  );
  const preps = recipe.preps.map(({ data, signature, secondary, ...fields }) => {
    const step = add(
      "TabularPreprocessing",
      processing(fields),
      `TabularPreprocessing-${cap(fields.jobType ?? "training")}`,
    );
    edge(pick(loads, data), "DATA", step, "DATA");
    if (signature !== null) edge(pick(loads, signature), "SIGNATURE", step, "SIGNATURE");
    if (secondary !== null) edge(pick(loads, secondary), "METADATA", step, "DATA_SECONDARY");
    return step;
  });
  const sources: [DraftStep, string][] = [
    ...preps.map((step): [DraftStep, string] => [step, "processed_data"]),
    ...loads.map((step): [DraftStep, string] => [step, "DATA"]),
  ];
  const trainings = recipe.trainings.map(
    ({ framework, versions, input, code: source, ...fields }) => {
      const type = framework === "pytorch" ? "PyTorchTraining" : "XGBoostTraining";
      const [frameworkVersion, pyVersion] = versions ?? [];
      const step = add(
        type,
        {
          ...fields,
          frameworkVersion,
          pyVersion,
          entryPoint: source.entryPoint,
          code: source.code,
        },
        type,
      );
      const [from, output] = pick(sources, input);
      edge(from, output, step, "input_path");
      return { step, framework };
    },
  );
  /** Code and versions of a model or register step (PyTorch: inline code only, it is repacked). */
  const modelFields = (
    framework: Framework,
    { version, code: source, ...fields }: ModelCode,
  ): Record<string, unknown> => {
    const config: Record<string, unknown> = { ...fields };
    // A PyTorch model's code must be inline (it is repacked); an S3 archive becomes "no code".
    if (source && !(framework === "pytorch" && "s3Uri" in source.code))
      Object.assign(config, { entryPoint: source.entryPoint, code: source.code });
    if (version !== undefined) {
      const frameworkVersion = pick(frameworkVersions(framework, "inference"), version);
      const py = pyVersionsFor(framework, frameworkVersion, "inference");
      Object.assign(config, { frameworkVersion, pyVersion: pick(py, version) });
    }
    return config;
  };
  const addModel = (
    { training: index, ...fields }: ModelRecipe & { training: number },
    waitable?: DraftStep[],
  ) => {
    const upstream = pick(trainings, index);
    const type = upstream.framework === "pytorch" ? "PyTorchModel" : "XGBoostModel";
    const step = add(type, modelFields(upstream.framework, fields), type, waitable);
    edge(upstream.step, "model_output", step, "model_data");
    return step;
  };
  const models = recipe.models.map((fields) => addModel(fields));
  if (recipe.gate && preps.length > 0)
    assembleGate(recipe.gate, {
      add,
      edge,
      addModel,
      modelFields,
      processing,
      trainings,
      preps,
      models,
      dataSources: sources,
      topLevel: [...steps],
    });

  const ordered = recipe.order
    ? steps
        .map((step, index) => ({ step, key: recipe.order?.[index] ?? 0 }))
        .sort((a, b) => a.key - b.key)
        .map(({ step }) => step)
    : steps;
  const extras = recipe.extraParameters.map((parameter, index) => ({
    name: recipe.parameterNames[parameters.length + index] ?? `Extra${index + 1}`,
    ...parameter,
  }));
  const { cache, ...pipeline } = recipe.settings;
  return {
    format: "sagemaker-pipeline-design",
    version: 1,
    pipeline: {
      ...pipeline,
      description: "generated by tests/oracle/generate.ts",
      parameters: [...parameters, ...extras],
      ...(cache ? { cache } : {}),
      tags: Object.fromEntries(Object.entries(recipe.tags)),
    },
    steps: ordered.map((step, index) => ({ ...step, position: { x: index * 300, y: 0 } })),
    edges,
  };
}

interface GateContext {
  add: (
    type: StepTypeName,
    fields: Record<string, unknown>,
    defaultName: string,
    waitable?: DraftStep[],
  ) => DraftStep;
  edge: (from: DraftStep, output: string, to: DraftStep, input: string) => void;
  addModel: (fields: ModelRecipe & { training: number }, waitable?: DraftStep[]) => DraftStep;
  modelFields: (framework: Framework, fields: ModelCode) => Record<string, unknown>;
  processing: (fields: Record<string, unknown>) => Record<string, unknown>;
  trainings: { step: DraftStep; framework: Framework }[];
  preps: DraftStep[];
  models: DraftStep[];
  dataSources: [DraftStep, string][];
  /** Every step before the gate: what its steps may wait for (`dependsOn`). */
  topLevel: DraftStep[];
}

/** Step properties an operand reads, by the SageMaker kind of the step (valid response shapes). */
const PROPERTY_PATHS: Record<
  "Processing" | "Training" | "Model" | "RegisterModel" | "Transform",
  { any: string[]; numeric: string[] }
> = {
  Processing: {
    any: ["ProcessingJobStatus", "ProcessingJobName", "ExitMessage", "ProcessingJobArn"],
    numeric: [
      "ProcessingResources.ClusterConfig.InstanceCount",
      "ProcessingResources.ClusterConfig.VolumeSizeInGB",
    ],
  },
  Training: {
    any: [
      "TrainingJobStatus",
      "TrainingJobName",
      "ModelArtifacts.S3ModelArtifacts",
      "SecondaryStatus",
      "HyperParameters['epochs']",
    ],
    numeric: [
      "FinalMetricDataList[0].Value",
      "FinalMetricDataList['Train Loss'].Value",
      "TrainingTimeInSeconds",
      "ResourceConfig.InstanceCount",
    ],
  },
  Model: { any: ["ModelName", "ModelArn", "PrimaryContainer.Image"], numeric: [] },
  RegisterModel: {
    any: ["ModelPackageArn", "ModelApprovalStatus", "ModelPackageStatus"],
    numeric: ["ModelPackageVersion"],
  },
  Transform: {
    any: ["TransformJobStatus", "TransformJobName", "TransformOutput.S3OutputPath"],
    numeric: ["TransformResources.InstanceCount"],
  },
};

const DEFAULT_REPORT_METRICS = [{ name: "auc", jsonPath: "metrics.auc.value" }];

/** Adds the gated part of a design: evaluations, a condition and the steps of its branches. */
function assembleGate(gate: GateRecipe, context: GateContext): void {
  const { add, edge, trainings, preps } = context;
  const frameworkType = (framework: Framework, suffix: string) =>
    `${framework === "pytorch" ? "PyTorch" : "XGBoost"}${suffix}` as StepTypeName;

  const evaluations = gate.evaluations.map(
    ({ training, data, versions, code: source, ...fields }) => {
      const upstream = pick(trainings, training);
      const type = frameworkType(upstream.framework, "Evaluation");
      const [frameworkVersion, pyVersion] =
        versions === undefined ? [] : pick(versionPairs(upstream.framework), versions);
      const step = add(
        type,
        {
          ...context.processing({ ...fields, code: source }),
          frameworkVersion,
          pyVersion,
        },
        type,
        context.topLevel,
      );
      edge(upstream.step, "model_output", step, "model_input");
      edge(pick(preps, data), "processed_data", step, "processed_data");
      return step;
    },
  );
  // What the outer condition's operands may read: steps that run before it, never one of its
  // branches; a nested condition may also read the steps of the branch it sits in.
  const readable = [...context.topLevel, ...evaluations];
  const waitable = readable;
  const sageMakerKind = (step: DraftStep) =>
    STEP_DEFINITIONS[step.type as StepTypeName].sagemakerKind as keyof typeof PROPERTY_PATHS;
  const operand = (recipe: OperandRecipe, reading: DraftStep[]): unknown => {
    switch (recipe.kind) {
      case "literal":
        return { literal: recipe.value };
      case "parameter":
        return recipe.bind;
      case "metric": {
        const step = pick(evaluations, recipe.evaluation);
        const metrics =
          (step.config.metrics as { name: string }[] | undefined) ?? DEFAULT_REPORT_METRICS;
        return { metric: { step: step.id, name: pick(metrics, recipe.metric).name } };
      }
      case "property": {
        const numeric = (steps: DraftStep[]) =>
          steps.filter(
            (step) => !recipe.numeric || PROPERTY_PATHS[sageMakerKind(step)].numeric.length > 0,
          );
        const fitting = numeric(reading);
        const candidates = fitting.length > 0 ? fitting : numeric(readable);
        const step = pick(candidates, recipe.step);
        const paths = PROPERTY_PATHS[sageMakerKind(step)];
        return {
          property: {
            step: step.id,
            path: pick(recipe.numeric ? paths.numeric : paths.any, recipe.path),
          },
        };
      }
    }
  };
  const condition = (recipe: ConditionRecipe, reading: DraftStep[]): unknown => {
    const read = (value: OperandRecipe) => operand(value, reading);
    switch (recipe.type) {
      case "In":
        return { type: "In", value: read(recipe.value), values: recipe.values.map(read) };
      case "Not":
        return { type: "Not", condition: condition(recipe.condition, reading) };
      case "Or":
        return { type: "Or", conditions: recipe.conditions.map((c) => condition(c, reading)) };
      default:
        return { type: recipe.type, left: read(recipe.left), right: read(recipe.right) };
    }
  };
  const branch = (from: DraftStep, port: "if_true" | "if_false", to: DraftStep) =>
    edge(from, port, to, "branch");
  const addCondition = (conditions: ConditionRecipe[], reading = readable) =>
    add(
      "Condition",
      { conditions: conditions.map((c) => condition(c, reading)) },
      "CheckMetrics",
      [],
    );
  const addFail = (message: (string | OperandRecipe)[], reading = readable) =>
    add(
      "Fail",
      {
        errorMessage: message.map((part) =>
          typeof part === "string" ? part : operand(part, reading),
        ),
      },
      "Fail",
      [],
    );
  const addRegister = (
    { training, evaluation, ...fields }: RegisterRecipe,
    after: DraftStep[] = waitable,
  ) => {
    const upstream = pick(trainings, training);
    const type = frameworkType(upstream.framework, "RegisterModel");
    const step = add(type, context.modelFields(upstream.framework, fields), "RegisterModel", after);
    edge(upstream.step, "model_output", step, "model_data");
    if (evaluation !== null) edge(pick(evaluations, evaluation), "evaluation", step, "evaluation");
    return step;
  };
  const addTransform = (
    { data, ...fields }: TransformRecipe,
    model: DraftStep,
    after: DraftStep[] = waitable,
  ) => {
    const step = add("BatchTransform", fields, "BatchTransform", after);
    edge(model, "model_name", step, "model_name");
    const [source, output] = pick(context.dataSources, data);
    edge(source, output, step, "input_data");
    return step;
  };

  const outer = addCondition(gate.conditions);
  const ifSteps: DraftStep[] = [];
  if (gate.ifRegister) {
    const step = addRegister(gate.ifRegister);
    branch(outer, "if_true", step);
    ifSteps.push(step);
  }
  if (gate.ifModel) {
    // The transform needs no link of its own: it follows the model into the branch.
    // Steps of the if branch may also wait for the branch's earlier steps.
    const created = context.addModel(gate.ifModel.model, [...waitable, ...ifSteps]);
    branch(outer, "if_true", created);
    ifSteps.push(created);
    if (gate.ifModel.transform)
      ifSteps.push(addTransform(gate.ifModel.transform, created, [...waitable, ...ifSteps]));
  }
  if (gate.topTransform && context.models.length > 0) {
    const step = addTransform(
      gate.topTransform.transform,
      pick(context.models, gate.topTransform.model),
    );
    if (gate.topTransform.linked) branch(outer, "if_true", step);
    ifSteps.push(step);
  }
  if (gate.inner) {
    // The nested condition and its fail message may read the outer branch's steps too (only
    // those, when `readsBranch`: they are few among the top-level ones).
    const reading =
      gate.inner.readsBranch && ifSteps.length > 0 ? ifSteps : [...readable, ...ifSteps];
    const inner = addCondition(gate.inner.conditions, reading);
    branch(outer, "if_true", inner);
    if (gate.inner.register) branch(inner, "if_true", addRegister(gate.inner.register));
    if (gate.inner.fail) branch(inner, "if_false", addFail(gate.inner.fail, reading));
  }
  if (gate.elseFail) branch(outer, "if_false", addFail(gate.elseFail));
  if (gate.elseRegister) branch(outer, "if_false", addRegister(gate.elseRegister));
}

/**
 * `count` valid designs from `seed`: recipes are drawn in batches until our compiler accepted
 * `count` of them (or 20 × count were tried). `attempts` is how many were drawn.
 */
export function generateDesigns(
  seed: number,
  count: number,
  accept: (design: unknown) => boolean,
): { designs: unknown[]; attempts: number } {
  const designs: unknown[] = [];
  let attempts = 0;
  for (let batch = 0; designs.length < count && attempts < count * 20; batch++) {
    const size = Math.max(10, count - designs.length);
    for (const recipe of fc.sample(designRecipe, { seed: seed + batch, numRuns: size })) {
      attempts++;
      const design = assemble(recipe);
      if (accept(design)) designs.push(design);
      if (designs.length === count) break;
    }
  }
  return { designs, attempts };
}
