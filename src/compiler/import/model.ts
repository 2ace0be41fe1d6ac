import type { Framework, StepTypeName } from "../../catalog";
import { REPACK_SCRIPT, REPACK_SCRIPT_LAUNCHER } from "../sdk/repackFiles";
import { MODEL_SCRIPT_ENV } from "../serviceLimits";
import { importCode } from "./code";
import type { DraftStep, ImportContext } from "./context";
import { matchImage, stepTypeOfImage } from "./images";
import { jsonString } from "./training";
import { arrayAt, isObject, objectAt, stepReference, stringAt, type JsonObject } from "./values";

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
  if (!renderedName.endsWith(CREATE_SUFFIX))
    context.note(
      `${at}.Name`,
      `a model step's name ends with ${CREATE_SUFFIX} (the SDK's ModelStep); "${renderedName}" will become "${renderedName}${CREATE_SUFFIX}"`,
    );
  const name = renderedName.endsWith(CREATE_SUFFIX)
    ? renderedName.slice(0, -CREATE_SUFFIX.length)
    : renderedName;
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

  const env = context.environment(
    container.Environment,
    `${at}.Arguments.PrimaryContainer.Environment`,
  );
  const renderedNames = [renderedName];
  let dependsOnAt = at;
  const modelData = stepReference(container.ModelDataUrl);
  const repack = modelData && repackSteps.get(modelData.stepName);
  const dataPath = `${at}.Arguments.PrimaryContainer.ModelDataUrl`;
  if (repack) {
    renderedNames.unshift(modelData.stepName);
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
          `${at}.Arguments.PrimaryContainer.Environment.SAGEMAKER_SUBMIT_DIRECTORY`,
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
  return { id, type, name, config, renderedNames, dependsOn: { names: [], path: dependsOnAt } };
}
