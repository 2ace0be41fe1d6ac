// The script checks on the corpus (tests/checks/corpus): every seeded defect found on its line,
// nothing else found; and the example designs, whose scripts must pass with no finding.
import { beforeAll, describe, expect, it } from "vitest";
import { STARTER_FILES, type StepTypeName } from "../../src/catalog";
import { checkScripts, type PythonParser } from "../../src/checks";
import { loadPythonParser } from "../../src/cli/pythonParser";
import type { Design } from "../../src/model";
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
      "PyTorchEvaluation",
      "PyTorchModel",
      "PyTorchRegisterModel",
      "PyTorchTraining",
      "TabularPreprocessing",
      "XGBoostEvaluation",
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

const EXAMPLES = ["pytorch-tabular", "xgboost-tabular", "pytorch-gated", "xgboost-gated"];

describe("the example designs", () => {
  for (const name of EXAMPLES) {
    it(`${name} has no script findings`, () => {
      expect(checkScripts(example(name), parser)).toEqual([]);
    });
  }

  // What the palette gives a new step must pass too: a pipeline built from starter scripts, with
  // the hyperparameters e2e/build.spec.ts sets, has no findings.
  for (const name of EXAMPLES) {
    it(`${name} rebuilt from the starter scripts has no script findings`, () => {
      const design = example(name);
      design.edges = design.edges.filter((edge) => edge.to.input !== "SIGNATURE");
      for (const step of design.steps) {
        const files = STARTER_FILES[step.type as StepTypeName];
        // Condition, Fail and Batch Transform run no code of the user's.
        if (Object.keys(files).length === 0) continue;
        step.config.code = { files: { ...files } };
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

describe("cross-step checks of the gated pipeline", () => {
  const stepOf = (design: Design, id: string) => {
    const step = design.steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`no step ${id}`);
    return step;
  };
  const evaluationScript = (design: Design) => {
    const code = stepOf(design, "evaluate").config.code as { files: Record<string, string> };
    return code.files["model_evaluation.py"] as string;
  };
  const lineOf = (source: string, text: string) =>
    source.split("\n").findIndex((line) => line.includes(text)) + 1;
  const found = (design: Design, code: string) =>
    checkScripts(design, parser)
      .filter((diagnostic) => diagnostic.code === code)
      .map(({ stepId, path, file, line, fix }) => ({ stepId, path, file, line, fix }));

  it("a metric's JSON path the report does not have: on the evaluation's field and script line, and on every condition and message reading it", () => {
    const design = example("pytorch-gated");
    const evaluate = stepOf(design, "evaluate");
    evaluate.config.metrics = [{ name: "auc", jsonPath: "metrics.acu.value" }];
    const fix = { message: "did you mean metrics.auc.value?" };
    expect(found(design, "PD545")).toEqual([
      {
        stepId: "evaluate",
        path: "metrics[0].jsonPath",
        file: "model_evaluation.py",
        line: lineOf(evaluationScript(design), '"auc": {"value": float('),
        fix,
      },
      {
        stepId: "check",
        path: "conditions[0].left",
        file: undefined,
        line: undefined,
        fix: { message: "set PyTorchEvaluation's metric auc to metrics.auc.value" },
      },
      {
        stepId: "fail",
        path: "errorMessage[1]",
        file: undefined,
        line: undefined,
        fix: { message: "set PyTorchEvaluation's metric auc to metrics.auc.value" },
      },
    ]);
  });

  it("a key the evaluation script misspells is flagged on its line, with the path it does write", () => {
    const design = example("xgboost-gated");
    const evaluate = stepOf(design, "evaluate");
    const source = evaluationScript(design).replace(
      '"auc": {"value": float(',
      '"roc_auc": {"value": float(',
    );
    evaluate.config.code = { files: { "model_evaluation.py": source } };
    const findings = checkScripts(design, parser).filter((d) => d.code === "PD545");
    expect(findings.map((d) => [d.stepId, d.path])).toEqual([
      ["evaluate", "metrics[0].jsonPath"],
      ["check", "conditions[0].left"],
      ["fail", "errorMessage[1]"],
    ]);
    expect(findings[0]).toMatchObject({
      line: lineOf(source, '"roc_auc": {"value": float('),
      column: source.split("\n")[lineOf(source, '"roc_auc"') - 1]!.indexOf("roc_auc") + 1,
      fix: { message: "did you mean metrics.roc_auc.value?" },
    });
    expect(findings[0]?.message).toContain('metrics has only "roc_auc", "average_precision"');
  });

  it("a metric path that stops at an object, or goes into a value, is flagged too", () => {
    const design = example("xgboost-gated");
    stepOf(design, "evaluate").config.metrics = [
      { name: "auc", jsonPath: "metrics.auc" },
      { name: "rows", jsonPath: "rows.value" },
    ];
    const findings = checkScripts(design, parser).filter((d) => d.stepId === "evaluate");
    expect(findings.map((d) => [d.code, d.path, d.fix?.message])).toEqual([
      ["PD545", "metrics[0].jsonPath", "did you mean metrics.auc.value?"],
      ["PD545", "metrics[1].jsonPath", "did you mean rows?"],
    ]);
  });

  it("a report the checks cannot follow is not judged", () => {
    const design = example("pytorch-gated");
    const source = evaluationScript(design).replace(
      'report = {"metrics": score(labels, probs), "rows": len(test_df)}',
      "report = build_report(labels, probs)",
    );
    stepOf(design, "evaluate").config.code = { files: { "model_evaluation.py": source } };
    stepOf(design, "evaluate").config.metrics = [{ name: "auc", jsonPath: "metrics.whatever" }];
    expect(found(design, "PD545")).toEqual([]);
  });

  it("a batch transform's input folder the preprocessing never writes", () => {
    const design = example("xgboost-gated");
    stepOf(design, "transform").config.inputFolder = "tset/";
    expect(found(design, "PD541")).toEqual([
      {
        stepId: "transform",
        path: "inputFolder",
        file: undefined,
        line: undefined,
        fix: { message: "did you mean test/?" },
      },
    ]);
  });

  it("XGBoost channels and the evaluation's split follow the preprocessing's job type", () => {
    const design = example("xgboost-gated");
    stepOf(design, "prep").config.jobType = "validation";
    stepOf(design, "load").config.jobType = "validation";
    const findings = checkScripts(design, parser).filter((d) => d.code.startsWith("PD54"));
    expect(findings.map((d) => [d.code, d.stepId, d.path])).toEqual([
      ["PD541", "evaluate", "code"],
      ["PD542", "evaluate", "code"],
      ["PD541", "train", "inputs.input_path"],
      ["PD541", "train", "inputs.input_path"],
      ["PD541", "transform", "inputFolder"],
    ]);
    expect(findings[1]?.message).toContain("never reads the validation/ split");
  });

  it("what a preprocessing script writes, when every name is known, is what the next steps may read", () => {
    const design = example("pytorch-gated");
    const prep = stepOf(design, "prep");
    const starter = STARTER_FILES.TabularPreprocessing["tabular_preprocessing.py"] as string;
    prep.config.code = {
      files: {
        "tabular_preprocessing.py": starter.replace(
          '("train", "validation", "test")',
          '("train", "validation", "holdout")',
        ),
      },
    };
    const findings = checkScripts(design, parser).filter((d) => d.code === "PD541");
    expect(findings.map((d) => [d.stepId, d.file, d.fix?.replacement])).toEqual([
      ["evaluate", "model_evaluation.py", undefined],
      ["transform", undefined, undefined],
    ]);
    expect(findings[0]?.message).toContain(
      "TabularPreprocessing-Training's script writes only holdout, train and validation",
    );
  });
});
