import type { Locator, Page } from "@playwright/test";
import { CanvasPage } from "./canvas";
import { CodePage } from "./code";

/**
 * What the script checks show: the problem list under the code editor ("Problems in <file>"),
 * the editor's underlines, the step's badge on the canvas and the Problems panel.
 */
export class ScriptChecksPage {
  readonly code: CodePage;
  readonly canvas: CanvasPage;

  constructor(readonly page: Page) {
    this.code = new CodePage(page);
    this.canvas = new CanvasPage(page);
  }

  problemList(file: string): Locator {
    return this.code.section.getByRole("list", { name: `Problems in ${file}`, exact: true });
  }

  /** CodeMirror's marks on the open file, one per located problem. */
  underlines(file: string, severity: "error" | "warning" = "error"): Locator {
    return this.code.editor(file).locator(`.cm-lintRange-${severity}`);
  }

  /** The step's problem badge ("1 error, 0 warnings"); absent when it has no problems. */
  badge(stepName: string): Locator {
    return this.canvas.step(stepName).getByRole("status", { name: /\d+ errors?, \d+ warnings?/ });
  }

  get problemsPanel(): Locator {
    return this.page.getByRole("complementary", { name: "Problems" });
  }

  /**
   * Edits the end of the line holding `text` as a user would: clicks the line, goes to its end,
   * steps back `back` characters, deletes `remove` and types `insert`.
   */
  async editLine(
    file: string,
    text: string,
    edit: { back: number; remove: number; insert: string },
  ): Promise<void> {
    await this.code.editor(file).locator(".cm-line", { hasText: text }).click();
    const keyboard = this.page.keyboard;
    await keyboard.press("End");
    for (let i = 0; i < edit.back; i++) await keyboard.press("ArrowLeft");
    for (let i = 0; i < edit.remove; i++) await keyboard.press("Backspace");
    await keyboard.type(edit.insert);
    await this.code.leaveEditor(file);
  }
}
