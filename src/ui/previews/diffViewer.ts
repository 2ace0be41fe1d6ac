// Loaded lazily when the Diff toggle is first turned on.
import { unifiedMergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { definitionView, viewerExtensions, type DefinitionView } from "./jsonViewer";

/** The current definition with the baseline's differences shown inline (deleted lines as widgets). */
export function createDiffView(
  parent: HTMLElement,
  text: string,
  original: string,
  label: string,
): DefinitionView {
  const state = EditorState.create({
    doc: text,
    extensions: [
      viewerExtensions(label),
      unifiedMergeView({
        original,
        mergeControls: false,
        gutter: true,
        syntaxHighlightDeletions: true,
        collapseUnchanged: { margin: 3, minSize: 6 },
      }),
    ],
  });
  return definitionView(new EditorView({ state, parent }));
}
