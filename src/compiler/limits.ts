import {
  frameworkVersions,
  INSTANCE_TYPES,
  offersInstanceType,
  pyVersionsFor,
  type InstanceUse,
  type SageMakerStepKind,
} from "../catalog";
import { error, type Design, type Diagnostic, type DiagnosticCode } from "../model";
import { envLimits, hyperparameterLimits, metricLimits } from "./containerLimits";
import {
  CUSTOMER_METADATA_PATTERN,
  HASH_LENGTH,
  INSTANCE_USE,
  JOB,
  RESPONSE_MIME_TYPE_PATTERN,
  S3_URI_SHAPE,
  SAGEMAKER_LIMITS,
  sent,
  type At,
  type Config,
} from "./serviceLimits";
import { MODEL_FRAMEWORK } from "./steps/model";
import { TRAINING_FRAMEWORK } from "./steps/training";
import type { ResolvedStep } from "./validate";

/**
 * The config fields that name instances, per kind of step, and the service's list each is checked
 * against (a list-valued field is checked entry by entry). Condition and Fail run no instances.
 */
const INSTANCE_TYPE_FIELDS: Readonly<
  Record<SageMakerStepKind, readonly { field: string; use: InstanceUse }[]>
> = {
  Processing: [{ field: "instanceType", use: "Processing" }],
  Training: [{ field: "instanceType", use: "Training" }],
  Model: [{ field: "instanceType", use: "Model" }],
  RegisterModel: [
    { field: "inferenceInstanceTypes", use: "Model" },
    { field: "transformInstanceTypes", use: "Transform" },
  ],
  Transform: [{ field: "instanceType", use: "Transform" }],
  Condition: [],
  Fail: [],
};

/** Instance count, volume size and max runtime bounds per kind of step (none: not sent). */
const RESOURCE_BOUNDS: Readonly<
  Record<
    SageMakerStepKind,
    {
      instanceCount?: readonly number[];
      volumeSizeGb?: readonly number[];
      maxRuntimeSeconds?: readonly number[];
    }
  >
> = {
  Processing: {
    instanceCount: SAGEMAKER_LIMITS.instanceCount.Processing,
    volumeSizeGb: SAGEMAKER_LIMITS.volumeSizeGb.Processing,
  },
  Training: {
    instanceCount: SAGEMAKER_LIMITS.instanceCount.Training,
    volumeSizeGb: SAGEMAKER_LIMITS.volumeSizeGb.Training,
    maxRuntimeSeconds: SAGEMAKER_LIMITS.maxRuntimeSeconds.Training,
  },
  Transform: { instanceCount: SAGEMAKER_LIMITS.instanceCount.Transform },
  Model: {},
  RegisterModel: {},
  Condition: {},
  Fail: {},
};

export { CHANNEL_NAME_PATTERN, S3_URI_SHAPE, SAGEMAKER_LIMITS } from "./serviceLimits";

/** Every SageMaker API limit the design breaks, each located on its field. Pure. */
export function limitDiagnostics(
  design: Design,
  resolved: ReadonlyMap<string, ResolvedStep>,
): Diagnostic[] {
  const found: Diagnostic[] = [...parameterLimits(design), ...derivedUriLimits(design, resolved)];
  for (const entry of resolved.values()) {
    const kind = entry.definition.sagemakerKind;
    const at = (code: DiagnosticCode, path: string, message: string) =>
      found.push(error(code, message, { stepId: entry.step.id, path }));
    const config: Config = entry.config;
    for (const { field, use } of INSTANCE_TYPE_FIELDS[kind]) {
      const value = config[field];
      if (Array.isArray(value))
        value.forEach((item, index) =>
          instanceTypeLimit(design, use, `${field}[${index}]`, item, at),
        );
      else instanceTypeLimit(design, use, field, value, at);
    }
    resourceLimits(design, kind, config, at);
    s3UriLimits(design, entry, at);
    envLimits(design, entry, at);
    versionLimits(resolved, design, entry, at);
    if (entry.type === "PyTorchTraining" || entry.type === "XGBoostTraining") {
      metricLimits(entry.config.metricDefinitions, at);
      // XGBoost's hyperparameters travel in a file; only PyTorch sends them as HyperParameters.
      if (entry.type === "PyTorchTraining")
        hyperparameterLimits(design, entry.config.hyperparameters, at);
    }
    if (entry.type === "PyTorchRegisterModel" || entry.type === "XGBoostRegisterModel")
      modelPackageLimits(entry.config, at);
  }
  return found;
}

