// `pipeline-designer import`: a definition file → a design file, as a user runs it.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { root, run } from "./run.mjs";

function compiledExample(dir, name) {
  const definition = join(dir, `${name}.definition.json`);
  const result = run("compile", `examples/${name}.pipeline.json`, "-o", definition);
  assert.equal(result.status, 0, result.stderr);
  return definition;
}

describe("import", () => {
  it("without the S3 objects: writes the design, lists each note located, exit 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-import-"));
    const definition = compiledExample(dir, "xgboost-tabular");
    const design = join(dir, "imported.pipeline.json");
    const result = run("import", definition, "-o", design);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `^${definition.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:Steps\\[2\\]\\(XGBoostTraining\\)\\.Arguments\\.HyperParameters\\.hyperparameters_s3_uri: the hyperparameters are in s3://my-ml-bucket/fraud-xgboost/hyperparameters/XGBoostTraining/hyperparameters\\.json, which could not be read`,
        "m",
      ),
    );
    assert.match(result.stderr, /: 4 step\(s\) imported into .+; \d+ note\(s\)\n$/);
    assert.equal(JSON.parse(readFileSync(design, "utf8")).format, "sagemaker-pipeline-design");
  });

  it("with --objects: reads the hyperparameters file and compiles back to the same definition, exit 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-import-"));
    const definition = compiledExample(dir, "xgboost-tabular");
    const original = JSON.parse(
      readFileSync(join(root, "examples", "xgboost-tabular.pipeline.json"), "utf8"),
    );
    const training = original.steps.find((step) => step.type === "XGBoostTraining");
    const objects = join(dir, "s3");
    const key = join(
      objects,
      "my-ml-bucket",
      "fraud-xgboost",
      "hyperparameters",
      "XGBoostTraining",
    );
    mkdirSync(key, { recursive: true });
    writeFileSync(
      join(key, "hyperparameters.json"),
      JSON.stringify(training.config.hyperparameters),
    );
    const design = join(dir, "imported.pipeline.json");
    const result = run("import", definition, "--objects", objects, "-o", design);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /it compiles back to this definition\n$/);
    const again = run("compile", design);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, readFileSync(definition, "utf8"));
  });

  it("prints the design on stdout without -o; --name names the pipeline", () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-import-"));
    const definition = compiledExample(dir, "pytorch-tabular");
    const result = run("import", definition, "--name", "renamed");
    assert.equal(JSON.parse(result.stdout).pipeline.name, "renamed");
  });

  it("refuses what is not a definition (exit 2) and bad usage (exit 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-import-"));
    const file = join(dir, "not.json");
    writeFileSync(file, JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A" }] }));
    const refused = run("import", file);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /not\.json:Steps\[0\]\.Type: a step needs a type\n/);
    assert.equal(run("import", join(dir, "missing.json")).status, 2);
    assert.match(run("import", file, "--bogus").stderr, /unknown option --bogus/);
    assert.match(run("import").stderr, /missing definition file/);
  });

  it("keeps record keys named __proto__, constructor and prototype, and takes such a name as the file (issue 14)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-import-"));
    const keys = ["__proto__", "constructor", "prototype"];
    const design = JSON.parse(
      readFileSync(join(root, "tests", "fixtures", "pytorch-reference.pipeline.json"), "utf8"),
    );
    const train = design.steps.find((step) => step.type === "PyTorchTraining");
    const entries = (record, prefix) =>
      Object.fromEntries([
        ...Object.entries(record),
        ...keys.map((key) => [key, `${prefix}-${key}`]),
      ]);
    train.config.hyperparameters = entries(train.config.hyperparameters, "hp");
    train.config.env = entries(train.config.env, "env");
    const file = join(dir, "keys.pipeline.json");
    writeFileSync(file, JSON.stringify(design));
    const definition = join(dir, "keys.definition.json");
    const compiled = run("compile", file, "-o", definition);
    assert.equal(compiled.status, 0, compiled.stderr);
    const arguments_ = JSON.parse(readFileSync(definition, "utf8")).Steps.find(
      (step) => step.Name === train.name,
    ).Arguments;
    const imported = join(dir, "imported.pipeline.json");
    // Without the S3 objects the inline code cannot be read back (notes, exit 1); the rest can.
    assert.equal(run("import", definition, "-o", imported).status, 1);
    const step = JSON.parse(readFileSync(imported, "utf8")).steps.find(
      (candidate) => candidate.type === "PyTorchTraining",
    );
    for (const key of keys) {
      assert.ok(Object.hasOwn(arguments_.HyperParameters, key), key);
      assert.equal(arguments_.Environment[key], `env-${key}`);
      assert.ok(Object.hasOwn(step.config.hyperparameters, key), key);
      assert.equal(step.config.hyperparameters[key], `hp-${key}`);
      assert.equal(step.config.env[key], `env-${key}`);
      const named = run("import", key);
      assert.equal(named.status, 2);
      assert.match(named.stderr, new RegExp(`^${key}: cannot read: no such file\n`));
    }
  });
});
