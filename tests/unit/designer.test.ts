import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDesign, NOMINAL_STEP_SIZE, type Design } from "../../src/model";
import { COMMANDS, type CommandId } from "../../src/store/commands";
import { redo, undo } from "../../src/store/designStore";
import { createTestDesigner } from "../support/testDesigner";

const root = join(import.meta.dirname, "..", "..");

function designFile(file: string): Design {
  const loaded = loadDesign(JSON.parse(readFileSync(join(root, file), "utf8")));
  if (loaded.kind !== "ok") throw new Error(`${file} does not load`);
  return loaded.design;
}

/** A designer on the reference design with one step and one unrelated link selected. */
function withSelection() {
  const test = createTestDesigner();
  const design = test.design();
  const step = design.steps[design.steps.length - 1]!;
  const edge = design.edges.find((candidate) => candidate.to.step !== step.id)!;
  test.select([step.id]);
  test.designer.ui.getState().selectEdges([edge]);
  return test;
}

describe("designer core: every command is one history transaction", () => {
  it.each(COMMANDS.map((entry) => entry.id))("%s adds at most one undo step", async (id) => {
    const test = withSelection();
    if (id === "paste") await test.run("copy");
    if (id === "undo") test.designer.design.getState().renameStep("train", "Renamed");
    if (id === "redo") {
      test.designer.design.getState().renameStep("train", "Renamed");
      undo(test.designer.design);
    }
    const before = test.design();
    const count = test.undoCount();
    test.run(id as CommandId);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const after = test.design();
    if (id === "undo") {
      expect(after).not.toBe(before);
      expect(test.run("redo")).toBe(true);
      return expect(test.design()).toBe(before);
    }
    if (id === "redo") {
      expect(after).not.toBe(before);
      expect(test.run("undo")).toBe(true);
      return expect(test.design()).toBe(before);
    }
    expect(test.undoCount() - count).toBe(after === before ? 0 : 1);
    if (after !== before) {
      undo(test.designer.design);
      expect(test.design()).toEqual(before);
    }
  });

  it("deletes a step and a link as one undo step, and one undo brings both back", () => {
    const test = withSelection();
    const before = test.design();
    test.run("delete");
    const after = test.design();
    expect(after.steps.length).toBe(before.steps.length - 1);
    expect(after.edges.length).toBeLessThan(before.edges.length - 0);
    expect(test.undoCount()).toBe(1);
    undo(test.designer.design);
    expect(test.design()).toEqual(before);
    redo(test.designer.design);
    expect(test.design()).toEqual(after);
  });

  it("a nested transaction joins the outer one", () => {
    const test = createTestDesigner();
    test.designer.transaction(() => {
      test.designer.design.getState().renameStep("train", "A");
      test.designer.transaction(() => test.designer.design.getState().renameStep("train", "B"));
      test.designer.design.getState().moveSteps({ train: { x: 999, y: 999 } });
    });
    expect(test.undoCount()).toBe(1);
  });

  it("disabled commands do not run", () => {
    const test = createTestDesigner();
    expect(test.run("undo")).toBe(false);
    expect(test.run("delete")).toBe(false);
    expect(test.run("validate")).toBe(true);
  });
});

describe("designer core: steps added from the keyboard", () => {
  const overlaps = (a: Design["steps"][number], b: Design["steps"][number]) =>
    a.position.x < b.position.x + NOMINAL_STEP_SIZE.width &&
    b.position.x < a.position.x + NOMINAL_STEP_SIZE.width &&
    a.position.y < b.position.y + NOMINAL_STEP_SIZE.height &&
    b.position.y < a.position.y + NOMINAL_STEP_SIZE.height;

  it("four steps added in turn never overlap each other or any node, and each is revealed", () => {
    const test = createTestDesigner({ ...createTestDesigner().design(), steps: [], edges: [] });
    const ids = ["DataLoad", "TabularPreprocessing", "PyTorchTraining", "PyTorchModel"].map(
      (type) => test.addStep(type)!,
    );
    const steps = test.design().steps;
    expect(steps).toHaveLength(4);
    for (const [index, step] of steps.entries())
      for (const other of steps.slice(index + 1)) expect(overlaps(step, other)).toBe(false);
    // Each goes right of the last added one.
    for (let index = 1; index < steps.length; index++)
      expect(steps[index]!.position.x).toBeGreaterThan(steps[index - 1]!.position.x);
    expect(test.host.revealed).toEqual(ids);
    expect(test.designer.ui.getState().selectedStepIds).toEqual([ids[3]]);
    expect(test.undoCount()).toBe(4);
  });

  it("goes right of the selected step, in free space below a node already there", () => {
    const test = createTestDesigner();
    const design = test.design();
    test.select(["load"]);
    const id = test.addStep("DataLoad")!;
    const added = test.design().steps.find((step) => step.id === id)!;
    const load = design.steps.find((step) => step.id === "load")!;
    expect(added.position.x).toBeGreaterThan(load.position.x);
    for (const step of design.steps) expect(overlaps(added, step)).toBe(false);
  });
});

