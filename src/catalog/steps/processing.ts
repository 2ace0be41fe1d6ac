import { z } from "zod";
import { userRecord } from "../../model";
import { commonFields, field, orParameter, s3Uri } from "../fields";
import { retryPoliciesField } from "../retry";
import type { JobTypeSpec } from "../types";

export const PROCESSING_JOB_TYPES: JobTypeSpec = {
  values: ["training", "validation", "testing", "calibration"],
  default: "training",
};

export const OUTPUT_FORMATS = ["CSV", "TSV", "PARQUET"] as const;

/** Config fields both SKLearn processing steps share; `defaults` vary per step type. */
export function processingFields(entryPoint: string) {
  return {
    jobType: field(
      z
        .enum(PROCESSING_JOB_TYPES.values as [string, ...string[]])
        .default(PROCESSING_JOB_TYPES.default),
      {
        label: "Job type",
        section: "General",
        kind: "select",
        help: "Which split this run produces; passed to the script as --job_type.",
      },
    ),
    entryPoint: commonFields.entryPoint(entryPoint),
    code: commonFields.code(),
    instanceType: commonFields.instanceType("ml.m5.2xlarge"),
    instanceCount: commonFields.instanceCount(1, 10),
    volumeSizeGb: commonFields.volumeSizeGb(500, 10, 1000),
    frameworkVersion: commonFields.frameworkVersion("1.2-1"),
    outputFormat: field(z.enum(OUTPUT_FORMATS).default("CSV"), {
      label: "Output format",
      section: "General",
      kind: "select",
      help: "Sets OUTPUT_FORMAT for the script.",
    }),
    outputUris: field(userRecord(z.string(), orParameter(s3Uri())).default({}), {
      label: "Output locations",
      section: "Advanced",
      kind: "keyValue",
      help: "S3 URI per output; by default {pipeline S3 location}/{execution id}/{step name}/{output}.",
    }),
    env: commonFields.env(),
    dependsOn: commonFields.dependsOn(),
    retryPolicies: retryPoliciesField(),
  };
}
