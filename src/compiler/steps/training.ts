import { XGBOOST_DATA_CHANNELS } from "../../catalog";
import { isParameterRef } from "../../model";
import type { CompileContext } from "../context";
import { appendPath, join, parameterValue, valueOf, type Expression } from "../expressions";
import { pythonJsonDumps } from "../pythonJson";
import type { ResolvedStep } from "../validate";
import { concreteInstanceType, ImageError, imageUri, mergeEnv, type RenderedStep } from "./shared";
import { xgboostHyperparametersFile } from "./xgboostHyperparameters";

/** The step types that render as `TrainingStep(step_args=PyTorch(...)/XGBoost(...).fit(...))`. */
export type TrainingType = "PyTorchTraining" | "XGBoostTraining";

/** The estimator's framework, which names its image and default output folder. */
export const TRAINING_FRAMEWORK = {
  PyTorchTraining: "pytorch",
  XGBoostTraining: "xgboost",
} as const satisfies Record<TrainingType, string>;

// SDK fw_utils.DEBUGGER_UNSUPPORTED_REGIONS / PROFILER_UNSUPPORTED_REGIONS (identical lists in v2.257.7).
const DEBUGGER_UNSUPPORTED_REGIONS = new Set([
  "us-iso-east-1",
  "us-isob-east-1",
  "ap-southeast-3",
  "ap-southeast-4",
  "eu-south-2",
  "me-central-1",
  "ap-south-2",
  "eu-central-2",
  "us-gov-east-1",
]);

export const regionSupportsDebugger = (region: string) =>
  !DEBUGGER_UNSUPPORTED_REGIONS.has(region.toLowerCase());

export function channel(name: string, source: Expression) {
  return {
    DataSource: {
      S3DataSource: {
        S3DataType: "S3Prefix",
        S3Uri: source,
        S3DataDistributionType: "FullyReplicated",
      },
    },
    ChannelName: name,
  };
}

/**
 * A hyperparameter value as the SDK sends it: JSON text; a parameter goes through its
 * `to_string()` — a String parameter is already text (a bare `Get`), the others are wrapped in
 * a `Std:Join` that converts them at run time.
 */
export function encodeHyperparameter(context: CompileContext, value: unknown): Expression {
  if (!isParameterRef(value)) return pythonJsonDumps(value);
  const declared = context.design.pipeline.parameters.find(
    (parameter) => parameter.name === value.parameter,
  );
  return declared?.type === "String"
    ? parameterValue(value.parameter)
    : join("", [parameterValue(value.parameter)]);
}

/** The `sagemaker_*` hyperparameters every framework estimator adds after the user's own. */
export function frameworkHyperparameters(
  context: CompileContext,
  submitDirectory: string,
  program: string,
): Record<string, Expression> {
  return {
    sagemaker_submit_directory: pythonJsonDumps(submitDirectory),
    sagemaker_program: pythonJsonDumps(program),
    // The SDK sets the log level as the int 20 and passes it through str(), not json.dumps.
    sagemaker_container_log_level: "20",
    sagemaker_region: pythonJsonDumps(context.region),
  };
}

export function outputPathOf(
  context: CompileContext,
  resolved: ResolvedStep<TrainingType>,
): Expression {
  const { config } = resolved;
  if (config.outputPath !== undefined) return valueOf(config.outputPath);
  return `${context.pipelineS3Loc}/${TRAINING_FRAMEWORK[resolved.type]}_training`;
}

function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = minimum.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

