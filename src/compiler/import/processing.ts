import {
  EVALUATION_OUTPUT,
  OUTPUT_FORMATS,
  STEP_DEFINITIONS,
  type Framework,
  type StepTypeName,
} from "../../catalog";
import { ownEntry, setEntry } from "../../model";
import { importCode, runprocEntryPoint } from "./code";
import type { DraftStep, ImportContext } from "./context";
import { imageFramework, matchImage } from "./images";
import {
  arrayAt,
  configValue,
  isObject,
  objectAt,
  parameterName,
  sameJson,
  stringAt,
  type JsonObject,
} from "./values";

/** Which of our processing step types renders these outputs on this image family. */
function processingType(
  outputNames: string[],
  framework: Framework | undefined,
): ProcessingType | undefined {
  if (framework === "sklearn") {
    if (outputNames.includes("processed_data")) return "TabularPreprocessing";
    if (outputNames.includes("DATA")) return "DataLoad";
  }
  if (outputNames.includes(EVALUATION_OUTPUT)) {
    if (framework === "xgboost") return "XGBoostEvaluation";
    if (framework === "pytorch") return "PyTorchEvaluation";
  }
  return undefined;
}

type ProcessingType =
  "DataLoad" | "TabularPreprocessing" | "XGBoostEvaluation" | "PyTorchEvaluation";
const isEvaluation = (type: ProcessingType) =>
  type === "XGBoostEvaluation" || type === "PyTorchEvaluation";
/** The job type the compiler gives an evaluation (steps/processing.ts EVALUATION_JOB_TYPE). */
const EVALUATION_JOB_TYPE = "testing";

/** The output URI the compiler derives when none is set (steps/processing.ts). */
function defaultOutputUri(context: ImportContext, stepName: string, output: string): unknown {
  const { bucket, prefix } = context.location;
  const segments = prefix === "" || prefix === context.pipelineName ? [] : [prefix];
  return {
    "Std:Join": {
      On: "/",
      Values: [
        "s3:/",
        bucket,
        ...segments,
        context.pipelineName,
        { Get: "Execution.PipelineExecutionId" },
        stepName,
        "output",
        output,
      ],
    },
  };
}

/**
 * An evaluation's report as its property file (`PropertyFile(name, "evaluation", path)`), and the
 * metrics conditions read from it, each named after its JSON path (`metrics.auc.value` → `auc`).
 */
function importPropertyFiles(
  context: ImportContext,
  step: JsonObject,
  type: ProcessingType,
  config: JsonObject,
  jsonPaths: readonly string[],
  at: string,
) {
  const files = arrayAt(step, "PropertyFiles");
  if (!isEvaluation(type)) {
    if (files.length > 0)
      context.note(`${at}.PropertyFiles`, "only an evaluation step has a property file; left out");
    return;
  }
  const file = files[0];
  if (
    files.length !== 1 ||
    !isObject(file) ||
    file.OutputName !== EVALUATION_OUTPUT ||
    typeof file.PropertyFileName !== "string" ||
    typeof file.FilePath !== "string"
  ) {
    context.note(
      `${at}.PropertyFiles`,
      `an evaluation has one property file on its ${EVALUATION_OUTPUT} output; ${JSON.stringify(files)} is not kept`,
    );
    return;
  }
  config.propertyFileName = file.PropertyFileName;
  config.reportFile = file.FilePath;
  if (jsonPaths.length > 0) config.metrics = metricsFor(jsonPaths);
}

/** A metric per JSON path, named after it: `metrics.auc.value` → `auc`, unique, in the schema's alphabet. */
export function metricsFor(jsonPaths: readonly string[]): { name: string; jsonPath: string }[] {
  const taken = new Set<string>();
  return jsonPaths.map((jsonPath) => {
    const base =
      jsonPath
        .replace(/^metrics\./, "")
        .replace(/\.value$/, "")
        .replace(/[^A-Za-z0-9_-]+/g, "_")
        .replace(/^_+|_+$/g, "") || "metric";
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return { name, jsonPath };
  });
}

