// The comparison's own parts: what the normalisations (README.md's table) hide and — as much —
// what they do not, without Python; then oracle.py's mapping of the gated steps, rendered by the
// SDK (one Python process). Run by `npm run test:oracle` (node:test, through tsx).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { packSourceDir, type Upload } from "../../src/compiler";
import { compareCase, diffDefinitions } from "./compareCase";
import { diffJson } from "./diff";
import {
  describeBytes,
  normaliseDefinition,
  ourObjects,
  REPACK_SOURCE_DIR_TOKEN,
} from "./normalise";
import { runOracle, type OracleResult } from "./runOracle";

const archive = (files: Record<string, string>) =>
  describeBytes("x/sourcedir.tar.gz", packSourceDir(files));

describe("row 1/2: uploaded objects are compared by content", () => {
  const ours = "s3://b/p/code/Step/aaaa/sourcedir.tar.gz";
  const sdk = "s3://b/pipe/code/bbbb/sourcedir.tar.gz";
  const step = (uri: string) => ({
    Steps: [{ Name: "S", Arguments: { Code: uri, Hp: `"${uri}"` } }],
  });

  it("the same files under different keys are equal", () => {
    const a = normaliseDefinition(step(ours), new Map([[ours, archive({ "a.py": "1" })]]));
    const b = normaliseDefinition(step(sdk), new Map([[sdk, archive({ "a.py": "1" })]]));
    assert.deepEqual(diffJson(a, b), []);
  });

  it("different bytes, a missing file or an unknown URI still differ", () => {
    const a = normaliseDefinition(step(ours), new Map([[ours, archive({ "a.py": "1" })]]));
    for (const other of [archive({ "a.py": "2" }), archive({ "a.py": "1", "b.py": "" })]) {
      const b = normaliseDefinition(step(sdk), new Map([[sdk, other]]));
      assert.ok(diffJson(a, b).length > 0);
    }
    assert.ok(diffJson(a, normaliseDefinition(step(sdk), new Map())).length > 0);
  });

  it("reads a last member that ends exactly at the end of a 10 KiB tar record", () => {
    const files = { "a.txt": "x".repeat(8080), "b.sh": "y".repeat(363), "inference.py": "" };
    assert.deepEqual(Object.keys((archive(files) as { files: object }).files), [
      "a.txt",
      "b.sh",
      "inference.py",
    ]);
  });

  it("describes files named __proto__, constructor or prototype like any other", () => {
    const files = Object.fromEntries(
      ["a.py", "__proto__", "constructor", "prototype"].map((name) => [name, name]),
    );
    const described = (archive(files) as { files: Record<string, string> }).files;
    assert.deepEqual(Object.keys(described), ["__proto__", "a.py", "constructor", "prototype"]);
    assert.equal(Object.getPrototypeOf(described), Object.prototype);
  });

  it("leaves our XGBoost hyperparameters file alone (the SDK uploads none)", () => {
    const upload = (kind: Upload["kind"]): Upload => ({
      stepId: "s",
      kind,
      uri: `s3://b/${kind}`,
      bytes: new Uint8Array(),
      contentType: "",
      hash: "",
    });
    assert.deepEqual(
      [...ourObjects([upload("hyperparameters"), upload("entrypoint")]).keys()],
      ["s3://b/entrypoint"],
    );
  });
});

describe("row 3: the repack step's source_dir", () => {
  const repack = (value: string, name = "M-RepackModel-0") => ({
    Steps: [
      { Name: name, Type: "Training", Arguments: { HyperParameters: { source_dir: value } } },
    ],
  });
  const sourceDir = (definition: unknown) =>
    (definition as ReturnType<typeof repack>).Steps[0]?.Arguments.HyperParameters.source_dir;

  it("any non-empty JSON string is the same instruction", () => {
    assert.equal(
      sourceDir(normaliseDefinition(repack('"/tmp/x/src"'), new Map())),
      REPACK_SOURCE_DIR_TOKEN,
    );
  });

  it("null, an empty string and other steps are compared as they are", () => {
    assert.equal(sourceDir(normaliseDefinition(repack("null"), new Map())), "null");
    assert.equal(sourceDir(normaliseDefinition(repack('""'), new Map())), '""');
    assert.equal(sourceDir(normaliseDefinition(repack('"/x"', "Train"), new Map())), '"/x"');
  });
});

