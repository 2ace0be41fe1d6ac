import type { Framework, StepTypeName } from "../../catalog";
import { setEntry } from "../../model";
import { pythonJsonDumps } from "../pythonJson";
import { FRAMEWORK_HYPERPARAMETERS } from "../serviceLimits";
import { importCode } from "./code";
import type { DraftStep, ImportContext } from "./context";
import { matchImage, stepTypeOfImage } from "./images";
import {
  arrayAt,
  configValue,
  isObject,
  joinValues,
  objectAt,
  parameterName,
  sameJson,
  stringAt,
  type JsonObject,
} from "./values";

const TRAINING_TYPES: Partial<Record<Framework, StepTypeName>> = {
  pytorch: "PyTorchTraining",
  xgboost: "XGBoostTraining",
};

/** A JSON-encoded hyperparameter as the SDK sends it → the design value, when it round-trips. */
export function decodeHyperparameter(value: unknown): unknown {
  if (typeof value === "string") {
    try {
      const decoded: unknown = JSON.parse(value);
      return pythonJsonDumps(decoded) === value ? decoded : undefined;
    } catch {
      return undefined;
    }
  }
  // A String parameter is sent bare; the other types through a one-value join (to_string()).
  const name = parameterName(value) ?? parameterName(joinValues(value, "")?.[0]);
  const join = joinValues(value, "");
  if (join && join.length !== 1) return undefined;
  return name === undefined ? undefined : { parameter: name };
}

/** The JSON string a `sagemaker_*` hyperparameter carries. */
export function jsonString(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const decoded: unknown = JSON.parse(value);
    return typeof decoded === "string" ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/** `{base}/{suffix}` as the compiler appends it: text for a literal, a join for an expression. */
function appended(base: unknown, suffix: string): unknown {
  return typeof base === "string"
    ? `${base}/${suffix}`
    : { "Std:Join": { On: "/", Values: [base, suffix] } };
}

function readHyperparameterFile(context: ImportContext, uri: string, at: string): JsonObject {
  const bytes = context.read?.(uri);
  if (bytes) {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (isObject(parsed)) return parsed;
    } catch {
      // reported below
    }
  }
  context.note(
    at,
    `the hyperparameters are in ${uri}, which could not be read${bytes ? " as a JSON object" : ""}; the step has none`,
  );
  return {};
}

