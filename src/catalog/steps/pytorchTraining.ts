import { z } from "zod";
import { hyperparameterRules, PYTORCH_HYPERPARAMETERS } from "../hyperparameters";
import { LOGGER_STYLE_METRICS } from "../metricPresets";
import type { StepTypeDefinition } from "../types";
import { TRAINING_OUTPUTS, trainingFields, trainingInput, versionRules } from "./training";

const configSchema = z.strictObject(
  trainingFields({
    entryPoint: "train.py",
    frameworkVersion: "2.1.0",
    pyVersion: "py310",
    instanceType: "ml.g5.12xlarge",
    maxRuntimeSeconds: 345600,
    checkpointEnabled: true,
    profilerIntervalMillis: 1000,
    metricDefinitions: LOGGER_STYLE_METRICS,
  }),
);
export type PyTorchTrainingConfig = z.infer<typeof configSchema>;

export const pytorchTraining: StepTypeDefinition<PyTorchTrainingConfig> = {
  type: "PyTorchTraining",
  displayName: "PyTorch Training",
  category: "Training",
  sagemakerKind: "Training",
  framework: "pytorch",
  description: "Trains a model with a PyTorch script (framework estimator); one `data` channel.",
  dependencies: [
    trainingInput(["data", "input", "training", "dataset", "processed", "train", "pytorch"]),
  ],
  outputs: TRAINING_OUTPUTS,
  contract: {
    entryPointDefault: "train.py",
    inputPaths: { input_path: "/opt/ml/input/data/data" },
    outputPaths: { model_output: "/opt/ml/model", evaluation_output: "/opt/ml/output/data" },
    requiredEnv: [],
    envDefaults: {},
  },
  configSchema,
  rules: (config) => [
    ...versionRules("pytorch", config),
    ...hyperparameterRules(PYTORCH_HYPERPARAMETERS, config.hyperparameters),
  ],
};
