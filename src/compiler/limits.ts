import {
  frameworkVersions,
  INSTANCE_TYPES,
  offersInstanceType,
  pyVersionsFor,
  type SageMakerStepKind,
  type StepCode,
} from "../catalog";
import { error, type Design, type Diagnostic, type DiagnosticCode } from "../model";
import { envLimits, hyperparameterLimits, metricLimits } from "./containerLimits";
import {
  HASH_LENGTH,
  JOB,
  S3_URI_SHAPE,
  SAGEMAKER_LIMITS,
  sent,
  type At,
  type Config,
} from "./serviceLimits";
import type { ResolvedStep } from "./validate";

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
    const config = entry.config;
    instanceTypeLimit(design, kind, config.instanceType, at);
    resourceLimits(design, kind, config, at);
    s3UriLimits(design, config, at);
    envLimits(design, entry, at);
    versionLimits(resolved, design, entry, at);
    if (kind === "Training") {
      metricLimits(config.metricDefinitions, at);
      // XGBoost's hyperparameters travel in a file; only PyTorch sends them as HyperParameters.
      if (entry.definition.framework === "pytorch") hyperparameterLimits(design, config, at);
    }
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

function instanceTypeLimit(design: Design, kind: SageMakerStepKind, value: unknown, at: At) {
  const instance = sent(design, value);
  if (typeof instance?.value !== "string" || offersInstanceType(kind, instance.value)) return;
  const family = instance.value.split(".").slice(0, 2).join(".");
  const sizes = INSTANCE_TYPES[kind].filter((type) => type.startsWith(`${family}.`));
  const offer =
    sizes.length > 0
      ? `${family} comes as ${sizes.map((type) => type.slice(family.length + 1)).join(", ")}`
      : `families offered: ${[...new Set(INSTANCE_TYPES[kind].map((type) => type.split(".")[1]))].sort().join(", ")}`;
  at(
    "PD311",
    "instanceType",
    `${instance.value}${instance.via} is not an instance type SageMaker offers for ${JOB[kind]}; ${offer}`,
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
  if (kind === "Model") return;
  check("instanceCount", "instance count", "", SAGEMAKER_LIMITS.instanceCount[kind]);
  check("volumeSizeGb", "volume size", " GB", SAGEMAKER_LIMITS.volumeSizeGb[kind]);
  if (kind === "Training")
    check("maxRuntimeSeconds", "max runtime", " s", SAGEMAKER_LIMITS.maxRuntimeSeconds.Training);
}

/** Why `uri` is not an S3 URI SageMaker accepts, or null. */
export function s3UriProblem(uri: string): string | null {
  if (!S3_URI_SHAPE.test(uri)) return "is not an S3 URI (s3://bucket/key)";
  if (uri.length > SAGEMAKER_LIMITS.s3Uri)
    return `is ${uri.length} characters; SageMaker accepts S3 URIs of at most ${SAGEMAKER_LIMITS.s3Uri} — shorten it`;
  return null;
}

function s3UriLimits(design: Design, config: Config, at: At) {
  const check = (path: string, value: unknown) => {
    const found = sent(design, value);
    if (typeof found?.value !== "string") return;
    const problem = s3UriProblem(found.value);
    if (problem) at("PD313", path, `${path}${found.via} ${problem}`);
  };
  check("inputDataUri", config.inputDataUri);
  check("outputPath", config.outputPath);
  for (const [name, uri] of Object.entries((config.outputUris as Config | undefined) ?? {}))
    check(`outputUris.${name}`, uri);
  const checkpoint = config.checkpoint as { enabled: boolean; s3Uri?: string } | undefined;
  if (checkpoint?.enabled && checkpoint.s3Uri !== undefined)
    check("checkpoint.s3Uri", checkpoint.s3Uri);
  const output = sent(design, config.outputPath);
  if (checkpoint?.enabled && checkpoint.s3Uri === undefined && typeof output?.value === "string") {
    // The default checkpoint location is {outputPath}/checkpoints (steps/training.ts).
    const uri = `${output.value}/checkpoints`;
    if (!s3UriProblem(output.value) && uri.length > SAGEMAKER_LIMITS.s3Uri)
      at(
        "PD313",
        "outputPath",
        `the checkpoint URI {output path}/checkpoints${output.via} is ${uri.length} characters; SageMaker accepts at most ${SAGEMAKER_LIMITS.s3Uri} — shorten the output path or set the checkpoint S3 URI`,
      );
  }
  const code = config.code as StepCode | undefined;
  if (code && "s3Uri" in code) check("code.s3Uri", code.s3Uri);
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
  for (const { step, definition, config } of resolved.values()) {
    const code = config.code as StepCode | undefined;
    if (code && "files" in code) {
      const hash = "0".repeat(HASH_LENGTH);
      consider(`${location}/code/${step.name}/${hash}/sourcedir.tar.gz`, `${step.name}'s code`);
    }
    if (definition.sagemakerKind !== "Training") continue;
    if (config.outputPath === undefined) {
      const output = `${location}/${definition.framework}_training`;
      const checkpoint = config.checkpoint as { enabled: boolean; s3Uri?: string };
      if (checkpoint.enabled && checkpoint.s3Uri === undefined)
        consider(`${output}/checkpoints`, `${step.name}'s checkpoints`);
      else consider(output, `${step.name}'s output path`);
    }
    if (definition.framework === "xgboost") {
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
  const { definition, config, step } = entry;
  if (definition.sagemakerKind === "Processing") {
    const versions = frameworkVersions(definition.framework, "training");
    const version = String(config.frameworkVersion);
    if (!versions.includes(version))
      at(
        "PD106",
        "frameworkVersion",
        `SKLearn ${version} has no processing image; choose one of ${versions.join(", ")}`,
      );
    return;
  }
  if (definition.sagemakerKind !== "Model") return;
  const edge = design.edges.find((e) => e.to.step === step.id && e.to.input === "model_data");
  const training = resolved.get(edge?.from.step ?? "");
  const framework = definition.framework;
  const trained = training?.config.frameworkVersion;
  const trainedPy = training?.config.pyVersion;
  if (!training || training.definition.framework !== framework || typeof trained !== "string")
    return;
  // A pair the training step itself cannot run is reported there (PD106/PD107), not again here.
  if (
    !frameworkVersions(framework, "training").includes(trained) ||
    (typeof trainedPy === "string" &&
      !pyVersionsFor(framework, trained, "training").includes(trainedPy))
  )
    return;
  const from = `taken from training step "${training.step.name}"`;
  const version = typeof config.frameworkVersion === "string" ? config.frameworkVersion : trained;
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
  if (framework !== "pytorch" || config.pyVersion !== undefined || typeof trainedPy !== "string")
    return;
  const pyVersions = pyVersionsFor(framework, version, "inference");
  if (!pyVersions.includes(trainedPy))
    at(
      "PD107",
      "pyVersion",
      `${framework} ${version} inference runs ${pyVersions.join(" or ")}, not ${trainedPy} (${from}); set the Python version`,
    );
}
