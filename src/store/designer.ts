import { createStore } from "zustand/vanilla";
import type { Design } from "../model";
import { createBaselineStore } from "./baseline";
import { createDesignStore, transaction } from "./designStore";
import { createDiagnostics, type DiagnosticsOptions } from "./diagnostics";
import { createUiStore } from "./uiStore";

/** The open document's identity: what autosave writes to and a reload restores. */
export interface OpenDocument {
  documentId: string;
  /** The saved revision this document was opened at (0 for a new one). */
  revision: number;
}

/** What saves the open document (IndexedDB autosave in the browser; nothing in tests). */
export interface Persistence {
  flush: () => Promise<void>;
}

export interface DesignerOptions extends DiagnosticsOptions {
  design: Design;
  documentId?: string;
  revision?: number;
  newDocumentId?: () => string;
}

export type Designer = ReturnType<typeof createDesigner>;

/**
 * The designer without its views: the document and its history, the selection (steps and links),
 * the one list of problems, the open document and the Definition diff's baseline. The React UI
 * binds to it and keeps only view details (zoom, dialogs, measured sizes) of its own; tests drive
 * it headless (tests/support/testDesigner.ts).
 */
export function createDesigner(options: DesignerOptions) {
  const design = createDesignStore(options.design);
  const ui = createUiStore();
  const baseline = createBaselineStore();
  const diagnostics = createDiagnostics(design, options);
  const newId = options.newDocumentId ?? (() => crypto.randomUUID());
  const document = createStore<OpenDocument>()(() => ({
    documentId: options.documentId ?? newId(),
    revision: options.revision ?? 0,
  }));
  let persistence: Persistence | null = null;

  /**
   * Opens a design as a new document (example, import, recent, test hook): not undoable, saved
   * under its own id; the selection, the last-added step and the diff baseline start afresh.
   */
  const openDocument = (next: Design, documentId = newId(), revision = 0) => {
    design.getState().replaceDesign(next);
    const view = ui.getState();
    view.select([]);
    view.selectEdges([]);
    view.setLastAdded(null);
    view.setLinkDrag(null);
    baseline.getState().clear();
    document.setState({ documentId, revision });
  };

  return {
    design,
    ui,
    baseline,
    diagnostics,
    document,
    session: {
      openDocument,
      flush: () => persistence?.flush() ?? Promise.resolve(),
    },
    /** Several document writes as one undo step (see `transaction`). */
    transaction: <T>(work: () => T): T => transaction(design, work),
    persistWith: (next: Persistence) => {
      persistence = next;
    },
  };
}
