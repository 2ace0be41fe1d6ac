// validate runs the script checks (PD5xx) on inline code: located as file:line:column, in --json too.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "pipeline-designer.mjs");
const typo = join("tests", "cli", "fixtures", "script-typo.pipeline.json");
const run = (...args) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" });

describe("validate with script checks", () => {
  it("prints a channel-path typo on its line and column, with the fix, and exits 1", () => {
    const result = run("validate", typo);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /^tests\/cli\/fixtures\/script-typo\.pipeline\.json:PyTorchTraining\.code\/train\.py:17:71: PD502 \/opt\/ml\/input\/data\/dta: .* \(did you mean \/opt\/ml\/input\/data\/data\?\)$/m,
    );
    assert.match(result.stdout, /1 error\(s\), 0 warning\(s\)/);
  });

  it("gives the finding's code file, line, column and fix in --json, the design file as file", () => {
    const result = run("validate", typo, "--json");
    const report = JSON.parse(result.stdout);
    const [finding] = report.diagnostics;
    assert.equal(report.ok, false);
    assert.deepEqual(
      { ...finding, message: undefined },
      {
        code: "PD502",
        severity: "error",
        message: undefined,
        stepId: "train",
        path: "code",
        line: 17,
        column: 71,
        fix: { message: "did you mean /opt/ml/input/data/data?", replacement: "data" },
        stepName: "PyTorchTraining",
        file: typo,
        codeFile: "train.py",
      },
    );
  });

  it("finds nothing in the examples' scripts", () => {
    for (const example of ["pytorch-tabular", "xgboost-tabular"]) {
      const result = run("validate", `examples/${example}.pipeline.json`);
      assert.equal(result.status, 0, result.stdout);
      assert.doesNotMatch(result.stdout, /PD5\d\d/);
    }
  });
});
