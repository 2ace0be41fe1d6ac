import table from "./data/instance-types.json";

/**
 * The service's lists of instance types, one per use: `TrainingInstanceType` for training jobs,
 * `ProcessingInstanceType` for processing jobs, `ProductionVariantInstanceType` for the instances
 * a model is hosted on (a model step's instance type is not sent to CreateModel, but it picks the
 * inference image for that host; a registered model's real-time inference types are this list
 * too) and `TransformInstanceType` for transform jobs (and a registered model's transform types).
 */
export type InstanceUse = "Training" | "Processing" | "Model" | "Transform";

/**
 * The instance types SageMaker accepts per use, copied from the SageMaker service model (botocore
 * `data/sagemaker/2017-07-24/service-2.json`, version in `data/instance-types.json`). Refresh with
 * `python3 -c` over that file's four enums when the service adds instance types.
 */
export const INSTANCE_TYPES: Readonly<Record<InstanceUse, readonly string[]>> = {
  Training: table.Training,
  Processing: table.Processing,
  Model: table.Model,
  Transform: table.Transform,
};

const sets: Readonly<Record<InstanceUse, ReadonlySet<string>>> = {
  Training: new Set(table.Training),
  Processing: new Set(table.Processing),
  Model: new Set(table.Model),
  Transform: new Set(table.Transform),
};

/** Whether SageMaker offers `instanceType` for this use. */
export function offersInstanceType(use: InstanceUse, instanceType: string): boolean {
  return sets[use].has(instanceType);
}
