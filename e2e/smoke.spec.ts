import { expect, test } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";

test("opens on the gated PyTorch example and shows its steps and ports from the catalog", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  await designer.open();
  await expect(designer.toolbar.getByLabel("Pipeline name")).toHaveText("fraud-pytorch-gated");
  for (const name of [
    "DataLoad-Training",
    "TabularPreprocessing-Training",
    "PyTorchTraining",
    "PyTorchEvaluation",
    "CheckAuc",
    "PyTorchRegisterModel",
    "PyTorchModel",
    "BatchTransform",
    "AucTooLow",
  ]) {
    await expect(designer.step(name)).toBeVisible();
  }
  await expect(designer.step("PyTorchTraining")).toContainText("PyTorch Training");
  await expect(designer.port("train", "in", "input_path")).toBeVisible();
  await expect(designer.port("train", "out", "model_output")).toBeVisible();
  await expect(designer.port("evaluate", "out", "evaluation")).toBeVisible();
  await expect(designer.port("check", "out", "if_true")).toBeVisible();
  await expect(designer.port("check", "out", "if_false")).toBeVisible();
  await expect(designer.canvas.handle("fail", "in", "branch")).toBeVisible();
  await expect(page.getByLabel("Link check.if_false->fail.branch", { exact: true })).toContainText(
    "if false",
  );
  await expect(designer.problems).toContainText("No problems");
  const design = await designer.design();
  expect(design.steps.map((step) => step.type)).toEqual([
    "DataLoad",
    "TabularPreprocessing",
    "PyTorchTraining",
    "PyTorchEvaluation",
    "Condition",
    "PyTorchRegisterModel",
    "PyTorchModel",
    "BatchTransform",
    "Fail",
  ]);
  // The tabular examples stay one choice away in the Example chooser.
  await designer.chooseExample("PyTorch tabular");
  await expect(designer.toolbar.getByLabel("Pipeline name")).toHaveText("fraud-pytorch");
  await expect(designer.step("CheckAuc")).toHaveCount(0);
  expect((await designer.design()).steps.map((step) => step.type)).toEqual([
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