describe("the diff", () => {
  it("reports key order, missing keys, types and list lengths with both values", () => {
    assert.deepEqual(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 }), [
      { path: "(root)", ours: ["a", "b"], sdk: ["b", "a"], kind: "key order" },
    ]);
    const missing = diffJson({ a: { "x-y": 1 } }, { a: {} })[0];
    assert.equal(missing?.path, 'a["x-y"]');
    assert.equal(missing?.kind, "missing in SDK's");
    assert.equal(diffJson([1], [1, 2])[0]?.kind, "length");
    assert.equal(diffJson({ a: "1" }, { a: 1 })[0]?.kind, "type");
  });

  it("reports a key named __proto__ or constructor missing on one side as missing", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const entry = JSON.parse(`{"${key}": "x"}`) as Record<string, unknown>;
      assert.deepEqual(diffJson(entry, {}), [
        { path: key, ours: "x", sdk: "(absent)", kind: "missing in SDK's" },
      ]);
      assert.deepEqual(diffJson({}, entry), [
        { path: key, ours: "(absent)", sdk: "x", kind: "missing in ours" },
      ]);
      assert.deepEqual(diffJson(entry, JSON.parse(JSON.stringify(entry))), []);
    }
  });

  it("a case is equal only when nothing but the table's rows differ", () => {
    const compiled = {
      ok: true as const,
      definition: {} as never,
      json: JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Arguments: { X: 1 } }] }),
      uploads: [],
      warnings: [],
    };
    const sdk = (x: number) => ({
      ok: true as const,
      definition: JSON.stringify({
        Version: "2020-12-01",
        Steps: [{ Name: "A", Arguments: { X: x } }],
      }),
      objects: {},
    });
    assert.deepEqual(compareCase({}, compiled, sdk(1)), { equal: true });
    const outcome = compareCase({}, compiled, sdk(2));
    assert.equal(outcome.equal, false);
    assert.deepEqual(!outcome.equal && outcome.labels, ["? Steps[*].Arguments.X (value)"]);
  });
});

