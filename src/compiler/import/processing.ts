import { OUTPUT_FORMATS, stepType, type StepTypeName } from "../../catalog";
import { setEntry } from "../../model";
import { importCode, runprocEntryPoint } from "./code";
import type { DraftStep, ImportContext } from "./context";
import { imageFramework, matchImage } from "./images";
import {
  arrayAt,
  configValue,
  isObject,
  objectAt,
  sameJson,
  stringAt,
  type JsonObject,
} from "./values";

/** Which of our processing step types renders these outputs, by their logical names. */
function processingType(outputNames: string[]): StepTypeName | undefined {
  if (outputNames.includes("processed_data")) return "TabularPreprocessing";
  if (outputNames.includes("DATA")) return "DataLoad";
  return undefined;
}

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

/** Typed config fields the compiler turns into env (steps/processing.ts configEnv). */
function takeConfigEnv(type: StepTypeName, env: Record<string, string>, config: JsonObject) {
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

/** A Processing step the SDK's FrameworkProcessor(SKLearn) rendered → DataLoad or TabularPreprocessing. */
export function importProcessingStep(
  context: ImportContext,
  step: JsonObject,
  id: string,
  at: string,
): DraftStep | undefined {
  const name = String(step.Name);
  const args = objectAt(step, "Arguments") ?? {};
  const outputs = arrayAt(objectAt(args, "ProcessingOutputConfig"), "Outputs").filter(isObject);
  const type = processingType(outputs.map((output) => String(output.OutputName)));
  const app = objectAt(args, "AppSpecification") ?? {};
  const image = stringAt(app, "ImageUri") ?? "";
  if (!type || imageFramework(image) !== "sklearn") {
    context.note(
      at,
      `processing step "${name}" is not one of ours (a data load or tabular preprocessing on a SKLearn image, by its outputs DATA or processed_data); it is left out`,
    );
    return undefined;
  }
  const definition = stepType(type);
  if (!definition) return undefined;
  const config: JsonObject = {};
  const cluster = objectAt(objectAt(args, "ProcessingResources"), "ClusterConfig") ?? {};
  config.instanceType = configValue(cluster.InstanceType);
  config.instanceCount = configValue(cluster.InstanceCount);
  config.volumeSizeGb = configValue(cluster.VolumeSizeInGB);
  const literalInstance = typeof cluster.InstanceType === "string" ? [cluster.InstanceType] : [];
  const match = matchImage(image, "sklearn", "training", context.region, [
    ...literalInstance,
    "ml.m5.xlarge",
  ]);
  if (match) config.frameworkVersion = match.frameworkVersion;
  else
    context.note(
      `${at}.Arguments.AppSpecification.ImageUri`,
      `no SKLearn version gives the image ${image}`,
    );

  const argumentsList = arrayAt(app, "ContainerArguments");
  if (argumentsList.length === 2 && argumentsList[0] === "--job_type")
    config.jobType = argumentsList[1];
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
    if (value === undefined)
      context.note(
        `${at}.Arguments.ProcessingOutputConfig.Outputs[${index}]`,
        `the URI of output ${outputName} is an expression the design cannot hold; the default is used`,
      );
    else setEntry(outputUris, outputName, value);
  });
  if (Object.keys(outputUris).length > 0) config.outputUris = outputUris;

  const env = context.environment(args.Environment, `${at}.Arguments.Environment`);
  takeConfigEnv(type, env, config);
  if (Object.keys(env).length > 0) config.env = env;
  return {
    id,
    type,
    name,
    config,
    renderedNames: [name],
    dependsOn: { names: [], path: at },
  };
}
