import { batchTransform, type BatchTransformConfig } from "./steps/batchTransform";
import { condition, fail, type ConditionConfig, type FailConfig } from "./steps/condition";
import { dataLoad, type DataLoadConfig } from "./steps/dataLoad";
import { pytorchEvaluation, xgboostEvaluation, type EvaluationConfig } from "./steps/evaluation";
import { pytorchModel, xgboostModel, type ModelConfig } from "./steps/model";
import { pytorchTraining, type PyTorchTrainingConfig } from "./steps/pytorchTraining";
import {
  pytorchRegisterModel,
  xgboostRegisterModel,
  type RegisterModelConfig,
} from "./steps/registerModel";
import {
  tabularPreprocessing,
  type TabularPreprocessingConfig,
} from "./steps/tabularPreprocessing";
import { xgboostTraining, type XGBoostTrainingConfig } from "./steps/xgboostTraining";
import type { StepTypeDefinition, StepTypeName } from "./types";

export * from "./types";
export * from "./fields";
export * from "./imageUris";
export * from "./instanceTypes";
export * from "./metricPresets";
export * from "./hyperparameters";
export * from "./validateStep";
export { STARTER_FILES } from "./starters";
export { XGBOOST_DATA_CHANNELS, XGBOOST_OFFERED_VERSIONS } from "./steps/xgboostTraining";
export { OUTPUT_FORMATS, PROCESSING_JOB_TYPES } from "./steps/processing";
export * from "./conditions";
export * from "./retry";
export { BRANCH_INPUT, BRANCH_OUTPUTS, isBranchOutput, type BranchOutput } from "./steps/condition";
export { EVALUATION_OUTPUT, type EvaluationMetric } from "./steps/evaluation";
export { APPROVAL_STATUSES } from "./steps/registerModel";
export { SPLIT_TYPES } from "./steps/batchTransform";
export type {
  BatchTransformConfig,
  ConditionConfig,
  DataLoadConfig,
  EvaluationConfig,
  FailConfig,
  ModelConfig,
  PyTorchTrainingConfig,
  RegisterModelConfig,
  TabularPreprocessingConfig,
  XGBoostTrainingConfig,
};

/** Each step type's parsed config (defaults filled in): what `config` means for that type. */
export interface StepConfigs {
  DataLoad: DataLoadConfig;
  TabularPreprocessing: TabularPreprocessingConfig;
  PyTorchTraining: PyTorchTrainingConfig;
  XGBoostTraining: XGBoostTrainingConfig;
  XGBoostEvaluation: EvaluationConfig;
  PyTorchEvaluation: EvaluationConfig;
  Condition: ConditionConfig;
  Fail: FailConfig;
  PyTorchModel: ModelConfig;
  XGBoostModel: ModelConfig;
  PyTorchRegisterModel: RegisterModelConfig;
  XGBoostRegisterModel: RegisterModelConfig;
  BatchTransform: BatchTransformConfig;
}

/**
 * A table with one entry per step type: `tsc` names every such table a new step type must fill
 * (renderers, importers, form layouts, check profiles, starters). See docs/adding-a-step-type.md.
 */
export type PerStepType<Value> = { readonly [T in StepTypeName]: Value };

/** Every step type's definition, keyed by type, each typed by its own config. */
export const STEP_DEFINITIONS: {
  readonly [T in StepTypeName]: StepTypeDefinition<StepConfigs[T]>;
} = {
  DataLoad: dataLoad,
  TabularPreprocessing: tabularPreprocessing,
  PyTorchTraining: pytorchTraining,
  XGBoostTraining: xgboostTraining,
  XGBoostEvaluation: xgboostEvaluation,
  PyTorchEvaluation: pytorchEvaluation,
  Condition: condition,
  Fail: fail,
  PyTorchModel: pytorchModel,
  XGBoostModel: xgboostModel,
  PyTorchRegisterModel: pytorchRegisterModel,
  XGBoostRegisterModel: xgboostRegisterModel,
  BatchTransform: batchTransform,
};

/** Every step type, in palette order (the order of STEP_DEFINITIONS). */
export const STEP_TYPES: readonly StepTypeDefinition<Record<string, unknown>>[] = Object.values(
  STEP_DEFINITIONS,
  // Typed loosely on purpose: callers look types up by the string in a design file.
) as unknown as StepTypeDefinition<Record<string, unknown>>[];

export function stepType(type: string): StepTypeDefinition<Record<string, unknown>> | undefined {
  return STEP_TYPES.find((definition) => definition.type === type);
}

export function isStepTypeName(type: string): type is StepTypeName {
  return STEP_TYPES.some((definition) => definition.type === type);
}
