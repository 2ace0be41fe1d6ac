// Loaded lazily (dynamic import from DefinitionViewer): CodeMirror stays out of the initial bundle.
import { json } from "@codemirror/lang-json";
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState, type Extension } from "@codemirror/state";
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { minimalChange } from "./definitionText";

/** A read-only CodeMirror view of definition JSON, driven by DefinitionViewer. */
export interface DefinitionView {
  /** Replaces the text with the smallest change, so folds and scroll position survive edits. */
  setText(text: string): void;
  /** Scrolls a 1-based line to the top and marks it as the active line. */
  scrollToLine(line: number): void;
  destroy(): void;
}

/** Read-only JSON viewing: line numbers, folding, highlighting, a labelled content element. */
export function viewerExtensions(label: string): Extension[] {
  return [
    lineNumbers(),
    foldGutter(),
    keymap.of(foldKeymap),
    highlightActiveLine(),
    highlightActiveLineGutter(),
    bracketMatching(),
    json(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorState.readOnly.of(true),
    EditorView.contentAttributes.of({ "aria-label": label, "aria-readonly": "true" }),
    EditorView.theme({
      "&": { height: "100%", fontSize: "12px" },
      ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" },
    }),
  ];
}

/** Wraps an EditorView in the DefinitionView interface. */
export function definitionView(view: EditorView): DefinitionView {
  return {
    setText(text) {
      const change = minimalChange(view.state.doc.toString(), text);
      if (change) view.dispatch({ changes: change });
    },
    scrollToLine(lineNumber) {
      const doc = view.state.doc;
      const line = doc.line(Math.max(1, Math.min(lineNumber, doc.lines)));
      view.dispatch({
        selection: { anchor: line.from },
        effects: EditorView.scrollIntoView(line.from, { y: "start", yMargin: 8 }),
      });
    },
    destroy() {
      view.destroy();
    },
  };
}

export function createJsonView(parent: HTMLElement, text: string, label: string): DefinitionView {
  const state = EditorState.create({ doc: text, extensions: viewerExtensions(label) });
  return definitionView(new EditorView({ state, parent }));
}
