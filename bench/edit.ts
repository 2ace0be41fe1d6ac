// Edit latency: from the Enter that commits an inspector field to the DOM showing the result —
// the Definition preview's text and the node's problem badge — against the bare page renaming
// one node from a text field, at the same node count.
import type { Page } from "@playwright/test";

export interface EditRun {
  /** Enter → the Definition preview shows the new InstanceCount; null when the design does not compile. */
  definition: number | null;
  /** Enter → the node's problem badge shows the error an invalid count causes. */
  badge: number;
}

async function commit(page: Page, field: string, value: string, selector: string, text: string) {
  const input = page.getByLabel(field, { exact: true });
  await input.fill(value);
  await page.evaluate(
    ({ selector, text }) => {
      (window as unknown as { __edit: Promise<number> }).__edit = window.__bench.timeEdit(
        selector,
        text,
      );
    },
    { selector, text },
  );
  await input.press("Enter");
  return page.evaluate(() => (window as unknown as { __edit: Promise<number> }).__edit);
}

/** Selects the step in the designer (a click on its node) and waits for its form. */
export async function selectStep(page: Page, stepId: string): Promise<void> {
  await page.bringToFront();
  await page.locator(`[data-testid="node-${stepId}"]`).click();
  await page.getByLabel("Instance count", { exact: true }).waitFor();
}

export async function editDesigner(page: Page, stepId: string, run: number): Promise<EditRun> {
  await page.bringToFront();
  const compiles = await page.evaluate(() => (window.__designer?.compile() as { ok: boolean }).ok);
  if (compiles) await page.locator(".previews__definition .cm-content").waitFor();
  // The catalog takes 1–10; 1 is where each run leaves the field.
  const count = String(2 + (run % 9));
  const definition = compiles
    ? await commit(
        page,
        "Instance count",
        count,
        ".previews__definition .cm-content",
        `"InstanceCount": ${count}`,
      )
    : null;
  const badge = await commit(
    page,
    "Instance count",
    "0",
    `[data-testid="node-${stepId}"] .step-node__badge`,
    "",
  );
  await page.getByLabel("Instance count", { exact: true }).fill("1");
  await page.getByLabel("Instance count", { exact: true }).press("Enter");
  await page.locator(`[data-testid="node-${stepId}"] .step-node__badge`).waitFor({
    state: "detached",
  });
  return { definition, badge };
}

/** The bare page: select the node, type a new label, Enter → the node shows it. */
export async function editBare(page: Page, nodeId: string, run: number): Promise<number> {
  await page.bringToFront();
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  const label = `renamed-${run}`;
  return commit(page, "Label", label, `.react-flow__node[data-id="${nodeId}"]`, label);
}
