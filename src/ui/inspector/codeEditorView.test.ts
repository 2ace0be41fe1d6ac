import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { editorLabel, textBytes } from "./codeEditorView";

describe("the lazily loaded code editor", () => {
  it("counts a document's UTF-8 bytes as the file will hold them", () => {
    const doc = Text.of(["print('é')", "x = 1", ""]);
    expect(textBytes(doc)).toBe(new TextEncoder().encode("print('é')\nx = 1\n").length);
    expect(textBytes(doc, "\r\n")).toBe(textBytes(doc) + 2);
  });

  it("labels the editor with the open file", () => {
    expect(editorLabel("pkg/model.py")).toBe("Code editor: pkg/model.py");
  });
});
