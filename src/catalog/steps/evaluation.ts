import { z } from "zod";
import { commonFields, field } from "../fields";
import type { Framework } from "../imageUris";
import { retryPoliciesField } from "../retry";
import type { StepTypeDefinition, StepTypeName } from "../types";
import { versionRules } from "./training";

/** A metric the evaluation report holds: conditions and the registry offer it by `name`. */
export const EvaluationMetricSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' and '-' only"),
  jsonPath: z
    .string()
    .regex(
      /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*|\[\d+\])*$/,
      "a JSON path such as metrics.auc.value",
    ),
});
export type EvaluationMetric = z.infer<typeof EvaluationMetricSchema>;

/** The report's output: where the script writes `evaluation.json` (docs/gated-steps.md). */
export const EVALUATION_OUTPUT = "evaluation";

interface EvaluationDefaults {
  type: StepTypeName;
  displayName: string;
  framework: Framework;
  trainingType: StepTypeName;
  frameworkVersion: string;
  pyVersion: string;
}

function evaluationSchema(defaults: EvaluationDefaults) {
  return z.strictObject({
    entryPoint: commonFields.entryPoint("model_evaluation.py"),
    code: commonFields.code(),
    frameworkVersion: commonFields.frameworkVersion(defaults.frameworkVersion),
    pyVersion: commonFields.pyVersion(defaults.pyVersion),
    instanceType: commonFields.instanceType("ml.m5.xlarge"),
    instanceCount: commonFields.instanceCount(1, 10),
    volumeSizeGb: commonFields.volumeSizeGb(30, 1, 1000),
    propertyFileName: field(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, '_' and '-' only")
        .default("EvaluationReport"),
      {
        label: "Property file name",
        section: "Metrics",
        kind: "text",
        help: "Conditions read the report through this property file.",
      },
    ),
    reportFile: field(
      z
        .string()
        .regex(/^[^/].*\.json$/, "a relative path to a .json file")
        .default("evaluation.json"),
      {
        label: "Report file",
        section: "Metrics",
        kind: "text",
        help: "Path of the report inside the evaluation output.",
      },
    ),
    metrics: field(
      z.array(EvaluationMetricSchema).default([{ name: "auc", jsonPath: "metrics.auc.value" }]),
      {
        label: "Report metrics",
        section: "Metrics",
        kind: "evaluationMetrics",
        help: "Name and JSON path of each metric the report holds; conditions offer them by name.",
      },
    ),
    env: commonFields.env(),
    dependsOn: commonFields.dependsOn(),
    retryPolicies: retryPoliciesField(),
  });
}
export type EvaluationConfig = z.infer<ReturnType<typeof evaluationSchema>>;

function evaluationStep(defaults: EvaluationDefaults): StepTypeDefinition<EvaluationConfig> {
  return {
    type: defaults.type,
    displayName: defaults.displayName,
    category: "Evaluation",
    sagemakerKind: "Processing",
    framework: defaults.framework,
    description:
      "Scores the trained model on the test split and writes evaluation.json, which conditions read.",
    dependencies: [
      {
        logicalName: "model_input",
        dependencyType: "model_artifacts",
        dataType: "S3Uri",
        required: true,
        compatibleSources: [defaults.trainingType],
        semanticKeywords: ["model", "artifacts", "trained", "model_input"],
        description: "The trained model archive",
      },
      {
        logicalName: "processed_data",
        dependencyType: "processing_output",
        dataType: "S3Uri",
        required: true,
        compatibleSources: ["TabularPreprocessing"],
        semanticKeywords: ["data", "processed", "test", "eval", "evaluation"],
        description: "Processed data; the script reads its test/ split",
      },
    ],
    outputs: [
      {
        logicalName: EVALUATION_OUTPUT,
        outputType: "processing_output",
        dataType: "S3Uri",
        propertyPath: `ProcessingOutputConfig.Outputs['${EVALUATION_OUTPUT}'].S3Output.S3Uri`,
        aliases: ["eval_output", "metrics_output", "evaluation_output"],
        description: "Folder holding the evaluation report (evaluation.json)",
      },
    ],
    contract: {
      entryPointDefault: "model_evaluation.py",
      inputPaths: {
        model_input: "/opt/ml/processing/input/model",
        processed_data: "/opt/ml/processing/input/eval_data",
      },
      outputPaths: { [EVALUATION_OUTPUT]: "/opt/ml/processing/output/evaluation" },
      requiredEnv: [],
      envDefaults: { EVAL_METRIC_CHOICES: "auc" },
    },
    configSchema: evaluationSchema(defaults),
    rules: (config) => versionRules(defaults.framework, config),
  };
}

export const xgboostEvaluation = evaluationStep({
  type: "XGBoostEvaluation",
  displayName: "XGBoost Evaluation",
  framework: "xgboost",
  trainingType: "XGBoostTraining",
  frameworkVersion: "1.7-1",
  pyVersion: "py3",
});
export const pytorchEvaluation = evaluationStep({
  type: "PyTorchEvaluation",
  displayName: "PyTorch Evaluation",
  framework: "pytorch",
  trainingType: "PyTorchTraining",
  frameworkVersion: "2.1.0",
  pyVersion: "py310",
});
