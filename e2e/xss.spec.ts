import { expect, test, type Page } from "@playwright/test";
import { DesignerPage } from "./pages/designerPage";
import { PreviewsPage } from "./pages/previews";
import { watchPages, type PageReports } from "./support/pageWatch";
import { poisonDesign, XSS_PAYLOADS } from "./support/xssDesign";

// The CSP would stop most payloads by itself; switched off here, so these tests show that the app
// renders every text as text (defence in depth: a deployment may lack the header).
test.use({ bypassCSP: true });
test.describe.configure({ timeout: 60_000 });

/** Elements a payload would have created if any text had been rendered as markup. */
function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes)
        if (/^on/i.test(attribute.name)) found.push(`<${element.tagName} ${attribute.name}>`);
      const href = element.getAttribute("href") ?? element.getAttribute("src") ?? "";
      if (/^\s*javascript:/i.test(href)) found.push(`<${element.tagName} ${href}>`);
      // The app has no frames of its own; <details> it has, so a payload's shows by its ontoggle.
      if (element.tagName === "IFRAME") found.push("<IFRAME>");
      if (element.tagName === "SCRIPT" && !(element as HTMLScriptElement).src)
        found.push("inline <script>");
    }
    return found;
  });
}

/** Long payload names make nodes overlap, so the click goes to the node itself, not to a point. */
async function selectStep(page: Page, id: string): Promise<void> {
  const node = page.getByTestId(`rf__node-${id}`);
  await node.dispatchEvent("click");
  await expect(node).toHaveClass(/selected/);
}

/** Every panel that shows the design's texts: each step's inspector and code, previews, problems, export. */
async function exercise(page: Page, designer: DesignerPage): Promise<string> {
  const previews = new PreviewsPage(page);
  const ids = (await designer.design()).steps.map((step) => step.id);
  for (const id of ids) {
    await selectStep(page, id);
    const code = page
      .getByRole("complementary", { name: "Inspector" })
      .getByRole("list", { name: "Inline code files" });
    const payloadFile = code.getByRole("button", { name: /\.py$/ }).last();
    if (await payloadFile.isVisible()) await payloadFile.click();
    for (const tab of ["Channels", "Metrics", "Definition"] as const) await previews.show(tab);
  }
  await selectStep(page, "train");
  await previews.show("Metrics");
  await previews.sampleLog.fill(XSS_PAYLOADS.map((payload) => `${payload}=0.5`).join("\n"));
  await expect(designer.problems).toBeVisible();
  await designer.button("Validate").click();
  const download = page.waitForEvent("download");
  await designer.button("Export").click();
  const file = await (await download).createReadStream();
  return Buffer.concat(await file.toArray()).toString("utf8");
}

async function expectNothingRan(page: Page, reports: PageReports): Promise<void> {
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(reports.dialogs).toEqual([]);
  expect(await injectedMarkup(page)).toEqual([]);
  expect(reports.pageErrors).toEqual([]);
}

test("payloads in every text field, loaded through the test hook, are shown as text and never run", async ({
  context,
  page,
}) => {
  const reports = await watchPages(context);
  const designer = new DesignerPage(page);
  await designer.open();
  const poisoned = poisonDesign((await designer.design()) as never);
  const loaded = await page.evaluate((design) => window.__designer!.loadDesign(design), poisoned);
  expect(loaded).toMatchObject({ kind: "ok" });
  // They are on screen as the user typed them.
  await expect(designer.toolbar.getByLabel("Pipeline name")).toHaveText(XSS_PAYLOADS[0]!);
  await expect(page.getByTestId("node-train")).toContainText(
    XSS_PAYLOADS[7 % XSS_PAYLOADS.length]!,
  );
  const exported = await exercise(page, designer);
  expect(JSON.parse(exported)).toEqual(await designer.design());
  await expectNothingRan(page, reports);
});

test("payloads in an imported design file, and in a refused one's problems, never run", async ({
  context,
  page,
}) => {
  const reports = await watchPages(context);
  const designer = new DesignerPage(page);
  await designer.open();
  const poisoned = poisonDesign((await designer.design()) as never);
  const importFile = page.getByLabel("Import design file");
  await importFile.setInputFiles({
    name: `${XSS_PAYLOADS[1]}.pipeline.json`,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(poisoned)),
  });
  await expect(designer.toolbar.getByLabel("Pipeline name")).toHaveText(XSS_PAYLOADS[0]!);
  await exercise(page, designer);

  // A refused file: its problems quote the payloads back (unknown ids, types, keys).
  const refused = structuredClone(poisoned) as {
    edges: unknown[];
    steps: { type: string }[];
    [key: string]: unknown;
  };
  refused.edges.push({
    from: { step: XSS_PAYLOADS[0], output: XSS_PAYLOADS[3] },
    to: { step: "train", input: XSS_PAYLOADS[1] },
  });
  refused.steps[0]!.type = XSS_PAYLOADS[4]!;
  refused[XSS_PAYLOADS[5]!] = XSS_PAYLOADS[6];
  await importFile.setInputFiles({
    name: "refused.pipeline.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(refused)),
  });
  const dialog = page.getByRole("dialog", { name: "Import refused" });
  await expect(dialog).toContainText(XSS_PAYLOADS[0]!);
  await expectNothingRan(page, reports);
});
