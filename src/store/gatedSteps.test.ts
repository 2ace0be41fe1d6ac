import { describe, expect, it } from "vitest";
import { testDesign } from "../../tests/support/designs";
import type { Step } from "../model";
import { createDesignStore, undo } from "./designStore";
import { copyFragment, pasteFragment } from "./fragment";
import { evaluationMetricNames, initialConfig } from "./stepDefaults";

const step = (id: string, type: string, config: Record<string, unknown> = {}): Step => ({
  id,
  type,
  name: id,
  position: { x: 0, y: 0 },
  config,
});

describe("adding the gated step types", () => {
  it("gives steps without a container no code, and the others their starter files", () => {
    const store = createDesignStore(testDesign([]));
    for (const type of ["Condition", "Fail", "BatchTransform"]) {
      const id = store.getState().addStep(type, { x: 0, y: 0 });
      const added = store.getState().design.steps.find((candidate) => candidate.id === id);
      expect(added?.config, type).toEqual({});
    }
    const evaluation = store.getState().addStep("XGBoostEvaluation", { x: 0, y: 0 });
    const config = store.getState().design.steps.find((s) => s.id === evaluation)?.config;
    expect(config?.code).toMatchObject({ files: expect.any(Object) });
  });

  it("seeds a condition added next to an evaluation step with its first metric ≥ 0.7", () => {
    const design = testDesign([
      step("evaluate", "XGBoostEvaluation", {
        metrics: [
          { name: "f1", jsonPath: "metrics.f1.value" },
          { name: "auc", jsonPath: "metrics.auc.value" },
        ],
      }),
      step("train", "XGBoostTraining"),
    ]);
    expect(initialConfig(design, "Condition", "evaluate")).toEqual({
      conditions: [
        {
          type: "GreaterThanOrEqualTo",
          left: { metric: { step: "evaluate", name: "f1" } },
          right: { literal: 0.7 },
        },
      ],
    });
    expect(initialConfig(design, "Condition", "train")).toEqual({});
    expect(initialConfig(design, "Condition", null)).toEqual({});
    expect(initialConfig(design, "Fail", "evaluate")).toEqual({});
    const store = createDesignStore(design);
    const id = store
      .getState()
      .addStep("Condition", { x: 0, y: 0 }, initialConfig(design, "Condition", "evaluate"));
    expect(store.getState().design.steps.find((s) => s.id === id)?.config.conditions).toHaveLength(
      1,
    );
    undo(store);
    expect(store.getState().design.steps).toHaveLength(2);
  });

  it("reads an evaluation step's metric names, its default list when it sets none", () => {
    expect(evaluationMetricNames(step("e", "PyTorchEvaluation"))).toEqual(["auc"]);
    expect(evaluationMetricNames(step("t", "PyTorchTraining"))).toEqual([]);
  });
});

describe("removing and pasting gated steps", () => {
  const design = testDesign(
    [
      step("evaluate", "XGBoostEvaluation"),
      step("gate", "Condition", {
        conditions: [
          {
            type: "GreaterThanOrEqualTo",
            left: { metric: { step: "evaluate", name: "auc" } },
            right: { literal: 0.7 },
          },
        ],
      }),
      step("fail", "Fail", {
        errorMessage: ["AUC ", { metric: { step: "evaluate", name: "auc" } }],
      }),
    ],
    [{ from: { step: "gate", output: "if_false" }, to: { step: "fail", input: "branch" } }],
  );

  it("removing a condition removes its branch links, one undo step", () => {
    const store = createDesignStore(design);
    store.getState().removeSteps(["gate"]);
    expect(store.getState().design.edges).toEqual([]);
    undo(store);
    expect(store.getState().design.edges).toHaveLength(1);
  });

  it("a pasted condition reads the pasted copy of a step copied with it, else the original", () => {
    const both = pasteFragment(design, copyFragment(design, ["evaluate", "gate", "fail"]), {
      x: 10,
      y: 10,
    });
    const [evaluate2, gate2, fail2] = both.ids;
    const pasted = (id: string | undefined) => both.design.steps.find((s) => s.id === id)!;
    expect(pasted(gate2).config.conditions).toEqual([
      {
        type: "GreaterThanOrEqualTo",
        left: { metric: { step: evaluate2, name: "auc" } },
        right: { literal: 0.7 },
      },
    ]);
    expect(pasted(fail2).config.errorMessage).toEqual([
      "AUC ",
      { metric: { step: evaluate2, name: "auc" } },
    ]);
    expect(both.design.edges).toContainEqual({
      from: { step: gate2, output: "if_false" },
      to: { step: fail2, input: "branch" },
    });
    const alone = pasteFragment(design, copyFragment(design, ["gate"]), { x: 0, y: 0 });
    const gate = alone.design.steps.find((s) => s.id === alone.ids[0])!;
    expect(gate.config.conditions).toEqual(design.steps[1]!.config.conditions);
  });
});
