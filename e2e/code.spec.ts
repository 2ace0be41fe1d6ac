import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CodePage } from "./pages/code";
import { DesignerPage } from "./pages/designerPage";
import { InspectorPage } from "./pages/inspector";

const LIMIT = 1024 * 1024;

/** The training step's inline files as the store holds them. */
async function trainingFiles(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const design = window.__designer!.getDesign() as {
      steps: { id: string; config: { code?: { files?: Record<string, string> } } }[];
    };
    return design.steps.find((step) => step.id === "train")?.config.code?.files ?? {};
  });
}

async function trainingConfig(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    const design = window.__designer!.getDesign() as {
      steps: { id: string; config: Record<string, unknown> }[];
    };
    return design.steps.find((step) => step.id === "train")!.config;
  });
}

async function openTraining(page: Page): Promise<{ designer: DesignerPage; code: CodePage }> {
  const designer = new DesignerPage(page);
  const code = new CodePage(page);
  await designer.open();
  await designer.canvas.select("PyTorchTraining");
  return { designer, code };
}

test("a typing burst is one undo step, autosaved, and exported in the design file", async ({
  page,
}) => {
  const { designer, code } = await openTraining(page);
  const original = (await trainingFiles(page))["train.py"]!;
  await expect(code.entry("train.py")).toContainText("entry point");
  const editor = await code.open("train.py");
  await expect(editor).toContainText("import");
  await code.typeAtEnd("train.py", "\n# tuned by hand");
  await code.leaveEditor("train.py");
  await expect
    .poll(async () => (await trainingFiles(page))["train.py"])
    .toContain("# tuned by hand");

  // Outside the editor, Ctrl+Z is the app's undo: the whole burst goes, not one keystroke.
  await page.keyboard.press("Control+z");
  await expect.poll(async () => (await trainingFiles(page))["train.py"]).toBe(original);
  await expect(editor).not.toContainText("tuned");
  await page.keyboard.press("Control+Shift+z");
  await expect
    .poll(async () => (await trainingFiles(page))["train.py"])
    .toContain("# tuned by hand");
  await expect(editor).toContainText("# tuned by hand");

  await page.evaluate(() => window.__designer!.flush());
  await page.reload();
  await designer.canvas.select("PyTorchTraining");
  expect((await trainingFiles(page))["train.py"]).toContain("# tuned by hand");
  // CodeMirror renders the lines in view: go to the end to see the edit.
  await code.editor("train.py").click();
  await page.keyboard.press("Control+End");
  await expect(code.editor("train.py")).toContainText("# tuned by hand");

  const downloading = page.waitForEvent("download");
  await designer.button("Export").click();
  const stream = await (await downloading).createReadStream();
  const exported = JSON.parse(Buffer.concat(await stream.toArray()).toString("utf8"));
  const train = exported.steps.find((step: { id: string }) => step.id === "train");
  expect(train.config.code.files["train.py"]).toContain("# tuned by hand");
});

test("add, rename and delete files; renaming the entry point moves it", async ({ page }) => {
  const { designer, code } = await openTraining(page);
  const inspector = new InspectorPage(page);

  await code.addFile("../outside.py");
  await expect(code.section.getByRole("form", { name: "Add file" })).toContainText("..");
  await code.section.getByRole("button", { name: "Cancel", exact: true }).click();

  await code.addFile("utils/features.py");
  const added = code.editor("utils/features.py");
  await expect(added).toBeVisible();
  await code.typeAtEnd("utils/features.py", "SCALE = 2");
  await code.leaveEditor("utils/features.py");
  await expect.poll(async () => (await trainingFiles(page))["utils/features.py"]).toBe("SCALE = 2");

  await code.open("train.py");
  await code.renameOpenFile("main.py");
  await expect(code.entry("main.py")).toContainText("entry point");
  await expect(code.file("train.py")).toHaveCount(0);
  await expect(inspector.field("Entry point")).toHaveValue("main.py");
  expect((await trainingConfig(page)).entryPoint).toBe("main.py");
  // One undo step puts back both the file name and the entry point.
  await designer.button("Undo").click();
  await expect(code.entry("train.py")).toContainText("entry point");
  expect((await trainingConfig(page)).entryPoint).toBeUndefined();

  // Delete on a file entry asks about the file (not the canvas shortcut that deletes the step).
  await code.file("utils/features.py").press("Delete");
  const asking = page.getByRole("dialog", { name: "Delete file" });
  await expect(asking).toContainText("Delete utils/features.py?");
  await asking.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(designer.step("PyTorchTraining")).toBeVisible();
  await code.open("utils/features.py");
  await code.deleteOpenFile();
  await expect(code.file("utils/features.py")).toHaveCount(0);
  expect(Object.keys(await trainingFiles(page))).toEqual(["train.py"]);

  // S3 code and back: the existing "Code S3 URI" field, and a switch to inline files.
  await code.section.getByRole("button", { name: "Use an S3 URI instead" }).click();
  await page
    .getByRole("dialog", { name: "Use an S3 URI" })
    .getByRole("button", { name: "Remove inline files" })
    .click();
  await inspector.fill("Code S3 URI", "s3://my-ml-bucket/code/sourcedir.tar.gz");
  await expect
    .poll(async () => (await trainingConfig(page)).code)
    .toEqual({ s3Uri: "s3://my-ml-bucket/code/sourcedir.tar.gz" });
  await code.section.getByRole("button", { name: "Use inline files" }).click();
  await expect(code.entry("train.py")).toContainText("entry point");
});