function parameterLimits(design: Design): Diagnostic[] {
  const found: Diagnostic[] = [];
  const { parameters } = design.pipeline;
  const max = SAGEMAKER_LIMITS.parameters;
  if (parameters.length > max) {
    found.push(
      error(
        "PD308",
        `the pipeline declares ${parameters.length} parameters; SageMaker accepts at most ${max} — remove ${parameters.length - max}`,
        { path: "pipeline.parameters" },
      ),
    );
  }
  parameters.forEach((parameter, index) => {
    if (parameter.name.length > SAGEMAKER_LIMITS.parameterName) {
      found.push(
        error(
          "PD304",
          `parameter name "${parameter.name.slice(0, 20)}…" is ${parameter.name.length} characters; SageMaker accepts at most ${SAGEMAKER_LIMITS.parameterName} — shorten it`,
          { path: `pipeline.parameters[${index}].name` },
        ),
      );
    }
    const fallback = parameter.default;
    if (typeof fallback === "string" && fallback.length > SAGEMAKER_LIMITS.stringDefault) {
      found.push(
        error(
          "PD304",
          `parameter "${parameter.name}" has a ${fallback.length}-character default; SageMaker accepts at most ${SAGEMAKER_LIMITS.stringDefault} — shorten it`,
          { path: `pipeline.parameters[${index}].default` },
        ),
      );
    }
  });
  return found;
}

function instanceTypeLimit(design: Design, use: InstanceUse, path: string, value: unknown, at: At) {
  const instance = sent(design, value);
  if (typeof instance?.value !== "string" || offersInstanceType(use, instance.value)) return;
  const family = instance.value.split(".").slice(0, 2).join(".");
  const sizes = INSTANCE_TYPES[use].filter((type) => type.startsWith(`${family}.`));
  const offer =
    sizes.length > 0
      ? `${family} comes as ${sizes.map((type) => type.slice(family.length + 1)).join(", ")}`
      : `families offered: ${[...new Set(INSTANCE_TYPES[use].map((type) => type.split(".")[1]))].sort().join(", ")}`;
  at(
    "PD311",
    path,
    `${instance.value}${instance.via} is not an instance type SageMaker offers for ${INSTANCE_USE[use]}; ${offer}`,
  );
}

function resourceLimits(design: Design, kind: SageMakerStepKind, config: Config, at: At) {
  const check = (key: string, label: string, unit: string, bounds?: readonly number[]) => {
    const found = sent(design, config[key]);
    if (!bounds || typeof found?.value !== "number") return;
    const [min = 1, max = Infinity] = bounds;
    if (found.value >= min && found.value <= max) return;
    const range = max === Infinity ? `at least ${min}` : `${min}–${max}`;
    at(
      "PD312",
      key,
      `${label} ${found.value}${unit}${found.via} is out of bounds: SageMaker accepts ${range}${unit} for ${JOB[kind]} — choose a value in that range`,
    );
  };
  const bounds = RESOURCE_BOUNDS[kind];
  check("instanceCount", "instance count", "", bounds.instanceCount);
  check("volumeSizeGb", "volume size", " GB", bounds.volumeSizeGb);
  check("maxRuntimeSeconds", "max runtime", " s", bounds.maxRuntimeSeconds);
}

