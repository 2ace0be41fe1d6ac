import type { Locator, Page } from "@playwright/test";

/** The step palette: items are buttons named by the step type's display name. */
export class PalettePage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole("navigation", { name: "Step palette" });
  }

  item(displayName: string): Locator {
    return this.root.getByRole("button", { name: displayName, exact: true });
  }

  async search(text: string): Promise<void> {
    await this.root.getByLabel("Search steps").fill(text);
  }

  /** Drags a palette item onto the canvas at a point relative to the canvas's top-left. */
  async dragToCanvas(displayName: string, at: { x: number; y: number }): Promise<void> {
    const pane = this.page.locator(".react-flow__pane");
    await this.item(displayName).dragTo(pane, { targetPosition: at });
  }

  /** Keyboard path: focus the item and press Enter — adds at the centre of the view. */
  async addWithKeyboard(displayName: string): Promise<void> {
    await this.item(displayName).focus();
    await this.page.keyboard.press("Enter");
  }
}
