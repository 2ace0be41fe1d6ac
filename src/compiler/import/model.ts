import type { Framework, StepTypeName } from "../../catalog";
import { setEntry } from "../../model";
import { REPACK_SCRIPT, REPACK_SCRIPT_LAUNCHER } from "../sdk/repackFiles";
import { MODEL_SCRIPT_ENV } from "../serviceLimits";
import { importCode } from "./code";
import type { DraftStep, ImportContext } from "./context";
import { matchImage, stepTypeOfImage } from "./images";
import { jsonString } from "./training";
import {
  arrayAt,
  configValue,
  isObject,
  joinValues,
  objectAt,
  stepReference,
  stringAt,
  type JsonObject,
} from "./values";

const MODEL_TYPES: Partial<Record<Framework, StepTypeName>> = {
  pytorch: "PyTorchModel",
  xgboost: "XGBoostModel",
};
const CREATE_SUFFIX = "-CreateModel";
const REPACK_SUFFIX = "-RepackModel-0";

/** Whether a Training step is the one the SDK adds to repack a model's code (workflow/_utils.py). */
export function isRepackStep(step: JsonObject): boolean {
  const hyperparameters = objectAt(objectAt(step, "Arguments"), "HyperParameters") ?? {};
  return (
    String(step.Name).endsWith(REPACK_SUFFIX) &&
    "inference_script" in hyperparameters &&
    "model_archive" in hyperparameters
  );
}

/**
 * The container env without the script-mode variables the compiler appends (steps/model.ts:
 * `mergeEnv(userEnv, scriptEnv)`): the trailing run of those keys, in their order, holding the
 * values the compiler would give. Any other (a user's own SAGEMAKER_PROGRAM on a code-less model,
 * a variable placed among the user's) stays where it is.
 */
function stripScriptEnv(
  env: Record<string, string>,
  expected: { program: string | undefined; submit: string; region: string },
) {
  const values: Record<string, string | undefined> = {
    SAGEMAKER_PROGRAM: expected.program,
    SAGEMAKER_SUBMIT_DIRECTORY: expected.submit,
    SAGEMAKER_CONTAINER_LOG_LEVEL: "20",
    SAGEMAKER_REGION: expected.region,
  };
  const keys = Object.keys(env);
  let order = MODEL_SCRIPT_ENV.length;
  for (let index = keys.length - 1; index >= 0; index--) {
    const key = keys[index] as string;
    const at = MODEL_SCRIPT_ENV.indexOf(key);
    if (at < 0 || at >= order || env[key] !== values[key]) break;
    order = at;
    delete env[key];
  }
}

/** What a model container gives a create or register step: code, entry point, env, the model data link. */
interface ImportedContainer {
  config: JsonObject;
  /** The repack step's name first, when the SDK repacked the code into the model archive. */
  renderedNames: string[];
  /** Where the step's DependsOn is (the repack step's, when there is one). */
  dependsOnAt: string;
}

/**
 * A model container as `FrameworkModel.prepare_container_def` renders it (steps/model.ts
 * `modelContainer`): the model data (a training step's archive, or the repack step's when the SDK
 * repacked the code into it), the code and entry point, and the user's env without the
 * script-mode variables.
 */
