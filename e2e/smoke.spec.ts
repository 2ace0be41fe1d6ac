import { expect, test } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";

test("opens on the PyTorch example and shows its steps and ports from the catalog", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  await designer.open();
  for (const name of [
    "DataLoad-Training",
    "TabularPreprocessing-Training",
    "PyTorchTraining",
    "PyTorchModel",
  ]) {
    await expect(designer.step(name)).toBeVisible();
  }
  await expect(designer.step("PyTorchTraining")).toContainText("PyTorch Training");
  await expect(designer.port("train", "in", "input_path")).toBeVisible();
  await expect(designer.port("train", "out", "model_output")).toBeVisible();
  await expect(designer.problems).toContainText("No problems");
  const design = await designer.design();
  expect(design.steps.map((step) => step.type)).toEqual([
    "DataLoad",
    "TabularPreprocessing",
    "PyTorchTraining",
    "PyTorchModel",
  ]);
});

test("switching example re-renders the canvas from the loaded design", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await designer.chooseExample("XGBoost tabular");
  await expect(designer.step("XGBoostTraining")).toBeVisible();
  await expect(designer.step("PyTorchTraining")).toHaveCount(0);
  await expect(designer.step("XGBoostModel")).toContainText("XGBoost Model");
  expect((await designer.design()).pipeline.name).toBe("fraud-xgboost");
});

test("a design with errors shows located problems and a badge on the step", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await page.evaluate(() => {
    const design = structuredClone(window.__designer!.getDesign()) as { edges: unknown[] };
    design.edges = [];
    return window.__designer!.loadDesign(design);
  });
  await expect(designer.problems).toContainText("PD201");
  await expect(designer.step("PyTorchTraining").getByRole("status")).toHaveText("1");
});
