import { z } from "zod";
import { field } from "../fields";
import type { StepTypeDefinition } from "../types";
import { PROCESSING_JOB_TYPES, processingFields } from "./processing";

const ratio = (fallback: number, label: string, help: string) =>
  field(z.number().min(0).max(1).default(fallback), {
    label,
    section: "General",
    kind: "number",
    help,
  });

const configSchema = z.strictObject({
  ...processingFields("tabular_preprocessing.py"),
  labelName: field(z.string().min(1), {
    label: "Label field",
    section: "General",
    kind: "text",
    help: "Column holding the target; sets LABEL_FIELD.",
  }),
  trainRatio: ratio(0.7, "Train ratio", "Share of rows for train; sets TRAIN_RATIO."),
  testValRatio: ratio(
    0.5,
    "Test/validation ratio",
    "Share of the rest for test vs validation; sets TEST_VAL_RATIO.",
  ),
});
export type TabularPreprocessingConfig = z.infer<typeof configSchema>;

export const tabularPreprocessing: StepTypeDefinition<TabularPreprocessingConfig> = {
  type: "TabularPreprocessing",
  displayName: "Tabular Preprocessing",
  category: "Processing",
  sagemakerKind: "Processing",
  framework: "sklearn",
  jobTypes: PROCESSING_JOB_TYPES,
  description: "Cleans tabular data and splits it into train/, validation/ and test/ folders.",
  dependencies: [
    {
      logicalName: "DATA",
      dependencyType: "processing_output",
      dataType: "S3Uri",
      required: true,
      compatibleSources: ["DataLoad"],
      semanticKeywords: ["data", "input", "raw", "dataset", "source", "tabular"],
      description: "Raw tabular data",
    },
    {
      logicalName: "DATA_SECONDARY",
      dependencyType: "processing_output",
      dataType: "S3Uri",
      required: false,
      compatibleSources: [],
      semanticKeywords: ["data", "secondary"],
      description: "Optional second data set",
    },
    {
      logicalName: "SIGNATURE",
      dependencyType: "processing_output",
      dataType: "S3Uri",
      required: false,
      compatibleSources: ["DataLoad"],
      semanticKeywords: ["signature", "schema"],
      description: "Column names of the input data",
    },
  ],
  outputs: [
    {
      logicalName: "processed_data",
      outputType: "processing_output",
      dataType: "S3Uri",
      propertyPath: "ProcessingOutputConfig.Outputs['processed_data'].S3Output.S3Uri",
      aliases: [
        "input_path",
        "training_data",
        "model_input_data",
        "input_data",
        "processed_training_data",
      ],
      description: "Processed data with train/, validation/ and test/ sub-folders",
    },
  ],
  contract: {
    entryPointDefault: "tabular_preprocessing.py",
    inputPaths: {
      DATA: "/opt/ml/processing/input/data",
      DATA_SECONDARY: "/opt/ml/processing/input/data_secondary",
      SIGNATURE: "/opt/ml/processing/input/signature",
    },
    outputPaths: { processed_data: "/opt/ml/processing/output" },
    requiredEnv: ["LABEL_FIELD"],
    envDefaults: {},
  },
  configSchema,
};
