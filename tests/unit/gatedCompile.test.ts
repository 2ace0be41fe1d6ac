// The gated step types in the compiler: branch nesting and order, the renderings the golden
// files do not pin one by one, and every located diagnostic of docs/gated-steps.md (PD7xx, the
// source-kind PD203, job retry policies on model steps) and of the service limits for the new
// kinds (PD311, PD312, PD314, PD310).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, validate, type PipelineDefinition } from "../../src/compiler";
import { loadDesignText, type Design, type Step } from "../../src/model";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const FIXTURES = {
  xgboost: read("tests/fixtures/gated-xgboost.pipeline.json"),
  pytorch: read("tests/fixtures/gated-pytorch.pipeline.json"),
  nested: read("tests/fixtures/sdk/nested_conditions.pipeline.json"),
};

function design(fixture: keyof typeof FIXTURES, mutate: (draft: Design) => void = () => {}) {
  const loaded = loadDesignText(FIXTURES[fixture]);
  if (loaded.kind !== "ok") throw new Error(`${fixture} does not load`);
  const draft = structuredClone(loaded.design);
  mutate(draft);
  return draft;
}

const stepOf = (draft: Design, id: string) => draft.steps.find((step) => step.id === id) as Step;
const configOf = (draft: Design, id: string) => stepOf(draft, id).config;

