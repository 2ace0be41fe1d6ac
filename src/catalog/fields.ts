import { z } from "zod";
import { ParameterRefSchema, userJson, userRecord, type ParameterType } from "../model";

export type FieldSection =
  | "General"
  | "Resources"
  | "Code"
  | "Hyperparameters"
  | "Environment"
  | "Metrics"
  | "Checkpoints"
  | "Advanced";
export type FieldKind =
  | "text"
  | "number"
  | "select"
  | "toggle"
  | "keyValue"
  | "stringList"
  | "code"
  | "metrics"
  | "hyperparameters"
  | "group"
  | "evaluationMetrics"
  | "conditions"
  | "message"
  | "retryPolicies";

/** How a config field is presented: the forms read this, so the schema stays the single source. */
export interface FieldMeta {
  label: string;
  section: FieldSection;
  kind: FieldKind;
  help?: string;
  /** Set when the field may be bound to a pipeline parameter of this type. */
  parameterType?: ParameterType;
}

export const fieldRegistry = z.registry<FieldMeta>();

/** Attaches form metadata to a config field schema. */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  fieldRegistry.add(schema, meta);
  return schema;
}

/** A value that may also be `{ "parameter": name }`, resolved at execution time. */
export function orParameter<T extends z.ZodType>(schema: T) {
  return z.union([schema, ParameterRefSchema]);
}

export const S3_URI_PATTERN = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
export const s3Uri = () => z.string().regex(S3_URI_PATTERN, "must be an S3 URI: s3://bucket/key");

export const INLINE_CODE_LIMIT_BYTES = 1024 * 1024;

/** Step code: inline files packed at submission, or an existing `sourcedir.tar.gz` in S3. */
export const CodeSchema = z.union([
  z.strictObject({ files: userRecord(z.string().min(1), z.string()) }),
  z.strictObject({ s3Uri: s3Uri().regex(/\.tar\.gz$/, "must point at a .tar.gz archive") }),
]);
export type StepCode = z.infer<typeof CodeSchema>;

export const EnvSchema = userRecord(
  z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "not a valid variable name"),
  z.string(),
);

// SageMaker's limits (name ≤ 255, regex ≤ 500 characters, at most 40 definitions) are checked by
// the compiler (PD306, src/compiler/limits.ts), so an over-long one is reported on its row.
export const MetricDefinitionSchema = z.strictObject({
  name: z.string().min(1),
  regex: z.string().min(1),
});
export type MetricDefinition = z.infer<typeof MetricDefinitionSchema>;

export const InstanceTypeSchema = z
  .string()
  .regex(/^ml\.[a-z0-9]+\.[a-z0-9]+$/, "must look like ml.m5.xlarge");

/** Hyperparameter values are JSON; a `{ "parameter": … }` object binds one to a pipeline parameter. */
export const HyperparametersSchema = userRecord(z.string().min(1), userJson());

// Fields every step type shares (CATALOG.md "Common to every step").
export const commonFields = {
  entryPoint: (fallback: string) =>
    field(
      z
        .string()
        .regex(/^[^/].*\.py$/, "a relative path to a .py file")
        .default(fallback),
      {
        label: "Entry point",
        section: "Code",
        kind: "text",
        help: "Script inside the code directory that SageMaker runs.",
      },
    ),
  code: () =>
    field(CodeSchema, {
      label: "Code",
      section: "Code",
      kind: "code",
      help: "Inline files, or an S3 URI of a sourcedir.tar.gz.",
    }),
  env: () =>
    field(EnvSchema.default({}), {
      label: "Environment",
      section: "Environment",
      kind: "keyValue",
      help: "Overlaid on the step type's defaults.",
    }),
  dependsOn: () =>
    field(z.array(z.string()).default([]), {
      label: "Depends on",
      section: "Advanced",
      kind: "stringList",
      help: "Extra steps to wait for, by id.",
    }),
  instanceType: (fallback: string) =>
    field(orParameter(InstanceTypeSchema).default(fallback), {
      label: "Instance type",
      section: "Resources",
      kind: "text",
      parameterType: "String",
    }),
  instanceCount: (fallback: number, max?: number) =>
    field(orParameter(max ? z.int().min(1).max(max) : z.int().min(1)).default(fallback), {
      label: "Instance count",
      section: "Resources",
      kind: "number",
      parameterType: "Integer",
    }),
  volumeSizeGb: (fallback: number, min: number, max?: number) =>
    field(orParameter(max ? z.int().min(min).max(max) : z.int().min(min)).default(fallback), {
      label: "Volume size (GB)",
      section: "Resources",
      kind: "number",
      parameterType: "Integer",
    }),
  frameworkVersion: (fallback: string) =>
    field(z.string().min(1).default(fallback), {
      label: "Framework version",
      section: "General",
      kind: "select",
    }),
  pyVersion: (fallback: string) =>
    field(z.string().min(1).default(fallback), {
      label: "Python version",
      section: "General",
      kind: "select",
    }),
};
