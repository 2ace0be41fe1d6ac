import table from "./data/instance-types.json";
import type { SageMakerStepKind } from "./types";

/**
 * The instance types SageMaker accepts per kind of job, copied from the SageMaker service model
 * (botocore `data/sagemaker/2017-07-24/service-2.json`, version in `data/instance-types.json`):
 * `TrainingInstanceType` for training jobs, `ProcessingInstanceType` for processing jobs and
 * `ProductionVariantInstanceType` for the instances a model is hosted on (a model step's instance
 * type is not sent to CreateModel, but it picks the inference image for that host). Refresh with
 * `python3 -c` over that file's three enums when the service adds instance types.
 */
export const INSTANCE_TYPES: Readonly<Record<SageMakerStepKind, readonly string[]>> = {
  Training: table.Training,
  Processing: table.Processing,
  Model: table.Model,
};

const sets = {
  Training: new Set(table.Training),
  Processing: new Set(table.Processing),
  Model: new Set(table.Model),
};

/** Whether SageMaker offers `instanceType` for this kind of job. */
export function offersInstanceType(kind: SageMakerStepKind, instanceType: string): boolean {
  return sets[kind].has(instanceType);
}
