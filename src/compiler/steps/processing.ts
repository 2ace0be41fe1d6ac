import { EVALUATION_OUTPUT } from "../../catalog";
import type { CompileContext } from "../context";
import { executionId, join, valueOf, type Expression } from "../expressions";
import { runprocScript } from "../sdk/runproc";
import type { ResolvedStep } from "../validate";
import { concreteInstanceType, imageUri, mergeEnv, type RenderedStep } from "./shared";

/** The step types that render as `ProcessingStep(step_args=FrameworkProcessor(...).run(...))`. */
export type ProcessingType =
  "DataLoad" | "TabularPreprocessing" | "XGBoostEvaluation" | "PyTorchEvaluation";

const CODE_PATH = "/opt/ml/processing/input/code/";
const ENTRYPOINT_PATH = "/opt/ml/processing/input/entrypoint";
/** The split an evaluation scores (docs/gated-steps.md: cursus' evaluation reads the held-out split). */
export const EVALUATION_JOB_TYPE = "testing";

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

/** What differs between the processing step types: image, env from typed fields, job argument. */
interface ProcessingFacts {
  image: { framework: "sklearn" | "xgboost" | "pytorch"; version: string; pyVersion: string };
  /** Env the script contract reads, from typed config fields, before the user's `env` overlay. */
  configEnv: Record<string, string>;
  jobType: string;
  inputDataUri?: ResolvedStep<"DataLoad">["config"]["inputDataUri"];
  outputUris: Record<string, string | { parameter: string }>;
}

function processingFacts(resolved: ResolvedStep<ProcessingType>): ProcessingFacts {
  switch (resolved.type) {
    case "DataLoad": {
      const { config } = resolved;
      return {
        image: { framework: "sklearn", version: config.frameworkVersion, pyVersion: "py3" },
        configEnv: { OUTPUT_FORMAT: config.outputFormat },
        jobType: config.jobType,
        inputDataUri: config.inputDataUri,
        outputUris: config.outputUris,
      };
    }
    case "TabularPreprocessing": {
      const { config } = resolved;
      return {
        image: { framework: "sklearn", version: config.frameworkVersion, pyVersion: "py3" },
        configEnv: {
          LABEL_FIELD: config.labelName,
          TRAIN_RATIO: String(config.trainRatio),
          TEST_VAL_RATIO: String(config.testValRatio),
          OUTPUT_FORMAT: config.outputFormat,
        },
        jobType: config.jobType,
        outputUris: config.outputUris,
      };
    }
    case "XGBoostEvaluation":
    case "PyTorchEvaluation": {
      const { config } = resolved;
      return {
        // FrameworkProcessor(estimator_cls=XGBoost|PyTorch) runs the framework's training image.
        image: {
          framework: resolved.type === "XGBoostEvaluation" ? "xgboost" : "pytorch",
          version: config.frameworkVersion,
          pyVersion: config.pyVersion,
        },
        configEnv: {},
        jobType: EVALUATION_JOB_TYPE,
        outputUris: {},
      };
    }
  }
}

/**
 * A processing step as the SDK's FrameworkProcessor(SKLearn | XGBoost | PyTorch).run(...) renders
 * it: user inputs, then the `code` bundle and the generated `runproc.sh` entry point. An
 * evaluation step also declares its report as a property file (`ProcessingStep(property_files=)`).
 */
export function renderProcessingStep(
  context: CompileContext,
  resolved: ResolvedStep<ProcessingType>,
): RenderedStep[] {
  const { step, definition, config } = resolved;
  const facts = processingFacts(resolved);
  const contract = definition.contract;
  const inputs = [];
  for (const dependency of definition.dependencies) {
    const source = context.inputExpression(step.id, dependency.logicalName);
    const localPath = contract.inputPaths[dependency.logicalName];
    if (source !== undefined && localPath)
      inputs.push(processingInput(dependency.logicalName, source, localPath));
  }
  if (facts.inputDataUri !== undefined && contract.inputPaths.INPUT_DATA) {
    inputs.push(
      processingInput("INPUT_DATA", valueOf(facts.inputDataUri), contract.inputPaths.INPUT_DATA),
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
    const override = facts.outputUris[output.logicalName];
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

  const rendered: RenderedStep = {
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
          facts.image.framework,
          "training",
          facts.image.version,
          facts.image.pyVersion,
          concreteInstanceType(context, config.instanceType),
        ),
        ContainerArguments: ["--job_type", facts.jobType],
        ContainerEntrypoint: ["/bin/bash", `${ENTRYPOINT_PATH}/runproc.sh`],
      },
      RoleArn: context.roleArn,
      ProcessingInputs: inputs,
      ProcessingOutputConfig: { Outputs: outputs },
      Environment: mergeEnv(contract.envDefaults, facts.configEnv, config.env),
    },
  };
  if (resolved.type === "XGBoostEvaluation" || resolved.type === "PyTorchEvaluation") {
    // PropertyFile(name, output_name, path).expr (workflow/properties.py), in ProcessingStep.to_request.
    rendered.PropertyFiles = [
      {
        PropertyFileName: resolved.config.propertyFileName,
        OutputName: EVALUATION_OUTPUT,
        FilePath: resolved.config.reportFile,
      },
    ];
  }
  return [rendered];
}