describe("branch steps (Condition IfSteps / ElseSteps)", () => {
  const repack = (source: string) => ({
    Name: "R-RepackModel-0",
    Type: "Training",
    Arguments: { HyperParameters: { source_dir: source } },
  });
  const condition = (
    ifSteps: unknown[],
    elseSteps: unknown[] = [],
    conditions: unknown[] = [],
  ) => ({
    Steps: [
      {
        Name: "C",
        Type: "Condition",
        Arguments: { Conditions: conditions, IfSteps: ifSteps, ElseSteps: elseSteps },
      },
    ],
  });
  const ifSteps = (definition: unknown) =>
    (definition as { Steps: { Arguments: { IfSteps: ReturnType<typeof repack>[] } }[] }).Steps[0]
      ?.Arguments.IfSteps ?? [];

  it("row 3 applies to a repack step inside a branch, nested conditions included", () => {
    const nested = condition([condition([repack('"/tmp/x"')]).Steps[0]]);
    const normalised = normaliseDefinition(nested, new Map());
    const inner = ifSteps(normalised)[0] as unknown as { Arguments: { IfSteps: unknown[] } };
    assert.deepEqual(inner.Arguments.IfSteps, [repack(REPACK_SOURCE_DIR_TOKEN)]);
    assert.deepEqual(ifSteps(normaliseDefinition(condition([repack("null")]), new Map())), [
      repack("null"),
    ]);
  });

  it("rows 1/2 apply to uploads named inside branch steps", () => {
    const uri = "s3://b/sagemaker-xgboost-2026-01-01-00-00-00-000/sourcedir.tar.gz";
    const ours = "s3://b/p/code/R/abc/sourcedir.tar.gz";
    const step = (at: string) =>
      condition([{ Name: "R-RegisterModel", Type: "RegisterModel", Arguments: { Dir: at } }]);
    const a = normaliseDefinition(step(ours), new Map([[ours, archive({ "i.py": "1" })]]));
    const b = normaliseDefinition(step(uri), new Map([[uri, archive({ "i.py": "1" })]]));
    assert.deepEqual(diffDefinitions(a, b), []);
    const c = normaliseDefinition(step(uri), new Map([[uri, archive({ "i.py": "2" })]]));
    assert.equal(diffDefinitions(a, c).length, 1);
  });

  it("matches branch steps by name and reports order, values and missing steps there", () => {
    const step = (name: string, x = 1) => ({ Name: name, Type: "Fail", Arguments: { X: x } });
    assert.deepEqual(
      diffDefinitions(condition([step("A"), step("B")]), condition([step("A"), step("B")])),
      [],
    );
    const order = diffDefinitions(
      condition([step("A"), step("B")]),
      condition([step("B"), step("A")]),
    );
    assert.deepEqual(order, [
      {
        path: 'Steps["C"].Arguments.IfSteps[*].Name',
        ours: ["A", "B"],
        sdk: ["B", "A"],
        kind: "value",
      },
    ]);
    const value = diffDefinitions(condition([], [step("F", 1)]), condition([], [step("F", 2)]));
    assert.deepEqual(
      value.map((d) => [d.path, d.kind]),
      [['Steps["C"].Arguments.ElseSteps["F"].Arguments.X', "value"]],
    );
    // A step in the other branch is a name difference in both lists.
    const moved = diffDefinitions(condition([step("F")]), condition([], [step("F")]));
    assert.equal(moved.length, 2);
  });

  it("still compares the condition's own arguments and key order", () => {
    const a = condition([], [], [{ Type: "Equals", LeftValue: 1, RightValue: 2 }]);
    const b = condition([], [], [{ Type: "Equals", LeftValue: 1, RightValue: 3 }]);
    assert.deepEqual(
      diffDefinitions(a, b).map((d) => d.path),
      ['Steps["C"].Arguments.Conditions[0].RightValue'],
    );
    const reordered = {
      Steps: [
        { Name: "C", Type: "Condition", Arguments: { IfSteps: [], Conditions: [], ElseSteps: [] } },
      ],
    };
    assert.deepEqual(
      diffDefinitions(condition([]), reordered).map((d) => d.kind),
      ["key order"],
    );
  });
});

// -- oracle.py's mapping of the gated steps, rendered by the SDK itself --------------------------

type DesignStep = { id: string; type: string; name: string; config: Record<string, unknown> };
type Link = [from: string, output: string, to: string, input: string];
type Rendered = Record<string, unknown> & { Name: string; Type: string };

const inline = (entry: string) => ({ files: { [entry]: "print('hi')\n" } });
const HYPERPARAMETERS = {
  id_name: "id",
  label_name: "y",
  full_field_list: ["id", "y"],
  tab_field_list: [],
  cat_field_list: [],
};

/** A gated XGBoost design: load → prep → train → evaluate → condition (if/else) + `extra`. */
function gatedDesign(
  name: string,
  extra: DesignStep[],
  links: Link[],
  parameters: unknown[] = [],
): unknown {
  const steps: DesignStep[] = [
    { id: "load", type: "DataLoad", name: "Load", config: { code: inline("data_loading.py") } },
    {
      id: "prep",
      type: "TabularPreprocessing",
      name: "Prep",
      config: { labelName: "y", code: inline("tabular_preprocessing.py") },
    },
    {
      id: "train",
      type: "XGBoostTraining",
      name: "Train",
      config: {
        code: inline("xgboost_training.py"),
        hyperparameters: { ...HYPERPARAMETERS, num_round: 3, max_depth: 2 },
      },
    },
    {
      id: "eval",
      type: "XGBoostEvaluation",
      name: "Evaluate",
      config: { code: inline("model_evaluation.py") },
    },
    ...extra,
  ];
  const base: Link[] = [
    ["load", "DATA", "prep", "DATA"],
    ["prep", "processed_data", "train", "input_path"],
    ["train", "model_output", "eval", "model_input"],
    ["prep", "processed_data", "eval", "processed_data"],
  ];
  return {
    format: "sagemaker-pipeline-design",
    version: 1,
    pipeline: {
      name,
      region: "us-east-1",
      roleArn: "arn:aws:iam::123456789012:role/SageMakerExecutionRole",
      bucket: "my-ml-bucket",
      s3Prefix: name,
      parameters,
      cache: { enabled: false, expireAfter: "P30D" },
      tags: {},
    },
    steps: steps.map((step, index) => ({ ...step, position: { x: index * 300, y: 0 } })),
    edges: [...base, ...links].map(([from, output, to, input]) => ({
      from: { step: from, output },
      to: { step: to, input },
    })),
  };
}

