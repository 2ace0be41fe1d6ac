import { expect, type Locator, type Page } from "@playwright/test";

/** The canvas: steps are groups named by step name; ports carry data-testid="port-{id}-{in|out}-{name}". */
export class CanvasPage {
  constructor(readonly page: Page) {}

  step(name: string): Locator {
    return this.page.getByRole("group", { name, exact: true });
  }

  port(stepId: string, direction: "in" | "out", logicalName: string): Locator {
    return this.page.getByTestId(`port-${stepId}-${direction}-${logicalName}`);
  }

  handle(stepId: string, direction: "in" | "out", logicalName: string): Locator {
    return this.port(stepId, direction, logicalName).locator(".react-flow__handle");
  }

  /**
   * Drags a link between an output handle and an input handle with the mouse, as a user does:
   * from the output (the default) or, with `startAt: "input"`, from the input to the output.
   */
  async link(
    from: { step: string; output: string },
    to: { step: string; input: string },
    startAt: "output" | "input" = "output",
  ): Promise<void> {
    const output = this.handle(from.step, "out", from.output);
    const input = this.handle(to.step, "in", to.input);
    const [start, end] = startAt === "output" ? [output, input] : [input, output];
    const source = await start.boundingBox();
    const target = await end.boundingBox();
    if (!source || !target) throw new Error("handles are not on screen");
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 5 });
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, {
      steps: 5,
    });
    await this.page.mouse.up();
  }

  /** The on-screen boxes of the named steps' nodes, all read in the same frame. */
  async nodeBoxes(
    names: string[],
  ): Promise<{ x: number; y: number; width: number; height: number }[]> {
    for (const name of names) await expect(this.step(name)).toBeVisible();
    return this.page.evaluate((wanted) => {
      const groups = [...document.querySelectorAll<HTMLElement>('[role="group"]')];
      return wanted.map((name) => {
        const node = groups.find((group) => group.getAttribute("aria-label") === name);
        if (!node) throw new Error(`no node named ${name}`);
        const { x, y, width, height } = node.getBoundingClientRect();
        return { x, y, width, height };
      });
    }, names);
  }

  async select(name: string): Promise<void> {
    await this.step(name).click();
    await expect(this.step(name)).toHaveClass(/is-selected/);
  }

  /** Keyboard path: focus the step's node and press Enter, as a keyboard user selects it. */
  async selectWithKeyboard(name: string): Promise<void> {
    await this.step(name)
      .locator("xpath=ancestor::div[contains(@class,'react-flow__node')][1]")
      .focus();
    await this.page.keyboard.press("Enter");
    await expect(this.step(name)).toHaveClass(/is-selected/);
  }

  /**
   * Waits until the canvas view is steady: a design opened (the example chooser, the test hook) is
   * fitted to the view a frame or two after its nodes show, so handles are only where they stay
   * after that.
   */
  async steadyView(): Promise<void> {
    const transform = () =>
      this.page.evaluate(
        () =>
          new Promise<string | null>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve(
                  document.querySelector(".react-flow__viewport")?.getAttribute("style") ?? null,
                ),
              ),
            ),
          ),
      );
    await expect
      .poll(async () => {
        const before = await transform();
        return before !== null && before === (await transform());
      })
      .toBe(true);
  }

  get refusal(): Locator {
    return this.page.locator(".link-refusal");
  }
}
