import { expect, type Locator, type Page } from "@playwright/test";
import { CanvasPage } from "./canvas";
import { PalettePage } from "./palette";

interface DesignSnapshot {
  steps: {
    id: string;
    name: string;
    type: string;
    position: { x: number; y: number };
    config: Record<string, unknown>;
  }[];
  edges: { from: { step: string; output: string }; to: { step: string; input: string } }[];
  pipeline: { name: string };
}

/** The designer as a user sees it, addressed only by the accessible names of DESIGN.md §6. */
export class DesignerPage {
  readonly palette: PalettePage;
  readonly canvas: CanvasPage;

  constructor(readonly page: Page) {
    this.palette = new PalettePage(page);
    this.canvas = new CanvasPage(page);
  }

  async open(): Promise<void> {
    await this.page.goto("/");
    await expect(this.toolbar).toBeVisible();
  }

  get toolbar(): Locator {
    return this.page.getByRole("toolbar", { name: "Designer toolbar" });
  }

  button(name: string): Locator {
    return this.toolbar.getByRole("button", { name, exact: true });
  }

  step(name: string): Locator {
    return this.canvas.step(name);
  }

  port(stepId: string, direction: "in" | "out", logicalName: string): Locator {
    return this.canvas.port(stepId, direction, logicalName);
  }

  get problems(): Locator {
    return this.page.getByRole("complementary", { name: "Problems" });
  }

  get announcements(): Locator {
    return this.page.getByRole("log", { name: "Announcements" });
  }

  /** A toolbar menu's button ("Open": Example and Recent; "More": Settings, Keyboard shortcuts). */
  menu(name: "Open" | "More"): Locator {
    return this.toolbar.getByRole("button", { name, exact: true });
  }

  /** Opens a toolbar menu (if closed), so the controls it holds can be reached by their names. */
  async openMenu(name: "Open" | "More"): Promise<void> {
    const button = this.menu(name);
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
  }

  async chooseExample(name: string): Promise<void> {
    // The example chooser sits in the toolbar's "Open" menu (issue 14: one toolbar row).
    const example = this.page.getByLabel("Example");
    if (!(await example.isVisible())) await this.openMenu("Open");
    await example.selectOption(name);
  }

  /**
   * Opens the designer, then a bundled example from the "Example" chooser, once it is shown whole:
   * for tests about that example's specifics (the designer itself opens on the gated PyTorch one).
   */
  async openExample(name: string, pipelineName: string): Promise<void> {
    await this.open();
    await this.chooseExample(name);
    await expect(this.toolbar.getByLabel("Pipeline name")).toHaveText(pipelineName);
    await expect(this.announcements).toContainText(`Opened the ${name} example.`);
    await this.canvas.steadyView();
  }

  /** The PyTorch tabular example: load → preprocess → train → model, four steps and four links. */
  async openTabularExample(): Promise<void> {
    await this.openExample("PyTorch tabular", "fraud-pytorch");
  }

  /** Starts from an empty design with the example's pipeline settings (test hook). */
  async startEmpty(): Promise<void> {
    await this.page.evaluate(() => {
      const design = structuredClone(window.__designer!.getDesign()) as {
        steps: unknown[];
        edges: unknown[];
        pipeline: { parameters: unknown[] };
      };
      design.steps = [];
      design.edges = [];
      design.pipeline.parameters = [];
      window.__designer!.loadDesign(design);
    });
    await expect(this.page.getByText("Drag a step from the palette")).toBeVisible();
  }

  /** The design as the store holds it (test hook). */
  async design(): Promise<DesignSnapshot> {
    return this.page.evaluate(() => window.__designer!.getDesign() as never);
  }
}
