import { describe, expect, it } from "vitest";
import { testDesign } from "../../../tests/support/designs";
import type { Design, Diagnostic, Step } from "../../model";
import {
  changeConditionType,
  formatLiteral,
  parseLiteral,
  pathText,
  unplacedProblems,
  type OperandContext,
} from "./conditionModel";
import { formatMessage, metricChoices, parseMessage } from "./designRefs";
import { withKind, withLimit } from "./RetryPoliciesField";

const step = (id: string, type: string, name: string, config = {}): Step => ({
  id,
  type,
  name,
  position: { x: 0, y: 0 },
  config,
});

const design: Design = {
  ...testDesign([
    step("train", "XGBoostTraining", "Train"),
    step("evaluate", "XGBoostEvaluation", "Evaluate", {
      metrics: [
        { name: "auc", jsonPath: "metrics.auc.value" },
        { name: "f1", jsonPath: "metrics.f1.value" },
      ],
    }),
    step("fail", "Fail", "Fail"),
  ]),
};
design.pipeline = {
  ...design.pipeline,
  parameters: [{ name: "AucThreshold", type: "Float", default: 0.7 }],
};

const context: OperandContext = {
  parameters: ["AucThreshold"],
  metrics: metricChoices(design),
  steps: [{ id: "train", name: "Train", property: "TrainingJobStatus" }],
};

describe("fail message templates", () => {
  it("parses parameters, metrics and properties into parts, and formats them back", () => {
    const text = "AUC {Evaluate.auc} < {AucThreshold} ({Train.TrainingJobStatus}) {{literal}";
    const parsed = parseMessage(text, design);
    expect(parsed).toEqual({
      ok: true,
      parts: [
        "AUC ",
        { metric: { step: "evaluate", name: "auc" } },
        " < ",
        { parameter: "AucThreshold" },
        " (",
        { property: { step: "train", path: "TrainingJobStatus" } },
        ") {literal}",
      ],
    });
    if (parsed.ok) expect(formatMessage(parsed.parts, design)).toBe(text);
    expect(parseMessage("", design)).toEqual({ ok: true, parts: [] });
  });

  it("refuses an unknown name at its column, with the nearest name", () => {
    expect(parseMessage("AUC {Evaluate.acu} too low", design)).toEqual({
      ok: false,
      column: 5,
      message: expect.stringContaining(
        'column 5: {Evaluate.acu}: Evaluate has no metric "acu"; did you mean "auc"?',
      ),
    });
    expect(parseMessage("below {AucTreshold}", design)).toMatchObject({
      ok: false,
      column: 7,
      message: expect.stringContaining(
        'no pipeline parameter named "AucTreshold"; did you mean "AucThreshold"?',
      ),
    });
    expect(parseMessage("{Evaluat.auc}", design)).toMatchObject({
      ok: false,
      message: expect.stringContaining('no step named "Evaluat"; did you mean "Evaluate"?'),
    });
    expect(parseMessage("open {brace", design)).toMatchObject({ ok: false, column: 6 });
    expect(parseMessage("{Train.auc}", design)).toMatchObject({
      ok: false,
      message: expect.stringContaining("Train is not an evaluation step"),
    });
  });
});

describe("conditions", () => {
  it("reads literals as numbers, booleans or text, and writes them back the same", () => {
    expect(parseLiteral("0.7")).toEqual({ ok: true, value: 0.7 });
    expect(parseLiteral("true")).toEqual({ ok: true, value: true });
    expect(parseLiteral("Completed")).toEqual({ ok: true, value: "Completed" });
    expect(parseLiteral('"0.7"')).toEqual({ ok: true, value: "0.7" });
    expect(parseLiteral(" ")).toMatchObject({ ok: false });
    for (const value of [0.7, true, "Completed", "0.7", "false"])
      expect(parseLiteral(formatLiteral(value))).toEqual({ ok: true, value });
  });

  it("changes a condition's type keeping its operands; Not and Or wrap it", () => {
    const comparison = {
      type: "GreaterThanOrEqualTo",
      left: { metric: { step: "evaluate", name: "auc" } },
      right: { parameter: "AucThreshold" },
    } as const;
    expect(changeConditionType(comparison, "LessThan", context)).toEqual({
      ...comparison,
      type: "LessThan",
    });
    expect(changeConditionType(comparison, "Not", context)).toEqual({
      type: "Not",
      condition: comparison,
    });
    expect(changeConditionType(comparison, "Or", context)).toEqual({
      type: "Or",
      conditions: [comparison],
    });
    expect(changeConditionType(comparison, "In", context)).toEqual({
      type: "In",
      value: comparison.left,
      values: [comparison.right],
    });
    expect(changeConditionType({ type: "Not", condition: comparison }, "Equals", context)).toEqual({
      ...comparison,
      type: "Equals",
    });
  });

  it("places problems on the operand or condition they are about, the rest on the field", () => {
    const conditions = [
      {
        type: "Or",
        conditions: [
          { type: "Equals", left: { literal: 1 }, right: { literal: 2 } },
          { type: "In", value: { literal: 1 }, values: [] },
        ],
      },
    ];
    expect(pathText(["conditions", 0, "conditions", 1, "values"])).toBe(
      "conditions[0].conditions[1].values",
    );
    const problem = (path: string): Diagnostic => ({
      code: "PD720",
      severity: "error",
      message: path,
      stepId: "gate",
      path,
    });
    const problems = [
      problem("conditions[0].conditions[0].left"),
      problem("conditions[0].conditions[1].values"),
      problem("conditions"),
      problem("conditions[3].left"),
    ];
    expect(unplacedProblems(problems, conditions, "conditions").map((p) => p.path)).toEqual([
      "conditions",
      "conditions[3].left",
    ]);
  });
});

describe("retry policies", () => {
  it("switching kind keeps the exception types the new kind has, else takes its first", () => {
    expect(
      withKind({ kind: "step", exceptionTypes: ["Step.THROTTLING"], maxAttempts: 3 }, "job"),
    ).toEqual({ kind: "job", exceptionTypes: ["SageMaker.JOB_INTERNAL_ERROR"], maxAttempts: 3 });
  });

  it("a policy is limited by attempts or by time, never both", () => {
    expect(withLimit({ kind: "step", maxAttempts: 5 }, "expireAfterMinutes")).toEqual({
      kind: "step",
      expireAfterMinutes: 60,
    });
    expect(withLimit({ kind: "step", expireAfterMinutes: 30 }, "maxAttempts")).toEqual({
      kind: "step",
      maxAttempts: 3,
    });
  });
});
