import { describe, expect, it } from "vitest";
import { testDesign } from "../../tests/support/designs";
import type { Step } from "../model";
import { NOT_RUN, notRunSteps, stepRunStatus } from "./runStatus";

const step = (id: string, type: string, name: string): Step => ({
  id,
  type,
  name,
  position: { x: 0, y: 0 },
  config: {},
});
const design = testDesign(
  [
    step("gate", "Condition", "Gate"),
    step("register", "XGBoostRegisterModel", "Register"),
    step("fail", "Fail", "Fail"),
    step("train", "XGBoostTraining", "Train"),
  ],
  [
    { from: { step: "gate", output: "if_true" }, to: { step: "register", input: "branch" } },
    { from: { step: "gate", output: "if_false" }, to: { step: "fail", input: "branch" } },
  ],
);

describe("run status of a gated design", () => {
  const finished = {
    status: "Succeeded",
    steps: [
      { name: "Train", status: "Succeeded" },
      { name: "Gate", status: "Succeeded" },
      { name: "Register-RegisterModel", status: "Succeeded" },
    ],
  };

  it("shows a register step by its RegisterModel step, and the branch not taken as Not run", () => {
    expect(stepRunStatus("Register", true, finished)).toBe("Succeeded");
    expect(stepRunStatus("Fail", true, finished)).toBe(NOT_RUN);
    expect(stepRunStatus("Train", false, finished)).toBe("Succeeded");
    expect(notRunSteps(design, finished)).toEqual([
      { name: "Fail", reason: 'Gate did not take its "if false" branch' },
    ]);
  });

  it("says nothing of a branch step while the run goes on, unless its condition took the other branch", () => {
    const running = { status: "Executing", steps: [{ name: "Gate", status: "Executing" }] };
    expect(stepRunStatus("Fail", true, running)).toBeUndefined();
    expect(notRunSteps(design, running)).toEqual([]);
    const decided = { ...running, notRun: ["Fail"] };
    expect(stepRunStatus("Fail", true, decided)).toBe(NOT_RUN);
  });

  it("explains a branch step the run never reached", () => {
    const failed = { status: "Failed", steps: [{ name: "Train", status: "Failed" }] };
    expect(notRunSteps(design, failed).map((entry) => entry.reason)).toEqual([
      "the run ended before Gate",
      "the run ended before Gate",
    ]);
  });
});