const auc = { metric: { step: "eval", name: "auc" } };
const check = (id: string, name: string, conditions: unknown[]): DesignStep => ({
  id,
  type: "Condition",
  name,
  config: { conditions },
});
const failStep = (id: string, errorMessage: unknown[]): DesignStep => ({
  id,
  type: "Fail",
  name: id,
  config: { errorMessage },
});
const registerStep = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  name: id,
  config: { modelPackageGroupName: "grp", ...config },
});

const MAPPING_DESIGNS: Record<string, unknown> = {
  // The condition comes first in the file but reads the evaluation's report: it is listed after.
  gate: gatedDesign(
    "gate",
    [
      check("cond", "Check", [
        { type: "GreaterThanOrEqualTo", left: auc, right: { parameter: "Threshold" } },
        {
          type: "Or",
          conditions: [
            {
              type: "Not",
              condition: {
                type: "Equals",
                left: {
                  property: { step: "train", path: "FinalMetricDataList['Train Loss'].Value" },
                },
                right: { literal: 1 },
              },
            },
            { type: "In", value: { literal: "a" }, values: [{ literal: "a" }, { literal: true }] },
          ],
        },
      ]),
      registerStep("reg", "XGBoostRegisterModel", {
        code: inline("inference.py"),
        retryPolicies: [
          { kind: "step", exceptionTypes: ["Step.THROTTLING"], maxAttempts: 3, backoffRate: 1.5 },
        ],
      }),
      { id: "model", type: "XGBoostModel", name: "Model", config: {} },
      {
        id: "transform",
        type: "BatchTransform",
        name: "Transform",
        config: {
          retryPolicies: [
            {
              kind: "job",
              exceptionTypes: ["SageMaker.CAPACITY_ERROR", "SageMaker.RESOURCE_LIMIT"],
              expireAfterMinutes: 30,
            },
          ],
        },
      },
      { id: "whole", type: "BatchTransform", name: "Whole", config: { inputFolder: "" } },
      failStep("fail", ["AUC ", auc, " is below ", { parameter: "Threshold" }]),
    ].sort((a, b) => (a.id === "cond" ? -1 : b.id === "cond" ? 1 : 0)),
    [
      ["train", "model_output", "reg", "model_data"],
      ["eval", "evaluation", "reg", "evaluation"],
      ["train", "model_output", "model", "model_data"],
      ["model", "model_name", "transform", "model_name"],
      ["prep", "processed_data", "transform", "input_data"],
      ["model", "model_name", "whole", "model_name"],
      ["load", "DATA", "whole", "input_data"],
      ["cond", "if_true", "reg", "branch"],
      ["cond", "if_true", "model", "branch"],
      ["cond", "if_false", "fail", "branch"],
    ],
    [{ name: "Threshold", type: "Float", default: 0.7 }],
  ),
  // A condition inside another's if branch keeps its own branches; a PyTorch register with
  // inline code brings its repack step along.
  nested: gatedDesign(
    "nested",
    [
      check("outer", "Outer", [{ type: "GreaterThan", left: auc, right: { literal: 0.5 } }]),
      check("inner", "Inner", [{ type: "LessThan", left: auc, right: { literal: 0.9 } }]),
      {
        id: "ptrain",
        type: "PyTorchTraining",
        name: "PTrain",
        config: { code: inline("train.py"), hyperparameters: HYPERPARAMETERS },
      },
      registerStep("preg", "PyTorchRegisterModel", { code: inline("inference.py") }),
      failStep("plain", ["just text"]),
      failStep("empty", []),
    ],
    [
      ["prep", "processed_data", "ptrain", "input_path"],
      ["ptrain", "model_output", "preg", "model_data"],
      ["outer", "if_true", "inner", "branch"],
      ["inner", "if_true", "preg", "branch"],
      ["inner", "if_false", "plain", "branch"],
      ["outer", "if_false", "empty", "branch"],
    ],
  ),
  // One step reached from both branches of a condition: no SDK program can put it in both.
  conflict: gatedDesign(
    "conflict",
    [
      check("cond", "Check", [{ type: "Equals", left: { literal: 1 }, right: { literal: 1 } }]),
      { id: "model", type: "XGBoostModel", name: "Model", config: {} },
      { id: "other", type: "XGBoostModel", name: "Other", config: {} },
      { id: "transform", type: "BatchTransform", name: "Transform", config: {} },
    ],
    [
      ["train", "model_output", "model", "model_data"],
      ["train", "model_output", "other", "model_data"],
      ["model", "model_name", "transform", "model_name"],
      ["prep", "processed_data", "transform", "input_data"],
      ["cond", "if_true", "model", "branch"],
      ["cond", "if_false", "transform", "branch"],
    ],
  ),
};

