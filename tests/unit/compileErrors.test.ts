// Each way a design can be wrong gets its own numbered code, located on the step and field.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler";
import { loadDesign, type Design } from "../../src/model";

const reference = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "..", "fixtures", "pytorch-reference.pipeline.json"),
    "utf8",
  ),
);

function design(mutate: (draft: Design) => void): Design {
  const loaded = loadDesign(structuredClone(reference));
  if (loaded.kind !== "ok") throw new Error("reference fixture does not load");
  mutate(loaded.design);
  return loaded.design;
}

function errorsOf(draft: Design) {
  const result = compile(draft);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(({ code, stepId, path }) => ({ code, stepId, path }));
}

const config = (draft: Design, id: string) => draft.steps.find((step) => step.id === id)!.config;

describe("compile refuses with located, numbered errors", () => {
  it("PD201 an unfed required input", () => {
    expect(
      errorsOf(design((d) => void (d.edges = d.edges.filter((edge) => edge.to.step !== "model")))),
    ).toEqual([{ code: "PD201", stepId: "model", path: "inputs.model_data" }]);
  });

  it("PD103 a missing required field", () => {
    expect(errorsOf(design((d) => void delete config(d, "prep").labelName))).toEqual([
      { code: "PD103", stepId: "prep", path: "labelName" },
    ]);
  });

  it("PD106 an unknown framework version", () => {
    expect(errorsOf(design((d) => void (config(d, "train").frameworkVersion = "9.9.9")))).toEqual([
      { code: "PD106", stepId: "train", path: "frameworkVersion" },
    ]);
  });

  it("PD107 a Python version the framework version does not offer", () => {
    expect(errorsOf(design((d) => void (config(d, "train").pyVersion = "py38")))).toEqual([
      { code: "PD107", stepId: "train", path: "pyVersion" },
    ]);
  });

  it("PD108 an instance type the image table cannot serve", () => {
    // A Trainium instance is a training instance type, but no PyTorch CPU/GPU image runs on it.
    expect(
      errorsOf(design((d) => void (config(d, "train").instanceType = "ml.trn1.2xlarge"))),
    ).toEqual([{ code: "PD108", stepId: "train", path: "instanceType" }]);
  });

  it("PD108 a region without the image", () => {
    const errors = errorsOf(design((d) => void (d.pipeline.region = "mars-north-1")));
    expect(errors.every((found) => found.code === "PD108")).toBe(true);
    expect(errors.length).toBe(4);
  });

  it("PD311 an AMD GPU or a Graviton instance for a training job (not training instance types)", () => {
    for (const instanceType of ["ml.g4ad.xlarge", "ml.c6g.xlarge"]) {
      expect(
        errorsOf(design((d) => void (config(d, "train").instanceType = instanceType))),
      ).toEqual([{ code: "PD311", stepId: "train", path: "instanceType" }]);
    }
  });

  it("PD102 an explicit profiler in a region without the SageMaker profiler", () => {
    // The SDK raises there (estimator.py:1240) rather than dropping the setting.
    const refused = design((d) => {
      d.pipeline.region = "eu-central-2";
      config(d, "train").profiler = { systemMonitorIntervalMillis: 500 };
    });
    expect(errorsOf(refused)).toEqual([{ code: "PD102", stepId: "train", path: "profiler" }]);
    expect(compile(design((d) => void (d.pipeline.region = "eu-central-2"))).ok).toBe(true);
  });

  it("PD102 a nested entry point for a repacked PyTorch model", () => {
    const nested = design((d) => {
      const model = config(d, "model") as { code: { files: Record<string, string> } };
      const files = model.code.files;
      model.code.files = { "src/inference.py": files["inference.py"]! };
      config(d, "model").entryPoint = "src/inference.py";
    });
    expect(errorsOf(nested)).toEqual([{ code: "PD102", stepId: "model", path: "entryPoint" }]);
  });

  it("PD301 a duplicate step name", () => {
    expect(errorsOf(design((d) => void (d.steps[1]!.name = d.steps[0]!.name)))).toEqual([
      { code: "PD301", stepId: "prep", path: "name" },
    ]);
  });

  it("PD301 a name that clashes with a step the SDK generates", () => {
    expect(
      errorsOf(design((d) => void (d.steps[0]!.name = "PyTorchModel-CreateModel"))),
    ).toContainEqual({ code: "PD301", stepId: "model", path: "name" });
  });

  it("PD302 a step name over SageMaker's 64 characters, also for generated names", () => {
    expect(errorsOf(design((d) => void (d.steps[0]!.name = "x".repeat(65))))).toEqual([
      { code: "PD302", stepId: "load", path: "name" },
    ]);
    expect(errorsOf(design((d) => void (d.steps[3]!.name = "m".repeat(60))))).toEqual([
      { code: "PD302", stepId: "model", path: "name" },
    ]);
  });

  it("PD303 a pipeline name SageMaker refuses", () => {
    expect(errorsOf(design((d) => void (d.pipeline.name = "fraud_pytorch")))).toEqual([
      { code: "PD303", stepId: undefined, path: "pipeline.name" },
    ]);
  });

  it("PD205 a cycle, once for the design", () => {
    const errors = errorsOf(design((d) => void (config(d, "load").dependsOn = ["model"])));
    expect(errors).toEqual([{ code: "PD205", stepId: "load", path: undefined }]);
  });

  it("PD110 a reference to an undeclared parameter", () => {
    expect(
      errorsOf(design((d) => void (config(d, "train").instanceType = { parameter: "Nope" }))),
    ).toEqual([{ code: "PD110", stepId: "train", path: "instanceType" }]);
  });

  it("PD203 a link between incompatible ports", () => {
    const errors = errorsOf(
      design((d) => {
        d.edges = d.edges.filter((edge) => edge.to.step !== "model");
        d.edges.push({
          from: { step: "prep", output: "processed_data" },
          to: { step: "model", input: "model_data" },
        });
      }),
    );
    expect(errors).toEqual([{ code: "PD203", stepId: "model", path: "inputs.model_data" }]);
  });

  it("PD204 an input fed twice", () => {
    const errors = errorsOf(
      design(
        (d) =>
          void d.edges.push({
            from: { step: "load", output: "METADATA" },
            to: { step: "prep", input: "DATA" },
          }),
      ),
    );
    expect(errors).toEqual([{ code: "PD204", stepId: "prep", path: "inputs.DATA" }]);
  });

  it("PD305 a definition over 1 MB", () => {
    // Every value within SageMaker's per-field limits (PD309, PD310); only the total is too big:
    // 24 data loads, each with 90 environment variables of 250-character names and values.
    const env = Object.fromEntries(
      Array.from({ length: 90 }, (_, k) => [`V${k}_${"k".repeat(245)}`, "v".repeat(250)]),
    );
    const errors = errorsOf(
      design((d) => {
        for (let i = 0; i < 24; i++) {
          d.steps.push({
            ...structuredClone(d.steps[0]!),
            id: `big${i}`,
            name: `Big-${i}`,
            config: { ...structuredClone(config(d, "load")), env },
          });
        }
      }),
    );
    expect(errors).toEqual([{ code: "PD305", stepId: undefined, path: "steps" }]);
  });

  it("PD306 a metric regex without exactly one capture group", () => {
    const errors = errorsOf(
      design(
        (d) =>
          void (config(d, "train").metricDefinitions = [{ name: "loss", regex: "loss=[0-9]+" }]),
      ),
    );
    expect(errors).toEqual([
      { code: "PD306", stepId: "train", path: "metricDefinitions[0].regex" },
    ]);
  });
});
