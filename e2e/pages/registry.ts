import { expect, type Locator, type Page } from "@playwright/test";

/** The model registry view (toolbar "More" → "Registry"), by its accessible names. */
export class RegistryPage {
  constructor(readonly page: Page) {}

  get toolbar(): Locator {
    return this.page.getByRole("toolbar", { name: "Designer toolbar" });
  }

  get dialog(): Locator {
    return this.page.getByRole("dialog", { name: "Model registry" });
  }

  /** Opens the view from the toolbar's "More" menu. */
  async open(): Promise<void> {
    await this.toolbar.getByRole("button", { name: "More", exact: true }).click();
    await this.toolbar.getByRole("button", { name: "Registry", exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole("button", { name: "Close", exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Closes and opens the view again: everything shown is read anew from the service. */
  async reopen(): Promise<void> {
    await this.close();
    await this.open();
  }

  get group(): Locator {
    return this.dialog.getByLabel("Model package group");
  }

  async chooseGroup(name: string): Promise<void> {
    await expect(this.group.getByRole("option", { name, exact: true })).toBeAttached();
    await this.group.selectOption(name);
  }

  versions(group: string): Locator {
    return this.dialog.getByRole("table", { name: `Versions of ${group}` });
  }

  /** A version's row, by its row header "Version N". */
  version(group: string, version: number): Locator {
    return this.versions(group)
      .getByRole("row")
      .filter({
        has: this.page.getByRole("rowheader", { name: `Version ${version}`, exact: true }),
      });
  }

  /** The metrics a version's evaluation report holds: terms (names) and definitions (values). */
  metrics(group: string, version: number): Locator {
    return this.version(group, version).getByRole("group", {
      name: `Metrics of version ${version}`,
    });
  }

  customerMetadata(group: string, version: number): Locator {
    return this.version(group, version).getByRole("group", {
      name: `Customer metadata of version ${version}`,
    });
  }

  /** Approves or rejects a version, with an optional description, and confirms. */
  async decide(
    verb: "Approve" | "Reject",
    group: string,
    version: number,
    description = "",
  ): Promise<void> {
    await this.version(group, version)
      .getByRole("button", { name: `${verb} version ${version}`, exact: true })
      .click();
    const form = this.decisionForm(verb, version);
    await expect(form).toBeVisible();
    if (description) await form.getByLabel("Description (optional)").fill(description);
    await form
      .getByRole("button", { name: verb === "Approve" ? "Confirm approval" : "Confirm rejection" })
      .click();
  }

  decisionForm(verb: "Approve" | "Reject", version: number): Locator {
    return this.dialog.getByRole("form", { name: `${verb} version ${version}` });
  }
}