/** CreateModelPackage's limits on what the registry stores besides the container. */
function modelPackageLimits(config: ResolvedStep<"PyTorchRegisterModel">["config"], at: At) {
  const { metadata, contentType, responseType } = SAGEMAKER_LIMITS.modelPackage;
  const entries = Object.entries(config.customerMetadata);
  if (entries.length > metadata.count)
    at(
      "PD314",
      "customerMetadata",
      `${entries.length} customer metadata entries; SageMaker accepts at most ${metadata.count} — remove ${entries.length - metadata.count}`,
    );
  for (const [key, value] of entries) {
    const path = `customerMetadata.${key}`;
    for (const [what, text, max] of [
      ["key", key, metadata.key],
      ["value", value, metadata.value],
    ] as const) {
      if (text.length < 1 || text.length > max)
        at(
          "PD314",
          path,
          `customer metadata ${what} "${text.slice(0, 20)}" is ${text.length} characters; SageMaker accepts 1–${max}`,
        );
      else if (!CUSTOMER_METADATA_PATTERN.test(text))
        at(
          "PD314",
          path,
          `customer metadata ${what} "${text.slice(0, 20)}" has characters SageMaker refuses: letters, digits, spaces and _.:/=+-@ only`,
        );
    }
  }
  config.contentTypes.forEach((type, index) => {
    if (type.length > contentType)
      at(
        "PD314",
        `contentTypes[${index}]`,
        `content type is ${type.length} characters; SageMaker accepts at most ${contentType}`,
      );
  });
  config.responseTypes.forEach((type, index) => {
    if (type.length > responseType || !RESPONSE_MIME_TYPE_PATTERN.test(type))
      at(
        "PD314",
        `responseTypes[${index}]`,
        `response type "${type.slice(0, 30)}" must be a MIME type such as text/csv of at most ${responseType} characters`,
      );
  });
}

/** Why `uri` is not an S3 URI SageMaker accepts, or null. */
export function s3UriProblem(uri: string): string | null {
  if (!S3_URI_SHAPE.test(uri)) return "is not an S3 URI (s3://bucket/key)";
  if (uri.length > SAGEMAKER_LIMITS.s3Uri)
    return `is ${uri.length} characters; SageMaker accepts S3 URIs of at most ${SAGEMAKER_LIMITS.s3Uri} — shorten it`;
  return null;
}

function s3UriLimits(design: Design, entry: ResolvedStep, at: At) {
  const check = (path: string, value: unknown) => {
    const found = sent(design, value);
    if (typeof found?.value !== "string") return;
    const problem = s3UriProblem(found.value);
    if (problem) at("PD313", path, `${path}${found.via} ${problem}`);
  };
  const { config } = entry;
  if ("inputDataUri" in config) check("inputDataUri", config.inputDataUri);
  if ("outputUris" in config)
    for (const [name, uri] of Object.entries(config.outputUris)) check(`outputUris.${name}`, uri);
  if ("code" in config && config.code && "s3Uri" in config.code)
    check("code.s3Uri", config.code.s3Uri);
  if (!("outputPath" in config)) return;
  check("outputPath", config.outputPath);
  if (entry.type !== "PyTorchTraining" && entry.type !== "XGBoostTraining") return;
  const { checkpoint } = entry.config;
  if (checkpoint.enabled && checkpoint.s3Uri !== undefined)
    check("checkpoint.s3Uri", checkpoint.s3Uri);
  const output = sent(design, entry.config.outputPath);
  if (checkpoint.enabled && checkpoint.s3Uri === undefined && typeof output?.value === "string") {
    // The default checkpoint location is {outputPath}/checkpoints (steps/training.ts).
    const uri = `${output.value}/checkpoints`;
    if (!s3UriProblem(output.value) && uri.length > SAGEMAKER_LIMITS.s3Uri)
      at(
        "PD313",
        "outputPath",
        `the checkpoint URI {output path}/checkpoints${output.via} is ${uri.length} characters; SageMaker accepts at most ${SAGEMAKER_LIMITS.s3Uri} — shorten the output path or set the checkpoint S3 URI`,
      );
  }
}

/**
 * URIs the compiler derives from the pipeline's S3 location (code archives, default output and
 * checkpoint paths, XGBoost hyperparameter files) must also fit in 1024 characters. Processing
 * outputs are joined with the execution id at run time, so they are not counted here.
 */