describe("designer core: the open document", () => {
  it("opening or importing another design resets the Definition diff baseline and the selection", () => {
    const test = withSelection();
    test.designer.baseline.getState().ensure('{"first": true}');
    test.designer.baseline.getState().set('{"exported": true}', "last export");
    test.designer.session.openDocument(designFile("examples/xgboost-tabular.pipeline.json"));
    expect(test.designer.baseline.getState().baseline).toBeNull();
    expect(test.designer.ui.getState().selectedStepIds).toEqual([]);
    expect(test.designer.ui.getState().selectedEdges).toEqual([]);
    expect(test.designer.document.getState()).toEqual({ documentId: "doc-1", revision: 0 });
    expect(test.undoCount()).toBe(0);
  });

  it("export sets the baseline to the exported definition", () => {
    const test = createTestDesigner();
    test.run("export");
    expect(test.host.downloads).toHaveLength(1);
    expect(test.designer.baseline.getState().baseline?.label).toBe("last export");
  });
});

/** What both lists are compared on: what each problem is and where it points. */
const located = ({ code, severity, stepId, path, line, column }: Record<string, unknown>) => ({
  code,
  severity,
  stepId,
  path,
  line,
  column,
});

/** `pipeline-designer validate --json`, as a user runs it. */
function cliDiagnostics(file: string) {
  const result = spawnSync(
    process.execPath,
    [join(root, "bin", "pipeline-designer.mjs"), "validate", file, "--json"],
    { cwd: root, encoding: "utf8" },
  );
  const report = JSON.parse(result.stdout) as { diagnostics: Record<string, unknown>[] };
  return report.diagnostics.map(located);
}

describe("designer core: one list of problems", () => {
  const files = [
    "examples/pytorch-tabular.pipeline.json",
    "examples/xgboost-tabular.pipeline.json",
    "tests/cli/fixtures/script-typo.pipeline.json",
    "tests/cli/fixtures/unfed-input.pipeline.json",
    "tests/cli/fixtures/missing-entry-point.pipeline.json",
    "tests/cli/fixtures/cycle.pipeline.json",
  ];
  it.each(files)(
    "%s: the designer lists what `validate` lists, in the same order",
    async (file) => {
      const test = createTestDesigner(designFile(file));
      const diagnosis = await test.designer.diagnostics.settled();
      expect(diagnosis.pending).toEqual([]);
      expect(diagnosis.diagnostics.map((found) => located({ ...found }))).toEqual(
        cliDiagnostics(file),
      );
    },
    30_000,
  );

  it("an edit's findings replace the last ones once the checks answer", async () => {
    const test = createTestDesigner(designFile("tests/cli/fixtures/script-typo.pipeline.json"));
    const first = await test.designer.diagnostics.settled();
    expect(first.diagnostics.some((diagnostic) => diagnostic.code === "PD502")).toBe(true);
    const fixed = test
      .design()
      .steps.find((step) => first.diagnostics.some((diagnostic) => diagnostic.stepId === step.id))!;
    test.designer.design.getState().removeSteps([fixed.id]);
    expect(test.designer.diagnostics.current().pending).toContain("scripts");
    const after = await test.designer.diagnostics.settled();
    expect(after.diagnostics.some((diagnostic) => diagnostic.code === "PD502")).toBe(false);
  });
});
