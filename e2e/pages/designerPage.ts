import { expect, type Locator, type Page } from "@playwright/test";

/** The designer as a user sees it, addressed only by the accessible names of DESIGN.md §6. */
export class DesignerPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByRole("toolbar", { name: "Designer toolbar" })).toBeVisible();
  }

  step(name: string): Locator {
    return this.page.getByRole("group", { name, exact: true });
  }

  port(stepId: string, direction: "in" | "out", logicalName: string): Locator {
    return this.page.getByTestId(`port-${stepId}-${direction}-${logicalName}`);
  }

  get problems(): Locator {
    return this.page.getByRole("complementary", { name: "Problems" });
  }

  async chooseExample(name: string): Promise<void> {
    await this.page.getByLabel("Example").selectOption(name);
  }

  /** The design as the store holds it (test hook). */
  async design(): Promise<{
    steps: { id: string; name: string; type: string }[];
    pipeline: { name: string };
  }> {
    return this.page.evaluate(() => window.__designer!.getDesign() as never);
  }
}
