import { z } from "zod";
import { field, orParameter, s3Uri } from "../fields";
import type { StepTypeDefinition } from "../types";
import { PROCESSING_JOB_TYPES, processingFields } from "./processing";

const configSchema = z.strictObject({
  ...processingFields("data_loading.py"),
  inputDataUri: field(orParameter(s3Uri()).optional(), {
    label: "Input data URI",
    section: "General",
    kind: "text",
    help: "Optional S3 prefix mounted at /opt/ml/processing/input/data.",
    parameterType: "String",
  }),
});
export type DataLoadConfig = z.infer<typeof configSchema>;

const output = (logicalName: string, aliases: string[], description: string) => ({
  logicalName,
  outputType: "processing_output" as const,
  dataType: "S3Uri" as const,
  propertyPath: `ProcessingOutputConfig.Outputs['${logicalName}'].S3Output.S3Uri`,
  aliases,
  description,
});

export const dataLoad: StepTypeDefinition<DataLoadConfig> = {
  type: "DataLoad",
  displayName: "Data Load",
  category: "Data",
  sagemakerKind: "Processing",
  framework: "sklearn",
  jobTypes: PROCESSING_JOB_TYPES,
  description:
    "Loads raw data into the pipeline (source node): data, metadata and a schema signature.",
  dependencies: [],
  outputs: [
    output("DATA", ["input_data", "training_data"], "The loaded data set"),
    output("METADATA", [], "Column metadata (row count, types)"),
    output("SIGNATURE", [], "Column names of the data set"),
  ],
  contract: {
    entryPointDefault: "data_loading.py",
    inputPaths: { INPUT_DATA: "/opt/ml/processing/input/data" },
    outputPaths: {
      DATA: "/opt/ml/processing/output/data",
      METADATA: "/opt/ml/processing/output/metadata",
      SIGNATURE: "/opt/ml/processing/output/signature",
    },
    requiredEnv: [],
    envDefaults: {},
  },
  configSchema,
};
