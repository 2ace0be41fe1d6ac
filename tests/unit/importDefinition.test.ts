// The definition importer: a definition → a design that compiles back to it, or notes that say
// where and why not. Round trips run on our own compiler's output here; against the SDK's output
// they run in the oracle (tests/oracle/roundTrip.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, importDefinition, type CompileResult } from "../../src/compiler";
import { metricsFor } from "../../src/compiler/import/processing";
import { loadDesign, loadDesignText, type Design } from "../../src/model";
import { generateDesigns } from "../oracle/generate";

const root = join(import.meta.dirname, "..", "..");
const designFiles = [
  ...readdirSync(join(root, "examples")).map((name) => join(root, "examples", name)),
  ...readdirSync(join(root, "tests", "fixtures")).map((name) =>
    join(root, "tests", "fixtures", name),
  ),
].filter((file) => file.endsWith(".pipeline.json"));

function compiled(design: Design): Extract<CompileResult, { ok: true }> {
  const result = compile(design);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result;
}

function load(file: string): Design {
  const loaded = loadDesignText(readFileSync(file, "utf8"));
  if (loaded.kind !== "ok") throw new Error(`${file} does not load`);
  return loaded.design;
}

/** Our compile's uploads, as the reader an importer gets of the objects in S3. */
const readerOf = (result: Extract<CompileResult, { ok: true }>) => {
  const objects = new Map(result.uploads.map((upload) => [upload.uri, upload.bytes]));
  return (uri: string) => objects.get(uri);
};

function roundTrip(design: Design) {
  const first = compiled(design);
  const imported = importDefinition(JSON.parse(first.json), { read: readerOf(first) });
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  return { first, imported, again: compile(imported.design) };
}

describe("importDefinition round trip", () => {
  it.each(designFiles.map((file) => [file.slice(root.length + 1), file]))(
    "%s: compiles back to the same bytes, with no notes",
    (_, file) => {
      const { first, imported, again } = roundTrip(load(file));
      expect(imported.notes).toEqual([]);
      expect(again.ok && again.json).toBe(first.json);
    },
  );

  it("holds for 60 seeded random designs of every step type (the oracle's generator)", () => {
    const { designs } = generateDesigns(11, 60, (value) => {
      const loaded = loadDesign(value);
      return loaded.kind === "ok" && compile(loaded.design).ok;
    });
    for (const value of designs) {
      const loaded = loadDesign(value);
      if (loaded.kind !== "ok") throw new Error("generated design does not load");
      const { first, imported, again } = roundTrip(loaded.design);
      expect(imported.notes, JSON.stringify(value).slice(0, 300)).toEqual([]);
      expect(again.ok && again.json).toBe(first.json);
    }
  }, 60_000);

  it("an env override of a typed field (an empty LABEL_FIELD) round-trips as the override", () => {
    const design = load(join(root, "examples", "pytorch-tabular.pipeline.json"));
    const prep = design.steps.find((step) => step.type === "TabularPreprocessing");
    if (!prep) throw new Error("no preprocessing step");
    prep.config.env = { LABEL_FIELD: "" };
    const { first, imported, again } = roundTrip(design);
    expect(imported.ok && imported.notes).toEqual([]);
    expect(again.ok && again.json).toBe(first.json);
  });

  it("keeps steps, links, parameters and settings, with sparse configs", () => {
    const design = load(join(root, "examples", "pytorch-tabular.pipeline.json"));
    const { imported } = roundTrip(design);
    if (!imported.ok) return;
    const result = imported.design;
    expect(result.pipeline).toMatchObject({
      name: design.pipeline.name,
      region: design.pipeline.region,
      bucket: design.pipeline.bucket,
      s3Prefix: design.pipeline.s3Prefix,
      roleArn: design.pipeline.roleArn,
      parameters: design.pipeline.parameters,
    });
    expect(result.steps.map((step) => [step.type, step.name])).toEqual(
      design.steps.map((step) => [step.type, step.name]),
    );
    const names = (d: Design) =>
      d.edges.map((edge) => {
        const name = (id: string) => d.steps.find((step) => step.id === id)?.name;
        return `${name(edge.from.step)}.${edge.from.output} → ${name(edge.to.step)}.${edge.to.input}`;
      });
    expect(names(result).sort()).toEqual(names(design).sort());
    const training = result.steps.find((step) => step.type === "PyTorchTraining");
    expect(training?.config.instanceType).toEqual({ parameter: "TrainInstanceType" });
    // Defaults are left out, as a person writes a design.
    expect(training?.config).not.toHaveProperty("volumeSizeGb");
  });
});

