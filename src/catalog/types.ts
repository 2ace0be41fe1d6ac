import type { z } from "zod";
import type { Diagnostic } from "../model";
import type { Framework } from "./imageUris";

/** Kinds of data a port carries (cursus DependencyType). */
export type DependencyType =
  "processing_output" | "training_data" | "model_artifacts" | "hyperparameters" | "custom_property";
export type DataType = "S3Uri" | "String";

export type StepTypeName =
  | "DataLoad"
  | "TabularPreprocessing"
  | "PyTorchTraining"
  | "XGBoostTraining"
  | "XGBoostEvaluation"
  | "PyTorchEvaluation"
  | "Condition"
  | "Fail"
  | "PyTorchModel"
  | "XGBoostModel"
  | "PyTorchRegisterModel"
  | "XGBoostRegisterModel"
  | "BatchTransform";
export type StepCategory =
  "Data" | "Processing" | "Training" | "Evaluation" | "Control" | "Model" | "Deploy";
/** The definition `Type` a step type renders as (a model step renders as several). */
export type SageMakerStepKind =
  "Processing" | "Training" | "Model" | "Condition" | "Fail" | "RegisterModel" | "Transform";

/** An input a step needs, by logical name. */
export interface DependencySpec {
  logicalName: string;
  dependencyType: DependencyType;
  dataType: DataType;
  required: boolean;
  /** Step types whose outputs are known to fit; empty = no preference. */
  compatibleSources: StepTypeName[];
  semanticKeywords: string[];
  description: string;
}

/** An output a step offers, by logical name, and where SageMaker exposes it. */
export interface OutputSpec {
  logicalName: string;
  outputType: DependencyType;
  dataType: DataType;
  /** Property path after `Steps.{stepName}.`, e.g. `ModelArtifacts.S3ModelArtifacts`. */
  propertyPath: string;
  aliases: string[];
  description: string;
}

/** What the step's script sees inside its container. */
export interface ScriptContract {
  entryPointDefault: string;
  /** Container path per dependency logical name. */
  inputPaths: Record<string, string>;
  /** Container path per output logical name. */
  outputPaths: Record<string, string>;
  /** Environment variables the script requires (must be supplied by config or defaults). */
  requiredEnv: string[];
  /** Defaults the compiler sets before `config.env` is overlaid. */
  envDefaults: Record<string, string>;
}

export interface JobTypeSpec {
  values: readonly string[];
  default: string;
}

export interface StepTypeDefinition<Config = Record<string, unknown>> {
  type: StepTypeName;
  /** Palette and accessible name (DESIGN.md §6). */
  displayName: string;
  category: StepCategory;
  sagemakerKind: SageMakerStepKind;
  /** The image family the step runs on; null for steps without a container (Condition, Fail, Transform). */
  framework: Framework | null;
  jobTypes?: JobTypeSpec;
  description: string;
  dependencies: DependencySpec[];
  outputs: OutputSpec[];
  contract: ScriptContract;
  /** The config schema: the type, the form, the import check and the compiler precondition. */
  configSchema: z.ZodType<Config>;
  /** Cross-field rules the schema alone cannot express (versions, hyperparameters); paths are config paths. */
  rules?: (config: Config) => Omit<Diagnostic, "stepId">[];
}