describe("oracle.py's gated-step mapping (rendered by the SDK)", () => {
  let rendered: Map<string, OracleResult>;
  const steps = (name: string): Rendered[] => {
    const answer = rendered.get(name);
    assert.ok(answer?.ok, answer && !answer.ok ? answer.error : `no answer for ${name}`);
    return (JSON.parse(answer.definition) as { Steps: Rendered[] }).Steps;
  };
  const args = (step: Rendered | undefined) => step?.Arguments as Record<string, unknown>;
  const names = (list: unknown) => (list as Rendered[]).map((step) => step.Name);
  const byName = (list: Rendered[], name: string) => list.find((step) => step.Name === name);

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "oracle-mapping-"));
    const files = Object.entries(MAPPING_DESIGNS).map(([name, design]) => {
      const file = join(dir, `${name}.pipeline.json`);
      writeFileSync(file, JSON.stringify(design));
      return [name, file] as const;
    });
    const answers = await runOracle(
      files.map(([, file]) => file),
      1,
    );
    rendered = new Map(files.map(([name, file]) => [name, answers.get(file) as OracleResult]));
  });

  it("lists top-level steps in dependency order, operands included, branch steps only inside", () => {
    assert.deepEqual(names(steps("gate")), ["Load", "Prep", "Train", "Evaluate", "Check"]);
    const check = args(byName(steps("gate"), "Check"));
    // The transform of the branch's model follows it into the branch through its data link;
    // Whole reads a top-level output and still belongs there.
    assert.deepEqual(names(check.IfSteps), [
      "reg-RegisterModel",
      "Model-CreateModel",
      "Transform",
      "Whole",
    ]);
    assert.deepEqual(names(check.ElseSteps), ["fail"]);
  });

  it("renders operands: JsonGet of the report, parameters, property paths, literals", () => {
    const [gte, or] = args(byName(steps("gate"), "Check")).Conditions as Record<string, unknown>[];
    assert.deepEqual(gte, {
      Type: "GreaterThanOrEqualTo",
      LeftValue: {
        "Std:JsonGet": {
          PropertyFile: { Get: "Steps.Evaluate.PropertyFiles.EvaluationReport" },
          Path: "metrics.auc.value",
        },
      },
      RightValue: { Get: "Parameters.Threshold" },
    });
    assert.deepEqual(or, {
      Type: "Or",
      Conditions: [
        {
          Type: "Not",
          Condition: {
            Type: "Equals",
            LeftValue: { Get: "Steps.Train.FinalMetricDataList['Train Loss'].Value" },
            RightValue: 1,
          },
        },
        { Type: "In", QueryValue: "a", Values: ["a", true] },
      ],
    });
  });

  it("keeps a nested condition's steps in its own branches", () => {
    const outer = args(byName(steps("nested"), "Outer"));
    assert.deepEqual(names(outer.IfSteps), ["Inner"]);
    assert.deepEqual(names(outer.ElseSteps), ["empty"]);
    const inner = args((outer.IfSteps as Rendered[])[0]);
    assert.deepEqual(names(inner.IfSteps), ["preg-RepackModel-0", "preg-RegisterModel"]);
    assert.deepEqual(names(inner.ElseSteps), ["plain"]);
    assert.ok(!names(steps("nested")).includes("preg-RegisterModel"));
  });

  it("renders fail messages: one string as is, none as an empty string, parts joined on ''", () => {
    const outer = args(byName(steps("nested"), "Outer"));
    const inner = args((outer.IfSteps as Rendered[])[0]);
    assert.deepEqual(args((inner.ElseSteps as Rendered[])[0]), { ErrorMessage: "just text" });
    assert.deepEqual(args((outer.ElseSteps as Rendered[])[0]), { ErrorMessage: "" });
    const check = args(byName(steps("gate"), "Check"));
    assert.deepEqual(args((check.ElseSteps as Rendered[])[0]), {
      ErrorMessage: {
        "Std:Join": {
          On: "",
          Values: ["AUC ", gte(check).LeftValue, " is below ", { Get: "Parameters.Threshold" }],
        },
      },
    });
  });

  it("registers with the report as model metrics; retry policies keep their exception types", () => {
    const check = args(byName(steps("gate"), "Check"));
    const register = byName(check.IfSteps as Rendered[], "reg-RegisterModel");
    assert.deepEqual((args(register).ModelMetrics as Record<string, unknown>).ModelQuality, {
      Statistics: {
        ContentType: "application/json",
        S3Uri: {
          "Std:Join": {
            On: "/",
            Values: [
              { Get: "Steps.Evaluate.ProcessingOutputConfig.Outputs['evaluation'].S3Output.S3Uri" },
              "evaluation.json",
            ],
          },
        },
      },
    });
    // `StepExceptionTypeEnum("Step.THROTTLING")` would be SERVICE_FAULT (the enum's default).
    assert.deepEqual(register?.RetryPolicies, [
      { BackoffRate: 1.5, IntervalSeconds: 1, MaxAttempts: 3, ExceptionType: ["Step.THROTTLING"] },
    ]);
    const transform = byName(check.IfSteps as Rendered[], "Transform");
    assert.deepEqual(transform?.RetryPolicies, [
      {
        BackoffRate: 2,
        IntervalSeconds: 1,
        ExpireAfterMin: 30,
        ExceptionType: ["SageMaker.CAPACITY_ERROR", "SageMaker.RESOURCE_LIMIT"],
      },
    ]);
  });

  it("transforms the linked output joined with the input folder, or the output itself", () => {
    const check = args(byName(steps("gate"), "Check"));
    const input = (name: string) =>
      (
        (args(byName(check.IfSteps as Rendered[], name)).TransformInput as Record<string, unknown>)
          .DataSource as { S3DataSource: { S3Uri: unknown } }
      ).S3DataSource.S3Uri;
    assert.deepEqual(input("Transform"), {
      "Std:Join": {
        On: "/",
        Values: [
          { Get: "Steps.Prep.ProcessingOutputConfig.Outputs['processed_data'].S3Output.S3Uri" },
          "test/",
        ],
      },
    });
    assert.deepEqual(input("Whole"), {
      Get: "Steps.Load.ProcessingOutputConfig.Outputs['DATA'].S3Output.S3Uri",
    });
  });

  it("refuses a step reached from both branches of one condition", () => {
    const answer = rendered.get("conflict");
    assert.equal(answer?.ok, false);
    assert.match(answer && !answer.ok ? answer.error : "", /branches that do not nest/);
  });
});

const gte = (check: Record<string, unknown>) =>
  (check.Conditions as Record<string, unknown>[])[0] as { LeftValue: unknown };
