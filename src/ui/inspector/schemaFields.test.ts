import { describe, expect, it } from "vitest";
import { z } from "zod";
import { stepType, XGBOOST_OFFERED_VERSIONS } from "../../catalog";
import {
  effectiveFrameworkVersion,
  fieldsBySection,
  formFields,
  selectOptions,
  SECTION_ORDER,
  sentenceCase,
  unwrapSchema,
  type StepDefinition,
} from "./schemaFields";

const definition = (type: string) => stepType(type) as StepDefinition;
const fieldOf = (type: string, key: string) => {
  const found = formFields(definition(type)).find((field) => field.key === key);
  if (!found) throw new Error(`no field ${key} on ${type}`);
  return found;
};

describe("unwrapSchema", () => {
  it("reads the zod default through a parameter union", () => {
    const schema = z.union([z.int().min(1), z.strictObject({ parameter: z.string() })]).default(3);
    const unwrapped = unwrapSchema(schema);
    expect(unwrapped.defaultValue).toBe(3);
    expect(unwrapped.parameterizable).toBe(true);
    expect(unwrapped.base.type).toBe("number");
  });
  it("marks optional fields and reads enum options and literal unions", () => {
    expect(unwrapSchema(z.string().optional()).optional).toBe(true);
    expect(unwrapSchema(z.enum(["a", "b"]).default("a")).options).toEqual(["a", "b"]);
    const literals = unwrapSchema(z.union([z.literal(100), z.literal(500)]).default(100));
    expect(literals.options).toEqual([100, 500]);
    expect(literals.base.type).toBe("number");
  });
});

describe("formFields", () => {
  it("gives every field its registry label, default and required flag", () => {
    const fields = formFields(definition("PyTorchTraining"));
    const volume = fields.find((field) => field.key === "volumeSizeGb");
    expect(volume).toMatchObject({
      defaultValue: 30,
      required: false,
      valueType: "integer",
      meta: { label: "Volume size (GB)", section: "Resources", parameterType: "Integer" },
    });
    expect(fieldOf("PyTorchTraining", "code").required).toBe(true);
    expect(fieldOf("PyTorchTraining", "outputPath")).toMatchObject({
      required: false,
      optional: true,
      valueType: "string",
    });
    expect(fieldOf("TabularPreprocessing", "labelName")).toMatchObject({
      required: true,
      meta: { label: "Label field" },
    });
    expect(fieldOf("TabularPreprocessing", "trainRatio").valueType).toBe("number");
    expect(fieldOf("DataLoad", "jobType").options).toEqual([
      "training",
      "validation",
      "testing",
      "calibration",
    ]);
  });
  it("describes group members with labels and defaults", () => {
    const checkpoint = fieldOf("PyTorchTraining", "checkpoint");
    expect(checkpoint.defaultValue).toEqual({ enabled: true, localPath: "/opt/ml/checkpoints" });
    expect(
      checkpoint.members?.map((member) => [member.key, member.label, member.valueType]),
    ).toEqual([
      ["enabled", "Save checkpoints", "boolean"],
      ["s3Uri", "Checkpoint S3 URI", "string"],
      ["localPath", "Checkpoint local path", "string"],
    ]);
    const profiler = fieldOf("XGBoostTraining", "profiler");
    expect(profiler.optional).toBe(true);
    expect(profiler.members?.[0]?.options).toContain(1000);
  });
  it("is cached per step type", () => {
    expect(formFields(definition("DataLoad"))).toBe(formFields(definition("DataLoad")));
  });
  it("groups fields by section in the inspector's order", () => {
    const sections = fieldsBySection(formFields(definition("PyTorchTraining"))).map(
      (group) => group.section,
    );
    expect(sections).toEqual(SECTION_ORDER.filter((section) => sections.includes(section)));
    expect(sections).toEqual([
      "General",
      "Resources",
      "Code",
      "Hyperparameters",
      "Environment",
      "Metrics",
      "Checkpoints",
      "Advanced",
    ]);
  });
});

describe("selectOptions", () => {
  it("offers XGBoost training the catalog's versions", () => {
    const xgb = definition("XGBoostTraining");
    expect(selectOptions(xgb, fieldOf("XGBoostTraining", "frameworkVersion"), "1.7-1")).toEqual(
      XGBOOST_OFFERED_VERSIONS,
    );
  });
  it("offers the Python versions of the effective framework version", () => {
    const pytorch = definition("PyTorchTraining");
    const py = fieldOf("PyTorchTraining", "pyVersion");
    expect(selectOptions(pytorch, py, "1.13.1")).toEqual(["py39"]);
    expect(selectOptions(pytorch, py, "2.1.0")).toContain("py310");
    expect(
      selectOptions(pytorch, fieldOf("PyTorchTraining", "frameworkVersion"), undefined),
    ).toContain("2.1.0");
  });
  it("uses inference tables for models and every Python version when the version is inherited", () => {
    const model = definition("PyTorchModel");
    const options = selectOptions(model, fieldOf("PyTorchModel", "pyVersion"), undefined);
    expect(options).toContain("py310");
    expect(new Set(options).size).toBe(options.length);
  });
  it("falls back to enum options", () => {
    expect(
      selectOptions(definition("DataLoad"), fieldOf("DataLoad", "outputFormat"), undefined),
    ).toEqual(["CSV", "TSV", "PARQUET"]);
  });
});

describe("effectiveFrameworkVersion", () => {
  it("is the stored version, else the type's default, else undefined", () => {
    const pytorch = definition("PyTorchTraining");
    expect(effectiveFrameworkVersion(pytorch, { frameworkVersion: "1.13.1" })).toBe("1.13.1");
    expect(effectiveFrameworkVersion(pytorch, {})).toBe("2.1.0");
    expect(effectiveFrameworkVersion(definition("PyTorchModel"), {})).toBeUndefined();
  });
});

it("sentenceCase turns camelCase keys into labels", () => {
  expect(sentenceCase("localPath")).toBe("Local path");
  expect(sentenceCase("systemMonitorIntervalMillis")).toBe("System monitor interval millis");
});
