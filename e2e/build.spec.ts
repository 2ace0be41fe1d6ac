import { expect, test, type Page } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";
import { cliCompile } from "./support/cli";
import { InspectorPage } from "./pages/inspector";
import { PreviewsPage } from "./pages/previews";

const HYPERPARAMETERS: [string, string][] = [
  ["id_name", "customer_id"],
  ["label_name", "target"],
  ["full_field_list", "customer_id, target, feature1, feature2, feature3"],
  ["tab_field_list", "feature1, feature2"],
  ["cat_field_list", "feature3"],
];

async function addHyperparameters(page: Page, rows: [string, string][]) {
  for (const [key, value] of rows) {
    await page.getByLabel("New hyperparameter key").fill(key);
    await page.getByRole("button", { name: "Add hyperparameter" }).click();
    const field = page.getByLabel(`Value of ${key}`, { exact: true });
    await field.fill(value);
    await field.press("Enter");
  }
}

test("build the PyTorch pipeline by drag and drop; the definition equals the CLI's", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  const inspector = new InspectorPage(page);
  const previews = new PreviewsPage(page);
  await designer.open();
  await designer.startEmpty();
  await designer.palette.dragToCanvas("Data Load", { x: 40, y: 30 });
  await designer.palette.dragToCanvas("Tabular Preprocessing", { x: 440, y: 30 });
  await designer.palette.dragToCanvas("PyTorch Training", { x: 40, y: 230 });
  await designer.palette.dragToCanvas("PyTorch Model", { x: 440, y: 230 });
  const ids = (await designer.design()).steps.map((step) => step.id);
  expect(ids).toEqual(["dataload", "tabularpreprocessing", "pytorchtraining", "pytorchmodel"]);
  await designer.canvas.link(
    { step: "dataload", output: "DATA" },
    { step: "tabularpreprocessing", input: "DATA" },
  );
  await designer.canvas.link(
    { step: "tabularpreprocessing", output: "processed_data" },
    { step: "pytorchtraining", input: "input_path" },
  );
  await designer.canvas.link(
    { step: "pytorchtraining", output: "model_output" },
    { step: "pytorchmodel", input: "model_data" },
  );
  await expect.poll(async () => (await designer.design()).edges.length).toBe(3);

  await designer.canvas.select("TabularPreprocessing-Training");
  await inspector.fill("Label field", "target");
  await designer.canvas.select("PyTorchTraining");
  await addHyperparameters(page, [...HYPERPARAMETERS, ["learning_rate", "0.001"]]);
  await expect(designer.problems).toContainText("No problems");

  await previews.show("Definition");
  const shown = await previews.definitionText();
  expect(shown).toBe(cliCompile(await designer.design()));
  expect(JSON.parse(shown).Steps.map((step: { Name: string }) => step.Name)).toEqual([
    "DataLoad-Training",
    "TabularPreprocessing-Training",
    "PyTorchTraining",
    "PyTorchModel-RepackModel-0",
    "PyTorchModel-CreateModel",
  ]);
});

test("build the XGBoost pipeline with the keyboard only; the definition equals the CLI's", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  const inspector = new InspectorPage(page);
  const previews = new PreviewsPage(page);
  await designer.open();
  await designer.startEmpty();
  for (const item of ["Data Load", "Tabular Preprocessing", "XGBoost Training", "XGBoost Model"])
    await designer.palette.addWithKeyboard(item);
  await expect.poll(async () => (await designer.design()).steps.length).toBe(4);
  // Steps added at the centre stack up: lay them out, then link them, all from the keyboard.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+L");
  // The first layout loads elkjs into its worker, which takes a while on a cold dev server.
  await expect(designer.announcements).toContainText("Laid out", { timeout: 20_000 });
  await page.keyboard.press("Shift+C");
  const dialog = page.getByRole("dialog", { name: "Auto-connect" });
  await dialog.getByRole("button", { name: "Connect selected" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await designer.design()).edges.length).toBe(3);
  await expect(dialog).toBeHidden();

  await designer.canvas.selectWithKeyboard("TabularPreprocessing-Training");
  await inspector.fill("Label field", "target");
  await designer.canvas.selectWithKeyboard("XGBoostTraining");
  await addHyperparameters(page, [...HYPERPARAMETERS, ["num_round", "100"], ["max_depth", "6"]]);
  await expect(designer.problems).toContainText("No problems");

  await previews.show("Definition");
  const shown = await previews.definitionText();
  expect(shown).toBe(cliCompile(await designer.design()));
  const training = JSON.parse(shown).Steps.find(
    (step: { Name: string }) => step.Name === "XGBoostTraining",
  );
  expect(
    training.Arguments.InputDataConfig.map(
      (channel: { ChannelName: string }) => channel.ChannelName,
    ),
  ).toEqual(["train", "validation", "test", "config"]);
});