function compiled(draft: Design): PipelineDefinition {
  const result = compile(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.definition;
}

type Rendered = PipelineDefinition["Steps"][number];
const names = (steps: Rendered[]) => steps.map((step) => step.Name);
const find = (steps: Rendered[], name: string) =>
  steps.find((step) => step.Name === name) as Rendered;
const branches = (step: Rendered) => ({
  ifSteps: step.Arguments.IfSteps as Rendered[],
  elseSteps: step.Arguments.ElseSteps as Rendered[],
});

/** The design's diagnostics as `{ code, stepId, path }`, with the messages apart. */
const problems = (draft: Design) => validate(draft);
const located = (draft: Design) =>
  problems(draft).map(({ code, stepId, path }) => ({ code, stepId, path }));

describe("branches: members are rendered inside their condition, in dependency order", () => {
  it("the XGBoost gate: register, model and transform under IfSteps, the fail step under ElseSteps", () => {
    const definition = compiled(design("xgboost"));
    expect(names(definition.Steps)).toEqual([
      "DataLoad-Training",
      "TabularPreprocessing-Training",
      "XGBoostTraining",
      "Evaluate",
      "CheckAuc",
    ]);
    const { ifSteps, elseSteps } = branches(find(definition.Steps, "CheckAuc"));
    expect(names(ifSteps)).toEqual([
      "RegisterXGBoost-RegisterModel",
      "XGBoostModel-CreateModel",
      "BatchTransform",
    ]);
    expect(names(elseSteps)).toEqual(["AucTooLow"]);
  });

  it("a model step's repack step goes into the branch with it", () => {
    const { ifSteps, elseSteps } = branches(
      find(compiled(design("pytorch")).Steps, "CheckQualityTooLow"),
    );
    expect(names(ifSteps)).toEqual(["QualityTooLow"]);
    expect(names(elseSteps)).toEqual([
      "RegisterPyTorch-RepackModel-0",
      "RegisterPyTorch-RegisterModel",
      "PyTorchModel-RepackModel-0",
      "PyTorchModel-CreateModel",
      "BatchTransform",
    ]);
  });

  it("a condition comes after the steps its operands read, wherever it is in the file", () => {
    const draft = design("xgboost", (d) => {
      const check = stepOf(d, "check");
      d.steps = [check, ...d.steps.filter((step) => step !== check)];
    });
    expect(names(compiled(draft).Steps).at(-1)).toBe("CheckAuc");
  });

  it("inside a branch: dependency order, ties in file order", () => {
    const draft = design("xgboost", (d) => {
      const transform = stepOf(d, "transform");
      d.steps = [transform, ...d.steps.filter((step) => step !== transform)];
    });
    const { ifSteps } = branches(find(compiled(draft).Steps, "CheckAuc"));
    expect(names(ifSteps)).toEqual([
      "RegisterXGBoost-RegisterModel",
      "XGBoostModel-CreateModel",
      "BatchTransform",
    ]);
  });

  it("nested conditions, in both branches, and an empty ElseSteps", () => {
    const [outer] = compiled(design("nested")).Steps as [Rendered];
    const { ifSteps, elseSteps } = branches(outer);
    expect(names(ifSteps)).toEqual(["CheckRetries"]);
    expect(names(elseSteps)).toEqual(["CheckStrict"]);
    expect(names(branches(ifSteps[0] as Rendered).ifSteps)).toEqual(["Quiet"]);
    expect(names(branches(ifSteps[0] as Rendered).elseSteps)).toEqual(["TooManyRetries"]);
    expect(branches(elseSteps[0] as Rendered)).toEqual({
      ifSteps: [expect.objectContaining({ Name: "UnknownMode" })],
      elseSteps: [],
    });
  });

  it("no implicit DependsOn for what operands read (the SDK renders none); explicit ones name the condition", () => {
    const draft = design("xgboost", (d) => {
      d.steps.push({
        id: "after",
        type: "XGBoostModel",
        name: "AfterGate",
        position: { x: 0, y: 0 },
        config: { dependsOn: ["check"] },
      });
      d.edges.push({
        from: { step: "train", output: "model_output" },
        to: { step: "after", input: "model_data" },
      });
    });
    const definition = compiled(draft);
    expect(find(definition.Steps, "CheckAuc").DependsOn).toBeUndefined();
    expect(find(definition.Steps, "AfterGate-CreateModel").DependsOn).toEqual(["CheckAuc"]);
  });
});

describe("renderings", () => {
  const failMessage = (errorMessage: unknown[]) => {
    const definition = compiled(
      design("xgboost", (d) => (configOf(d, "fail").errorMessage = errorMessage)),
    );
    const { elseSteps } = branches(find(definition.Steps, "CheckAuc"));
    return (elseSteps[0] as Rendered).Arguments.ErrorMessage;
  };

  it("a fail message: none is the SDK's default, one string itself, anything else a Join on ''", () => {
    expect(failMessage([])).toBe("");
    expect(failMessage(["AUC too low"])).toBe("AUC too low");
    expect(failMessage([{ parameter: "AucThreshold" }])).toEqual({
      "Std:Join": { On: "", Values: [{ Get: "Parameters.AucThreshold" }] },
    });
    expect(failMessage(["a", "b", { literal: 0.5 }, { literal: true }])).toEqual({
      "Std:Join": { On: "", Values: ["a", "b", 0.5, true] },
    });
  });

  it("a property operand reads the SageMaker step that carries it (-CreateModel, -RegisterModel)", () => {
    const draft = design("xgboost", (d) => {
      d.steps.push({
        id: "late",
        type: "Condition",
        name: "CheckModels",
        position: { x: 0, y: 0 },
        config: {
          conditions: [
            {
              type: "Equals",
              left: { property: { step: "model", path: "ModelName" } },
              right: { property: { step: "register", path: "ModelApprovalStatus" } },
            },
          ],
        },
      });
    });
    // CheckModels reads steps of CheckAuc's branch, so it is downstream of them: at the top level.
    const late = find(compiled(draft).Steps, "CheckModels");
    expect(late.Arguments.Conditions).toEqual([
      {
        Type: "Equals",
        LeftValue: { Get: "Steps.XGBoostModel-CreateModel.ModelName" },
        RightValue: { Get: "Steps.RegisterXGBoost-RegisterModel.ModelApprovalStatus" },
      },
    ]);
  });

  it("retry policies: the SDK's key order, on every step of a model step, cache only where cacheable", () => {
    const definition = compiled(design("xgboost"));
    const evaluate = find(definition.Steps, "Evaluate");
    expect(Object.keys(evaluate)).toEqual([
      "Name",
      "Type",
      "Arguments",
      "RetryPolicies",
      "CacheConfig",
      "PropertyFiles",
    ]);
    expect(evaluate.RetryPolicies).toEqual([
      {
        BackoffRate: 2,
        IntervalSeconds: 1,
        MaxAttempts: 2,
        ExceptionType: ["Step.SERVICE_FAULT", "Step.THROTTLING"],
      },
    ]);
    expect(Object.keys(find(definition.Steps, "XGBoostTraining").RetryPolicies![0]!)).toEqual([
      "BackoffRate",
      "IntervalSeconds",
      "ExpireAfterMin",
      "ExceptionType",
    ]);
    const { ifSteps } = branches(find(definition.Steps, "CheckAuc"));
    expect(find(ifSteps, "BatchTransform").CacheConfig).toEqual({
      Enabled: true,
      ExpireAfter: "P7D",
    });
    expect(find(ifSteps, "RegisterXGBoost-RegisterModel").CacheConfig).toBeUndefined();
    expect(find(definition.Steps, "CheckAuc").CacheConfig).toBeUndefined();

    const pytorch = compiled(design("pytorch"));
    const { elseSteps } = branches(find(pytorch.Steps, "CheckQualityTooLow"));
    const policy = [
      { BackoffRate: 2, IntervalSeconds: 1, MaxAttempts: 3, ExceptionType: ["Step.SERVICE_FAULT"] },
    ];
    expect(find(elseSteps, "RegisterPyTorch-RepackModel-0").RetryPolicies).toEqual(policy);
    expect(find(elseSteps, "RegisterPyTorch-RegisterModel").RetryPolicies).toEqual(policy);
  });

  it("a register step without an evaluation link or metadata: no ModelMetrics, no CustomerMetadataProperties", () => {
    const draft = design("xgboost", (d) => {
      d.edges = d.edges.filter((edge) => edge.to.input !== "evaluation");
      configOf(d, "register").customerMetadata = {};
    });
    const { ifSteps } = branches(find(compiled(draft).Steps, "CheckAuc"));
    expect(Object.keys(find(ifSteps, "RegisterXGBoost-RegisterModel").Arguments)).toEqual([
      "ModelPackageGroupName",
      "InferenceSpecification",
      "ModelApprovalStatus",
      "SkipModelValidation",
    ]);
  });

  it("the register container: the image for the first inference type, Framework, PyTorch's FrameworkVersion", () => {
    const container = (
      definition: PipelineDefinition,
      name: string,
      branch: "ifSteps" | "elseSteps",
    ) => {
      const condition = definition.Steps.at(-1) as Rendered;
      const step = find(branches(condition)[branch], name);
      return (step.Arguments.InferenceSpecification as { Containers: Record<string, unknown>[] })
        .Containers[0]!;
    };
    const xgb = container(compiled(design("xgboost")), "RegisterXGBoost-RegisterModel", "ifSteps");
    expect(xgb.Framework).toBe("XGBOOST");
    expect(xgb).not.toHaveProperty("FrameworkVersion");
    const pt = container(compiled(design("pytorch")), "RegisterPyTorch-RegisterModel", "elseSteps");
    expect(pt).toMatchObject({
      Image: "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1.0-gpu-py310",
      Framework: "PYTORCH",
      FrameworkVersion: "2.1.0",
      ModelDataUrl: { Get: "Steps.RegisterPyTorch-RepackModel-0.ModelArtifacts.S3ModelArtifacts" },
    });
  });

  it("a transform: the data prefix itself for an empty input folder, the default output path", () => {
    const draft = design("xgboost", (d) => {
      configOf(d, "transform").inputFolder = "";
      delete configOf(d, "transform").retryPolicies;
    });
    const { ifSteps } = branches(find(compiled(draft).Steps, "CheckAuc"));
    const args = find(ifSteps, "BatchTransform").Arguments as Record<
      string,
      Record<string, unknown>
    >;
    expect(args.TransformInput!.DataSource).toEqual({
      S3DataSource: {
        S3DataType: "S3Prefix",
        S3Uri: {
          Get: "Steps.TabularPreprocessing-Training.ProcessingOutputConfig.Outputs['processed_data'].S3Output.S3Uri",
        },
      },
    });
    expect(args.TransformOutput).toEqual({
      S3OutputPath: "s3://my-ml-bucket/gated-xgboost/batch_transform",
    });
  });

  it("an evaluation step: the framework's training image and --job_type testing", () => {
    const evaluate = find(compiled(design("pytorch")).Steps, "PyTorchEvaluation");
    expect(evaluate.Arguments.AppSpecification).toEqual({
      // The instance type is a parameter: its default decides CPU (as the SDK does).
      ImageUri: "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-training:2.1.0-cpu-py310",
      ContainerArguments: ["--job_type", "testing"],
      ContainerEntrypoint: ["/bin/bash", "/opt/ml/processing/input/entrypoint/runproc.sh"],
    });
    expect(evaluate.PropertyFiles).toEqual([
      {
        PropertyFileName: "QualityReport",
        OutputName: "evaluation",
        FilePath: "reports/evaluation.json",
      },
    ]);
  });
});

describe("condition and operand diagnostics", () => {
  const condition = (mutate: (conditions: unknown[]) => unknown[]) =>
    design("xgboost", (d) => {
      const config = configOf(d, "check");
      config.conditions = mutate(config.conditions as unknown[]);
    });

  it("PD720 a condition step with no conditions", () => {
    expect(located(condition(() => []))).toEqual([
      { code: "PD720", stepId: "check", path: "conditions" },
    ]);
  });

  it("PD721 an unknown metric, with the nearest name", () => {
    const draft = condition(([first, ...rest]) => [
      { ...(first as object), left: { metric: { step: "evaluate", name: "aucc" } } },
      ...rest,
    ]);
    const found = problems(draft);
    expect(found).toEqual([
      expect.objectContaining({ code: "PD721", stepId: "check", path: "conditions[0].left" }),
    ]);
    expect(found[0]!.message).toBe('"Evaluate" has no report metric "aucc"; did you mean "auc"?');
  });

  it("PD721 a metric of a step that is not an evaluation, a missing step, a bad property path, a Fail's property", () => {
    const draft = condition(() => [
      {
        type: "Equals",
        left: { metric: { step: "train", name: "auc" } },
        right: { metric: { step: "ghost", name: "auc" } },
      },
      {
        type: "In",
        value: { property: { step: "train", path: "Model Artifacts" } },
        values: [{ property: { step: "stop", path: "Name" } }],
      },
    ]);
    draft.steps.push({
      id: "stop",
      type: "Fail",
      name: "Stop",
      position: { x: 0, y: 0 },
      config: { errorMessage: ["stopped"] },
    });
    const found = problems(draft);
    expect(found.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "PD721", path: "conditions[0].left" },
      { code: "PD721", path: "conditions[0].right" },
      { code: "PD721", path: "conditions[1].value" },
      { code: "PD721", path: "conditions[1].values[0]" },
    ]);
    expect(found.map((problem) => problem.message)).toEqual([
      '"XGBoostTraining" is a XGBoost Training step; metrics come from an evaluation step\'s report',
      'no step with id "ghost" in this design',
      '"Model Artifacts" is not a property path (e.g. TrainingJobStatus, ModelArtifacts.S3ModelArtifacts)',
      '"Stop" is a Fail step, which has no properties',
    ]);
  });

  it("PD110 an operand naming an undeclared parameter", () => {
    const draft = condition(([first]) => [
      { ...(first as object), right: { parameter: "Threshold" } },
    ]);
    expect(located(draft)).toEqual([
      { code: "PD110", stepId: "check", path: "conditions[0].right" },
    ]);
  });

  it("PD722 ordering a string or boolean literal or a String/Boolean parameter, nested too; Equals/In may", () => {
    const draft = design("xgboost", (d) => {
      d.pipeline.parameters.push({ name: "Flag", type: "Boolean", default: true });
      configOf(d, "check").conditions = [
        { type: "GreaterThan", left: { literal: "0.7" }, right: { literal: 0.7 } },
        {
          type: "Not",
          condition: {
            type: "Or",
            conditions: [
              { type: "LessThan", left: { parameter: "Flag" }, right: { literal: true } },
              {
                type: "LessThanOrEqualTo",
                left: { parameter: "ModelApprovalStatus" },
                right: { literal: 1 },
              },
              { type: "Equals", left: { literal: "a" }, right: { parameter: "Flag" } },
            ],
          },
        },
      ];
    });
    expect(located(draft)).toEqual([
      { code: "PD722", stepId: "check", path: "conditions[0].left" },
      { code: "PD722", stepId: "check", path: "conditions[1].condition.conditions[0].left" },
      { code: "PD722", stepId: "check", path: "conditions[1].condition.conditions[0].right" },
      { code: "PD722", stepId: "check", path: "conditions[1].condition.conditions[1].left" },
    ]);
    expect(problems(draft)[0]!.message).toBe(
      'GreaterThan orders numbers; the string "0.7" cannot be ordered — compare it with Equals or In',
    );
  });

  it("PD723 a fail step reading a step that runs after it, or itself", () => {
    const draft = design("xgboost", (d) => {
      d.steps.push({
        id: "late",
        type: "XGBoostModel",
        name: "Late",
        position: { x: 0, y: 0 },
        config: { dependsOn: ["fail"] },
      });
      d.edges.push({
        from: { step: "train", output: "model_output" },
        to: { step: "late", input: "model_data" },
      });
      configOf(d, "fail").errorMessage = [
        { property: { step: "late", path: "ModelName" } },
        { property: { step: "fail", path: "Name" } },
      ];
    });
    const found = problems(draft);
    expect(found.map(({ code, stepId, path }) => ({ code, stepId, path }))).toEqual([
      { code: "PD723", stepId: "fail", path: "errorMessage[0]" },
      { code: "PD723", stepId: "fail", path: "errorMessage[1]" },
    ]);
    expect(found[0]!.message).toBe(
      '"Late" runs after "AucTooLow" (it is downstream of it), so "AucTooLow" cannot read it: that is a cycle',
    );
    expect(compile(draft).ok).toBe(false);
  });

  it("a condition reading a member of its own branch: the cycle is said once, on the branch link", () => {
    const draft = condition(() => [
      {
        type: "Equals",
        left: { property: { step: "register", path: "ModelApprovalStatus" } },
        right: { literal: "Approved" },
      },
    ]);
    expect(located(draft)).toEqual([{ code: "PD712", stepId: "register", path: "inputs.branch" }]);
  });

  it("PD721 an unknown metric in a fail message", () => {
    const draft = design("xgboost", (d) => {
      configOf(d, "fail").errorMessage = [{ metric: { step: "evaluate", name: "recall" } }];
    });
    const found = problems(draft);
    expect(found).toEqual([
      expect.objectContaining({ code: "PD721", stepId: "fail", path: "errorMessage[0]" }),
    ]);
    expect(found[0]!.message).toBe(
      '"Evaluate" has no report metric "recall"; its metrics are auc, f1',
    );
  });
});