/** A training step as `TrainingStep(step_args=PyTorch(...)/XGBoost(...).fit(inputs))` renders it. */
export function renderTrainingStep(
  context: CompileContext,
  resolved: ResolvedStep<TrainingType>,
): RenderedStep[] {
  const { step, definition, config } = resolved;
  const framework = TRAINING_FRAMEWORK[resolved.type];
  const outputPath = outputPathOf(context, resolved);
  const source = context.inputExpression(step.id, "input_path") as Expression;

  const algorithm: Record<string, unknown> = {
    TrainingInputMode: "File",
    TrainingImage: imageUri(
      context,
      framework,
      "training",
      config.frameworkVersion,
      config.pyVersion,
      concreteInstanceType(context, config.instanceType),
    ),
  };
  if (config.metricDefinitions.length > 0) {
    algorithm.MetricDefinitions = config.metricDefinitions.map((metric) => ({
      Name: metric.name,
      Regex: metric.regex,
    }));
  }
  // The SDK's PyTorch estimator turns on metrics time series from PyTorch 1.3; XGBoost leaves it unset.
  if (framework === "pytorch" && versionAtLeast(config.frameworkVersion, "1.3"))
    algorithm.EnableSageMakerMetricsTimeSeries = true;

  const codeUri = context.codeUri(step, config.code);
  let channels;
  let hyperparameters: Record<string, Expression>;
  if (resolved.type === "XGBoostTraining") {
    const file = xgboostHyperparametersFile(context, resolved);
    channels = [
      ...Object.entries(XGBOOST_DATA_CHANNELS).map(([name, folder]) =>
        channel(name, join("/", [source, folder])),
      ),
      channel("config", file.folderUri),
    ];
    hyperparameters = { hyperparameters_s3_uri: pythonJsonDumps(file.uri) };
  } else {
    channels = [channel("data", source)];
    hyperparameters = Object.fromEntries(
      Object.entries(resolved.config.hyperparameters).map(([key, value]) => [
        key,
        encodeHyperparameter(context, value),
      ]),
    );
  }
  Object.assign(hyperparameters, frameworkHyperparameters(context, codeUri, config.entryPoint));

  const args: Record<string, unknown> = {
    AlgorithmSpecification: algorithm,
    OutputDataConfig: { S3OutputPath: outputPath },
    StoppingCondition: { MaxRuntimeInSeconds: valueOf(config.maxRuntimeSeconds) },
    ResourceConfig: {
      VolumeSizeInGB: valueOf(config.volumeSizeGb),
      InstanceCount: valueOf(config.instanceCount),
      InstanceType: valueOf(config.instanceType),
    },
    RoleArn: context.roleArn,
    InputDataConfig: channels,
    HyperParameters: hyperparameters,
  };
  const env = mergeEnv(definition.contract.envDefaults, config.env);
  if (Object.keys(env).length > 0) args.Environment = env;
  if (config.checkpoint.enabled) {
    args.CheckpointConfig = {
      S3Uri: config.checkpoint.s3Uri ?? appendPath(outputPath, "checkpoints"),
      LocalPath: config.checkpoint.localPath,
    };
  }
  const supported = regionSupportsDebugger(context.region);
  // Framework._validate_and_set_debugger_configs: PyTorch estimators (distribution={} is "not None")
  // drop the debugger hook whenever checkpoints are configured.
  if (supported && !(framework === "pytorch" && config.checkpoint.enabled)) {
    args.DebugHookConfig = { S3OutputPath: outputPath, CollectionConfigurations: [] };
  }
  if (supported) {
    const profiler: Record<string, unknown> = { S3OutputPath: outputPath, DisableProfiler: false };
    if (config.profiler)
      profiler.ProfilingIntervalInMilliseconds = config.profiler.systemMonitorIntervalMillis;
    args.ProfilerConfig = profiler;
  } else if (step.config.profiler !== undefined) {
    // The SDK refuses an explicit profiler there (estimator.py:1240); dropping it would hide that.
    throw new ImageError(
      `the SageMaker profiler is not available in ${context.region}; remove the profiler setting`,
      "profiler",
      "PD102",
    );
  } else {
    args.ProfilerConfig = { DisableProfiler: true };
  }
  return [{ Name: step.name, Type: "Training", Arguments: args }];
}
