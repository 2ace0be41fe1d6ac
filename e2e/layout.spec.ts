import { expect, test, type Locator, type Page } from "@playwright/test";
import { AwsPage } from "./pages/aws";
import { DesignerPage } from "./pages/designerPage";
import { openUniqueExample } from "./support/uniqueDesign";
import { resetControls } from "./support/emulator";

// Issue 14: the toolbar wrapped to two rows at 1280 and 1440 px and the Runs table broke job
// ARNs one character per line. Both must lay out at 1280 × 800 and up.
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];

interface Box {
  name: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The toolbar's boxes: its items (direct children) and controls (buttons, selects, inputs),
 * which must share one row, and every text or control in it, which must stay inside it.
 */
async function toolbarLayout(toolbar: Locator) {
  return toolbar.evaluate((element) => {
    const describe = (node: Element) =>
      node.getAttribute("aria-label") ??
      node.textContent?.trim().slice(0, 40) ??
      node.tagName.toLowerCase();
    const boxes = (nodes: Iterable<Element>): Box[] => {
      const found: Box[] = [];
      for (const node of nodes) {
        const box = node.getBoundingClientRect();
        // Empty status regions and visually hidden text take no room on the row.
        if (box.width <= 1 || box.height <= 1 || getComputedStyle(node).visibility === "hidden")
          continue;
        found.push({
          name: describe(node),
          top: box.top,
          bottom: box.bottom,
          left: box.left,
          right: box.right,
        });
      }
      return found;
    };
    const own = element.getBoundingClientRect();
    return {
      row: boxes([...element.children, ...element.querySelectorAll("button, select, input")]),
      all: boxes(element.querySelectorAll("*")),
      toolbar: { top: own.top, bottom: own.bottom, left: own.left, right: own.right },
      height: own.height,
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    };
  });
}

async function expectOneRow(page: Page, label: string): Promise<void> {
  const designer = new DesignerPage(page);
  const layout = await toolbarLayout(designer.toolbar);
  const where = `${label}: ${JSON.stringify(layout.row)}`;
  expect(layout.row.length, where).toBeGreaterThan(8);
  // One row: every item's and control's vertical centre within a few px of the others, and the
  // toolbar no taller than one row of controls.
  const centres = layout.row.map((control) => (control.top + control.bottom) / 2);
  expect(Math.max(...centres) - Math.min(...centres), where).toBeLessThanOrEqual(4);
  expect(layout.height, where).toBeLessThan(56);
  // Nothing overflows the toolbar horizontally (or vertically).
  expect(layout.scrollWidth, where).toBeLessThanOrEqual(layout.clientWidth);
  for (const box of layout.all) {
    const inside =
      box.left >= layout.toolbar.left - 0.5 &&
      box.right <= layout.toolbar.right + 0.5 &&
      box.top >= layout.toolbar.top - 0.5 &&
      box.bottom <= layout.toolbar.bottom + 0.5;
    expect(inside, `${label}: ${box.name} ${JSON.stringify(box)} inside the toolbar`).toBe(true);
  }
}

/** The commands tests and users rely on stay on the toolbar, visible, one click away. */
async function expectMainCommands(page: Page): Promise<void> {
  const designer = new DesignerPage(page);
  for (const name of ["Undo", "Redo", "Auto layout", "Import", "Export", "Validate", "Submit"])
    await expect(designer.button(name)).toBeVisible();
  await expect(designer.toolbar.getByLabel("Pipeline name")).toBeVisible();
}

test.describe.configure({ timeout: 60_000 });
test.beforeEach(() => resetControls());

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}×${viewport.height}`;

  test(`the toolbar is one row at ${size}, signed out and signed in`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const designer = new DesignerPage(page);
    const aws = new AwsPage(page);
    await designer.open();
    await expect(designer.step("PyTorchTraining")).toBeVisible();
    await expectMainCommands(page);
    await expect(designer.button("Sign in")).toBeVisible();
    await expectOneRow(page, `${size} signed out`);

    await aws.signIn();
    await aws.signedIn();
    await expect(aws.signedInUser).toBeVisible();
    await expectMainCommands(page);
    await expectOneRow(page, `${size} signed in`);
    if (viewport.width === 1280)
      await designer.toolbar.screenshot({
        path: test.info().outputPath(`toolbar-${viewport.width}.png`),
      });
  });
}

test("a long name truncates with an ellipsis and keeps its full value on hover", async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS[0]!);
  const designer = new DesignerPage(page);
  await designer.open();
  const long = `a-very-long-pipeline-name-${"x".repeat(80)}`;
  await page.evaluate((name) => {
    const design = structuredClone(window.__designer!.getDesign()) as {
      pipeline: { name: string };
    };
    design.pipeline.name = name;
    window.__designer!.loadDesign(design);
  }, long);
  const name = designer.toolbar.getByLabel("Pipeline name");
  await expect(name).toHaveText(long);
  await expect(name).toHaveAttribute("title", long);
  await expect(name).toHaveCSS("text-overflow", "ellipsis");
  expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expectOneRow(page, "long pipeline name");
});

test("the less-used commands are in menus that open from the keyboard and close with Escape", async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS[0]!);
  const designer = new DesignerPage(page);
  await designer.open();
  const open = designer.menu("Open");
  await expect(open).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByLabel("Example")).toBeHidden();
  await open.focus();
  await page.keyboard.press("Enter");
  await expect(open).toHaveAttribute("aria-expanded", "true");
  // Focus moves to the first control; Escape closes and gives focus back to the button.
  await expect(page.getByLabel("Example")).toBeFocused();
  await expect(page.getByLabel("Recent")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(open).toHaveAttribute("aria-expanded", "false");
  await expect(open).toBeFocused();
  await expect(page.getByLabel("Example")).toBeHidden();

  // "More": Settings and Keyboard shortcuts stay buttons of those names.
  await designer.openMenu("More");
  await expect(designer.button("Settings")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(designer.button("Keyboard shortcuts")).toBeFocused();
  await page.keyboard.press("Enter");
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(shortcuts).toBeVisible();
  await expect(designer.menu("More")).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();
  await expect(designer.menu("More")).toBeFocused();

  // A click outside closes a menu; choosing an example closes it and opens the example.
  await designer.openMenu("More");
  await designer.problems.click();
  await expect(designer.menu("More")).toHaveAttribute("aria-expanded", "false");
  await designer.chooseExample("XGBoost tabular");
  await expect(designer.step("XGBoostTraining")).toBeVisible();
  await expect(open).toHaveAttribute("aria-expanded", "false");
});

test("the Runs table shows long job ARNs shortened on at most two lines, full on hover and copy", async ({
  page,
}) => {
  await page.setViewportSize(VIEWPORTS[0]!);
  const { aws } = await openUniqueExample(page, "layout");
  await aws.signInAndReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toBeVisible();
  await aws.closeSubmit();
  const table = aws.runs.getByRole("table", { name: "Run steps" });
  // The longest job ARN the emulator gives: the preprocessing step's processing job.
  const row = table.getByRole("row").filter({ hasText: "TabularPreprocessing-Training" });
  await expect(row).toContainText("processingjob/TabularPreprocessing-Training", {
    timeout: 30_000,
  });
  const cell = row.getByRole("cell").last();
  const { height, lineHeight, cellWidth } = await cell.evaluate((element) => {
    const style = getComputedStyle(element);
    const fontSize = parseFloat(style.fontSize);
    const line = Number.isNaN(parseFloat(style.lineHeight))
      ? fontSize * 1.3
      : parseFloat(style.lineHeight);
    return {
      height: element.getBoundingClientRect().height,
      lineHeight: line,
      cellWidth: element.getBoundingClientRect().width,
    };
  });
  // Padding and the copy button aside, no more than two lines.
  expect(height, `cell ${cellWidth}px wide`).toBeLessThanOrEqual(lineHeight * 2 + 16);
  expect(cellWidth).toBeGreaterThan(60);
  // Each row is itself compact: a step name or status never breaks into a tower either.
  for (const each of await table.getByRole("row").all()) {
    const rowHeight = (await each.boundingBox())!.height;
    expect(rowHeight).toBeLessThanOrEqual(lineHeight * 2 + 16);
  }

  const arn = row.getByTitle(/^arn:aws:sagemaker:.*:processingjob\/TabularPreprocessing-Training$/);
  await expect(arn).toBeVisible();
  const full = (await arn.getAttribute("title"))!;
  await row.getByRole("button", { name: "Copy job ARN" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(full);
  await aws.runs.screenshot({ path: test.info().outputPath("runs-1280.png") });
});
