import { expect, test } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";
import { PreviewsPage } from "./pages/previews";

test("Channels shows the XGBoost channels, their sources and the hyperparameters file", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  const previews = new PreviewsPage(page);
  await designer.open();
  await designer.chooseExample("XGBoost tabular");
  await designer.canvas.select("XGBoostTraining");
  await previews.show("Channels");
  const table = previews.channelsTable;
  for (const channel of ["train", "validation", "test", "config"])
    await expect(table).toContainText(channel);
  await expect(table).toContainText("/opt/ml/input/data/train");
  await expect(table).toContainText("output processed_data of TabularPreprocessing-Training");
  await expect(page.getByRole("region", { name: "Hyperparameters file" })).toContainText(
    "hyperparameters/XGBoostTraining/hyperparameters.json",
  );
});

test("the regex tester checks syntax and capture groups and shows what each log line yields", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  const previews = new PreviewsPage(page);
  await designer.open();
  await designer.canvas.select("PyTorchTraining");
  await previews.show("Metrics");
  await previews.sampleLog.fill(
    "epoch 1 train_loss=0.412\nval_loss=0.5 val/f1_score=0.81\nnothing here",
  );
  await expect(previews.matches).toContainText("0.412");
  await expect(previews.matches).toContainText("0.81");
  const regex = previews.metricRegex(1);
  await regex.fill("train_loss=[0-9.]+");
  await expect(regex).toHaveAttribute("aria-invalid", "true");
  const describedBy = await regex.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText("capture group");
  await regex.fill("train_loss=([0-9.]+");
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText(
    /compile|Invalid|unterminated/i,
  );
});

test("the definition preview follows edits and undo", async ({ page }) => {
  const designer = new DesignerPage(page);
  const previews = new PreviewsPage(page);
  await designer.open();
  await previews.show("Definition");
  await expect.poll(() => previews.definitionText()).toContain('"Version": "2020-12-01"');
  await designer.canvas.select("PyTorchTraining");
  await previews.show("Metrics");
  await previews.page.getByRole("button", { name: "Label style" }).click();
  await previews.show("Definition");
  await expect.poll(() => previews.definitionText()).toContain("Train Loss: ([0-9\\\\.]+)");
  await designer.button("Undo").click();
  await expect.poll(() => previews.definitionText()).not.toContain("Train Loss: ([0-9\\\\.]+)");
});
