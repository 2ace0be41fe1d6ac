import { describe, expect, it } from "vitest";
import { referenceDesign } from "../../tests/support/designs";
import type { Design } from "../model";
import { createDesignStore, redo, undo } from "./designStore";
import { copyFragment } from "./fragment";

function fresh() {
  return createDesignStore(referenceDesign());
}

const empty = (design: Design): Design => ({ ...design, steps: [], edges: [] });
const history = (store: ReturnType<typeof fresh>) => store.temporal.getState().pastStates.length;

describe("design store commands and the undo policy", () => {
  it("adds a step with a catalog default name, one undo step", () => {
    const store = fresh();
    const id = store.getState().addStep("TabularPreprocessing", { x: 10, y: 20 });
    const step = store.getState().design.steps.find((candidate) => candidate.id === id);
    expect(step).toMatchObject({
      type: "TabularPreprocessing",
      name: "TabularPreprocessing-Training-2",
      position: { x: 10, y: 20 },
    });
    expect(history(store)).toBe(1);
    undo(store);
    expect(store.getState().design.steps.some((candidate) => candidate.id === id)).toBe(false);
    redo(store);
    expect(store.getState().design.steps.some((candidate) => candidate.id === id)).toBe(true);
  });

  it("refuses an unknown type without touching history", () => {
    const store = fresh();
    expect(store.getState().addStep("Nope", { x: 0, y: 0 })).toBeNull();
    expect(history(store)).toBe(0);
  });

  it("one form commit is one undo step, and undefined restores the default", () => {
    const store = fresh();
    store.getState().setStepConfigValue("train", ["hyperparameters", "batch_size"], 128);
    store.getState().setStepConfigValue("train", ["volumeSizeGb"], 100);
    expect(history(store)).toBe(2);
    undo(store);
    const config = () => store.getState().design.steps.find((step) => step.id === "train")!.config;
    expect(config().volumeSizeGb).toBeUndefined();
    expect((config().hyperparameters as Record<string, unknown>).batch_size).toBe(128);
    store.getState().setStepConfigValue("train", ["hyperparameters", "batch_size"], undefined);
    expect((config().hyperparameters as Record<string, unknown>).batch_size).toBeUndefined();
  });

  it("a drag is one step on release; a no-op move records nothing", () => {
    const store = fresh();
    store.getState().moveSteps({ load: { x: 0, y: 0 } });
    expect(history(store)).toBe(0);
    store.getState().moveSteps({ load: { x: 50, y: 60 }, prep: { x: 400, y: 60 } });
    expect(history(store)).toBe(1);
    undo(store);
    expect(store.getState().design.steps[0]!.position).toEqual({ x: 0, y: 0 });
  });

  it("a refused link changes nothing and says why", () => {
    const store = fresh();
    const before = store.getState().design;
    const check = store.getState().connect({
      from: { step: "prep", output: "processed_data" },
      to: { step: "model", input: "model_data" },
    });
    expect(check.allowed).toBe(false);
    expect(check.allowed ? "" : check.message).toMatch(/wrong type|already fed/);
    expect(store.getState().design).toBe(before);
    expect(history(store)).toBe(0);
  });

  it("delete removes steps and their links as one step", () => {
    const store = fresh();
    store.getState().removeSteps(["prep", "train"]);
    expect(store.getState().design.steps.map((step) => step.id)).toEqual(["load", "model"]);
    expect(store.getState().design.edges).toEqual([]);
    expect(history(store)).toBe(1);
    undo(store);
    expect(store.getState().design.edges).toHaveLength(3);
  });

  it("paste gives fresh ids and names and keeps inner links, as one step", () => {
    const store = fresh();
    const fragment = copyFragment(store.getState().design, ["prep", "train"]);
    const ids = store.getState().paste(fragment, { x: 0, y: 200 });
    const pasted = store.getState().design.steps.filter((step) => ids.includes(step.id));
    expect(pasted.map((step) => step.name)).toEqual([
      "TabularPreprocessing-Training-2",
      "PyTorchTraining-2",
    ]);
    expect(store.getState().design.edges.filter((edge) => ids.includes(edge.to.step))).toEqual([
      {
        from: { step: ids[0], output: "processed_data" },
        to: { step: ids[1], input: "input_path" },
      },
    ]);
    expect(history(store)).toBe(1);
  });

  it("auto-connect accepts proposals as one step, skipping refused ones", () => {
    const store = fresh();
    store.getState().replaceDesign({ ...store.getState().design, edges: [] });
    const added = store.getState().connectMany([
      { from: { step: "load", output: "DATA" }, to: { step: "prep", input: "DATA" } },
      { from: { step: "load", output: "DATA" }, to: { step: "prep", input: "DATA" } },
    ]);
    expect(added).toHaveLength(1);
    expect(history(store)).toBe(1);
  });

  it("loading a design is not undoable and clears history", () => {
    const store = fresh();
    store.getState().renameStep("load", "Loader");
    expect(history(store)).toBe(1);
    store.getState().replaceDesign(empty(store.getState().design));
    expect(history(store)).toBe(0);
    undo(store);
    expect(store.getState().design.steps).toEqual([]);
    expect(store.getState().loadCount).toBe(1);
  });

  it("rename refuses names SageMaker would refuse", () => {
    const store = fresh();
    expect(store.getState().renameStep("load", "bad name")).toMatchObject({ ok: false });
    expect(store.getState().renameStep("load", "TabularPreprocessing-Training")).toMatchObject({
      ok: false,
    });
    expect(history(store)).toBe(0);
  });
});

