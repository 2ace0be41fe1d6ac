import { describe, expect, it } from "vitest";
import pytorchExample from "../../../examples/pytorch-tabular.pipeline.json";
import xgboostExample from "../../../examples/xgboost-tabular.pipeline.json";
import { compile, type Upload } from "../../compiler";
import { loadDesign } from "../../model";
import {
  describeGet,
  describeS3Source,
  findDefinitionStep,
  hyperparametersFileOf,
  inputRowsOf,
  trainingChannelRows,
  type DefinitionStep,
} from "./channelRows";

function compiled(file: unknown) {
  const loaded = loadDesign(file);
  if (loaded.kind !== "ok") throw new Error("example does not load");
  const result = compile(loaded.design);
  if (!result.ok) throw new Error("example does not compile");
  return { design: loaded.design, result };
}

const PREP =
  "Steps.TabularPreprocessing-Training.ProcessingOutputConfig.Outputs['processed_data'].S3Output.S3Uri";

describe("describeGet", () => {
  it("names step outputs, parameters and execution values in words", () => {
    expect(describeGet(PREP)).toBe("output processed_data of TabularPreprocessing-Training");
    expect(describeGet("Steps.Train.ModelArtifacts.S3ModelArtifacts")).toBe(
      "model artifacts of Train",
    );
    expect(describeGet("Steps.Train.OutputDataConfig.S3OutputPath")).toBe("output path of Train");
    expect(describeGet("Steps.Train.TrainingJobName")).toBe("property TrainingJobName of Train");
    expect(describeGet("Parameters.InputData")).toBe("pipeline parameter InputData");
    expect(describeGet("Execution.PipelineExecutionId")).toBe("the pipeline execution id");
  });
});

describe("describeS3Source", () => {
  it("keeps literal URIs and calls them fixed", () => {
    expect(describeS3Source("s3://bucket/data/")).toEqual({
      text: "s3://bucket/data/",
      origin: "fixed S3 URI",
    });
  });

  it("renders a Get as its path", () => {
    expect(describeS3Source({ Get: PREP })).toEqual({
      text: PREP,
      origin: "output processed_data of TabularPreprocessing-Training",
    });
  });

  it("renders Std:Join as joined text with {…} placeholders, nested joins flattened", () => {
    const value = {
      "Std:Join": {
        On: "/",
        Values: [
          "s3://bucket",
          { Get: "Execution.PipelineExecutionId" },
          { "Std:Join": { On: "", Values: [{ Get: "Parameters.Folder" }, "x"] } },
        ],
      },
    };
    expect(describeS3Source(value)).toEqual({
      text: "s3://bucket/{Execution.PipelineExecutionId}/{Parameters.Folder}x",
      origin: "the pipeline execution id; pipeline parameter Folder",
    });
  });
});

describe("trainingChannelRows", () => {
  it("gives XGBoost's train/validation/test channels on the upstream output and the config folder", () => {
    const { result } = compiled(xgboostExample);
    const step = findDefinitionStep(result.definition, "XGBoostTraining");
    expect(step?.Type).toBe("Training");
    const rows = trainingChannelRows(step as DefinitionStep);
    expect(rows.map((row) => row.channel)).toEqual(["train", "validation", "test", "config"]);
    expect(rows[0]).toEqual({
      channel: "train",
      source: {
        text: `{${PREP}}/train/`,
        origin: "output processed_data of TabularPreprocessing-Training",
      },
      containerPath: "/opt/ml/input/data/train",
      contentType: "—",
      inputMode: "File",
    });
    expect(rows[3]?.source).toEqual({
      text: "s3://my-ml-bucket/fraud-xgboost/hyperparameters/XGBoostTraining/",
      origin: "fixed S3 URI",
    });
    expect(rows[3]?.containerPath).toBe("/opt/ml/input/data/config");
  });

  it("gives PyTorch one data channel", () => {
    const { design, result } = compiled(pytorchExample);
    const training = design.steps.find((step) => step.type === "PyTorchTraining");
    const step = findDefinitionStep(result.definition, training?.name ?? "");
    const rows = trainingChannelRows(step as DefinitionStep);
    expect(rows.map((row) => [row.channel, row.containerPath])).toEqual([
      ["data", "/opt/ml/input/data/data"],
    ]);
    expect(rows[0]?.source.origin).toMatch(/^output processed_data of /);
  });

  it("takes content type and input mode from the channel when it sets them", () => {
    const step: DefinitionStep = {
      Name: "T",
      Type: "Training",
      Arguments: {
        AlgorithmSpecification: { TrainingInputMode: "Pipe" },
        InputDataConfig: [
          {
            ChannelName: "a",
            ContentType: "text/csv",
            InputMode: "FastFile",
            DataSource: { S3DataSource: { S3Uri: "s3://b/a/" } },
          },
          { ChannelName: "b", DataSource: { S3DataSource: { S3Uri: "s3://b/b/" } } },
        ],
      },
    };
    expect(trainingChannelRows(step).map((row) => [row.contentType, row.inputMode])).toEqual([
      ["text/csv", "FastFile"],
      ["—", "Pipe"],
    ]);
  });

  it("gives no rows for a step without channels", () => {
    expect(trainingChannelRows({ Name: "P", Type: "Processing", Arguments: {} })).toEqual([]);
  });
});

