import {
  browserJournalStorage,
  createAutosave,
  createJournal,
  listSaved,
  replayJournal,
  type SaveStatus,
} from "../io";
import { loadDesign, type Design } from "../model";
import type { Designer } from "../store/designer";

const journal = createJournal(browserJournalStorage());

/**
 * The last committed design: edits the journal caught (a reload or crash before autosave wrote
 * them) are replayed into IndexedDB first, then the newest saved design that loads cleanly is
 * opened; null when there is none (the caller opens an example).
 */
export async function restoreLastDesign(): Promise<{
  design: Design;
  documentId: string;
  revision: number;
} | null> {
  const unreplayed = await replayJournal(journal, () => crypto.randomUUID());
  try {
    for (const record of await listSaved()) {
      const loaded = loadDesign(record.design);
      if (loaded.kind === "ok")
        return { design: loaded.design, documentId: record.documentId, revision: record.revision };
    }
  } catch {
    // No IndexedDB: the journal alone may still hold the last edit; else start from the example.
  }
  const [newest] = unreplayed;
  const loaded = newest ? loadDesign(newest.design) : null;
  return newest && loaded?.kind === "ok"
    ? { design: loaded.design, documentId: newest.documentId, revision: newest.baseRevision }
    : null;
}

function describe(status: SaveStatus): string {
  switch (status.kind) {
    case "saved":
      return `Saved ${new Date(status.at).toLocaleTimeString()}`;
    default:
      return status.message;
  }
}

/**
 * Saves the designer's open document with IndexedDB autosave: each change shortly after it is
 * made, at once when the page is hidden or closed, and under the new id when another document opens.
 */
export function startSession(designer: Designer): void {
  const { design, ui, document: openDocument } = designer;
  // A storage problem's banner goes once saving works again; a fork's stays (it is still true).
  let storageWarning: string | null = null;
  const opened = openDocument.getState();
  const autosave = createAutosave({
    current: () => design.getState().design,
    subscribe: (listener) =>
      design.subscribe((state, previous) => state.design !== previous.design && listener()),
    documentId: opened.documentId,
    revision: opened.revision,
    journal,
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
  openDocument.subscribe((next, previous) => {
    if (next !== previous) autosave.switchTo(next.documentId, next.revision);
  });
  const flush = () => autosave.flush();
  designer.persistWith({ flush });
  addEventListener("pagehide", () => void flush());
  document.addEventListener(
    "visibilitychange",
    () => document.visibilityState === "hidden" && void flush(),
  );
}
