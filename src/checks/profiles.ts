import type { PerStepType } from "../catalog";

/**
 * What a step's inline code is, for the checks: a processing script (contract inputs read,
 * outputs written), a training script (channels, model directory, patterns, hyperparameters,
 * metric regexes), an evaluation script (a processing script that also unpacks the trained model,
 * reads the test split and writes the report conditions read) or inference handlers.
 */
export type ScriptRole = "processing" | "training" | "evaluation" | "inference";

/** The container a role's script runs in: which paths SageMaker itself provides there. */
export type Container = "processing" | "training" | "serving";

export interface CheckProfile {
  /** What the step's code does; null for a type that runs no code of the user's. */
  role: ScriptRole | null;
  /** The framework patterns a training script must show (PD511–PD517). */
  patterns?: "pytorch" | "xgboost";
  /** Dependencies that never reach the container (the register step's evaluation report). */
  outsideContainer?: readonly string[];
}

/**
 * Each step type's check profile. An exhaustive record: a new step type does not type-check
 * until it says what its scripts are (docs/adding-a-step-type.md).
 */
export const CHECK_PROFILES: PerStepType<CheckProfile> = {
  DataLoad: { role: "processing" },
  TabularPreprocessing: { role: "processing" },
  PyTorchTraining: { role: "training", patterns: "pytorch" },
  XGBoostTraining: { role: "training", patterns: "xgboost" },
  XGBoostEvaluation: { role: "evaluation" },
  PyTorchEvaluation: { role: "evaluation" },
  Condition: { role: null },
  Fail: { role: null },
  PyTorchModel: { role: "inference" },
  XGBoostModel: { role: "inference" },
  PyTorchRegisterModel: { role: "inference", outsideContainer: ["evaluation"] },
  XGBoostRegisterModel: { role: "inference", outsideContainer: ["evaluation"] },
  BatchTransform: { role: null },
};

export const containerOf = (role: ScriptRole): Container =>
  role === "training" ? "training" : role === "inference" ? "serving" : "processing";
