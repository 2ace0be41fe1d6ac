import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../scripts/chromium.mjs";
import { DesignerPage } from "./pages/designerPage";
import { InspectorPage } from "./pages/inspector";
import { savedDesigns, savedStepNames } from "./support/savedDesigns";

/** Renames a step through the inspector (one committed edit) and waits until IndexedDB holds it. */
async function renameAndWaitSaved(page: Page, from: string, to: string): Promise<void> {
  const designer = new DesignerPage(page);
  await designer.canvas.select(from);
  await new InspectorPage(page).fill("Step name", to);
  await expect(designer.step(to)).toBeVisible();
  await expect
    .poll(async () => (await savedStepNames(page))[0] ?? [], { timeout: 5_000 })
    .toContain(to);
}

/** An edit typed but never committed (no Enter, no blur): what a kill interrupts. */
async function typeWithoutCommitting(page: Page): Promise<void> {
  await new DesignerPage(page).canvas.select("TabularPreprocessing-Training");
  await new InspectorPage(page).field("Label field").fill("typed-but-not-committed");
}

async function reopen(context: BrowserContext, page?: Page): Promise<DesignerPage> {
  const designer = new DesignerPage(page ?? (await context.newPage()));
  await designer.open();
  return designer;
}

/** Renames a step through the inspector (one committed edit), not waiting for any save. */
async function rename(page: Page, from: string, to: string): Promise<void> {
  const designer = new DesignerPage(page);
  await designer.canvas.select(from);
  await new InspectorPage(page).fill("Step name", to);
  await expect(designer.step(to)).toBeVisible();
}

/**
 * A committed edit waited for in IndexedDB; a second one committed straight before the interrupt,
 * before autosave could write it (only the journal holds it); a third typed but not committed.
 */
async function editThenInterrupt(page: Page): Promise<void> {
  await renameAndWaitSaved(page, "PyTorchTraining", "TrainFirst");
  await rename(page, "TrainFirst", "TrainLastCommitted");
  await typeWithoutCommitting(page);
}

/**
 * As editThenInterrupt, but the last commit is waited for in IndexedDB: what survives a whole
 * browser restart. (The journal lives in localStorage, which Chromium writes to disk in batches a
 * few seconds apart; a browser process that dies before that keeps only what IndexedDB holds.)
 */
async function saveThenInterrupt(page: Page): Promise<void> {
  await renameAndWaitSaved(page, "PyTorchTraining", "TrainFirst");
  await renameAndWaitSaved(page, "TrainFirst", "TrainLastCommitted");
  await typeWithoutCommitting(page);
}

/** Crashes the page's renderer (Chromium's "Aw, Snap!"); the browser process lives on. */
async function crashRenderer(context: BrowserContext, page: Page): Promise<void> {
  const crashed = page.waitForEvent("crash");
  const cdp = await context.newCDPSession(page);
  void cdp.send("Page.crash").catch(() => undefined);
  await crashed;
}

test("after a renderer crash straight after a commit, the browser reopens the designer on that commit", async ({
  context,
  page,
}) => {
  await new DesignerPage(page).open();
  await editThenInterrupt(page);
  await crashRenderer(context, page);
  await expectLastCommittedEdit(await reopen(context));
});

async function expectLastCommittedEdit(reopened: DesignerPage): Promise<void> {
  await expect(reopened.step("TrainLastCommitted")).toBeVisible();
  const design = await reopened.design();
  // The default demo, the gated PyTorch pipeline, with the training step renamed.
  expect(design.steps.map((step) => step.name)).toEqual([
    "DataLoad-Training",
    "TabularPreprocessing-Training",
    "TrainLastCommitted",
    "PyTorchEvaluation",
    "CheckAuc",
    "PyTorchRegisterModel",
    "PyTorchModel",
    "BatchTransform",
    "AucTooLow",
  ]);
  expect(design.steps[1]!.config.labelName).toBe("target");
  // The dead tab holds no claim on the design: the reopened one is not told to fork.
  await expect(reopened.page.getByRole("alert")).toHaveCount(0);
}

test("a page closed without unload handlers mid-edit reopens on its last committed edit", async ({
  context,
  page,
}) => {
  await new DesignerPage(page).open();
  await editThenInterrupt(page);
  await page.close({ runBeforeUnload: false });
  await expectLastCommittedEdit(await reopen(context));
});

test("after a renderer crash the browser, restarted on the profile as the crash left it, reopens on the last committed edit", async ({
  playwright,
  baseURL,
}) => {
  // A profile on disk, as a user's browser has, so the restarted browser finds what was saved.
  const profile = mkdtempSync(join(tmpdir(), "pd-crash-"));
  const launch = (dir: string) =>
    playwright.chromium.launchPersistentContext(dir, {
      executablePath: findChromium()?.path,
      args: CHROMIUM_ARGS,
      baseURL,
    });
  const crashing = await launch(profile);
  const page = crashing.pages()[0] ?? (await crashing.newPage());
  await new DesignerPage(page).open();
  await saveThenInterrupt(page);
  await crashRenderer(crashing, page);
  // This Chromium lingers for about a minute after a renderer crash, holding its profile, so the
  // restarted browser gets a copy of the profile as the crash left it.
  const restartedProfile = mkdtempSync(join(tmpdir(), "pd-restart-"));
  cpSync(profile, restartedProfile, {
    recursive: true,
    filter: (source) => !/Singleton/.test(source),
  });
  void crashing.close().catch(() => undefined);

  const restarted = await launch(restartedProfile);
  try {
    await expectLastCommittedEdit(await reopen(restarted, restarted.pages()[0]));
  } finally {
    await restarted.close();
  }
});