describe("branch diagnostics", () => {
  const link = (from: string, output: string, to: string, input: string) => ({
    from: { step: from, output },
    to: { step: to, input },
  });

  it("PD710 branch links that do not join a condition's branch port to a branch input", () => {
    const draft = design("xgboost", (d) => {
      d.edges.push(link("train", "if_true", "model", "branch"));
      d.edges.push(link("check", "if_false", "transform", "input_data"));
      d.edges.push(link("evaluate", "evaluation", "fail", "branch"));
    });
    const found = problems(draft).filter((problem) => problem.code === "PD710");
    expect(found.map(({ stepId, path, message }) => ({ stepId, path, message }))).toEqual([
      {
        stepId: "model",
        path: "inputs.branch",
        message:
          'only a Condition step has "if_true" links; "XGBoostTraining" is a XGBoost Training step',
      },
      {
        stepId: "transform",
        path: "inputs.input_data",
        message: "a branch link goes to a step's branch input, not to its input input_data",
      },
      {
        stepId: "fail",
        path: "inputs.branch",
        message:
          'the branch input takes a Condition\'s "if_true" or "if_false" link, not Evaluate\'s output evaluation',
      },
    ]);
  });

  it("PD711 a step in both branches of one condition, on its branch link", () => {
    const draft = design("xgboost", (d) =>
      d.edges.push(link("check", "if_false", "model", "branch")),
    );
    const found = problems(draft).filter((problem) => problem.code === "PD711");
    // The model and, through its link, the transform it feeds.
    expect(found.map(({ stepId, path }) => ({ stepId, path }))).toEqual([
      { stepId: "model", path: "inputs.branch" },
      { stepId: "transform", path: "inputs.model_name" },
    ]);
    expect(found[0]!.message).toBe(
      '"XGBoostModel" is reached from both branches of "CheckAuc"; a step runs in one branch only — link it from one branch, or give each branch its own step',
    );
    expect(compile(draft).ok).toBe(false);
  });

  it("PD711 a step reached from both branches through dependsOn", () => {
    const draft = design("xgboost", (d) => {
      d.steps.push({
        id: "both",
        type: "XGBoostModel",
        name: "Both",
        position: { x: 0, y: 0 },
        config: { dependsOn: ["register", "fail"] },
      });
      d.edges.push(link("train", "model_output", "both", "model_data"));
    });
    expect(located(draft)).toEqual([{ code: "PD711", stepId: "both", path: "dependsOn" }]);
  });

  it("PD712 a branch link to the condition itself or to a step upstream of it; not PD205 again", () => {
    const draft = design("xgboost", (d) => {
      d.edges.push(link("check", "if_true", "evaluate", "branch"));
      d.edges.push(link("check", "if_false", "check", "branch"));
    });
    const found = problems(draft).filter((problem) => ["PD712", "PD205"].includes(problem.code));
    expect(found.map(({ code, stepId, path }) => ({ code, stepId, path }))).toEqual([
      { code: "PD712", stepId: "evaluate", path: "inputs.branch" },
      { code: "PD712", stepId: "check", path: "inputs.branch" },
    ]);
    expect(found[0]!.message).toBe(
      '"Evaluate" runs before "CheckAuc" (the condition reads it or waits for it), so it cannot run in its \'if true\' branch: that is a cycle',
    );
  });
});