function importContainer(
  context: ImportContext,
  container: JsonObject,
  repackSteps: ReadonlyMap<string, { step: JsonObject; at: string }>,
  id: string,
  at: string,
  containerAt: string,
): ImportedContainer {
  const config: JsonObject = {};
  const env = context.environment(container.Environment, `${containerAt}.Environment`);
  const renderedNames: string[] = [];
  let dependsOnAt = at;
  const modelData = stepReference(container.ModelDataUrl);
  const repack = modelData && repackSteps.get(modelData.stepName);
  const dataPath = `${containerAt}.ModelDataUrl`;
  if (repack) {
    renderedNames.push(modelData.stepName);
    dependsOnAt = repack.at;
    const hyperparameters = objectAt(objectAt(repack.step, "Arguments"), "HyperParameters") ?? {};
    const channel = arrayAt(objectAt(repack.step, "Arguments"), "InputDataConfig").find(isObject);
    const source = objectAt(objectAt(channel, "DataSource"), "S3DataSource")?.S3Uri;
    if (!context.link(source, id, "model_data", `${repack.at}.Arguments.InputDataConfig`))
      context.note(
        `${repack.at}.Arguments.InputDataConfig`,
        "the repacked model archive is not a training step's output; the input is not linked",
      );
    config.entryPoint = jsonString(hyperparameters.inference_script) ?? env.SAGEMAKER_PROGRAM;
    const bundle = jsonString(hyperparameters.sagemaker_submit_directory);
    if (bundle) {
      const imported = importCode(bundle, context.read, [REPACK_SCRIPT, REPACK_SCRIPT_LAUNCHER]);
      config.code = imported.code;
      if ("files" in imported.code) context.inlinedCode.set(bundle, id);
      else
        context.note(
          `${repack.at}.Arguments.HyperParameters.sagemaker_submit_directory`,
          `the inference code could not be read from ${bundle}${imported.unreadable ? `: ${imported.unreadable}` : ""}; a repacked model needs it as inline files`,
        );
    }
    stripScriptEnv(env, {
      program: String(config.entryPoint ?? ""),
      submit: "/opt/ml/model/code",
      region: context.region,
    });
  } else {
    if (!context.link(container.ModelDataUrl, id, "model_data", dataPath))
      context.note(
        dataPath,
        "the model data is not a training step's output; the input is not linked",
      );
    const submitDirectory = env.SAGEMAKER_SUBMIT_DIRECTORY ?? "";
    // With code, the SDK sets the script-mode variables; without, any the user set stand (model.py:868).
    if (submitDirectory.startsWith("s3://") && env.SAGEMAKER_PROGRAM) {
      config.entryPoint = env.SAGEMAKER_PROGRAM;
      const imported = importCode(submitDirectory, context.read);
      config.code = imported.code;
      if ("files" in imported.code) context.inlinedCode.set(submitDirectory, id);
      else if (imported.unreadable)
        context.note(
          `${containerAt}.Environment.SAGEMAKER_SUBMIT_DIRECTORY`,
          `code kept as ${submitDirectory}: ${imported.unreadable}`,
        );
      stripScriptEnv(env, {
        program: env.SAGEMAKER_PROGRAM,
        submit: submitDirectory,
        region: context.region,
      });
    } else {
      stripScriptEnv(env, { program: "", submit: "", region: context.region });
    }
  }
  if (Object.keys(env).length > 0) config.env = env;
  return { config, renderedNames, dependsOnAt };
}

/** `{name}{suffix}` as the SDK's ModelStep names its steps → the design step's name, noted when it has no suffix. */
function stepNameWithout(context: ImportContext, renderedName: string, suffix: string, at: string) {
  if (renderedName.endsWith(suffix)) return renderedName.slice(0, -suffix.length);
  context.note(
    `${at}.Name`,
    `a model step's name ends with ${suffix} (the SDK's ModelStep); "${renderedName}" will become "${renderedName}${suffix}"`,
  );
  return renderedName;
}

/**
 * A Model step (and the repack step before it, if any) as `ModelStep(PyTorchModel/XGBoostModel
 * (...).create())` renders it → one PyTorch Model or XGBoost Model step.
 */
export function importModelStep(
  context: ImportContext,
  step: JsonObject,
  repackSteps: ReadonlyMap<string, { step: JsonObject; at: string }>,
  id: string,
  at: string,
): DraftStep | undefined {
  const renderedName = String(step.Name);
  const container = objectAt(objectAt(step, "Arguments"), "PrimaryContainer") ?? {};
  const image = stringAt(container, "Image") ?? "";
  const recognised = stepTypeOfImage(image, MODEL_TYPES);
  if (!recognised) {
    context.note(
      at,
      `model step "${renderedName}" does not serve a PyTorch or XGBoost inference image (${image}); it is left out`,
    );
    return undefined;
  }
  const { framework, type } = recognised;
  const name = stepNameWithout(context, renderedName, CREATE_SUFFIX, at);
  const config: JsonObject = {};
  const match = matchImage(image, framework, "inference", context.region, []);
  if (match) {
    config.frameworkVersion = match.frameworkVersion;
    if (framework === "pytorch") config.pyVersion = match.pyVersion;
    config.instanceType = match.instanceType;
  } else {
    context.note(
      `${at}.Arguments.PrimaryContainer.Image`,
      `no ${framework} inference version gives the image ${image}`,
    );
  }
  const imported = importContainer(
    context,
    container,
    repackSteps,
    id,
    at,
    `${at}.Arguments.PrimaryContainer`,
  );
  return {
    id,
    type,
    name,
    config: { ...config, ...imported.config },
    renderedNames: [...imported.renderedNames, renderedName],
    dependsOn: { names: [], path: imported.dependsOnAt },
  };
}

const REGISTER_TYPES: Partial<Record<Framework, StepTypeName>> = {
  pytorch: "PyTorchRegisterModel",
  xgboost: "XGBoostRegisterModel",
};
const REGISTER_SUFFIX = "-RegisterModel";