describe("importDefinition without the S3 objects", () => {
  const pytorch = compiled(load(join(root, "examples", "pytorch-tabular.pipeline.json")));
  const xgboost = compiled(load(join(root, "examples", "xgboost-tabular.pipeline.json")));

  it("keeps code as S3 URIs and says what it cannot rebuild: a repacked model's code, XGBoost hyperparameters", () => {
    const torch = importDefinition(JSON.parse(pytorch.json));
    const xgb = importDefinition(JSON.parse(xgboost.json));
    if (!torch.ok || !xgb.ok) throw new Error("refused");
    const training = torch.design.steps.find((step) => step.type === "PyTorchTraining");
    expect(training?.config.code).toEqual({
      s3Uri: expect.stringMatching(/^s3:\/\/.+\/sourcedir\.tar\.gz$/),
    });
    expect(torch.notes.map((note) => note.path)).toContain(
      "Steps[3](PyTorchModel-RepackModel-0).Arguments.HyperParameters.sagemaker_submit_directory",
    );
    expect(xgb.notes[0]).toMatchObject({
      path: "Steps[2](XGBoostTraining).Arguments.HyperParameters.hyperparameters_s3_uri",
      message: expect.stringMatching(/could not be read; the step has none/),
    });
  });

  it("recovers a processing entry point from the content hash in runproc.sh's key", () => {
    const imported = importDefinition(JSON.parse(pytorch.json));
    if (!imported.ok) throw new Error("refused");
    expect(imported.notes.filter((note) => note.message.includes("runproc.sh"))).toEqual([]);
  });
});

describe("importDefinition lists what a design cannot hold", () => {
  const example = compiled(load(join(root, "examples", "pytorch-tabular.pipeline.json")));
  const base = () => JSON.parse(example.json);
  const read = readerOf(example);

  it("a step of another kind is left out, by name", () => {
    const definition = base();
    definition.Steps.push({ Name: "Notify", Type: "Lambda", Arguments: {} });
    const result = importDefinition(definition);
    expect(result.ok && result.notes).toContainEqual({
      path: "Steps[5](Notify)",
      message: "step type Lambda has no design step type; it is left out",
    });
  });

  it("a hyperparameter the SDK would not have encoded, and a change only the compile shows", () => {
    const definition = base();
    const training = definition.Steps.find(
      (step: { Name: string }) => step.Name === "PyTorchTraining",
    );
    training.Arguments.HyperParameters.batch_size = "64 rows";
    training.Arguments.StoppingCondition.Extra = 1;
    const result = importDefinition(definition, { read });
    if (!result.ok) throw new Error("refused");
    expect(result.notes).toContainEqual(
      expect.objectContaining({
        path: "Steps[2](PyTorchTraining).Arguments.HyperParameters.batch_size",
      }),
    );
    expect(result.notes).toContainEqual({
      path: "Steps[2](PyTorchTraining).Arguments.StoppingCondition.Extra",
      message: "the definition has 1; the imported design compiles to nothing",
    });
  });

  it("a link to a step that is not there", () => {
    const definition = base();
    definition.Steps.splice(0, 1); // the data load the preprocessing reads
    const result = importDefinition(definition);
    if (!result.ok) throw new Error("refused");
    expect(result.notes).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(
          /^Steps\.DataLoad-Training\.ProcessingOutputConfig.+ is not an output of an imported step/,
        ),
      }),
    );
  });

  it("refuses what is not a definition, located", () => {
    expect(importDefinition([])).toEqual({
      ok: false,
      errors: [{ path: "", message: "a pipeline definition is a JSON object" }],
    });
    const result = importDefinition({ Version: "2020-12-01", Steps: [{ Name: "", Type: 3 }] });
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual([
      "Steps[0].Name",
      "Steps[0].Type",
      "Steps[0].Arguments",
    ]);
  });
});