test("import a folder: caches and binaries skipped and reported, one undo step", async ({
  page,
}) => {
  const folder = mkdtempSync(join(tmpdir(), "pd-code-"));
  try {
    const root = join(folder, "project");
    mkdirSync(join(root, "pkg"), { recursive: true });
    mkdirSync(join(root, "__pycache__"));
    writeFileSync(join(root, "train.py"), "print('imported')\n");
    writeFileSync(join(root, "pkg", "__init__.py"), "");
    writeFileSync(join(root, "pkg", "model.py"), "class Net:\n    pass\n");
    writeFileSync(join(root, "__pycache__", "train.cpython-311.pyc"), Buffer.from([0, 1, 2, 3]));
    writeFileSync(join(root, "weights.bin"), Buffer.from([0x89, 0x50, 0, 0, 7]));

    const { designer, code } = await openTraining(page);
    const original = await trainingFiles(page);
    const editor = await code.open("train.py");
    await code.importFolder(root);
    await expect(code.status).toContainText("Imported 3 files");
    await expect(code.status).toContainText("replacing train.py");
    await expect(code.status).toContainText("1 file in __pycache__");
    await expect(code.status).toContainText("weights.bin (binary)");
    await expect(code.file("pkg/model.py")).toBeVisible();
    await expect(editor).toContainText("print('imported')");
    expect(await trainingFiles(page)).toEqual({
      "train.py": "print('imported')\n",
      "pkg/__init__.py": "",
      "pkg/model.py": "class Net:\n    pass\n",
    });

    await designer.button("Undo").click();
    await expect.poll(() => trainingFiles(page)).toEqual(original);
    await expect(code.file("pkg/model.py")).toHaveCount(0);
    await expect(editor).not.toContainText("imported");

    // A drop of files onto the Code section imports them the same way.
    await code.drop([{ name: "dropped.py", text: "DROPPED = True\n" }]);
    await expect(code.file("dropped.py")).toBeVisible();
    expect((await trainingFiles(page))["dropped.py"]).toBe("DROPPED = True\n");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("inline code past 1 MB is refused with the size and the limit; nothing changes", async ({
  page,
}) => {
  const { code } = await openTraining(page);
  const trainBytes = Buffer.byteLength((await trainingFiles(page))["train.py"]!);
  // Fill the step's code to 1 byte under the limit.
  await page.evaluate(
    ({ fill }) => {
      const design = structuredClone(window.__designer!.getDesign()) as {
        steps: { id: string; config: { code: { files: Record<string, string> } } }[];
      };
      const train = design.steps.find((step) => step.id === "train")!;
      train.config.code.files["data.csv"] = "x".repeat(fill);
      window.__designer!.loadDesign(design);
    },
    { fill: LIMIT - trainBytes - 1 },
  );
  await page.getByRole("group", { name: "PyTorchTraining", exact: true }).click();
  await code.open("train.py");
  await code.typeAtEnd("train.py", "ab");
  await expect(code.status).toContainText("Edit refused: inline code would be");
  await expect(code.status).toContainText("the limit is 1 MB (1,048,576 bytes)");
  await code.leaveEditor("train.py");
  await expect.poll(async () => (await trainingFiles(page))["train.py"]!.endsWith("a")).toBe(true);
  const total = Object.values(await trainingFiles(page)).reduce(
    (sum, text) => sum + Buffer.byteLength(text),
    0,
  );
  expect(total).toBe(LIMIT);

  // An import that would pass the limit is refused whole.
  const before = await trainingFiles(page);
  await code.drop([{ name: "more.py", text: "y".repeat(2000) }]);
  await expect(code.status).toContainText("Import refused: inline code would be");
  await expect(code.status).toContainText("the limit is 1 MB");
  expect(await trainingFiles(page)).toEqual(before);
});