describe("hyperparametersFileOf", () => {
  it("finds the XGBoost hyperparameters upload with its key and pretty JSON", () => {
    const { result } = compiled(xgboostExample);
    const file = hyperparametersFileOf(result.uploads, "train");
    expect(file?.uri).toBe(
      "s3://my-ml-bucket/fraud-xgboost/hyperparameters/XGBoostTraining/hyperparameters.json",
    );
    expect(file?.key).toBe("fraud-xgboost/hyperparameters/XGBoostTraining/hyperparameters.json");
    const parsed = JSON.parse(file?.content ?? "null") as Record<string, unknown>;
    expect(parsed.objective).toBeDefined();
    expect(file?.content).toContain('\n  "');
  });

  it("is undefined for steps without one, and shows non-JSON bytes as text", () => {
    expect(hyperparametersFileOf([], "train")).toBeUndefined();
    const upload: Upload = {
      stepId: "s",
      kind: "hyperparameters",
      uri: "s3://b/k.json",
      bytes: new TextEncoder().encode("not json"),
      contentType: "application/json",
      hash: "x",
    };
    expect(hyperparametersFileOf([upload], "s")).toEqual({
      uri: "s3://b/k.json",
      key: "k.json",
      content: "not json",
    });
  });
});

describe("findDefinitionStep", () => {
  it("finds a step inside a condition's branches", () => {
    const definition = {
      Version: "2020-12-01",
      Metadata: {},
      Parameters: [],
      Steps: [
        {
          Name: "Gate",
          Type: "Condition",
          Arguments: {
            IfSteps: [{ Name: "Retrain", Type: "Training", Arguments: { InputDataConfig: [] } }],
            ElseSteps: [{ Name: "Stop", Type: "Fail", Arguments: {} }],
          },
        },
      ],
    } as unknown as Parameters<typeof findDefinitionStep>[0];
    expect(findDefinitionStep(definition, "Retrain")?.Type).toBe("Training");
    expect(findDefinitionStep(definition, "Stop")?.Type).toBe("Fail");
    expect(findDefinitionStep(definition, "Gate")?.Type).toBe("Condition");
    expect(findDefinitionStep(definition, "Nope")).toBeUndefined();
  });
});

describe("inputRowsOf", () => {
  it("lists a processing step's inputs (not its code) with their container paths", () => {
    const { result } = compiled(xgboostExample);
    const prep = findDefinitionStep(result.definition, "TabularPreprocessing-Training");
    const rows = prep ? inputRowsOf(prep) : null;
    expect(rows?.map((row) => [row.channel, row.containerPath])).toEqual([
      ["DATA", "/opt/ml/processing/input/data"],
      ["SIGNATURE", "/opt/ml/processing/input/signature"],
    ]);
    expect(rows?.[0]?.source.origin).toBe("output DATA of DataLoad-Training");
  });

  it("lists a batch transform's input and nothing for a step kind without inputs", () => {
    const transform = {
      Name: "T",
      Type: "Transform",
      Arguments: {
        TransformInput: {
          DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://b/test/" } },
          ContentType: "text/csv",
          SplitType: "Line",
        },
      },
    } as unknown as DefinitionStep;
    expect(inputRowsOf(transform)).toEqual([
      {
        channel: "input",
        source: { text: "s3://b/test/", origin: "fixed S3 URI" },
        containerPath: "— (records sent to the model)",
        contentType: "text/csv",
        inputMode: "split by Line",
      },
    ]);
    expect(
      inputRowsOf({ Name: "F", Type: "Fail", Arguments: {} } as unknown as DefinitionStep),
    ).toBeNull();
  });
});