/** A list of strings the config holds as it is; anything else is noted. */
function stringList(context: ImportContext, value: unknown, path: string): string[] | undefined {
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  context.note(
    path,
    `expected a list of strings, found ${JSON.stringify(value)}; the default is used`,
  );
  return undefined;
}

/**
 * A RegisterModel step (and the repack step before it, if any) as `ModelStep(PyTorchModel /
 * XGBoostModel(...).register(...))` renders it (steps/registerModel.ts) → one register step. The
 * evaluation report the model metrics point at becomes the `evaluation` link.
 */
export function importRegisterModelStep(
  context: ImportContext,
  step: JsonObject,
  repackSteps: ReadonlyMap<string, { step: JsonObject; at: string }>,
  id: string,
  at: string,
): DraftStep | undefined {
  const renderedName = String(step.Name);
  const args = objectAt(step, "Arguments") ?? {};
  const specification = objectAt(args, "InferenceSpecification") ?? {};
  const containers = arrayAt(specification, "Containers").filter(isObject);
  const container = containers[0] ?? {};
  const image = stringAt(container, "Image") ?? "";
  const recognised = stepTypeOfImage(image, REGISTER_TYPES);
  if (!recognised || containers.length !== 1) {
    context.note(
      at,
      `register step "${renderedName}" does not register one PyTorch or XGBoost inference container; it is left out`,
    );
    return undefined;
  }
  const { framework, type } = recognised;
  const name = stepNameWithout(context, renderedName, REGISTER_SUFFIX, at);
  const specAt = `${at}.Arguments.InferenceSpecification`;
  const config: JsonObject = {};
  config.modelPackageGroupName = configValue(args.ModelPackageGroupName);
  if (args.ModelApprovalStatus !== undefined)
    config.approvalStatus = configValue(args.ModelApprovalStatus);
  const instances = stringList(
    context,
    specification.SupportedRealtimeInferenceInstanceTypes,
    `${specAt}.SupportedRealtimeInferenceInstanceTypes`,
  );
  config.contentTypes = stringList(
    context,
    specification.SupportedContentTypes,
    `${specAt}.SupportedContentTypes`,
  );
  config.responseTypes = stringList(
    context,
    specification.SupportedResponseMIMETypes,
    `${specAt}.SupportedResponseMIMETypes`,
  );
  config.inferenceInstanceTypes = instances;
  config.transformInstanceTypes = stringList(
    context,
    specification.SupportedTransformInstanceTypes,
    `${specAt}.SupportedTransformInstanceTypes`,
  );
  // The image is the one for the first inference instance type (steps/registerModel.ts).
  const match = matchImage(
    image,
    framework,
    "inference",
    context.region,
    instances?.slice(0, 1) ?? [],
  );
  if (match) {
    config.frameworkVersion = match.frameworkVersion;
    if (framework === "pytorch") config.pyVersion = match.pyVersion;
  } else {
    context.note(
      `${specAt}.Containers[0].Image`,
      `no ${framework} inference version gives the image ${image} on ${instances?.[0] ?? "its instance type"}`,
    );
  }
  const metadata = args.CustomerMetadataProperties;
  if (isObject(metadata)) {
    const kept: JsonObject = {};
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value === "string") setEntry(kept, key, value);
      else
        context.note(
          `${at}.Arguments.CustomerMetadataProperties.${key}`,
          `${key} is not text (${JSON.stringify(value)}); left out`,
        );
    }
    config.customerMetadata = kept;
  }
  const statistics = objectAt(
    objectAt(objectAt(args, "ModelMetrics"), "ModelQuality"),
    "Statistics",
  );
  if (statistics) {
    const values = joinValues(statistics.S3Uri, "/");
    const metricsAt = `${at}.Arguments.ModelMetrics.ModelQuality.Statistics.S3Uri`;
    // {evaluation output}/{report file}: the report file is the evaluation step's to say.
    if (!values || values.length !== 2 || !context.link(values[0], id, "evaluation", metricsAt))
      context.note(
        metricsAt,
        "the model metrics are not an evaluation step's report (its output joined with the report file); left out",
      );
  }
  const imported = importContainer(
    context,
    container,
    repackSteps,
    id,
    at,
    `${specAt}.Containers[0]`,
  );
  return {
    id,
    type,
    name,
    config: { ...config, ...imported.config },
    renderedNames: [...imported.renderedNames, renderedName],
    dependsOn: { names: [], path: imported.dependsOnAt },
  };
}
