import type { CompileContext } from "../context";
import { join, valueOf, type Expression } from "../expressions";
import type { ResolvedStep } from "../validate";
import type { RenderedStep } from "./shared";

/** The default output folder under the pipeline's S3 location (docs/gated-steps.md). */
export const TRANSFORM_OUTPUT_FOLDER = "batch_transform";

/** The transform's input: the linked data output, joined with `inputFolder` when one is set. */
export function transformInput(
  context: CompileContext,
  resolved: ResolvedStep<"BatchTransform">,
): Expression {
  const data = context.inputExpression(resolved.step.id, "input_data") as Expression;
  const folder = resolved.config.inputFolder;
  return folder === "" ? data : join("/", [data, folder]);
}

/**
 * A batch transform as `TransformStep(step_args=Transformer(model_name=<model step>.properties
 * .ModelName, instance_type, instance_count, output_path).transform(data, content_type,
 * split_type))` renders it: `Session._get_transform_request` (session.py:4089) in its key order,
 * without the job name the pipeline sets.
 */
export function renderTransformStep(
  context: CompileContext,
  resolved: ResolvedStep<"BatchTransform">,
): RenderedStep[] {
  const { step, config } = resolved;
  const outputPath =
    config.outputPath === undefined
      ? `${context.pipelineS3Loc}/${TRANSFORM_OUTPUT_FOLDER}`
      : valueOf(config.outputPath);
  return [
    {
      Name: step.name,
      Type: "Transform",
      Arguments: {
        ModelName: context.inputExpression(step.id, "model_name") as Expression,
        TransformInput: {
          DataSource: {
            S3DataSource: { S3DataType: "S3Prefix", S3Uri: transformInput(context, resolved) },
          },
          ContentType: config.contentType,
          SplitType: config.splitType,
        },
        TransformOutput: { S3OutputPath: outputPath },
        TransformResources: {
          InstanceCount: valueOf(config.instanceCount),
          InstanceType: valueOf(config.instanceType),
        },
      },
    },
  ];
}
