import { z } from "zod";
import { error, type Diagnostic } from "../../model";
import { CodeSchema, commonFields, field, InstanceTypeSchema } from "../fields";
import { retryPoliciesField } from "../retry";
import { frameworkVersions, pyVersionsFor, type Framework } from "../imageUris";
import type { StepTypeDefinition, StepTypeName } from "../types";

/** Inference code and versions, shared by the steps that make a model (create or register). */
export const inferenceCodeFields = () => ({
  entryPoint: commonFields.entryPoint("inference.py"),
  code: field(CodeSchema.optional(), {
    label: "Code",
    section: "Code",
    kind: "code",
    help: "Inference handlers; when set, SageMaker repacks them into the model archive.",
  }),
  frameworkVersion: field(z.string().min(1).optional(), {
    label: "Framework version",
    section: "General",
    kind: "select",
    help: "Default: the upstream training step's.",
  }),
  pyVersion: field(z.string().min(1).optional(), {
    label: "Python version",
    section: "General",
    kind: "select",
    help: "Default: the upstream training step's.",
  }),
});

const configSchema = z.strictObject({
  ...inferenceCodeFields(),
  // The SDK decides the inference image at create() time from a literal instance type, so no parameter here.
  instanceType: field(InstanceTypeSchema.default("ml.m5.large"), {
    label: "Instance type",
    section: "Resources",
    kind: "text",
    help: "Decides the CPU or GPU inference image.",
  }),
  env: commonFields.env(),
  dependsOn: commonFields.dependsOn(),
  retryPolicies: retryPoliciesField(),
});
export type ModelConfig = z.infer<typeof configSchema>;

/** Code and version rules every model-making step (create or register) shares. */
export function modelRules(
  framework: Framework,
  config: Pick<ModelConfig, "code" | "frameworkVersion" | "pyVersion">,
): Omit<Diagnostic, "stepId">[] {
  if (framework === "pytorch" && config.code && "s3Uri" in config.code) {
    // The SDK repacks by downloading, modifying and overwriting that archive in place; we never rewrite user objects.
    return [
      error(
        "PD102",
        "PyTorch model code must be inline files: SageMaker repacks it into the model archive",
        { path: "code" },
      ),
    ];
  }
  if (config.frameworkVersion === undefined) return [];
  const versions = frameworkVersions(framework, "inference");
  if (!versions.includes(config.frameworkVersion)) {
    return [
      error(
        "PD106",
        `${framework} ${config.frameworkVersion} has no inference image; choose one of ${versions.join(", ")}`,
        { path: "frameworkVersion" },
      ),
    ];
  }
  const pyVersions = pyVersionsFor(framework, config.frameworkVersion, "inference");
  if (config.pyVersion !== undefined && !pyVersions.includes(config.pyVersion)) {
    return [
      error(
        "PD107",
        `${framework} ${config.frameworkVersion} inference runs ${pyVersions.join(" or ")}, not ${config.pyVersion}`,
        { path: "pyVersion" },
      ),
    ];
  }
  return [];
}

function modelStep(
  type: StepTypeName,
  displayName: string,
  framework: Framework,
  trainingType: StepTypeName,
): StepTypeDefinition<ModelConfig> {
  return {
    type,
    displayName,
    category: "Model",
    sagemakerKind: "Model",
    framework,
    description: `Creates a SageMaker model from a ${displayName.replace(" Model", "")} training step's artifacts.`,
    dependencies: [
      {
        logicalName: "model_data",
        dependencyType: "model_artifacts",
        dataType: "S3Uri",
        required: true,
        compatibleSources: [trainingType],
        semanticKeywords: ["model", "artifacts", "model_data", "trained"],
        description: "The trained model archive",
      },
    ],
    outputs: [
      {
        logicalName: "model_name",
        outputType: "custom_property",
        dataType: "String",
        propertyPath: "ModelName",
        aliases: [],
        description: "Name of the created model",
      },
    ],
    contract: {
      entryPointDefault: "inference.py",
      inputPaths: { model_data: "/opt/ml/model" },
      outputPaths: {},
      requiredEnv: [],
      envDefaults: {},
    },
    configSchema,
    rules: (config) => modelRules(framework, config),
  };
}

export const pytorchModel = modelStep(
  "PyTorchModel",
  "PyTorch Model",
  "pytorch",
  "PyTorchTraining",
);
export const xgboostModel = modelStep(
  "XGBoostModel",
  "XGBoost Model",
  "xgboost",
  "XGBoostTraining",
);
