import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";
import { cliCompile } from "./support/cli";
import { openUniqueExample } from "./support/uniqueDesign";

const example = (name: string) =>
  JSON.parse(readFileSync(`examples/${name}.pipeline.json`, "utf8"));

test("importing a SageMaker pipeline definition opens it as a design and lists what stays behind", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const xgboost = example("xgboost-tabular");
  await page.getByLabel("Import design file").setInputFiles({
    name: "fraud-xgboost.definition.json",
    mimeType: "application/json",
    buffer: Buffer.from(cliCompile(xgboost)),
  });
  const dialog = page.getByRole("dialog", { name: "Imported with notes" });
  // The browser has no copy of the S3 objects: the hyperparameters file stays unread.
  await expect(dialog.getByRole("list", { name: "Import notes" })).toContainText(
    "Steps[2](XGBoostTraining).Arguments.HyperParameters.hyperparameters_s3_uri: the hyperparameters are in s3://my-ml-bucket/fraud-xgboost/hyperparameters/XGBoostTraining/hyperparameters.json",
  );
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("toolbar", { name: "Designer toolbar" })).toContainText(
    "fraud-xgboost",
  );
  const imported = await designer.design();
  expect(imported.steps.map((step) => step.name)).toEqual(
    xgboost.steps.map((step: { name: string }) => step.name),
  );
  expect(imported.edges).toHaveLength(xgboost.edges.length);
  await expect(page.getByTestId("node-xgboosttraining")).toBeVisible();
});

test("a broken definition is refused, located, and the open design is kept", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const before = await designer.design();
  await page.getByLabel("Import design file").setInputFiles({
    name: "broken.definition.json",
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "Train", Type: "Training" }] }),
    ),
  });
  await expect(page.getByRole("dialog", { name: "Import refused" })).toContainText(
    "Steps[0].Arguments: a step needs its Arguments object",
  );
  expect(await designer.design()).toEqual(before);
});

test("signed in, the import reads the code back from S3: the design comes back whole, with no notes", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const { designer, aws, name } = await openUniqueExample(page, "import", "PyTorch tabular");
  const original = await designer.design();
  // Submitting puts every code archive and runproc.sh where the definition says.
  await aws.signInAndReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toContainText(`pipeline/${name}/execution/`);
  await aws.closeSubmit();

  await page.getByLabel("Import design file").setInputFiles({
    name: `${name}.definition.json`,
    mimeType: "application/json",
    buffer: Buffer.from(cliCompile(original)),
  });
  await expect(designer.announcements).toContainText(
    `Imported the pipeline definition ${name}.definition.json: 4 steps, 0 note(s).`,
  );
  await expect(page.getByRole("dialog", { name: "Imported with notes" })).toBeHidden();
  const imported = await designer.design();
  const codeOf = (design: typeof original) =>
    design.steps.map((step) => [step.name, (step.config as { code?: unknown }).code]);
  expect(codeOf(imported)).toEqual(codeOf(original));
  expect(cliCompile(imported)).toBe(cliCompile(original));
});
