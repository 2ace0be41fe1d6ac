import { expect, test } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";
import { InspectorPage } from "./pages/inspector";

test("a form edit is one undo step, and errors land on the field", async ({ page }) => {
  const designer = new DesignerPage(page);
  const inspector = new InspectorPage(page);
  await designer.open();
  await designer.canvas.select("PyTorchTraining");
  await inspector.fill("Volume size (GB)", "100");
  await expect.poll(async () => (await designer.design()).steps[2]!.config.volumeSizeGb).toBe(100);
  await inspector.fill("Volume size (GB)", "abc");
  await inspector.expectError("Volume size (GB)", /number/);
  await inspector.field("Volume size (GB)").press("Escape");
  await designer.button("Undo").click();
  await expect
    .poll(async () => (await designer.design()).steps[2]!.config.volumeSizeGb)
    .toBeUndefined();
  await expect(inspector.field("Volume size (GB)")).toHaveValue("");
  await designer.canvas.select("TabularPreprocessing-Training");
  await inspector.fill("Label field", "");
  await inspector.expectError("Label field", /required/);
  await expect(designer.step("TabularPreprocessing-Training").getByRole("status")).toHaveText("1");
});

test("a cross-field rule shows on the field it concerns", async ({ page }) => {
  const designer = new DesignerPage(page);
  const inspector = new InspectorPage(page);
  await designer.open();
  await designer.canvas.select("PyTorchTraining");
  await inspector.field("Framework version").selectOption("1.13.1");
  await inspector.expectError("Python version", /py39/);
});

test("reload restores the last edit", async ({ page }) => {
  const designer = new DesignerPage(page);
  const inspector = new InspectorPage(page);
  await designer.open();
  await designer.canvas.select("PyTorchTraining");
  await inspector.fill("Step name", "TrainFraudModel");
  await expect(designer.step("TrainFraudModel")).toBeVisible();
  await expect(page.getByRole("status", { name: "Save status" })).toContainText("Saved");
  await page.reload();
  await expect(designer.step("TrainFraudModel")).toBeVisible();
});

test("importing a broken file shows located problems and keeps the design", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const broken = structuredClone(await designer.design()) as unknown as { edges: unknown[] };
  broken.edges.push({
    from: { step: "ghost", output: "DATA" },
    to: { step: "prep", input: "DATA" },
  });
  await page.getByLabel("Import design file").setInputFiles({
    name: "broken.pipeline.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const dialog = page.getByRole("dialog", { name: "Import refused" });
  // The default demo (the gated PyTorch pipeline) has 13 links: the ghost one is edges[13].
  await expect(dialog).toContainText('edges[13].from.step: no step with id "ghost"');
  await dialog.getByRole("button", { name: "Close" }).click();
  expect((await designer.design()).edges).toHaveLength(13);
  await page.getByLabel("Import design file").setInputFiles({
    name: "newer.pipeline.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ ...broken, version: 9 })),
  });
  await expect(page.getByRole("dialog", { name: "Import refused" })).toContainText("version 9");
});

test("import and export round-trip a design file", async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open();
  const downloadPromise = page.waitForEvent("download");
  await designer.button("Export").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("fraud-pytorch-gated.pipeline.json");
  const text = await (await download.createReadStream()).toArray();
  const exported = JSON.parse(Buffer.concat(text).toString("utf8"));
  exported.pipeline.name = "imported-copy";
  await page.getByLabel("Import design file").setInputFiles({
    name: "copy.pipeline.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await expect(page.getByRole("toolbar", { name: "Designer toolbar" })).toContainText(
    "imported-copy",
  );
});

test("a second tab on the same design is detected and never silently overwrites", async ({
  context,
}) => {
  const first = await context.newPage();
  const designerA = new DesignerPage(first);
  await designerA.open();
  await designerA.canvas.select("PyTorchTraining");
  await new InspectorPage(first).fill("Step name", "EditedInTabA");
  await expect(first.getByRole("status", { name: "Save status" })).toContainText("Saved");
  const second = await context.newPage();
  const designerB = new DesignerPage(second);
  await designerB.open();
  await expect(designerB.step("EditedInTabA")).toBeVisible();
  await expect(first.getByRole("alert")).toContainText("open in another tab");
});
