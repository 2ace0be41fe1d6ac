import { expect, test, type Page } from "@playwright/test";
import { ScriptChecksPage } from "./pages/checks";
import { DesignerPage } from "./pages/designerPage";

const CHANNEL_LINE = 'DATA_DIR = Path(os.environ.get("SM_CHANNEL_DATA", "/opt/ml/input/data/';

async function trainScript(page: Page): Promise<string> {
  return page.evaluate(() => {
    const design = window.__designer!.getDesign() as {
      steps: { id: string; config: { code?: { files?: Record<string, string> } } }[];
    };
    return design.steps.find((step) => step.id === "train")?.config.code?.files?.["train.py"] ?? "";
  });
}

test("a typo in a channel path is flagged on its line and on the node, and clears when fixed", async ({
  page,
}) => {
  const designer = new DesignerPage(page);
  const checks = new ScriptChecksPage(page);
  await designer.open();
  await designer.canvas.select("PyTorchTraining");
  const editor = await checks.code.open("train.py");
  await expect(editor).toContainText("/opt/ml/input/data/data");
  // The example's scripts pass every check: no badge, nothing listed.
  await expect(checks.badge("PyTorchTraining")).toHaveCount(0);

  // "/opt/ml/input/data/data" → "/opt/ml/input/data/dta": the data channel's folder misspelt.
  await checks.editLine("train.py", CHANNEL_LINE, { back: 3, remove: 4, insert: "dta" });
  await expect.poll(() => trainScript(page)).toContain('"/opt/ml/input/data/dta"');

  const list = checks.problemList("train.py");
  await expect(list).toContainText("Line 17, column 71");
  await expect(list).toContainText("PD502");
  await expect(list).toContainText('the container has no "dta" in /opt/ml/input/data');
  await expect(checks.underlines("train.py")).toHaveCount(1);
  await expect(checks.underlines("train.py")).toHaveText("dta");
  await expect(checks.badge("PyTorchTraining")).toHaveAccessibleName("1 error, 0 warnings");
  await expect(checks.problemsPanel).toContainText("PD502 PyTorchTraining.code/train.py:17:71:");
  await designer.button("Validate").click();
  await expect(designer.announcements).toContainText("Validated: 1 problem(s); see Problems.");

  await checks.editLine("train.py", CHANNEL_LINE, { back: 3, remove: 3, insert: "data" });
  await expect.poll(() => trainScript(page)).toContain('"/opt/ml/input/data/data"');
  await expect(list).toHaveCount(0);
  await expect(checks.underlines("train.py")).toHaveCount(0);
  await expect(checks.badge("PyTorchTraining")).toHaveCount(0);
  await expect(checks.problemsPanel).not.toContainText("PD502");
});
