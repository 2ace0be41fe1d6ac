import { dataLoad } from "./steps/dataLoad";
import { pytorchModel, xgboostModel } from "./steps/model";
import { pytorchTraining } from "./steps/pytorchTraining";
import { tabularPreprocessing } from "./steps/tabularPreprocessing";
import { xgboostTraining } from "./steps/xgboostTraining";
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
export type { DataLoadConfig } from "./steps/dataLoad";
export type { TabularPreprocessingConfig } from "./steps/tabularPreprocessing";
export type { PyTorchTrainingConfig } from "./steps/pytorchTraining";
export type { XGBoostTrainingConfig } from "./steps/xgboostTraining";
export type { ModelConfig } from "./steps/model";

/** Every step type, in palette order. */
export const STEP_TYPES: readonly StepTypeDefinition<Record<string, unknown>>[] = [
  dataLoad,
  tabularPreprocessing,
  pytorchTraining,
  xgboostTraining,
  pytorchModel,
  xgboostModel,
  // Typed loosely on purpose: callers look types up by the string in a design file.
] as unknown as StepTypeDefinition<Record<string, unknown>>[];

export function stepType(type: string): StepTypeDefinition<Record<string, unknown>> | undefined {
  return STEP_TYPES.find((definition) => definition.type === type);
}

export function isStepTypeName(type: string): type is StepTypeName {
  return STEP_TYPES.some((definition) => definition.type === type);
}
