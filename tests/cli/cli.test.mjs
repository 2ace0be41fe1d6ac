// The CLI as a user runs it: real processes, real files, exit codes and messages.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "pipeline-designer.mjs");
const fixture = (name) => join("tests", "cli", "fixtures", name);

function run(...args) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });
  assert.doesNotMatch(result.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace reaches the user");
  return result;
}

const definitionOf = (file) => {
  const result = run("compile", file);
  assert.equal(result.status, 0, result.stderr);
  return { text: result.stdout, definition: JSON.parse(result.stdout) };
};
const stepNamed = (definition, name) => definition.Steps.find((step) => step.Name === name);

describe("compile", () => {
  it("feeds the PyTorch data channel from the preprocessing output by property reference", () => {
    const { definition } = definitionOf("examples/pytorch-tabular.pipeline.json");
    const training = stepNamed(definition, "PyTorchTraining");
    assert.deepEqual(
      training.Arguments.InputDataConfig.map((channel) => channel.ChannelName),
      ["data"],
    );
    assert.deepEqual(training.Arguments.InputDataConfig[0].DataSource.S3DataSource.S3Uri, {
      Get: "Steps.TabularPreprocessing-Training.ProcessingOutputConfig.Outputs['processed_data'].S3Output.S3Uri",
    });
    assert.deepEqual(training.Arguments.ResourceConfig.InstanceType, {
      Get: "Parameters.TrainInstanceType",
    });
    assert.equal(definition.Version, "2020-12-01");
    assert.deepEqual(
      definition.Steps.map((step) => step.Name),
      [
        "DataLoad-Training",
        "TabularPreprocessing-Training",
        "PyTorchTraining",
        "PyTorchModel-RepackModel-0",
        "PyTorchModel-CreateModel",
      ],
    );
  });

  it("gives XGBoost train, validation, test and config channels", () => {
    const { definition } = definitionOf("examples/xgboost-tabular.pipeline.json");
    const training = stepNamed(definition, "XGBoostTraining");
    assert.deepEqual(
      training.Arguments.InputDataConfig.map((channel) => channel.ChannelName),
      ["train", "validation", "test", "config"],
    );
    assert.equal(
      training.Arguments.InputDataConfig[3].DataSource.S3DataSource.S3Uri,
      "s3://my-ml-bucket/fraud-xgboost/hyperparameters/XGBoostTraining/",
    );
    assert.equal(
      training.Arguments.HyperParameters.hyperparameters_s3_uri,
      '"s3://my-ml-bucket/fraud-xgboost/hyperparameters/XGBoostTraining/hyperparameters.json"',
    );
  });

  it("gives identical bytes twice, and -o writes the same bytes as stdout", () => {
    const first = definitionOf("examples/pytorch-tabular.pipeline.json").text;
    const second = definitionOf("examples/pytorch-tabular.pipeline.json").text;
    assert.equal(first, second);
    const out = join(mkdtempSync(join(tmpdir(), "pd-")), "definition.json");
    const result = run("compile", "examples/pytorch-tabular.pipeline.json", "-o", out);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(out, "utf8"), first);
    assert.match(result.stderr, /wrote .*definition\.json/);
  });

  it("refuses a design with errors with exit 1 and prints nothing on stdout", () => {
    const result = run("compile", fixture("cycle.pipeline.json"));
    assert.equal(result.status, 1);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /PD205 the steps form a cycle: DataLoad-Training → .* → DataLoad-Training/,
    );
  });
});

describe("validate", () => {
  it("reports a clean example with exit 0", () => {
    const result = run("validate", "examples/xgboost-tabular.pipeline.json");
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /4 steps, 0 error\(s\), 0 warning\(s\)/);
  });

  const located = [
    [
      "unknown-step-type.pipeline.json",
      /unknown-step-type\.pipeline\.json:TabularPreprocessing-Training\.type: PD101 unknown step type "TabularPreprocesing"; did you mean "TabularPreprocessing"\?/,
    ],
    [
      "missing-entry-point.pipeline.json",
      /:PyTorchTraining\.entryPoint: PD104 entry point "training\.py" is not among the inline files; the files are train\.py/,
    ],
    [
      "dangling-edge.pipeline.json",
      /dangling-edge\.pipeline\.json:edges\[3\]\.from\.step: PD001 no step with id "ghost"/,
    ],
    [
      "cycle.pipeline.json",
      /cycle\.pipeline\.json:DataLoad-Training: PD205 the steps form a cycle/,
    ],
    [
      "unfed-input.pipeline.json",
      /:PyTorchTraining\.inputs\.input_path: PD201 required input input_path/,
    ],
  ];
  for (const [file, pattern] of located) {
    it(`locates the problem in ${file} and exits 1`, () => {
      const result = run("validate", fixture(file));
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(result.stdout, pattern);
    });
  }

  it("prints machine-readable diagnostics with --json", () => {
    const result = run("validate", fixture("missing-entry-point.pipeline.json"), "--json");
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout);
    assert.equal(report.ok, false);
    // The fixture's stub scripts also get script-check warnings (PD5xx, tests/cli/scriptChecks.test.mjs).
    const designFindings = report.diagnostics.filter(({ code }) => !code.startsWith("PD5"));
    assert.deepEqual(
      designFindings.map(({ code, stepName, path, severity }) => ({
        code,
        stepName,
        path,
        severity,
      })),
      [{ code: "PD104", stepName: "PyTorchTraining", path: "entryPoint", severity: "error" }],
    );
  });
});

describe("unusable input and usage", () => {
  const unusable = [
    [
      ["validate", fixture("bad-json.pipeline.json")],
      /not valid JSON: value expected at line 4, column 13/,
    ],
    [
      ["compile", fixture("not-a-design.json")],
      /not a pipeline design: "format" must be "sagemaker-pipeline-design"/,
    ],
    [
      ["compile", fixture("version-too-new.pipeline.json")],
      /version 99; this app reads up to version 1/,
    ],
    [["validate", "does/not/exist.pipeline.json"], /cannot read: no such file/],
    [["compile"], /missing design file/],
    [["frobnicate", "x.json"], /unknown command "frobnicate"/],
    [["validate", "a.json", "b.json"], /expected exactly one design file/],
    [
      ["compile", "examples/pytorch-tabular.pipeline.json", "--json"],
      /--json is an option of validate/,
    ],
    [["compile", "examples/pytorch-tabular.pipeline.json", "-o"], /-o needs a file name/],
    [
      ["validate", "examples/pytorch-tabular.pipeline.json", "--verbose"],
      /unknown option --verbose/,
    ],
  ];
  for (const [args, pattern] of unusable) {
    it(`exits 2 for: ${args.join(" ")}`, () => {
      const result = run(...args);
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.match(result.stderr, pattern);
    });
  }

  it("prints usage with --help", () => {
    const result = run("--help");
    assert.equal(result.status, 0);
    assert.match(result.stdout, /pipeline-designer compile <design\.pipeline\.json>/);
  });

  it("runs through npx from the project", () => {
    const result = spawnSync(
      "npx",
      ["--no-install", "pipeline-designer", "validate", "examples/pytorch-tabular.pipeline.json"],
      { cwd: root, encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /0 error\(s\)/);
  });
});
