import "./noEval";
import { z } from "zod";
import { userRecord } from "./records";

/** The `format` marker every design file carries; anything else is not a design. */
export const DESIGN_FORMAT = "sagemaker-pipeline-design";

/** SageMaker's pattern for step names (what the service sees). */
export const STEP_NAME_PATTERN = /^[A-Za-z0-9\-_]{1,64}$/;
/** SageMaker's pattern for pipeline names. */
export const PIPELINE_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$/;
/**
 * SageMaker's pattern for pipeline parameter names: `definitions.ParameterName` of the pipeline
 * definition schema (src/compiler/schema/pipeline-definition.schema.json).
 */
export const PARAMETER_NAME_PATTERN = /^[A-Za-z0-9\-_]{1,64}$/;
/** The longest parameter name SageMaker accepts (PARAMETER_NAME_PATTERN). */
export const PARAMETER_NAME_MAX_LENGTH = 64;

/** A config value bound to a pipeline parameter; compiles to `{"Get": "Parameters.<name>"}`. */
export const ParameterRefSchema = z.strictObject({ parameter: z.string().min(1) });
export type ParameterRef = z.infer<typeof ParameterRefSchema>;

export function isParameterRef(value: unknown): value is ParameterRef {
  return ParameterRefSchema.safeParse(value).success;
}

export const ParameterTypeSchema = z.enum(["String", "Integer", "Float", "Boolean"]);
export type ParameterType = z.infer<typeof ParameterTypeSchema>;

export const PipelineParameterSchema = z
  .strictObject({
    // The characters only: a name over SageMaker's 64 still loads, and the compiler says so (PD304).
    name: z.string().regex(/^[A-Za-z0-9\-_]+$/, "letters, digits, '-' and '_' only"),
    type: ParameterTypeSchema,
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    enumValues: z.array(z.string()).optional(),
  })
  .superRefine((param, ctx) => {
    if (param.default === undefined) return;
    const expected = { String: "string", Integer: "number", Float: "number", Boolean: "boolean" };
    if (typeof param.default !== expected[param.type]) {
      ctx.addIssue({
        code: "custom",
        path: ["default"],
        message: `must be ${param.type === "Integer" ? "an" : "a"} ${param.type}`,
      });
    } else if (param.type === "Integer" && !Number.isInteger(param.default)) {
      ctx.addIssue({ code: "custom", path: ["default"], message: "must be a whole number" });
    }
  });
export type PipelineParameter = z.infer<typeof PipelineParameterSchema>;

export const CacheSchema = z.strictObject({
  enabled: z.boolean().default(false),
  expireAfter: z.string().default("P30D"),
});

export const PipelineSettingsSchema = z.strictObject({
  name: z.string(),
  description: z.string().default(""),
  region: z.string().min(1),
  roleArn: z.string(),
  bucket: z.string(),
  s3Prefix: z.string().default(""),
  parameters: z.array(PipelineParameterSchema).default([]),
  cache: CacheSchema.default({ enabled: false, expireAfter: "P30D" }),
  tags: userRecord(z.string(), z.string()).default({}),
});
export type PipelineSettings = z.infer<typeof PipelineSettingsSchema>;

export const PositionSchema = z.strictObject({ x: z.number(), y: z.number() });

/**
 * A step as stored. `config` is validated by its step type's schema in the catalog, not here:
 * the model knows the document's shape, the catalog knows what each type means.
 */
export const StepSchema = z.strictObject({
  id: z.string().min(1),
  type: z.string().min(1),
  name: z.string(),
  position: PositionSchema.default({ x: 0, y: 0 }),
  config: userRecord(z.string(), z.unknown()).default({}),
});
export type Step = z.infer<typeof StepSchema>;

export const EdgeSchema = z.strictObject({
  from: z.strictObject({ step: z.string().min(1), output: z.string().min(1) }),
  to: z.strictObject({ step: z.string().min(1), input: z.string().min(1) }),
});
export type Edge = z.infer<typeof EdgeSchema>;

export const DesignSchema = z
  .strictObject({
    format: z.literal(DESIGN_FORMAT),
    version: z.number().int(),
    pipeline: PipelineSettingsSchema,
    steps: z.array(StepSchema),
    edges: z.array(EdgeSchema).default([]),
  })
  .superRefine((design, ctx) => {
    const ids = new Set<string>();
    design.steps.forEach((step, index) => {
      if (ids.has(step.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["steps", index, "id"],
          message: `duplicate step id "${step.id}"`,
        });
      }
      ids.add(step.id);
    });
    design.edges.forEach((edge, index) => {
      if (!ids.has(edge.from.step)) {
        ctx.addIssue({
          code: "custom",
          path: ["edges", index, "from", "step"],
          message: `no step with id "${edge.from.step}"`,
        });
      }
      if (!ids.has(edge.to.step)) {
        ctx.addIssue({
          code: "custom",
          path: ["edges", index, "to", "step"],
          message: `no step with id "${edge.to.step}"`,
        });
      }
    });
  });
export type Design = z.infer<typeof DesignSchema>;