/** Typed config fields the compiler turns into env (steps/processing.ts configEnv). */
function takeConfigEnv(type: StepTypeName, env: Record<string, string>, config: JsonObject) {
  if (type !== "DataLoad" && type !== "TabularPreprocessing") return;
  const take = (key: string, field: string, parse: (text: string) => unknown) => {
    const text = env[key];
    if (text === undefined) return;
    const value = parse(text);
    if (value === undefined || String(value) !== text) return;
    config[field] = value;
    delete env[key];
  };
  take("OUTPUT_FORMAT", "outputFormat", (text) =>
    (OUTPUT_FORMATS as readonly string[]).includes(text) ? text : undefined,
  );
  if (type !== "TabularPreprocessing") return;
  take("LABEL_FIELD", "labelName", (text) => (text === "" ? undefined : text));
  // An empty LABEL_FIELD can only come from an env override of the (required) label field, whose
  // own value the definition does not hold: any name does, since the override wins.
  if (config.labelName === undefined) config.labelName = "label";
  const ratio = (text: string) => {
    const value = Number(text);
    return text.trim() !== "" && value >= 0 && value <= 1 ? value : undefined;
  };
  take("TRAIN_RATIO", "trainRatio", ratio);
  take("TEST_VAL_RATIO", "testValRatio", ratio);
}

/**
 * A Processing step the SDK's FrameworkProcessor rendered → DataLoad or TabularPreprocessing on
 * SKLearn, an XGBoost or PyTorch evaluation (an `evaluation` output with its report as a property
 * file) on those frameworks' images. `reportMetrics` holds, per evaluation step, the JSON paths
 * the definition reads from its report: they become the step's metrics.
 */
