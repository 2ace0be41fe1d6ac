import { loadDesign, type Design } from "../model";
import { getSaved, putSaved } from "./designDb";

/**
 * The last committed edit of a document, written synchronously so that a reload, a closed tab or a
 * crashed renderer straight after the commit still finds it (IndexedDB autosave is asynchronous
 * and debounced: an edit followed by a reload within half a second used to be lost).
 */
export interface JournalEntry {
  documentId: string;
  /** The saved revision the edit was made on: it replays as that revision, so no tab forks over it. */
  baseRevision: number;
  savedAt: string;
  /** As written; loadDesign validates it before it is used. */
  design: unknown;
}

/** The part of the Web Storage interface the journal uses (localStorage in the browser). */
export type SyncStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

const PREFIX = "pipeline-designer:journal:";

/**
 * A design larger than this (in UTF-16 code units, about twice as many bytes) is not journaled:
 * localStorage holds about 5 M code units per site, shared with the other tabs. Such a design's
 * last half second of edits relies on autosave alone.
 */
export const JOURNAL_LIMIT = 2_000_000;

/** localStorage when the page has one that works (it throws in some privacy modes). */
export function browserJournalStorage(): SyncStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function createJournal(storage: SyncStorage | null, limit = JOURNAL_LIMIT) {
  const keyOf = (documentId: string) => `${PREFIX}${documentId}`;
  const remove = (documentId: string) => {
    try {
      storage?.removeItem(keyOf(documentId));
    } catch {
      // Storage gone: nothing stale can be read back from it either.
    }
  };
  return {
    /**
     * Journals one committed design. Returns false when it could not (no storage, over the limit,
     * quota): the document's entry is then removed, so an older edit is never replayed over a
     * newer save.
     */
    write(documentId: string, baseRevision: number, design: Design, savedAt: string): boolean {
      if (!storage) return false;
      const text = JSON.stringify({ documentId, baseRevision, savedAt, design });
      if (text.length > limit) {
        remove(documentId);
        return false;
      }
      try {
        storage.setItem(keyOf(documentId), text);
        return true;
      } catch {
        remove(documentId);
        return false;
      }
    },
    /** The document's edits are safe elsewhere (saved to IndexedDB, or moved to another id). */
    clear: remove,
    /** Every journaled document, newest first; unreadable entries are dropped. */
    entries(): JournalEntry[] {
      if (!storage) return [];
      const found: JournalEntry[] = [];
      try {
        const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
        for (const key of keys) {
          if (!key?.startsWith(PREFIX)) continue;
          const entry = parseEntry(storage.getItem(key));
          if (entry && keyOf(entry.documentId) === key) found.push(entry);
          else storage.removeItem(key);
        }
      } catch {
        return found;
      }
      return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
  };
}

export type Journal = ReturnType<typeof createJournal>;

function parseEntry(text: string | null): JournalEntry | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<JournalEntry> | null;
    return value &&
      typeof value.documentId === "string" &&
      typeof value.baseRevision === "number" &&
      typeof value.savedAt === "string" &&
      "design" in value
      ? (value as JournalEntry)
      : null;
  } catch {
    return null;
  }
}

/**
 * Puts every journaled edit into IndexedDB (as the revision it was made on, so the tab that made
 * it, if still open, saves on without forking) and clears it: a reload then restores from
 * IndexedDB as always. An edit older than what is stored is dropped; one made on a revision another
 * tab has since replaced is kept as a copy under a new id, so neither is lost. Entries that cannot
 * be written (no IndexedDB) stay, and are returned, newest first, for the caller to open.
 */
export async function replayJournal(
  journal: Journal,
  newId: () => string,
): Promise<JournalEntry[]> {
  const left: JournalEntry[] = [];
  for (const entry of journal.entries()) {
    const loaded = loadDesign(entry.design);
    if (loaded.kind !== "ok") {
      journal.clear(entry.documentId);
      continue;
    }
    try {
      const stored = await getSaved(entry.documentId);
      if (!stored || stored.savedAt < entry.savedAt) {
        const overtaken = stored !== undefined && stored.revision > entry.baseRevision;
        await putSaved({
          documentId: overtaken ? newId() : entry.documentId,
          name: loaded.design.pipeline.name,
          design: loaded.design,
          savedAt: entry.savedAt,
          revision: overtaken ? 1 : entry.baseRevision,
          stepCount: loaded.design.steps.length,
        });
      }
      journal.clear(entry.documentId);
    } catch {
      left.push({ ...entry, design: loaded.design });
    }
  }
  return left;
}
