import type { DataLoadConfig, TabularPreprocessingConfig } from "../../catalog";
import type { CompileContext } from "../context";
import { executionId, join, valueOf, type Expression } from "../expressions";
import { runprocScript } from "../sdk/runproc";
import type { ResolvedStep } from "../validate";
import { concreteInstanceType, imageUri, mergeEnv, type RenderedStep } from "./shared";

type ProcessingConfig = (DataLoadConfig | TabularPreprocessingConfig) & {
  inputDataUri?: DataLoadConfig["inputDataUri"];
};

const CODE_PATH = "/opt/ml/processing/input/code/";
const ENTRYPOINT_PATH = "/opt/ml/processing/input/entrypoint";

function processingInput(name: string, source: Expression, localPath: string) {
  return {
    InputName: name,
    AppManaged: false,
    S3Input: {
      S3Uri: source,
      LocalPath: localPath,
      S3DataType: "S3Prefix",
      S3InputMode: "File",
      S3DataDistributionType: "FullyReplicated",
      S3CompressionType: "None",
    },
  };
}

/** Env the script contract reads, from typed config fields, before the user's `env` overlay. */
function configEnv(config: ProcessingConfig): Record<string, string> {
  if ("labelName" in config) {
    return {
      LABEL_FIELD: config.labelName,
      TRAIN_RATIO: String(config.trainRatio),
      TEST_VAL_RATIO: String(config.testValRatio),
      OUTPUT_FORMAT: config.outputFormat,
    };
  }
  return { OUTPUT_FORMAT: config.outputFormat };
}

/**
 * A processing step as the SDK's FrameworkProcessor(SKLearn).run(...) renders it: user inputs,
 * then the `code` bundle and the generated `runproc.sh` entry point.
 */
export function renderProcessingStep(
  context: CompileContext,
  resolved: ResolvedStep,
): RenderedStep {
  const { step, definition } = resolved;
  const config = resolved.config as ProcessingConfig;
  const contract = definition.contract;
  const inputs = [];
  for (const dependency of definition.dependencies) {
    const source = context.inputExpression(step.id, dependency.logicalName);
    const localPath = contract.inputPaths[dependency.logicalName];
    if (source !== undefined && localPath)
      inputs.push(processingInput(dependency.logicalName, source, localPath));
  }
  if (config.inputDataUri !== undefined && contract.inputPaths.INPUT_DATA) {
    inputs.push(
      processingInput("INPUT_DATA", valueOf(config.inputDataUri), contract.inputPaths.INPUT_DATA),
    );
  }
  const codeUri = context.codeUri(step, config.code);
  const runproc = runprocScript(config.entryPoint);
  const runprocUri = context.addCodeUpload(
    step,
    "entrypoint",
    "runproc.sh",
    new TextEncoder().encode(runproc),
    "text/x-shellscript",
  );
  inputs.push(
    processingInput("code", codeUri, CODE_PATH),
    processingInput("entrypoint", runprocUri, ENTRYPOINT_PATH),
  );

  const outputs = definition.outputs.map((output) => {
    const override = config.outputUris[output.logicalName];
    // ProcessingStep's _normalize_outputs (processing.py:474).
    const defaultUri = join("/", [
      "s3:/",
      context.design.pipeline.bucket,
      ...context.bucketPrefixSegments,
      context.design.pipeline.name,
      executionId(),
      step.name,
      "output",
      output.logicalName,
    ]);
    return {
      OutputName: output.logicalName,
      AppManaged: false,
      S3Output: {
        S3Uri: override === undefined ? defaultUri : valueOf(override),
        LocalPath: contract.outputPaths[output.logicalName],
        S3UploadMode: "EndOfJob",
      },
    };
  });

  return {
    Name: step.name,
    Type: "Processing",
    Arguments: {
      ProcessingResources: {
        ClusterConfig: {
          InstanceType: valueOf(config.instanceType),
          InstanceCount: valueOf(config.instanceCount),
          VolumeSizeInGB: valueOf(config.volumeSizeGb),
        },
      },
      AppSpecification: {
        ImageUri: imageUri(
          context,
          "sklearn",
          "training",
          config.frameworkVersion,
          "py3",
          concreteInstanceType(context, config.instanceType),
        ),
        ContainerArguments: ["--job_type", config.jobType],
        ContainerEntrypoint: ["/bin/bash", `${ENTRYPOINT_PATH}/runproc.sh`],
      },
      RoleArn: context.roleArn,
      ProcessingInputs: inputs,
      ProcessingOutputConfig: { Outputs: outputs },
      Environment: mergeEnv(contract.envDefaults, configEnv(config), config.env),
    },
  };
}