describe("what a step's rendering needs from its sources", () => {
  it("PD203 model metrics from a step that is not an evaluation; a transform of a model package", () => {
    const draft = design("xgboost", (d) => {
      d.edges = d.edges.filter(
        (edge) => edge.to.input !== "evaluation" && edge.to.input !== "model_name",
      );
      d.edges.push({
        from: { step: "prep", output: "processed_data" },
        to: { step: "register", input: "evaluation" },
      });
      d.edges.push({
        from: { step: "register", output: "model_package_arn" },
        to: { step: "transform", input: "model_name" },
      });
    });
    const found = problems(draft).filter((problem) => problem.code === "PD203");
    expect(found.map(({ stepId, path, message }) => ({ stepId, path, message }))).toContainEqual({
      stepId: "register",
      path: "inputs.evaluation",
      message:
        'evaluation takes an evaluation step\'s report; "TabularPreprocessing-Training" is a Tabular Preprocessing step',
    });
    expect(found.map(({ stepId, path }) => ({ stepId, path }))).toContainEqual({
      stepId: "transform",
      path: "inputs.model_name",
    });
  });

  it("PD102 a job retry policy on a register or create model step (the SDK refuses it)", () => {
    const draft = design("xgboost", (d) => {
      configOf(d, "register").retryPolicies = [
        { kind: "step", exceptionTypes: ["Step.THROTTLING"], maxAttempts: 2 },
        { kind: "job", exceptionTypes: ["SageMaker.CAPACITY_ERROR"], maxAttempts: 2 },
      ];
      configOf(d, "model").retryPolicies = [
        { kind: "job", exceptionTypes: ["SageMaker.RESOURCE_LIMIT"], expireAfterMinutes: 5 },
      ];
    });
    expect(located(draft)).toEqual([
      { code: "PD102", stepId: "register", path: "retryPolicies[1].kind" },
      { code: "PD102", stepId: "model", path: "retryPolicies[0].kind" },
    ]);
  });
});