describe("importDefinition of gated pipelines (docs/gated-steps.md)", () => {
  const gated = () => load(join(root, "examples", "pytorch-gated.pipeline.json"));
  const stepOf = (design: Design, id: string) => {
    const step = design.steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`no step ${id}`);
    return step;
  };
  const links = (design: Design) =>
    design.edges.map((edge) => {
      const name = (id: string) => design.steps.find((step) => step.id === id)?.name;
      return `${name(edge.from.step)}.${edge.from.output} → ${name(edge.to.step)}.${edge.to.input}`;
    });

  it("IfSteps and ElseSteps become steps with branch links; a branch's repack steps fold into their model steps", () => {
    const design = gated();
    const { imported } = roundTrip(design);
    if (!imported.ok) throw new Error("refused");
    expect(imported.design.steps.map((step) => [step.type, step.name])).toEqual(
      design.steps.map((step) => [step.type, step.name]),
    );
    expect(links(imported.design).sort()).toEqual(links(design).sort());
    // A step in the branch through a link from another of its steps needs no branch link.
    expect(links(imported.design).filter((link) => link.includes(".branch"))).toEqual([
      "CheckAuc.if_true → PyTorchRegisterModel.branch",
      "CheckAuc.if_true → PyTorchModel.branch",
      "CheckAuc.if_false → AucTooLow.branch",
    ]);
    const condition = imported.design.steps.find((step) => step.type === "Condition");
    expect(condition?.config.conditions).toEqual([
      {
        type: "GreaterThanOrEqualTo",
        left: { metric: { step: "pytorchevaluation", name: "auc" } },
        right: { parameter: "AucThreshold" },
      },
    ]);
  });

  it("conditions of every operator and operand kind, a nested condition, retry policies and transform settings round-trip", () => {
    const design = gated();
    const auc = { metric: { step: "evaluate", name: "auc" } };
    const f1 = { metric: { step: "evaluate", name: "f1" } };
    stepOf(design, "check").config.conditions = [
      { type: "GreaterThanOrEqualTo", left: auc, right: { parameter: "AucThreshold" } },
      {
        type: "Or",
        conditions: [
          { type: "Not", condition: { type: "Equals", left: f1, right: { literal: 0 } } },
          {
            type: "In",
            value: { parameter: "ModelApprovalStatus" },
            values: [{ literal: "Approved" }, { literal: "PendingManualApproval" }],
          },
        ],
      },
      {
        type: "Equals",
        left: { property: { step: "train", path: "TrainingJobStatus" } },
        right: { literal: "Completed" },
      },
      { type: "LessThan", left: { literal: 0.1 }, right: f1 },
      { type: "GreaterThan", left: auc, right: { literal: 0.5 } },
      { type: "LessThanOrEqualTo", left: { literal: 0 }, right: auc },
      { type: "Equals", left: { literal: true }, right: { literal: true } },
    ];
    design.steps.push(
      {
        id: "recheck",
        type: "Condition",
        name: "CheckF1",
        position: { x: 1920, y: 0 },
        config: {
          conditions: [{ type: "GreaterThan", left: f1, right: { literal: 0.5 } }],
        },
      },
      {
        id: "lowf1",
        type: "Fail",
        name: "F1TooLow",
        position: { x: 2240, y: 0 },
        config: { errorMessage: ["F1 too low"] },
      },
    );
    design.edges.push(
      { from: { step: "check", output: "if_true" }, to: { step: "recheck", input: "branch" } },
      { from: { step: "recheck", output: "if_true" }, to: { step: "transform", input: "branch" } },
      { from: { step: "recheck", output: "if_false" }, to: { step: "lowf1", input: "branch" } },
    );
    stepOf(design, "evaluate").config.retryPolicies = [
      { kind: "step", exceptionTypes: ["Step.THROTTLING"], intervalSeconds: 5, maxAttempts: 3 },
      { kind: "job", exceptionTypes: ["SageMaker.CAPACITY_ERROR"], expireAfterMinutes: 60 },
    ];
    stepOf(design, "register").config.retryPolicies = [
      { kind: "step", exceptionTypes: ["Step.SERVICE_FAULT"], backoffRate: 1.5, maxAttempts: 2 },
    ];
    Object.assign(stepOf(design, "register").config, {
      customerMetadata: { team: "fraud" },
      inferenceInstanceTypes: ["ml.m5.xlarge", "ml.m5.large"],
      contentTypes: ["text/csv", "application/json"],
    });
    Object.assign(stepOf(design, "transform").config, {
      inputFolder: "",
      outputPath: "s3://my-ml-bucket/predictions",
      splitType: "None",
      instanceCount: 2,
      retryPolicies: [
        { kind: "job", exceptionTypes: ["SageMaker.JOB_INTERNAL_ERROR"], maxAttempts: 2 },
      ],
    });
    const { first, imported, again } = roundTrip(design);
    expect(imported.ok && imported.notes).toEqual([]);
    expect(again.ok && again.json).toBe(first.json);
    if (!imported.ok) return;
    const evaluation = imported.design.steps.find((step) => step.type === "PyTorchEvaluation");
    // The report's metrics are the paths the definition reads, named after them.
    expect(evaluation?.config.metrics).toEqual([
      { name: "auc", jsonPath: "metrics.auc.value" },
      { name: "f1", jsonPath: "metrics.f1.value" },
    ]);
  });

  it("a message joined on another separator keeps its text, noted", () => {
    const result = compiled(gated());
    const definition = JSON.parse(result.json);
    const condition = definition.Steps.find((step: { Type: string }) => step.Type === "Condition");
    const fail = condition.Arguments.ElseSteps[0];
    const auc = fail.Arguments.ErrorMessage["Std:Join"].Values[1];
    fail.Arguments.ErrorMessage = {
      "Std:Join": { On: " ", Values: ["AUC", auc, "is below", { Get: "Parameters.AucThreshold" }] },
    };
    const imported = importDefinition(definition, { read: readerOf(result) });
    if (!imported.ok) throw new Error("refused");
    expect(imported.notes).toContainEqual({
      path: "Steps[4](CheckAuc).Arguments.ElseSteps[0](AucTooLow).Arguments.ErrorMessage",
      message:
        'the message is joined on " "; the design joins its parts on "" with the separator as text',
    });
    expect(imported.design.steps.find((step) => step.type === "Fail")?.config.errorMessage).toEqual(
      [
        "AUC",
        " ",
        { metric: { step: "pytorchevaluation", name: "auc" } },
        " ",
        "is below",
        " ",
        { parameter: "AucThreshold" },
      ],
    );
  });

  it("an operand the design cannot hold leaves its condition out, located", () => {
    const result = compiled(gated());
    const definition = JSON.parse(result.json);
    const condition = definition.Steps.find((step: { Type: string }) => step.Type === "Condition");
    condition.Arguments.Conditions[0].LeftValue = { Get: "Execution.PipelineExecutionId" };
    const imported = importDefinition(definition, { read: readerOf(result) });
    if (!imported.ok) throw new Error("refused");
    expect(imported.notes[0]).toEqual({
      path: "Steps[4](CheckAuc).Arguments.Conditions[0].LeftValue",
      message:
        '{"Get":"Execution.PipelineExecutionId"} is not a literal, parameter, metric or step property; the condition is left out',
    });
  });

  it("names an evaluation's metrics after their JSON paths", () => {
    expect(
      metricsFor(["metrics.auc.value", "metrics.f1.value", "accuracy", "scores[0].f1", "auc"]),
    ).toEqual([
      { name: "auc", jsonPath: "metrics.auc.value" },
      { name: "f1", jsonPath: "metrics.f1.value" },
      { name: "accuracy", jsonPath: "accuracy" },
      { name: "scores_0_f1", jsonPath: "scores[0].f1" },
      { name: "auc-2", jsonPath: "auc" },
    ]);
  });
});