function derivedUriLimits(design: Design, resolved: ReadonlyMap<string, ResolvedStep>) {
  const prefix = design.pipeline.s3Prefix.replace(/^\/+|\/+$/g, "");
  const location = `s3://${design.pipeline.bucket}${prefix ? `/${prefix}` : ""}`;
  let longest = { length: 0, what: "" };
  const consider = (uri: string, what: string) => {
    if (uri.length > longest.length) longest = { length: uri.length, what };
  };
  for (const entry of resolved.values()) {
    const { step, config } = entry;
    const code = "code" in config ? config.code : undefined;
    if (code && "files" in code) {
      const hash = "0".repeat(HASH_LENGTH);
      consider(`${location}/code/${step.name}/${hash}/sourcedir.tar.gz`, `${step.name}'s code`);
    }
    if (entry.type !== "PyTorchTraining" && entry.type !== "XGBoostTraining") continue;
    const framework = TRAINING_FRAMEWORK[entry.type];
    if (entry.config.outputPath === undefined) {
      const output = `${location}/${framework}_training`;
      const checkpoint = entry.config.checkpoint;
      if (checkpoint.enabled && checkpoint.s3Uri === undefined)
        consider(`${output}/checkpoints`, `${step.name}'s checkpoints`);
      else consider(output, `${step.name}'s output path`);
    }
    if (framework === "xgboost") {
      const file = `${location}/hyperparameters/${step.name}/hyperparameters.json`;
      consider(file, `${step.name}'s hyperparameters file`);
    }
  }
  const max = SAGEMAKER_LIMITS.s3Uri;
  if (longest.length <= max) return [];
  return [
    error(
      "PD313",
      `the S3 URI of ${longest.what} under ${location.length > 40 ? `${location.slice(0, 40)}…` : location} is ${longest.length} characters; SageMaker accepts at most ${max} — shorten the S3 prefix by ${longest.length - max}`,
      { path: "pipeline.s3Prefix" },
    ),
  ];
}

/**
 * Version pairs the image tables serve where no catalog rule looks: a processing step's SKLearn
 * version, and the versions a model step inherits from its training step.
 */
function versionLimits(
  resolved: ReadonlyMap<string, ResolvedStep>,
  design: Design,
  entry: ResolvedStep,
  at: At,
) {
  if (entry.type === "DataLoad" || entry.type === "TabularPreprocessing") {
    const versions = frameworkVersions("sklearn", "training");
    const version = entry.config.frameworkVersion;
    if (!versions.includes(version))
      at(
        "PD106",
        "frameworkVersion",
        `SKLearn ${version} has no processing image; choose one of ${versions.join(", ")}`,
      );
    return;
  }
  if (
    entry.type !== "PyTorchModel" &&
    entry.type !== "XGBoostModel" &&
    entry.type !== "PyTorchRegisterModel" &&
    entry.type !== "XGBoostRegisterModel"
  )
    return;
  const { config, step } = entry;
  const framework = MODEL_FRAMEWORK[entry.type];
  const edge = design.edges.find((e) => e.to.step === step.id && e.to.input === "model_data");
  const training = resolved.get(edge?.from.step ?? "");
  if (training?.type !== "PyTorchTraining" && training?.type !== "XGBoostTraining") return;
  if (TRAINING_FRAMEWORK[training.type] !== framework) return;
  const trained = training.config.frameworkVersion;
  const trainedPy = training.config.pyVersion;
  // A pair the training step itself cannot run is reported there (PD106/PD107), not again here.
  if (
    !frameworkVersions(framework, "training").includes(trained) ||
    !pyVersionsFor(framework, trained, "training").includes(trainedPy)
  )
    return;
  const from = `taken from training step "${training.step.name}"`;
  const version = config.frameworkVersion ?? trained;
  const versions = frameworkVersions(framework, "inference");
  if (!versions.includes(version)) {
    // An explicit version without an image is the catalog rule's PD106.
    if (config.frameworkVersion === undefined)
      at(
        "PD106",
        "frameworkVersion",
        `${framework} ${version}, ${from}, has no inference image; set the framework version to one of ${versions.join(", ")}`,
      );
    return;
  }
  // XGBoost inference images have no Python version; an explicit one is the catalog rule's PD107.
  if (framework !== "pytorch" || config.pyVersion !== undefined) return;
  const pyVersions = pyVersionsFor(framework, version, "inference");
  if (!pyVersions.includes(trainedPy))
    at(
      "PD107",
      "pyVersion",
      `${framework} ${version} inference runs ${pyVersions.join(" or ")}, not ${trainedPy} (${from}); set the Python version`,
    );
}