describe("parameter binding", () => {
  it("creates the parameter and binds the field in one undo step, and unbinds to a literal", () => {
    const store = fresh();
    store.getState().bindParameter("prep", ["instanceType"], {
      parameter: "PrepInstance",
      create: { name: "PrepInstance", type: "String", default: "ml.m5.2xlarge" },
    });
    const config = () => store.getState().design.steps.find((step) => step.id === "prep")!.config;
    expect(config().instanceType).toEqual({ parameter: "PrepInstance" });
    expect(
      store.getState().design.pipeline.parameters.map((parameter) => parameter.name),
    ).toContain("PrepInstance");
    expect(history(store)).toBe(1);
    store.getState().bindParameter("prep", ["instanceType"], { literal: "ml.m5.xlarge" });
    expect(config().instanceType).toBe("ml.m5.xlarge");
    undo(store);
    undo(store);
    expect(config().instanceType).toBeUndefined();
    expect(
      store.getState().design.pipeline.parameters.map((parameter) => parameter.name),
    ).not.toContain("PrepInstance");
  });
});

describe("linking twice", () => {
  it("refuses re-drawing an existing link with a reason and records nothing", () => {
    const store = fresh();
    const check = store
      .getState()
      .connect({ from: { step: "load", output: "DATA" }, to: { step: "prep", input: "DATA" } });
    expect(check).toMatchObject({ allowed: false, gate: "alreadyFed" });
    expect(check.allowed ? "" : check.message).toMatch(/already linked/);
    expect(history(store)).toBe(0);
  });
});

describe("pipeline settings and unlinking", () => {
  it("a settings commit is one undo step", () => {
    const store = fresh();
    store
      .getState()
      .updatePipeline({ name: "fraud-v2", cache: { enabled: true, expireAfter: "P7D" } });
    expect(store.getState().design.pipeline).toMatchObject({
      name: "fraud-v2",
      cache: { enabled: true, expireAfter: "P7D" },
    });
    expect(history(store)).toBe(1);
    undo(store);
    expect(store.getState().design.pipeline.name).toBe("fraud-pytorch");
  });

  it("disconnect removes exactly the given links as one step", () => {
    const store = fresh();
    store
      .getState()
      .disconnect([
        { from: { step: "load", output: "DATA" }, to: { step: "prep", input: "DATA" } },
      ]);
    expect(store.getState().design.edges).toHaveLength(2);
    expect(history(store)).toBe(1);
    store
      .getState()
      .disconnect([
        { from: { step: "load", output: "DATA" }, to: { step: "prep", input: "DATA" } },
      ]);
    expect(history(store)).toBe(1);
  });
});