describe("service limits of the new kinds", () => {
  it("PD311 register and transform instance types against their own lists", () => {
    const draft = design("xgboost", (d) => {
      configOf(d, "register").inferenceInstanceTypes = ["ml.m5.large", "ml.m5.huge"];
      configOf(d, "register").transformInstanceTypes = ["ml.g5.xlarge", "ml.x9.large"];
      configOf(d, "transform").instanceType = "ml.m5.huge";
    });
    const found = problems(draft);
    expect(found.map(({ code, stepId, path }) => ({ code, stepId, path }))).toEqual([
      { code: "PD311", stepId: "register", path: "inferenceInstanceTypes[1]" },
      { code: "PD311", stepId: "register", path: "transformInstanceTypes[1]" },
      { code: "PD311", stepId: "transform", path: "instanceType" },
    ]);
    expect(found[2]!.message).toMatch(
      /^ml\.m5\.huge is not an instance type SageMaker offers for transform jobs; ml\.m5 comes as /,
    );
  });

  it("PD108 no inference image for the register step's first inference instance type, located there", () => {
    const draft = design("pytorch", (d) => {
      configOf(d, "register").inferenceInstanceTypes = ["ml.inf2.xlarge"];
    });
    expect(located(draft)).toEqual([
      { code: "PD108", stepId: "register", path: "inferenceInstanceTypes[0]" },
    ]);
  });

  it("PD312 a transform's instance count over 100 (100 pass)", () => {
    const withCount = (count: number) =>
      design("xgboost", (d) => (configOf(d, "transform").instanceCount = count));
    expect(problems(withCount(100))).toEqual([]);
    expect(problems(withCount(101))).toEqual([
      expect.objectContaining({
        code: "PD312",
        stepId: "transform",
        path: "instanceCount",
        message:
          "instance count 101 is out of bounds: SageMaker accepts 1–100 for transform jobs — choose a value in that range",
      }),
    ]);
  });

  it("PD314 customer metadata: 50 entries pass, 51 do not; refused characters; a response type that is no MIME type", () => {
    const withMetadata = (count: number) =>
      design("xgboost", (d) => {
        configOf(d, "register").customerMetadata = Object.fromEntries(
          Array.from({ length: count }, (_, index) => [`key${index}`, "v"]),
        );
      });
    expect(problems(withMetadata(50))).toEqual([]);
    expect(located(withMetadata(51))).toEqual([
      { code: "PD314", stepId: "register", path: "customerMetadata" },
    ]);
    const draft = design("xgboost", (d) => {
      configOf(d, "register").customerMetadata = { "team*": "fraud", owner: "x".repeat(257) };
      configOf(d, "register").responseTypes = ["csv"];
    });
    expect(located(draft)).toEqual([
      { code: "PD314", stepId: "register", path: "customerMetadata.team*" },
      { code: "PD314", stepId: "register", path: "customerMetadata.owner" },
      { code: "PD314", stepId: "register", path: "responseTypes[0]" },
    ]);
  });

  it("PD310 a registered container takes 16 environment variables (the 4 script-mode ones count)", () => {
    const withEnv = (count: number) =>
      design("xgboost", (d) => {
        configOf(d, "register").env = Object.fromEntries(
          Array.from({ length: count }, (_, index) => [`VAR_${index}`, "1"]),
        );
      });
    expect(problems(withEnv(12))).toEqual([]);
    expect(located(withEnv(13))).toEqual([{ code: "PD310", stepId: "register", path: "env" }]);
  });
});

describe("the compiler casts no step config", () => {
  // ResolvedStep is a union discriminated by type: renderers and checks narrow, never cast.
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? entry.name === "import"
          ? []
          : files(join(dir, entry.name))
        : entry.name.endsWith(".ts")
          ? [join(dir, entry.name)]
          : [],
    );
  for (const file of files("src/compiler")) {
    it(file, () => {
      const text = read(file);
      expect(text).not.toMatch(/\bconfig\)? as\b/);
      expect(text).not.toMatch(/\bas [A-Za-z]*Config\b/);
    });
  }
});
