import { createAutosave, listSaved, type Autosave, type SaveStatus } from "../io";
import { loadDesign, type Design } from "../model";
import type { DesignStore } from "../store/designStore";
import type { UiStore } from "../store/uiStore";

/** The open document's identity and persistence: what is restored on reload and where edits are saved. */
export interface DesignerSession {
  /** Opens a design as a new document (example, import, recent): not undoable, saved under its own id. */
  openDocument: (design: Design, documentId?: string, revision?: number) => void;
  flush: () => Promise<void>;
}

/** The last autosaved design, if any loads cleanly; otherwise null (the caller opens an example). */
export async function restoreLastDesign(): Promise<{
  design: Design;
  documentId: string;
  revision: number;
} | null> {
  try {
    for (const record of await listSaved()) {
      const loaded = loadDesign(record.design);
      if (loaded.kind === "ok")
        return { design: loaded.design, documentId: record.documentId, revision: record.revision };
    }
  } catch {
    // No IndexedDB: start from the example; autosave reports the problem once editing starts.
  }
  return null;
}

function describe(status: SaveStatus): string {
  switch (status.kind) {
    case "saved":
      return `Saved ${new Date(status.at).toLocaleTimeString()}`;
    default:
      return status.message;
  }
}

export function startSession(
  design: DesignStore,
  ui: UiStore,
  documentId: string,
  revision: number,
): DesignerSession {
  let autosave: Autosave | null = null;
  // A storage problem's banner goes once saving works again; a fork's stays (it is still true).
  let storageWarning: string | null = null;
  autosave = createAutosave({
    current: () => design.getState().design,
    subscribe: (listener) =>
      design.subscribe((state, previous) => state.design !== previous.design && listener()),
    documentId,
    revision,
    onStatus: (status) => {
      ui.getState().setSaveStatus(describe(status));
      if (status.kind === "saved") {
        if (storageWarning !== null && ui.getState().warning === storageWarning)
          ui.getState().setWarning(null);
        storageWarning = null;
        return;
      }
      ui.getState().setWarning(status.message);
      storageWarning = status.kind === "forked" ? null : status.message;
    },
  });
  const flush = () => autosave?.flush() ?? Promise.resolve();
  addEventListener("pagehide", () => void flush());
  document.addEventListener(
    "visibilitychange",
    () => document.visibilityState === "hidden" && void flush(),
  );
  return {
    openDocument: (next, id = crypto.randomUUID(), rev = 0) => {
      design.getState().replaceDesign(next);
      ui.getState().select([]);
      autosave?.switchTo(id, rev);
    },
    flush,
  };
}
