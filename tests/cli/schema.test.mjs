// `validate` also checks the compiled definition against the official SageMaker pipeline
// definition schema (src/compiler/schema/), after every design check. A PD401 means a design
// check is missing: the schema's cap on a String parameter's DefaultValue (4096 characters) used
// to reach it, and is now a design check (PD304, src/compiler/limits.ts) that runs first. How
// PD401s are located is tested in tests/unit/schema.test.ts on definitions broken by hand.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { root, run } from "./run.mjs";

/** V8's switch for what a CSP without 'unsafe-eval' refuses: eval, new Function, string timers. */
const NO_EVAL = "--disallow-code-generation-from-strings";

/** The PyTorch example plus a String parameter whose default is one character too long. */
function designBreakingTheSchema() {
  const design = JSON.parse(
    readFileSync(join(root, "examples", "pytorch-tabular.pipeline.json"), "utf8"),
  );
  design.pipeline.parameters.push({ name: "RunNote", type: "String", default: "x".repeat(4097) });
  const file = join(mkdtempSync(join(tmpdir(), "pd-schema-")), "long-default.pipeline.json");
  writeFileSync(file, JSON.stringify(design, null, 2));
  return { file, index: design.pipeline.parameters.length - 1 };
}

describe("validate runs the definition schema check", () => {
  it("refuses what the schema would refuse before compiling, located, with exit code 1", () => {
    const { file, index } = designBreakingTheSchema();
    assert.equal(run("compile", file).status, 1, "the design does not compile");
    const result = run("validate", file);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const first = result.stdout.split("\n")[0];
    assert.ok(first.startsWith(`${file}:pipeline.parameters[${index}].default: PD304 `), first);
    assert.match(first, /4097-character default; SageMaker accepts at most 4096/);
    assert.doesNotMatch(result.stdout, /PD401/);
    assert.match(result.stdout, /: 4 steps, 1 error\(s\), 0 warning\(s\)\n$/);
  });

  it("lists it in --json output", () => {
    const { file, index } = designBreakingTheSchema();
    const result = run("validate", file, "--json");
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout);
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.diagnostics.map(({ code, path }) => ({ code, path })),
      [{ code: "PD304", path: `pipeline.parameters[${index}].default` }],
    );
  });

  it("passes both examples", () => {
    for (const example of ["pytorch-tabular", "xgboost-tabular"]) {
      const result = run("validate", `examples/${example}.pipeline.json`);
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.doesNotMatch(result.stdout, /PD401/);
    }
  });
});

describe("the schema check needs no eval (the browser's CSP refuses it)", () => {
  it("validate passes both examples with code generation from strings disallowed", () => {
    for (const example of ["pytorch-tabular", "xgboost-tabular"]) {
      const result = spawnSync(
        process.execPath,
        [
          NO_EVAL,
          join(root, "bin", "pipeline-designer.mjs"),
          "validate",
          `examples/${example}.pipeline.json`,
        ],
        { cwd: root, encoding: "utf8" },
      );
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /: 4 steps, 0 error\(s\), 0 warning\(s\)\n$/);
    }
  });

  it("reports a definition that breaks the schema as a located PD401, still without eval", () => {
    // The definition is broken by hand (no design reaches PD401, see above): a step name the
    // schema's pattern refuses.
    const script = `
      import { readFileSync } from "node:fs";
      import { compile } from "./src/compiler/index.ts";
      import { schemaDiagnostics } from "./src/compiler/schema/index.ts";
      import { loadDesignText } from "./src/model/index.ts";
      let refused = false;
      try { new Function("return 1"); } catch (error) { refused = error instanceof EvalError; }
      const loaded = loadDesignText(readFileSync("examples/pytorch-tabular.pipeline.json", "utf8"));
      const compiled = compile(loaded.design);
      compiled.definition.Steps[2].Name = "PyTorch Training!";
      console.log(JSON.stringify({ refused, diagnostics: schemaDiagnostics(loaded.design, compiled.definition) }));
    `;
    const result = spawnSync(
      process.execPath,
      [NO_EVAL, "--import", "tsx", "--input-type=module", "--eval", script],
      { cwd: root, encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    const { refused, diagnostics } = JSON.parse(result.stdout);
    assert.equal(refused, true, "new Function is refused in that process");
    assert.deepEqual(
      diagnostics.map(({ code, message }) => ({ code, message })),
      [
        {
          code: "PD401",
          message:
            'the compiled definition breaks the SageMaker pipeline definition schema at Steps[2](PyTorch Training!).Name: must match pattern "^[A-Za-z0-9\\-_]{1,64}$"',
        },
      ],
    );
  });
});
