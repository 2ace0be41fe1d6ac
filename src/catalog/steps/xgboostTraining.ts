import { z } from "zod";
import { error, isParameterRef } from "../../model";
import { hyperparameterRules, XGBOOST_HYPERPARAMETERS } from "../hyperparameters";
import { LABEL_STYLE_METRICS } from "../metricPresets";
import type { StepTypeDefinition } from "../types";
import { TRAINING_OUTPUTS, trainingFields, trainingInput, versionRules } from "./training";

/** The versions CATALOG.md offers for the XGBoost framework estimator (script mode). */
export const XGBOOST_OFFERED_VERSIONS = ["1.0-1", "1.2-1", "1.3-1", "1.5-1", "1.7-1"];

const configSchema = z.strictObject(
  trainingFields({
    entryPoint: "xgboost_training.py",
    frameworkVersion: "1.7-1",
    pyVersion: "py3",
    instanceType: "ml.m5.4xlarge",
    maxRuntimeSeconds: 86400,
    checkpointEnabled: false,
    metricDefinitions: LABEL_STYLE_METRICS,
  }),
);
export type XGBoostTrainingConfig = z.infer<typeof configSchema>;

/** Channel name → sub-folder of the upstream prefix. */
export const XGBOOST_DATA_CHANNELS = {
  train: "train/",
  validation: "validation/",
  test: "test/",
} as const;

export const xgboostTraining: StepTypeDefinition<XGBoostTrainingConfig> = {
  type: "XGBoostTraining",
  displayName: "XGBoost Training",
  category: "Training",
  sagemakerKind: "Training",
  framework: "xgboost",
  description:
    "Trains a model with an XGBoost script; train/validation/test channels plus a config channel with hyperparameters.json.",
  dependencies: [
    trainingInput(["data", "input", "training", "dataset", "processed", "train", "tabular"]),
  ],
  outputs: TRAINING_OUTPUTS,
  contract: {
    entryPointDefault: "xgboost_training.py",
    inputPaths: {
      input_path: "/opt/ml/input/data",
      hyperparameters_s3_uri: "/opt/ml/input/data/config/hyperparameters.json",
    },
    outputPaths: { model_output: "/opt/ml/model", evaluation_output: "/opt/ml/output/data" },
    requiredEnv: [],
    envDefaults: {},
  },
  configSchema,
  rules: (config) => [
    ...(XGBOOST_OFFERED_VERSIONS.includes(config.frameworkVersion)
      ? versionRules("xgboost", config)
      : [
          {
            code: "PD106" as const,
            severity: "error" as const,
            path: "frameworkVersion",
            message: `XGBoost ${config.frameworkVersion} is not offered; choose one of ${XGBOOST_OFFERED_VERSIONS.join(", ")}`,
          },
        ]),
    ...hyperparameterRules(XGBOOST_HYPERPARAMETERS, config.hyperparameters),
    // The file is uploaded before the run, so no value in it can be resolved at execution time.
    ...Object.entries(config.hyperparameters)
      .filter(([, value]) => isParameterRef(value))
      .map(([key]) =>
        error(
          "PD109",
          `"${key}" cannot be bound to a pipeline parameter: XGBoost hyperparameters are uploaded as a file before the run`,
          { path: `hyperparameters.${key}` },
        ),
      ),
  ],
};
