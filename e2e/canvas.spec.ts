import { expect, test } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";

test("drag steps from the palette, link them, and undo the link", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.startEmpty();
  await designer.palette.dragToCanvas("Data Load", { x: 120, y: 120 });
  await designer.palette.dragToCanvas("Tabular Preprocessing", { x: 480, y: 120 });
  await expect(designer.step("DataLoad-Training")).toBeVisible();
  await expect(designer.step("TabularPreprocessing-Training")).toBeVisible();
  const [load, prep] = (await designer.design()).steps;
  await designer.canvas.link({ step: load!.id, output: "DATA" }, { step: prep!.id, input: "DATA" });
  await expect
    .poll(async () => (await designer.design()).edges)
    .toEqual([{ from: { step: load!.id, output: "DATA" }, to: { step: prep!.id, input: "DATA" } }]);
  await designer.button("Undo").click();
  await expect.poll(async () => (await designer.design()).edges).toEqual([]);
  await designer.button("Redo").click();
  await expect.poll(async () => (await designer.design()).edges.length).toBe(1);
});

test("a link dragged from an input port to an output port is made, with the same verdicts", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.startEmpty();
  await designer.palette.dragToCanvas("Data Load", { x: 120, y: 120 });
  await designer.palette.dragToCanvas("Tabular Preprocessing", { x: 480, y: 120 });
  await expect(designer.step("TabularPreprocessing-Training")).toBeVisible();
  const [load, prep] = (await designer.design()).steps;
  await designer.canvas.link(
    { step: load!.id, output: "DATA" },
    { step: prep!.id, input: "DATA" },
    "input",
  );
  await expect
    .poll(async () => (await designer.design()).edges)
    .toEqual([{ from: { step: load!.id, output: "DATA" }, to: { step: prep!.id, input: "DATA" } }]);
  await expect(designer.canvas.refusal).toHaveCount(0);
});

test("a link refused from either end gives the same reason", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.openTabularExample();
  await designer.canvas.link(
    { step: "prep", output: "processed_data" },
    { step: "model", input: "model_data" },
    "input",
  );
  await expect(designer.canvas.refusal).toContainText("wrong type");
  expect((await designer.design()).edges).toHaveLength(4);
});

test("steps added from the keyboard go to free space, right of the last one, never overlapping", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.startEmpty();
  for (const name of ["Data Load", "Tabular Preprocessing", "PyTorch Training", "PyTorch Model"])
    await designer.palette.addWithKeyboard(name);
  await expect.poll(async () => (await designer.design()).steps.length).toBe(4);
  await expect(designer.step("PyTorchModel")).toBeInViewport();
  // The view glides to each new step, so all four boxes are read in one frame (read one by one,
  // they would mix positions from different moments of the glide).
  const boxes = await designer.canvas.nodeBoxes([
    "DataLoad-Training",
    "TabularPreprocessing-Training",
    "PyTorchTraining",
    "PyTorchModel",
  ]);
  for (const [index, a] of boxes.entries())
    for (const b of boxes.slice(index + 1)) {
      const apart =
        a.x + a.width <= b.x ||
        b.x + b.width <= a.x ||
        a.y + a.height <= b.y ||
        b.y + b.height <= a.y;
      expect(apart, JSON.stringify([a, b])).toBe(true);
    }
});

test("a refused link says why, next to the pointer and in the live region", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.openTabularExample();
  // The tabular example's preprocessing output dragged onto the model's input: wrong type.
  await designer.canvas.link(
    { step: "prep", output: "processed_data" },
    { step: "model", input: "model_data" },
  );
  await expect(designer.canvas.refusal).toContainText("wrong type");
  await expect(designer.announcements).toContainText("Link refused");
  expect((await designer.design()).edges).toHaveLength(4);
});

test("keyboard only: add a step with Enter and link it from the Inputs list", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.palette.addWithKeyboard("XGBoost Training");
  await expect(designer.step("XGBoostTraining")).toBeVisible();
  const select = page.getByRole("region", { name: "Inputs" }).getByLabel(/Link input_path/);
  const value = await select
    .locator("option", { hasText: "TabularPreprocessing-Training.processed_data" })
    .getAttribute("value");
  await select.selectOption(value ?? "");
  await expect
    .poll(async () =>
      (await designer.design()).edges.some(
        (edge) =>
          edge.to.input === "input_path" &&
          edge.from.output === "processed_data" &&
          edge.to.step.startsWith("xgboosttraining"),
      ),
    )
    .toBe(true);
});

