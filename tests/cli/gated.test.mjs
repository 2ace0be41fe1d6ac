// The gated examples (evaluate → condition → register, create model, transform / fail) through
// the CLI: compile renders the branches inside the condition, validate finds nothing in their
// scripts, and a condition's metric the evaluation script never writes is located on both sides.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "pipeline-designer.mjs");
const run = (...args) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
const names = (steps) => steps.map((step) => step.Name);

describe("the gated examples", () => {
  const examples = [
    ["pytorch-gated", "PyTorch"],
    ["xgboost-gated", "XGBoost"],
  ];
  for (const [example, prefix] of examples) {
    it(`${example}: compile nests the branches in the condition, with the report as a property file`, () => {
      const result = run("compile", `examples/${example}.pipeline.json`);
      assert.equal(result.status, 0, result.stderr);
      const definition = JSON.parse(result.stdout);
      assert.deepEqual(names(definition.Steps), [
        "DataLoad-Training",
        "TabularPreprocessing-Training",
        `${prefix}Training`,
        `${prefix}Evaluation`,
        "CheckAuc",
      ]);
      const evaluation = definition.Steps[3];
      assert.deepEqual(evaluation.PropertyFiles, [
        {
          PropertyFileName: "EvaluationReport",
          OutputName: "evaluation",
          FilePath: "evaluation.json",
        },
      ]);
      const condition = definition.Steps[4].Arguments;
      assert.deepEqual(condition.Conditions, [
        {
          Type: "GreaterThanOrEqualTo",
          LeftValue: {
            "Std:JsonGet": {
              PropertyFile: { Get: `Steps.${prefix}Evaluation.PropertyFiles.EvaluationReport` },
              Path: "metrics.auc.value",
            },
          },
          RightValue: { Get: "Parameters.AucThreshold" },
        },
      ]);
      // PyTorch serving repacks the inference code into the model archive; XGBoost does not.
      const repack = (name) => (prefix === "PyTorch" ? [`${name}-RepackModel-0`] : []);
      assert.deepEqual(names(condition.IfSteps), [
        ...repack(`${prefix}RegisterModel`),
        `${prefix}RegisterModel-RegisterModel`,
        ...repack(`${prefix}Model`),
        `${prefix}Model-CreateModel`,
        "BatchTransform",
      ]);
      assert.deepEqual(names(condition.ElseSteps), ["AucTooLow"]);
      assert.equal(
        definition.Parameters.find((parameter) => parameter.Name === "AucThreshold").DefaultValue,
        0.7,
      );
    });

    it(`${example}: validate finds no problem, in the design or its scripts`, () => {
      const result = run("validate", `examples/${example}.pipeline.json`);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /9 steps, 0 error\(s\), 0 warning\(s\)/);
    });
  }

  it("locates a metric the evaluation script never writes on the evaluation's line and on the condition and message reading it", () => {
    const design = JSON.parse(
      readFileSync(join(root, "examples", "xgboost-gated.pipeline.json"), "utf8"),
    );
    const evaluate = design.steps.find((step) => step.id === "evaluate");
    evaluate.config.metrics = [{ name: "auc", jsonPath: "metrics.acu.value" }];
    const file = join(mkdtempSync(join(tmpdir(), "pd-gated-")), "typo.pipeline.json");
    writeFileSync(file, JSON.stringify(design));
    const result = run("validate", file);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const lines = result.stdout.split("\n").filter((line) => line.includes("PD545"));
    assert.equal(lines.length, 3, result.stdout);
    assert.match(
      lines[0],
      /:XGBoostEvaluation\.code\/model_evaluation\.py:\d+:\d+: PD545 metric "auc": "metrics\.acu\.value" is not a key path model_evaluation\.py writes into evaluation\.json: .* \[metrics\[0\]\.jsonPath\] \(did you mean metrics\.auc\.value\?\)$/,
    );
    assert.match(
      lines[1],
      /:CheckAuc\.conditions\[0\]\.left: PD545 metric XGBoostEvaluation\.auc: .* \(set XGBoostEvaluation's metric auc to metrics\.auc\.value\)$/,
    );
    assert.match(lines[2], /:AucTooLow\.errorMessage\[1\]: PD545 /);
    // Script findings never stop a compile.
    assert.equal(run("compile", file).status, 0);
  });

  it("imports the compiled gated definition back into the same steps, noting the code it cannot read", () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-gated-import-"));
    const definition = join(dir, "definition.json");
    assert.equal(
      run("compile", "examples/pytorch-gated.pipeline.json", "-o", definition).status,
      0,
    );
    const imported = join(dir, "imported.pipeline.json");
    const result = run("import", definition, "-o", imported);
    // Without the uploaded objects the repacked models' code cannot come back: noted, exit 1.
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /IfSteps\[0\]\(PyTorchRegisterModel-RepackModel-0\)/);
    const design = JSON.parse(readFileSync(imported, "utf8"));
    assert.deepEqual(
      design.steps.map((step) => step.type),
      [
        "DataLoad",
        "TabularPreprocessing",
        "PyTorchTraining",
        "PyTorchEvaluation",
        "Condition",
        "PyTorchRegisterModel",
        "PyTorchModel",
        "BatchTransform",
        "Fail",
      ],
    );
  });
});
