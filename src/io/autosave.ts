import type { Design } from "../model";
import { getSaved, putSaved } from "./designDb";
import type { Journal } from "./journal";

export type SaveStatus =
  | { kind: "saved"; at: string }
  | { kind: "error"; message: string }
  | { kind: "unavailable"; message: string }
  | { kind: "forked"; message: string };

export interface AutosaveOptions {
  /** Reads the current document. */
  current: () => Design;
  /** Subscribes to document changes; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
  documentId: string;
  /** The revision this tab loaded (0 for a new document). */
  revision: number;
  onStatus: (status: SaveStatus) => void;
  delayMs?: number;
  newDocumentId?: () => string;
  channel?: BroadcastChannel | null;
  now?: () => Date;
  /** Where each committed design is written at once, until IndexedDB holds it (see journal.ts). */
  journal?: Journal;
}

type Message = { type: "editing"; documentId: string; tabId: string };

/**
 * Saves the document to IndexedDB shortly after each change, off the editing path. Never throws
 * into the app. If another tab edits the same document (announced over a BroadcastChannel, or
 * found by a newer stored revision), this tab stops writing to it and continues as a copy under
 * a new id, saying so: neither tab overwrites the other's work.
 */
export function createAutosave(options: AutosaveOptions) {
  const delay = options.delayMs ?? 400;
  const now = options.now ?? (() => new Date());
  const newId = options.newDocumentId ?? (() => crypto.randomUUID());
  const tabId = newId();
  const channel =
    options.channel === undefined
      ? typeof BroadcastChannel === "undefined"
        ? null
        : new BroadcastChannel("pipeline-designer")
      : options.channel;
  let documentId = options.documentId;
  let revision = options.revision;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> = Promise.resolve();
  let lastSaved: Design | null = null;
  let journalPending = false;

  // Coalesced to one write per task: a command's several store writes are one commit, and a
  // microtask still runs before a reload, a closed tab or a crash can take the page.
  const journalNow = () => {
    journalPending = false;
    const design = options.current();
    if (design !== lastSaved)
      options.journal?.write(documentId, revision, design, now().toISOString());
  };
  const scheduleJournal = () => {
    if (!options.journal || journalPending) return;
    journalPending = true;
    queueMicrotask(journalNow);
  };

  const fork = (reason: string) => {
    options.journal?.clear(documentId);
    documentId = newId();
    revision = 0;
    options.onStatus({
      kind: "forked",
      message: `${reason} This tab now saves its edits as a separate copy.`,
    });
    announce();
    scheduleJournal();
  };
  const announce = () =>
    channel?.postMessage({ type: "editing", documentId, tabId } satisfies Message);
  if (channel) {
    channel.onmessage = (event: MessageEvent<Message>) => {
      if (
        event.data?.type === "editing" &&
        event.data.documentId === documentId &&
        event.data.tabId !== tabId
      ) {
        // The tab that hears the other one second forks, so exactly one of them keeps the original.
        fork("This design is also open in another tab.");
      }
    };
  }

  const save = async () => {
    const design = options.current();
    if (design === lastSaved) return;
    try {
      const stored = await getSaved(documentId);
      if (stored && stored.revision > revision)
        fork("Another tab saved a newer version of this design.");
      revision += 1;
      const savedAt = now().toISOString();
      await putSaved({
        documentId,
        name: design.pipeline.name,
        design,
        savedAt,
        revision,
        stepCount: design.steps.length,
      });
      lastSaved = design;
      // Nothing newer was committed meanwhile: IndexedDB now holds what the journal holds.
      if (design === options.current()) options.journal?.clear(documentId);
      options.onStatus({ kind: "saved", at: savedAt });
    } catch (error) {
      options.onStatus(saveFailure(error));
    }
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    saving = saving.then(save);
    return saving;
  };
  const unsubscribe = options.subscribe(() => {
    scheduleJournal();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  });
  announce();

  return {
    get documentId() {
      return documentId;
    },
    flush,
    /** A different document was opened (import, example): continue under its id. */
    switchTo(nextId: string, nextRevision = 0) {
      documentId = nextId;
      revision = nextRevision;
      lastSaved = null;
      announce();
      scheduleJournal();
      void flush();
    },
    dispose() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      channel?.close();
    },
  };
}

export type Autosave = ReturnType<typeof createAutosave>;

/** Why a save failed, in words a user can act on; the browser's own message stays in brackets. */
export function saveFailure(error: unknown): Exclude<SaveStatus, { kind: "saved" | "forked" }> {
  const name = (error as { name?: string } | null)?.name ?? "";
  // Browser messages end with a full stop; the sentence around them has its own.
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
  if (/not available|SecurityError|InvalidStateError/i.test(detail) || name === "SecurityError")
    return {
      kind: "unavailable",
      message: `Autosave is off: ${detail}. Export your design to keep it.`,
    };
  if (name === "QuotaExceededError" || /quota/i.test(detail))
    return {
      kind: "error",
      message: `Autosave failed: the browser's storage for this site is full (${detail}). Editing continues; export your design to keep it, or free space in the browser's site data.`,
    };
  return {
    kind: "error",
    message: `Autosave failed: ${detail}. Editing continues; export to keep a copy.`,
  };
}
