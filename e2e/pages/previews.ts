import type { Locator, Page } from "@playwright/test";

/** The preview tabs "Channels", "Metrics", "Definition" and their controls. */
export class PreviewsPage {
  constructor(readonly page: Page) {}

  tab(name: "Channels" | "Metrics" | "Definition"): Locator {
    return this.page.getByRole("tab", { name, exact: true });
  }

  async show(name: "Channels" | "Metrics" | "Definition"): Promise<Locator> {
    await this.tab(name).click();
    return this.page.getByRole("tabpanel", { name });
  }

  get channelsTable(): Locator {
    return this.page.getByRole("table", { name: /Input channels of/ });
  }

  metricRegex(index: number): Locator {
    return this.page.getByRole("textbox", { name: `Regex of metric ${index}`, exact: true });
  }

  get sampleLog(): Locator {
    return this.page.getByLabel("Sample log lines");
  }

  get matches(): Locator {
    return this.page.getByRole("table", { name: "Metric matches per log line" });
  }

  /** The whole definition as the user gets it: press "Copy" and read the clipboard (the editor renders only visible lines). */
  async definitionText(): Promise<string> {
    const panel = this.page.getByRole("tabpanel", { name: "Definition" });
    await panel.getByRole("button", { name: "Copy", exact: true }).click();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
