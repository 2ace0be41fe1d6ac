import { expect, type Locator, type Page } from "@playwright/test";

/** The inspector: fields are labelled as in DESIGN.md §6 and commit on Enter or blur. */
export class InspectorPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole("complementary", { name: "Inspector" });
  }

  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true });
  }

  async fill(label: string, value: string): Promise<void> {
    const field = this.field(label);
    await field.fill(value);
    await field.press("Enter");
  }

  async expectError(label: string, text: string | RegExp): Promise<void> {
    const field = this.field(label);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const ids = (await field.getAttribute("aria-describedby"))?.split(" ") ?? [];
    const messages = await Promise.all(
      ids.map((id) => this.page.locator(`[id="${id}"]`).innerText()),
    );
    expect(messages.join(" ")).toMatch(text);
  }
}
