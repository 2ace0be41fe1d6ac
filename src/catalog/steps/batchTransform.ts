import { z } from "zod";
import { commonFields, field, orParameter, s3Uri } from "../fields";
import { retryPoliciesField } from "../retry";
import type { StepTypeDefinition } from "../types";
import { NO_SCRIPT } from "./noScript";

export const SPLIT_TYPES = ["Line", "RecordIO", "TFRecord", "None"] as const;

const transformSchema = z.strictObject({
  inputFolder: field(
    z
      .string()
      .regex(/^([^/].*\/)?$/, "a relative folder ending in '/', or empty for the whole prefix")
      .default("test/"),
    {
      label: "Input folder",
      section: "General",
      kind: "text",
      help: "Folder under the linked data to transform, e.g. test/.",
    },
  ),
  contentType: field(z.string().min(1).default("text/csv"), {
    label: "Content type",
    section: "General",
    kind: "text",
    help: "MIME type of the input records.",
  }),
  splitType: field(z.enum(SPLIT_TYPES).default("Line"), {
    label: "Split type",
    section: "General",
    kind: "select",
    help: "How a file is cut into records.",
  }),
  instanceType: commonFields.instanceType("ml.m5.large"),
  instanceCount: commonFields.instanceCount(1),
  outputPath: field(orParameter(s3Uri()).optional(), {
    label: "Output path",
    section: "General",
    kind: "text",
    help: "Where predictions go; default {pipeline S3 location}/batch_transform.",
    parameterType: "String",
  }),
  dependsOn: commonFields.dependsOn(),
  retryPolicies: retryPoliciesField(),
});
export type BatchTransformConfig = z.infer<typeof transformSchema>;

export const batchTransform: StepTypeDefinition<BatchTransformConfig> = {
  type: "BatchTransform",
  displayName: "Batch Transform",
  category: "Deploy",
  sagemakerKind: "Transform",
  framework: null,
  description: "Runs the created model over a data set in batch (a transform job).",
  dependencies: [
    {
      logicalName: "model_name",
      dependencyType: "custom_property",
      dataType: "String",
      required: true,
      compatibleSources: ["PyTorchModel", "XGBoostModel"],
      semanticKeywords: ["model", "name", "model_name"],
      description: "The model a model step created",
    },
    {
      logicalName: "input_data",
      dependencyType: "processing_output",
      dataType: "S3Uri",
      required: true,
      compatibleSources: ["TabularPreprocessing", "DataLoad"],
      semanticKeywords: ["data", "input", "test", "processed", "batch"],
      description: "Data to run the model on",
    },
  ],
  outputs: [
    {
      logicalName: "transform_output",
      outputType: "processing_output",
      dataType: "S3Uri",
      propertyPath: "TransformOutput.S3OutputPath",
      aliases: ["predictions", "transform_output"],
      description: "The predictions",
    },
  ],
  contract: NO_SCRIPT,
  configSchema: transformSchema,
};
