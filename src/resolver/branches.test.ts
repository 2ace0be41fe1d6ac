import { describe, expect, it } from "vitest";
import type { StepTypeName } from "../catalog";
import type { Edge, Step } from "../model";
import { testDesign } from "../../tests/support/designs";
import { candidatesFor, checkLink, cycleThrough, operandSteps, type LinkCheck } from "./index";

function step(id: string, type: StepTypeName, name: string, config = {}): Step {
  return { id, type, name, position: { x: 0, y: 0 }, config };
}
const link = (from: string, output: string, to: string, input: string): Edge => ({
  from: { step: from, output },
  to: { step: to, input },
});
function refusal(check: LinkCheck) {
  if (check.allowed) throw new Error("expected a refusal");
  return check;
}

/** The gated XGBoost pipeline, without its branch links. */
const steps = [
  step("load", "DataLoad", "Load"),
  step("prep", "TabularPreprocessing", "Prep"),
  step("train", "XGBoostTraining", "Train"),
  step("evaluate", "XGBoostEvaluation", "Evaluate"),
  step("gate", "Condition", "Gate", {
    conditions: [
      {
        type: "GreaterThanOrEqualTo",
        left: { metric: { step: "evaluate", name: "auc" } },
        right: { literal: 0.7 },
      },
    ],
  }),
  step("register", "XGBoostRegisterModel", "Register"),
  step("model", "XGBoostModel", "Model"),
  step("transform", "BatchTransform", "Transform"),
  step("fail", "Fail", "Fail", { errorMessage: ["AUC too low"] }),
];
const dataEdges = [
  link("load", "DATA", "prep", "DATA"),
  link("prep", "processed_data", "train", "input_path"),
  link("train", "model_output", "evaluate", "model_input"),
  link("prep", "processed_data", "evaluate", "processed_data"),
  link("train", "model_output", "register", "model_data"),
  link("train", "model_output", "model", "model_data"),
  link("model", "model_name", "transform", "model_name"),
  link("prep", "processed_data", "transform", "input_data"),
];
const base = testDesign(steps, dataEdges);

describe("branch links", () => {
  it("allows a condition's branch to a step's branch input, explained", () => {
    const check = checkLink(base, link("gate", "if_true", "register", "branch"));
    expect(check).toMatchObject({ allowed: true });
    if (check.allowed)
      expect(check.explanation).toBe('Register runs in the "if true" branch of Gate');
    expect(checkLink(base, link("gate", "if_false", "fail", "branch")).allowed).toBe(true);
  });

  it("refuses a branch port to a data input and a data output to a branch input", () => {
    expect(
      refusal(checkLink(base, link("gate", "if_true", "register", "model_data"))),
    ).toMatchObject({ gate: "branch", message: expect.stringContaining("not a branch input") });
    expect(
      refusal(checkLink(base, link("train", "model_output", "register", "branch"))),
    ).toMatchObject({ gate: "branch", message: expect.stringContaining("not a branch") });
  });

  it("refuses branch ports on a step that is not a condition", () => {
    expect(refusal(checkLink(base, link("train", "if_true", "fail", "branch"))).gate).toBe(
      "unknownPort",
    );
  });

  it("refuses a condition in its own branch", () => {
    expect(refusal(checkLink(base, link("gate", "if_true", "gate", "branch"))).gate).toBe(
      "selfLink",
    );
  });

  it("refuses a step upstream of the condition (through the metric it reads) as a cycle", () => {
    const check = refusal(checkLink(base, link("gate", "if_true", "evaluate", "branch")));
    expect(check.gate).toBe("cycle");
    expect(check.message).toBe(
      "would create a cycle: Evaluate → Gate → Evaluate (Evaluate already runs before Gate)",
    );
    expect(refusal(checkLink(base, link("gate", "if_false", "train", "branch"))).message).toContain(
      "Train → Evaluate → Gate → Train",
    );
  });

  it("refuses a step already in a branch, naming it", () => {
    const inTrue = testDesign(steps, [...dataEdges, link("gate", "if_true", "register", "branch")]);
    const check = refusal(checkLink(inTrue, link("gate", "if_false", "register", "branch")));
    expect(check.gate).toBe("alreadyFed");
    expect(check.message).toBe(
      'already in a branch: Register runs in the "if true" branch of Gate; remove that branch link first',
    );
  });

  it("refuses a link that would put a step in both branches of one condition", () => {
    const inTrue = testDesign(steps, [...dataEdges, link("gate", "if_true", "model", "branch")]);
    // Transform follows Model, which is in "if true": it cannot also be in "if false".
    const check = refusal(checkLink(inTrue, link("gate", "if_false", "transform", "branch")));
    expect(check.gate).toBe("branchConflict");
    expect(check.message).toContain(
      'in both branches: Transform would run in both "if true" and "if false" of Gate',
    );
    // The same branch is fine.
    expect(checkLink(inTrue, link("gate", "if_true", "transform", "branch")).allowed).toBe(true);
  });

  it("leaves the design-wide gates to a caller that skips them", () => {
    expect(
      checkLink(base, link("gate", "if_true", "evaluate", "branch"), {
        skip: ["cycle", "alreadyFed", "branchConflict"],
      }).allowed,
    ).toBe(true);
  });

  it("offers a step the conditions' branches that may take it", () => {
    const inTrue = testDesign(steps, [...dataEdges, link("gate", "if_true", "model", "branch")]);
    const offered = (id: string) =>
      candidatesFor(inTrue, id, "branch").map((candidate) => candidate.edge.from.output);
    expect(offered("fail")).toEqual(["if_true", "if_false"]);
    expect(offered("transform")).toEqual(["if_true"]);
    expect(offered("evaluate")).toEqual([]);
    // Data inputs are never offered a branch port.
    expect(candidatesFor(inTrue, "register", "model_data").map((c) => c.edge.from.step)).toEqual([
      "train",
    ]);
  });
});

describe("operands order steps", () => {
  it("finds the steps a condition or fail message reads", () => {
    expect(operandSteps(steps[4]!)).toEqual(["evaluate"]);
    expect(
      operandSteps(
        step("f", "Fail", "F", {
          errorMessage: ["AUC ", { metric: { step: "evaluate", name: "auc" } }, { parameter: "P" }],
        }),
      ),
    ).toEqual(["evaluate"]);
  });

  it("a data link from a branch step back upstream of the condition is a cycle", () => {
    // Model runs in "if true" only because of the branch link; Gate runs after Evaluate because
    // it reads its metric. Transform → Prep would close Prep → Evaluate → Gate → Model → Transform.
    const edges = [
      ...dataEdges.filter((edge) => edge.to.step !== "model" && edge.to.input !== "input_data"),
      link("gate", "if_true", "model", "branch"),
    ];
    const withBranch = testDesign(steps, edges);
    const check = refusal(
      checkLink(withBranch, link("transform", "transform_output", "prep", "DATA_SECONDARY")),
    );
    expect(check.gate).toBe("cycle");
    expect(check.message).toBe(
      "would create a cycle: Prep → Evaluate → Gate → Model → Transform → Prep",
    );
    expect(cycleThrough(withBranch, "transform", "load")).toEqual([
      "load",
      "prep",
      "evaluate",
      "gate",
      "model",
      "transform",
      "load",
    ]);
  });
});
