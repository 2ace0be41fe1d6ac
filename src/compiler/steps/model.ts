import { retrieveImageUri, type Framework } from "../../catalog";
import type { CompileContext } from "../context";
import { join, type Expression } from "../expressions";
import { pythonJsonDumps } from "../pythonJson";
import {
  LAUNCH_REPACK_SCRIPT_CMD,
  REPACK_MODEL_PY,
  REPACK_SCRIPT,
  REPACK_SCRIPT_LAUNCHER,
} from "../sdk/repackFiles";
import type { ResolvedStep } from "../validate";
import { ImageError, imageUri, mergeEnv, type RenderedStep } from "./shared";
import { channel, frameworkHyperparameters, regionSupportsDebugger } from "./training";

// Fixed by the SDK's _RepackModelStep (workflow/_utils.py): SKLearn 1.2-1 on ml.m5.large, default 1-day limit.
const REPACK_FRAMEWORK_VERSION = "1.2-1";
const REPACK_INSTANCE_TYPE = "ml.m5.large";
const REPACK_DESCRIPTION =
  "Used to repack a model with customer scripts for a register/create model step";

/** Step types that render as the SDK's `ModelStep`: `model.create(...)` or `model.register(...)`. */
export type ModelType = "PyTorchModel" | "XGBoostModel";
export type RegisterType = "PyTorchRegisterModel" | "XGBoostRegisterModel";

/** The framework model class each renders (`PyTorchModel` / `XGBoostModel`). */
export const MODEL_FRAMEWORK = {
  PyTorchModel: "pytorch",
  XGBoostModel: "xgboost",
  PyTorchRegisterModel: "pytorch",
  XGBoostRegisterModel: "xgboost",
} as const satisfies Record<ModelType | RegisterType, Framework>;

export interface ModelVersions {
  frameworkVersion: string;
  pyVersion: string;
}

/** The versions a training step ran, for the model made from its artifacts; none for other steps. */
function trainingVersions(source: ResolvedStep | undefined): Partial<ModelVersions> {
  if (source?.type === "PyTorchTraining" || source?.type === "XGBoostTraining")
    return { frameworkVersion: source.config.frameworkVersion, pyVersion: source.config.pyVersion };
  return {};
}

/** The model's versions: its own config, else the upstream training step's (CATALOG.md). */
export function modelVersions(
  context: CompileContext,
  resolved: ResolvedStep<ModelType | RegisterType>,
): ModelVersions {
  const { config } = resolved;
  const upstream = trainingVersions(context.inputSource(resolved.step.id, "model_data"));
  return {
    frameworkVersion: config.frameworkVersion ?? upstream.frameworkVersion ?? "",
    pyVersion: config.pyVersion ?? upstream.pyVersion ?? "py3",
  };
}

/** PyTorch serving from 1.2 (TorchServe/MMS) needs the code inside model.tar.gz, so the SDK repacks. */
function needsRepack(resolved: ResolvedStep<ModelType | RegisterType>, versions: ModelVersions) {
  if (MODEL_FRAMEWORK[resolved.type] !== "pytorch" || !resolved.config.code) return false;
  const [major = 0, minor = 0] = versions.frameworkVersion.split(".").map(Number);
  return major > 1 || (major === 1 && minor >= 2);
}

/** What `FrameworkModel.prepare_container_def` gives a create or register step, and the repack before it. */
export interface ModelContainer {
  /** `{name}-RepackModel-0`, when the SDK repacks the code into the model archive at run time. */
  repack?: RenderedStep;
  Image: string;
  Environment: Record<string, string>;
  ModelDataUrl: Expression;
}

/**
 * The container of `PyTorchModel`/`XGBoostModel(model_data, entry_point, source_dir, env)`: its
 * image for `instanceType` (CPU/GPU/Graviton), the script-mode environment, and the model data —
 * the repack step's output when the SDK repacks (ModelStep._append_repack_model_step).
 */