export function importProcessingStep(
  context: ImportContext,
  step: JsonObject,
  id: string,
  at: string,
  reportMetrics: ReadonlyMap<string, string[]>,
): DraftStep | undefined {
  const name = String(step.Name);
  const args = objectAt(step, "Arguments") ?? {};
  const outputs = arrayAt(objectAt(args, "ProcessingOutputConfig"), "Outputs").filter(isObject);
  const app = objectAt(args, "AppSpecification") ?? {};
  const image = stringAt(app, "ImageUri") ?? "";
  const framework = imageFramework(image);
  const type = processingType(
    outputs.map((output) => String(output.OutputName)),
    framework,
  );
  if (!type || !framework) {
    context.note(
      at,
      `processing step "${name}" is not one of ours (a data load or tabular preprocessing on a SKLearn image, by its outputs DATA or processed_data, or an evaluation on an XGBoost or PyTorch image, by its output ${EVALUATION_OUTPUT}); it is left out`,
    );
    return undefined;
  }
  const definition = STEP_DEFINITIONS[type];
  const config: JsonObject = {};
  const cluster = objectAt(objectAt(args, "ProcessingResources"), "ClusterConfig") ?? {};
  config.instanceType = configValue(cluster.InstanceType);
  config.instanceCount = configValue(cluster.InstanceCount);
  config.volumeSizeGb = configValue(cluster.VolumeSizeInGB);
  // The image is the one for the instance type, or for a parameter's default (steps/shared.ts).
  const parameterDefault = context.parameterDefault(parameterName(cluster.InstanceType));
  const concrete =
    typeof cluster.InstanceType === "string"
      ? [cluster.InstanceType]
      : typeof parameterDefault === "string"
        ? [parameterDefault]
        : [];
  const match = matchImage(image, framework, "training", context.region, [
    ...concrete,
    "ml.m5.xlarge",
  ]);
  if (match) {
    config.frameworkVersion = match.frameworkVersion;
    if (isEvaluation(type)) config.pyVersion = match.pyVersion;
  } else
    context.note(
      `${at}.Arguments.AppSpecification.ImageUri`,
      `no ${framework} version gives the image ${image}`,
    );

  const argumentsList = arrayAt(app, "ContainerArguments");
  const jobArgument = argumentsList.length === 2 && argumentsList[0] === "--job_type";
  if (isEvaluation(type)) {
    if (!jobArgument || argumentsList[1] !== EVALUATION_JOB_TYPE)
      context.note(
        `${at}.Arguments.AppSpecification.ContainerArguments`,
        `an evaluation runs with ["--job_type", "${EVALUATION_JOB_TYPE}"]; the arguments ${JSON.stringify(argumentsList)} are not kept`,
      );
  } else if (jobArgument) config.jobType = argumentsList[1];
  else
    context.note(
      `${at}.Arguments.AppSpecification.ContainerArguments`,
      `expected ["--job_type", <job type>]; the arguments ${JSON.stringify(argumentsList)} are not kept`,
    );

  let runprocUri: string | undefined;
  arrayAt(args, "ProcessingInputs").forEach((input, index) => {
    const path = `${at}.Arguments.ProcessingInputs[${index}]`;
    const inputName = stringAt(input, "InputName") ?? "";
    const uri = objectAt(input, "S3Input")?.S3Uri;
    if (inputName === "code" && typeof uri === "string") {
      const imported = importCode(uri, context.read);
      config.code = imported.code;
      if ("files" in imported.code) context.inlinedCode.set(uri, id);
      if (imported.unreadable)
        context.note(`${path}.S3Input.S3Uri`, `code kept as ${uri}: ${imported.unreadable}`);
    } else if (inputName === "entrypoint" && typeof uri === "string") {
      runprocUri = uri;
    } else if (inputName === "INPUT_DATA" && definition.contract.inputPaths.INPUT_DATA) {
      const value = configValue(uri);
      if (value === undefined)
        context.note(
          `${path}.S3Input.S3Uri`,
          "the input data URI is an expression the design cannot hold; left out",
        );
      else config.inputDataUri = value;
    } else if (definition.dependencies.some((dependency) => dependency.logicalName === inputName)) {
      if (!context.link(uri, id, inputName, `${path}.S3Input.S3Uri`))
        context.note(
          `${path}.S3Input.S3Uri`,
          `input ${inputName} is not another step's output; left out`,
        );
    } else {
      context.note(
        path,
        `input "${inputName}" is not one a ${definition.displayName} step has; left out`,
      );
    }
  });

  const code = config.code as { files?: Record<string, string> } | undefined;
  const candidates = [definition.contract.entryPointDefault, ...Object.keys(code?.files ?? {})];
  const entryPoint = runprocUri && runprocEntryPoint(runprocUri, context.read, candidates);
  if (entryPoint) {
    config.entryPoint = entryPoint;
    context.recoveredRunproc.set(runprocUri as string, entryPoint);
  } else {
    context.note(
      `${at}.Arguments.ProcessingInputs`,
      `the entry point is in runproc.sh (${runprocUri ?? "missing"}), which could not be read; assumed ${definition.contract.entryPointDefault}`,
    );
  }

  const outputUris: JsonObject = {};
  outputs.forEach((output, index) => {
    const outputName = String(output.OutputName);
    const uri = objectAt(output, "S3Output")?.S3Uri;
    if (sameJson(uri, defaultOutputUri(context, name, outputName))) return;
    const value = configValue(uri);
    if (isEvaluation(type))
      context.note(
        `${at}.Arguments.ProcessingOutputConfig.Outputs[${index}]`,
        `an evaluation's ${outputName} output goes to the default location; ${JSON.stringify(uri)} is not kept`,
      );
    else if (value === undefined)
      context.note(
        `${at}.Arguments.ProcessingOutputConfig.Outputs[${index}]`,
        `the URI of output ${outputName} is an expression the design cannot hold; the default is used`,
      );
    else setEntry(outputUris, outputName, value);
  });
  if (Object.keys(outputUris).length > 0) config.outputUris = outputUris;

  const env = context.environment(args.Environment, `${at}.Arguments.Environment`);
  takeConfigEnv(type, env, config);
  // The contract's defaults come first in the compiled env; an equal value is the default.
  for (const [key, value] of Object.entries(definition.contract.envDefaults))
    if (ownEntry(env, key) === value) delete env[key];
  if (Object.keys(env).length > 0) config.env = env;
  importPropertyFiles(context, step, type, config, reportMetrics.get(name) ?? [], at);
  return {
    id,
    type,
    name,
    config,
    renderedNames: [name],
    dependsOn: { names: [], path: at },
  };
}
