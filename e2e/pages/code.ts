import { expect, type Locator, type Page } from "@playwright/test";

type CodeButton = "Add file" | "Rename file" | "Delete file" | "Import folder";

/**
 * The inspector's Code section: the list "Inline code files" (a button per file), the buttons
 * "Add file", "Rename file", "Delete file", "Import folder", and the CodeMirror editor labelled
 * "Code editor: <file>". Edits commit after a pause or on blur, one undo step per burst.
 */
export class CodePage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page
      .getByRole("complementary", { name: "Inspector" })
      .getByRole("region", { name: "Code", exact: true });
  }

  get files(): Locator {
    return this.section.getByRole("list", { name: "Inline code files" });
  }

  /** A file's entry in the list (its text includes "entry point" for the entry point). */
  entry(name: string): Locator {
    return this.files
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("button", { name, exact: true }) });
  }

  file(name: string): Locator {
    return this.files.getByRole("button", { name, exact: true });
  }

  editor(name: string): Locator {
    return this.section.getByRole("textbox", { name: `Code editor: ${name}`, exact: true });
  }

  button(name: CodeButton): Locator {
    return this.section.getByRole("button", { name, exact: true });
  }

  /** What the last code command said (imports, refusals). */
  get status(): Locator {
    return this.section.getByRole("status");
  }

  /** Opens a file and waits for CodeMirror to show it. */
  async open(name: string): Promise<Locator> {
    await this.file(name).click();
    await expect(this.file(name)).toHaveAttribute("aria-current", "true");
    const editor = this.editor(name);
    await expect(editor).toBeVisible();
    return editor;
  }

  /** Types at the end of the open file (CodeMirror's own keystrokes, as a user types). */
  async typeAtEnd(name: string, text: string): Promise<void> {
    const editor = this.editor(name);
    await editor.click();
    await this.page.keyboard.press("Control+End");
    await this.page.keyboard.type(text);
  }

  /** Leaves the editor, which commits what was typed. */
  async leaveEditor(name: string): Promise<void> {
    await this.editor(name).blur();
  }

  async addFile(name: string): Promise<void> {
    await this.button("Add file").click();
    const form = this.section.getByRole("form", { name: "Add file" });
    await form.getByLabel("File name", { exact: true }).fill(name);
    await form.getByRole("button", { name: "Add", exact: true }).click();
  }

  async renameOpenFile(to: string): Promise<void> {
    await this.button("Rename file").click();
    const form = this.section.getByRole("form", { name: "Rename file" });
    await form.getByLabel("New file name", { exact: true }).fill(to);
    await form.getByRole("button", { name: "Rename", exact: true }).click();
  }

  async deleteOpenFile(): Promise<void> {
    await this.button("Delete file").click();
    const dialog = this.page.getByRole("dialog", { name: "Delete file" });
    await dialog.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Imports a local folder through the folder picker (webkitdirectory). */
  async importFolder(path: string): Promise<void> {
    await this.section.getByLabel("Folder to import").setInputFiles(path);
  }

  /** Drops files onto the Code section, as a drag from the desktop does. */
  async drop(files: { name: string; text: string }[]): Promise<void> {
    const transfer = await this.page.evaluateHandle((list) => {
      const data = new DataTransfer();
      for (const file of list) data.items.add(new File([file.text], file.name));
      return data;
    }, files);
    await this.section.getByRole("group", { name: "Code", exact: true }).dispatchEvent("drop", {
      dataTransfer: transfer,
    });
  }
}