export function modelContainer(
  context: CompileContext,
  resolved: ResolvedStep<ModelType | RegisterType>,
  instanceType: string,
  instancePath: string,
): ModelContainer {
  const { step, definition, config } = resolved;
  const framework = MODEL_FRAMEWORK[resolved.type];
  const versions = modelVersions(context, resolved);
  const modelData = context.inputExpression(step.id, "model_data") as Expression;
  const image = imageUri(
    context,
    framework,
    "inference",
    versions.frameworkVersion,
    framework === "pytorch" ? versions.pyVersion : undefined,
    instanceType,
    instancePath,
  );

  const userEnv = mergeEnv(definition.contract.envDefaults, config.env);
  let repack: RenderedStep | undefined;
  let modelDataUrl = modelData;
  // Model._script_mode_env_vars: without code the user's own values stand (model.py:868).
  let program = userEnv.SAGEMAKER_PROGRAM ?? "";
  let submitDirectory = userEnv.SAGEMAKER_SUBMIT_DIRECTORY ?? "";
  if (config.code && needsRepack(resolved, versions)) {
    if (config.entryPoint.includes("/")) {
      const base = config.entryPoint.split("/").pop() as string;
      // The SDK sets SAGEMAKER_PROGRAM to the base name (model.py:831) while the repack copies
      // the tree as it is, so TorchServe would look for code/<base> and not find it.
      throw new ImageError(
        `a repacked PyTorch model's entry point must be at the top of its code files: SageMaker would run code/${base}, but the file is code/${config.entryPoint}; move it to the top level`,
        "entryPoint",
        "PD102",
      );
    }
    repack = renderRepackStep(context, resolved, modelData);
    modelDataUrl = { Get: `Steps.${repack.Name}.ModelArtifacts.S3ModelArtifacts` };
    program = config.entryPoint;
    submitDirectory = "/opt/ml/model/code";
  } else if (config.code) {
    program = config.entryPoint;
    submitDirectory = context.codeUri(step, config.code);
  }
  const scriptEnv = {
    SAGEMAKER_PROGRAM: program,
    SAGEMAKER_SUBMIT_DIRECTORY: submitDirectory,
    SAGEMAKER_CONTAINER_LOG_LEVEL: "20",
    SAGEMAKER_REGION: context.region,
  };
  return {
    ...(repack ? { repack } : {}),
    Image: image,
    // FrameworkModel.prepare_container_def: the user's env first, the script-mode variables win.
    Environment: mergeEnv(userEnv, scriptEnv),
    ModelDataUrl: modelDataUrl,
  };
}

/**
 * A model step as `ModelStep(step_args=PyTorchModel/XGBoostModel(...).create(instance_type))`
 * renders it: `{name}-RepackModel-0` (when the SDK repacks) then `{name}-CreateModel`.
 */
export function renderModelStep(
  context: CompileContext,
  resolved: ResolvedStep<ModelType>,
): RenderedStep[] {
  const { repack, ...container } = modelContainer(
    context,
    resolved,
    resolved.config.instanceType,
    "instanceType",
  );
  return [
    ...(repack ? [repack] : []),
    {
      Name: `${resolved.step.name}-CreateModel`,
      Type: "Model",
      Arguments: { ExecutionRoleArn: context.roleArn, PrimaryContainer: container },
    },
  ];
}

function renderRepackStep(
  context: CompileContext,
  resolved: ResolvedStep<ModelType | RegisterType>,
  modelData: Expression,
): RenderedStep {
  const { step, config } = resolved;
  const code = config.code;
  if (!code || "s3Uri" in code) {
    // The SDK would download, modify and overwrite the user's archive in place; we will not touch it.
    throw new ImageError(
      "a PyTorch model with code as an S3 archive cannot be repacked without rewriting that archive; use inline files",
      "code",
    );
  }
  const bundleUri = context.codeUri(step, code, {
    [REPACK_SCRIPT]: REPACK_MODEL_PY,
    [REPACK_SCRIPT_LAUNCHER]: LAUNCH_REPACK_SCRIPT_CMD,
  });
  const outputPath = `${context.pipelineS3Loc}/repack/${step.name}`;
  const image = retrieveImageUri({
    framework: "sklearn",
    scope: "training",
    version: REPACK_FRAMEWORK_VERSION,
    pyVersion: "py3",
    region: context.region,
    instanceType: REPACK_INSTANCE_TYPE,
  });
  if (!image.ok) throw new ImageError(`the model repack job: ${image.message}`);
  const entryPoint = config.entryPoint.split("/").pop() as string;
  const args: Record<string, unknown> = {
    AlgorithmSpecification: { TrainingInputMode: "File", TrainingImage: image.uri },
    OutputDataConfig: { S3OutputPath: outputPath },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    ResourceConfig: { VolumeSizeInGB: 30, InstanceCount: 1, InstanceType: REPACK_INSTANCE_TYPE },
    RoleArn: context.roleArn,
    InputDataConfig: [channel("training", modelData)],
    HyperParameters: {
      inference_script: pythonJsonDumps(entryPoint),
      model_archive: join("", [modelData]),
      dependencies: "null",
      source_dir: pythonJsonDumps(bundleUri),
      ...frameworkHyperparameters(context, bundleUri, REPACK_SCRIPT_LAUNCHER),
    },
  };
  if (regionSupportsDebugger(context.region))
    args.DebugHookConfig = { S3OutputPath: outputPath, CollectionConfigurations: [] };
  args.ProfilerConfig = { DisableProfiler: true };
  return {
    Name: `${step.name}-RepackModel-0`,
    Type: "Training",
    Arguments: args,
    Description: REPACK_DESCRIPTION,
  };
}