for (const delayMs of [0, 50, 200])
  test(`a committed edit survives a reload ${delayMs} ms after it`, async ({ page }) => {
    const designer = new DesignerPage(page);
    await designer.open();
    await designer.canvas.select("PyTorchTraining");
    // The reload is started by the page itself, timed from the moment the edit shows on the canvas.
    await page.evaluate((delay) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[role="group"][aria-label="TrainReloaded"]')) return;
        observer.disconnect();
        setTimeout(() => location.reload(), delay);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    }, delayMs);
    const reloaded = page.waitForEvent("framenavigated");
    await new InspectorPage(page).fill("Step name", "TrainReloaded");
    await reloaded;
    await expect(designer.toolbar).toBeVisible();
    await expect(designer.step("TrainReloaded")).toBeVisible();
    expect((await designer.design()).steps[2]!.name).toBe("TrainReloaded");
  });

test("two tabs editing one design both keep their edits; neither overwrites the other", async ({
  context,
}) => {
  const first = await reopen(context);
  await renameAndWaitSaved(first.page, "PyTorchTraining", "EditedInA");
  const second = await reopen(context);
  await expect(second.step("EditedInA")).toBeVisible();
  await expect(first.page.getByRole("alert")).toContainText("open in another tab");

  // Both go on editing the design each shows, after the warning.
  await renameAndWaitSaved(first.page, "EditedInA", "SecondEditInA");
  await renameAndWaitSaved(second.page, "EditedInA", "EditedInB");
  const records = await savedDesigns(second.page);
  const byEdit = (name: string) =>
    records.filter((record) => record.design.steps.some((step) => step.name === name));
  expect(byEdit("SecondEditInA")).toHaveLength(1);
  expect(byEdit("EditedInB")).toHaveLength(1);
  expect(byEdit("SecondEditInA")[0]!.documentId).not.toBe(byEdit("EditedInB")[0]!.documentId);

  // Each tab's own reload shows its own edit, not the other's.
  await second.page.reload();
  await expect(second.step("EditedInB")).toBeVisible();
  await expect(first.step("SecondEditInA")).toBeVisible();
});

const storageFailures: { what: string; init: () => void; banner: RegExp }[] = [
  {
    what: "IndexedDB is unavailable (indexedDB.open throws, as in some private modes)",
    init: () => {
      IDBFactory.prototype.open = () => {
        throw new DOMException("The operation is insecure.", "SecurityError");
      };
    },
    banner: /Autosave is off: .*insecure.*Export your design/,
  },
  {
    what: "storage is full (every write fails with QuotaExceededError)",
    init: () => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    },
    banner:
      /Autosave failed: the browser.s storage for this site is full \(The quota has been exceeded\)\. Editing continues/,
  },
];

for (const { what, init, banner } of storageFailures) {
  test(`when ${what}, a banner says so and editing and export go on`, async ({ page }) => {
    await page.addInitScript(init);
    const designer = new DesignerPage(page);
    await designer.open();
    const inspector = new InspectorPage(page);
    await designer.canvas.select("PyTorchTraining");
    await inspector.fill("Step name", "EditedWithoutStorage");
    await expect(page.getByRole("alert").filter({ hasText: banner })).toBeVisible();
    await expect(page.getByRole("status", { name: "Save status" })).toContainText(banner);

    await designer.canvas.select("EditedWithoutStorage");
    await inspector.fill("Volume size (GB)", "77");
    await designer.button("Undo").click();
    await designer.button("Redo").click();
    await expect.poll(async () => (await designer.design()).steps[2]!.config.volumeSizeGb).toBe(77);
    const download = page.waitForEvent("download");
    await designer.button("Export").click();
    const file = await (await download).createReadStream();
    const exported = JSON.parse(Buffer.concat(await file.toArray()).toString("utf8"));
    expect(exported.steps[2].name).toBe("EditedWithoutStorage");
    expect(exported.steps[2].config.volumeSizeGb).toBe(77);
  });
}

test("once storage has room again, the next save clears the banner", async ({ page }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    const state = window as unknown as { storageFull: boolean };
    state.storageFull = true;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if (state.storageFull)
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return put.apply(this, args);
    };
  });
  const designer = new DesignerPage(page);
  await designer.open();
  const inspector = new InspectorPage(page);
  await designer.canvas.select("PyTorchTraining");
  await inspector.fill("Step name", "EditedWhileFull");
  const banner = page.getByRole("alert").filter({ hasText: /storage for this site is full/ });
  await expect(banner).toBeVisible();
  await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = false));
  await designer.canvas.select("EditedWhileFull");
  await inspector.fill("Volume size (GB)", "78");
  await expect(page.getByRole("status", { name: "Save status" })).not.toContainText("failed");
  await expect(banner).toBeHidden();
});