/** A Training step a PyTorch or XGBoost framework estimator rendered. */
export function importTrainingStep(
  context: ImportContext,
  step: JsonObject,
  id: string,
  at: string,
): DraftStep | undefined {
  const name = String(step.Name);
  const args = objectAt(step, "Arguments") ?? {};
  const algorithm = objectAt(args, "AlgorithmSpecification") ?? {};
  const image = stringAt(algorithm, "TrainingImage") ?? "";
  const recognised = stepTypeOfImage(image, TRAINING_TYPES);
  if (!recognised) {
    context.note(
      at,
      `training step "${name}" does not run a PyTorch or XGBoost training image (${image}); it is left out`,
    );
    return undefined;
  }
  const { framework, type } = recognised;
  const config: JsonObject = {};
  const resources = objectAt(args, "ResourceConfig") ?? {};
  config.instanceType = configValue(resources.InstanceType);
  config.instanceCount = configValue(resources.InstanceCount);
  config.volumeSizeGb = configValue(resources.VolumeSizeInGB);
  config.maxRuntimeSeconds = configValue(objectAt(args, "StoppingCondition")?.MaxRuntimeInSeconds);
  const instance = typeof resources.InstanceType === "string" ? resources.InstanceType : undefined;
  const parameterDefault = context.parameterDefault(parameterName(resources.InstanceType));
  const concrete =
    instance ?? (typeof parameterDefault === "string" ? parameterDefault : undefined);
  const match = matchImage(
    image,
    framework,
    "training",
    context.region,
    concrete ? [concrete] : [],
  );
  if (match) {
    config.frameworkVersion = match.frameworkVersion;
    config.pyVersion = match.pyVersion;
  } else {
    context.note(
      `${at}.Arguments.AlgorithmSpecification.TrainingImage`,
      `no ${framework} version gives the image ${image} on ${concrete ?? "this instance type"}`,
    );
  }
  config.metricDefinitions = arrayAt(algorithm, "MetricDefinitions")
    .filter(isObject)
    .map((metric) => ({ name: String(metric.Name), regex: String(metric.Regex) }));

  const outputPath = objectAt(args, "OutputDataConfig")?.S3OutputPath;
  if (outputPath !== `${context.pipelineS3Loc}/${framework}_training`) {
    const value = configValue(outputPath);
    if (value === undefined)
      context.note(
        `${at}.Arguments.OutputDataConfig.S3OutputPath`,
        "the output path is an expression the design cannot hold; the default is used",
      );
    else config.outputPath = value;
  }
  const checkpoint = objectAt(args, "CheckpointConfig");
  if (checkpoint) {
    config.checkpoint = { enabled: true, localPath: checkpoint.LocalPath ?? "/opt/ml/checkpoints" };
    if (!sameJson(checkpoint.S3Uri, appended(outputPath, "checkpoints"))) {
      if (typeof checkpoint.S3Uri === "string")
        Object.assign(config.checkpoint as JsonObject, { s3Uri: checkpoint.S3Uri });
      else
        context.note(
          `${at}.Arguments.CheckpointConfig.S3Uri`,
          "the checkpoint URI is an expression the design cannot hold; the default is used",
        );
    }
  } else {
    config.checkpoint = { enabled: false, localPath: "/opt/ml/checkpoints" };
  }
  const interval = objectAt(args, "ProfilerConfig")?.ProfilingIntervalInMilliseconds;
  if (typeof interval === "number") config.profiler = { systemMonitorIntervalMillis: interval };

  const hyperparameters = objectAt(args, "HyperParameters") ?? {};
  const program = jsonString(hyperparameters.sagemaker_program);
  if (program) config.entryPoint = program;
  const codeUri = jsonString(hyperparameters.sagemaker_submit_directory);
  if (codeUri) {
    const imported = importCode(codeUri, context.read);
    config.code = imported.code;
    if ("files" in imported.code) context.inlinedCode.set(codeUri, id);
    if (imported.unreadable)
      context.note(
        `${at}.Arguments.HyperParameters.sagemaker_submit_directory`,
        `code kept as ${codeUri}: ${imported.unreadable}`,
      );
  }
  if (framework === "xgboost") {
    const uri = jsonString(hyperparameters.hyperparameters_s3_uri) ?? "";
    if (uri !== `${context.pipelineS3Loc}/hyperparameters/${name}/hyperparameters.json`)
      context.note(
        `${at}.Arguments.HyperParameters.hyperparameters_s3_uri`,
        `the hyperparameters file ${uri || "(none)"} is not where a design puts it ({pipeline S3 location}/hyperparameters/${name}/hyperparameters.json)`,
      );
    if (uri)
      config.hyperparameters = readHyperparameterFile(
        context,
        uri,
        `${at}.Arguments.HyperParameters.hyperparameters_s3_uri`,
      );
  } else {
    const own: JsonObject = {};
    for (const [key, value] of Object.entries(hyperparameters)) {
      if (FRAMEWORK_HYPERPARAMETERS.includes(key)) continue;
      const decoded = decodeHyperparameter(value);
      if (decoded === undefined)
        context.note(
          `${at}.Arguments.HyperParameters.${key}`,
          `hyperparameter ${key} is not a value the design can hold (${JSON.stringify(value).slice(0, 60)}); left out`,
        );
      else setEntry(own, key, decoded);
    }
    config.hyperparameters = own;
  }

  const channels = arrayAt(args, "InputDataConfig").filter(isObject);
  const sourceOf = (channel: JsonObject | undefined) =>
    objectAt(objectAt(channel, "DataSource"), "S3DataSource")?.S3Uri;
  const channelPath = `${at}.Arguments.InputDataConfig`;
  if (framework === "xgboost") {
    const train = channels.find((channel) => channel.ChannelName === "train");
    const source = joinValues(sourceOf(train), "/")?.[0];
    if (!context.link(source, id, "input_path", channelPath))
      context.note(
        channelPath,
        "the train channel is not another step's output joined with train/; the input is not linked",
      );
  } else if (
    !context.link(
      sourceOf(channels.find((channel) => channel.ChannelName === "data")),
      id,
      "input_path",
      channelPath,
    )
  ) {
    context.note(
      channelPath,
      "the data channel is not another step's output; the input is not linked",
    );
  }
  const env = context.environment(args.Environment, `${at}.Arguments.Environment`);
  if (Object.keys(env).length > 0) config.env = env;
  return { id, type, name, config, renderedNames: [name], dependsOn: { names: [], path: at } };
}