test("auto-connect proposes the reference links with scores and connects them in one undo step", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  await designer.openTabularExample();
  await page.evaluate(() => {
    const design = structuredClone(window.__designer!.getDesign()) as { edges: unknown[] };
    design.edges = [];
    window.__designer!.loadDesign(design);
  });
  await designer.button("Auto-connect").click();
  const dialog = page.getByRole("dialog", { name: "Auto-connect" });
  await expect(dialog.getByRole("checkbox")).toHaveCount(3);
  await dialog
    .getByRole("checkbox", {
      name: /TabularPreprocessing-Training\.processed_data → PyTorchTraining\.input_path/,
    })
    .uncheck();
  await dialog.getByRole("button", { name: "Connect selected" }).click();
  await expect.poll(async () => (await designer.design()).edges.length).toBe(2);
  await designer.button("Undo").click();
  await expect.poll(async () => (await designer.design()).edges.length).toBe(0);
});

test("delete, copy/paste and duplicate from the keyboard", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.canvas.select("PyTorchModel");
  await page.keyboard.press("Control+d");
  await expect(designer.step("PyTorchModel-2")).toBeVisible();
  await page.keyboard.press("Delete");
  await expect(designer.step("PyTorchModel-2")).toHaveCount(0);
  await designer.canvas.select("PyTorchModel");
  await page.keyboard.press("Delete");
  await expect(designer.step("PyTorchModel")).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(designer.step("PyTorchModel")).toBeVisible();
});

test("deleting a step and a link is one undo step", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.openTabularExample();
  const before = await designer.design();
  // A link selected from the keyboard, then the step added to the selection with Ctrl+click.
  await page.getByLabel("Link load.DATA->prep.DATA", { exact: true }).focus();
  await page.keyboard.press("Enter");
  await designer.step("PyTorchModel").click({ modifiers: ["Control"] });
  await expect(designer.step("PyTorchModel")).toHaveClass(/is-selected/);
  await page.keyboard.press("Delete");
  await expect(designer.step("PyTorchModel")).toHaveCount(0);
  await expect.poll(async () => (await designer.design()).edges.length).toBe(2);
  await designer.button("Undo").click();
  await expect.poll(async () => await designer.design()).toEqual(before);
});

test("auto layout moves the steps as one undoable step", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const before = (await designer.design()).steps.map((step) => step.position);
  await designer.button("Auto layout").click();
  await expect(designer.announcements).toContainText("Laid out", { timeout: 20_000 });
  const after = (await designer.design()).steps.map((step) => step.position);
  expect(after).not.toEqual(before);
  expect(after[0]!.x).toBeLessThan(after[1]!.x);
  await designer.button("Undo").click();
  await expect
    .poll(async () => (await designer.design()).steps.map((step) => step.position))
    .toEqual(before);
});

test("the shortcuts dialog lists the commands", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await page.locator("body").press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toContainText("Undo");
  await expect(dialog).toContainText("Ctrl+Z");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("copy and paste through the clipboard as design JSON", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.canvas.select("DataLoad-Training");
  await page.keyboard.press("Control+c");
  await expect(designer.announcements).toContainText("Copied 1 step");
  const clipboard = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(clipboard.format).toBe("sagemaker-pipeline-design-fragment");
  await page.keyboard.press("Control+v");
  await expect(designer.step("DataLoad-Training-2")).toBeVisible();
});

test("while a link is dragged, compatible inputs light up and incompatible ones dim", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const handle = await designer.canvas.handle("load", "out", "METADATA").boundingBox();
  await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle!.x + 60, handle!.y + 80, { steps: 4 });
  await expect(designer.port("prep", "in", "DATA_SECONDARY")).toHaveClass(/port--compatible/);
  await expect(designer.port("model", "in", "model_data")).toHaveClass(/port--incompatible/);
  await page.mouse.up();
  await expect(designer.port("model", "in", "model_data")).not.toHaveClass(/port--incompatible/);
});
