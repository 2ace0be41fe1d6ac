import { z } from "zod";
import { userRecord } from "../../model";
import { commonFields, field, InstanceTypeSchema, orParameter } from "../fields";
import type { Framework } from "../imageUris";
import { retryPoliciesField } from "../retry";
import type { StepTypeDefinition, StepTypeName } from "../types";
import { inferenceCodeFields, modelRules } from "./model";

export const APPROVAL_STATUSES = ["PendingManualApproval", "Approved", "Rejected"] as const;

const MODEL_PACKAGE_GROUP_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const stringList = (fallback: string[], label: string, help: string) =>
  field(z.array(z.string().min(1)).min(1).default(fallback), {
    label,
    section: "General",
    kind: "stringList",
    help,
  });

const registerSchema = z.strictObject({
  modelPackageGroupName: field(
    orParameter(
      z
        .string()
        .regex(MODEL_PACKAGE_GROUP_PATTERN, "1–63 letters, digits and single hyphens inside"),
    ),
    {
      label: "Model package group",
      section: "General",
      kind: "text",
      help: "The registry group that gets a new version on every run.",
      parameterType: "String",
    },
  ),
  approvalStatus: field(orParameter(z.enum(APPROVAL_STATUSES)).default("PendingManualApproval"), {
    label: "Approval status",
    section: "General",
    kind: "select",
    help: "Status of the new version; PendingManualApproval waits for a reviewer.",
    parameterType: "String",
  }),
  ...inferenceCodeFields(),
  contentTypes: stringList(["text/csv"], "Content types", "Request MIME types the model accepts."),
  responseTypes: stringList(["text/csv"], "Response types", "MIME types the model answers with."),
  inferenceInstanceTypes: field(z.array(InstanceTypeSchema).min(1).default(["ml.m5.large"]), {
    label: "Inference instance types",
    section: "Resources",
    kind: "stringList",
    help: "Real-time endpoint instance types; the first decides the CPU or GPU image.",
  }),
  transformInstanceTypes: field(z.array(InstanceTypeSchema).min(1).default(["ml.m5.large"]), {
    label: "Transform instance types",
    section: "Resources",
    kind: "stringList",
    help: "Batch transform instance types.",
  }),
  customerMetadata: field(userRecord(z.string().min(1), z.string()).default({}), {
    label: "Customer metadata",
    section: "Advanced",
    kind: "keyValue",
    help: "Free key-value pairs stored with the model version.",
  }),
  env: commonFields.env(),
  dependsOn: commonFields.dependsOn(),
  retryPolicies: retryPoliciesField(),
});
export type RegisterModelConfig = z.infer<typeof registerSchema>;

function registerStep(
  type: StepTypeName,
  displayName: string,
  framework: Framework,
  trainingType: StepTypeName,
): StepTypeDefinition<RegisterModelConfig> {
  return {
    type,
    displayName,
    category: "Model",
    sagemakerKind: "RegisterModel",
    framework,
    description: `Registers the trained model as a new version of a model package group, with its evaluation report as model metrics.`,
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
      {
        logicalName: "evaluation",
        dependencyType: "processing_output",
        dataType: "S3Uri",
        required: false,
        compatibleSources: ["XGBoostEvaluation", "PyTorchEvaluation"],
        semanticKeywords: ["evaluation", "metrics", "report"],
        description: "The evaluation report, stored as the version's model quality metrics",
      },
    ],
    outputs: [
      {
        logicalName: "model_package_arn",
        outputType: "custom_property",
        dataType: "String",
        propertyPath: "ModelPackageArn",
        aliases: [],
        description: "ARN of the registered model version",
      },
    ],
    contract: {
      entryPointDefault: "inference.py",
      inputPaths: { model_data: "/opt/ml/model" },
      outputPaths: {},
      requiredEnv: [],
      envDefaults: {},
    },
    configSchema: registerSchema,
    rules: (config) => modelRules(framework, config),
  };
}

export const pytorchRegisterModel = registerStep(
  "PyTorchRegisterModel",
  "PyTorch Register Model",
  "pytorch",
  "PyTorchTraining",
);
export const xgboostRegisterModel = registerStep(
  "XGBoostRegisterModel",
  "XGBoost Register Model",
  "xgboost",
  "XGBoostTraining",
);
