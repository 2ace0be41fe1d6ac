// The script checks on the corpus (tests/checks/corpus): every seeded defect found on its line,
// nothing else found; and the example designs, whose scripts must pass with no finding.
import { beforeAll, describe, expect, it } from "vitest";
import { STARTER_FILES, type StepTypeName } from "../../src/catalog";
import { checkScripts, type PythonParser } from "../../src/checks";
import { loadPythonParser } from "../../src/cli/pythonParser";
import { corpusCase, corpusNames, example } from "../checks/corpus";

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

describe("script check corpus", () => {
  const names = corpusNames();
  it("has at least 20 scripts, good and broken, of every kind of step", () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    const cases = names.map(corpusCase);
    const types = new Set(
      cases.map((found) => found.design.steps.find((step) => step.id === found.stepId)?.type),
    );
    expect([...types].sort()).toEqual([
      "DataLoad",
      "PyTorchModel",
      "PyTorchTraining",
      "TabularPreprocessing",
      "XGBoostModel",
      "XGBoostTraining",
    ]);
    expect(cases.filter((found) => found.expected.length === 0).length).toBeGreaterThanOrEqual(6);
    expect(cases.filter((found) => found.expected.length > 0).length).toBeGreaterThanOrEqual(12);
  });

  for (const name of names) {
    it(name, () => {
      const found = corpusCase(name);
      const diagnostics = checkScripts(found.design, parser).filter(
        (diagnostic) => diagnostic.stepId === found.stepId,
      );
      const actual = diagnostics.map((d) => `${d.code}@${d.line ?? "file"}`).sort();
      const explain = diagnostics
        .map((d) => `${d.code}@${d.line ?? "file"} ${d.message}`)
        .join("\n");
      expect(actual, explain).toEqual(found.expected);
      for (const diagnostic of diagnostics) {
        expect(diagnostic.file).toBe(found.entryPoint);
        if (diagnostic.line !== undefined) expect(diagnostic.column).toBeGreaterThanOrEqual(1);
      }
    });
  }
});

describe("broken and half-typed scripts", () => {
  // Deterministic edits (a small LCG), as a user mid-typing leaves a file: the checks never throw,
  // and every finding stays located in a file of the step.
  it("never throw on truncated or mangled scripts", () => {
    let seed = 20261202;
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    for (const name of corpusNames()) {
      const found = corpusCase(name);
      const step = found.design.steps.find((candidate) => candidate.id === found.stepId)!;
      for (let round = 0; round < 4; round++) {
        const cut = next(found.source.length);
        const at = next(found.source.length);
        const mangled =
          round % 2 === 0
            ? found.source.slice(0, cut)
            : found.source.slice(0, at) + "([{\"'" + found.source.slice(at + next(20));
        step.config.code = { files: { [found.entryPoint]: mangled } };
        for (const diagnostic of checkScripts(found.design, parser))
          expect(diagnostic.file, `${name} round ${round}`).toBeDefined();
      }
    }
  }, 60_000);
});

describe("the example designs", () => {
  for (const name of ["pytorch-tabular", "xgboost-tabular"]) {
    it(`${name} has no script findings`, () => {
      expect(checkScripts(example(name), parser)).toEqual([]);
    });
  }

  // What the palette gives a new step must pass too: a pipeline built from starter scripts, with
  // the hyperparameters e2e/build.spec.ts sets, has no findings.
  for (const name of ["pytorch-tabular", "xgboost-tabular"]) {
    it(`${name} rebuilt from the starter scripts has no script findings`, () => {
      const design = example(name);
      design.edges = design.edges.filter((edge) => edge.to.input !== "SIGNATURE");
      for (const step of design.steps) {
        step.config.code = { files: { ...STARTER_FILES[step.type as StepTypeName] } };
        delete step.config.entryPoint;
      }
      expect(checkScripts(design, parser)).toEqual([]);
    });
  }

  it("skips steps whose code is an S3 URI", () => {
    const design = example("pytorch-tabular");
    const train = design.steps.find((step) => step.id === "train")!;
    train.config.code = { s3Uri: "s3://my-ml-bucket/code/sourcedir.tar.gz" };
    expect(checkScripts(design, parser).filter((d) => d.stepId === "train")).toEqual([]);
  });
});
