import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { compile } from "../compiler";
import { loadDesign, loadDesignText, type Design } from "../model";
import { createAutosave, saveFailure, type SaveStatus } from "./autosave";
import { getSaved, listSaved, putSaved, resetDesignDb, RECENT_LIMIT } from "./designDb";
import { createJournal, replayJournal, type SyncStorage } from "./journal";
import { describeLoadFailure, readDesignFile, serializeDesign } from "./files";

const fixture = readFileSync(
  join(import.meta.dirname, "..", "..", "tests", "fixtures", "pytorch-reference.pipeline.json"),
  "utf8",
);
const reference = (() => {
  const loaded = loadDesign(JSON.parse(fixture));
  if (loaded.kind !== "ok") throw new Error("fixture does not load");
  return loaded.design;
})();

/** A tiny observable document, standing in for the zustand store. */
function documentHolder(initial: Design) {
  let design = initial;
  const listeners = new Set<() => void>();
  return {
    current: () => design,
    subscribe: (listener: () => void) => (
      listeners.add(listener),
      () => listeners.delete(listener)
    ),
    set(next: Design) {
      design = next;
      listeners.forEach((listener) => listener());
    },
  };
}

const renamed = (design: Design, name: string): Design => ({
  ...design,
  pipeline: { ...design.pipeline, name },
});
let ids = 0;
const newId = () => `doc-${++ids}`;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetDesignDb();
});

describe("autosave", () => {
  it("coalesces a burst of edits into one save and restores it", async () => {
    const holder = documentHolder(reference);
    const statuses: SaveStatus[] = [];
    const autosave = createAutosave({
      ...holder,
      documentId: "a",
      revision: 0,
      delayMs: 30,
      onStatus: (s) => statuses.push(s),
      channel: null,
      newDocumentId: newId,
    });
    for (let i = 0; i < 5; i++) holder.set(renamed(reference, `edit-${i}`));
    await vi.waitFor(() => expect(statuses.some((s) => s.kind === "saved")).toBe(true));
    await autosave.flush();
    expect(statuses.filter((s) => s.kind === "saved")).toHaveLength(1);
    const [saved] = await listSaved();
    expect(saved).toMatchObject({ documentId: "a", name: "edit-4", revision: 1, stepCount: 4 });
    expect(loadDesign(saved!.design).kind).toBe("ok");
    autosave.dispose();
  });

  it("keeps only the most recent designs, newest first", async () => {
    for (let i = 0; i < RECENT_LIMIT + 3; i++) {
      await putSaved({
        documentId: `d${i}`,
        name: `n${i}`,
        design: reference,
        savedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        revision: 1,
        stepCount: 4,
      });
    }
    const saved = await listSaved();
    expect(saved).toHaveLength(RECENT_LIMIT);
    expect(saved[0]!.documentId).toBe(`d${RECENT_LIMIT + 2}`);
  });

  it("reports an unavailable IndexedDB and never throws into the app", async () => {
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    resetDesignDb();
    const holder = documentHolder(reference);
    const statuses: SaveStatus[] = [];
    const autosave = createAutosave({
      ...holder,
      documentId: "a",
      revision: 0,
      onStatus: (s) => statuses.push(s),
      channel: null,
    });
    holder.set(renamed(reference, "x"));
    await autosave.flush();
    expect(statuses.at(-1)?.kind).toBe("unavailable");
    autosave.dispose();
  });

  it("words a failure once: the browser's full stop does not double the sentence's", () => {
    const insecure = new DOMException("The operation is insecure.", "SecurityError");
    expect(saveFailure(insecure)).toEqual({
      kind: "unavailable",
      message: "Autosave is off: The operation is insecure. Export your design to keep it.",
    });
    expect(saveFailure(new Error("disk I/O error.")).message).toBe(
      "Autosave failed: disk I/O error. Editing continues; export to keep a copy.",
    );
  });

  it("reports a failing write (quota) as an error and keeps going", async () => {
    const holder = documentHolder(reference);
    const statuses: SaveStatus[] = [];
    const autosave = createAutosave({
      ...holder,
      documentId: "a",
      revision: 0,
      onStatus: (s) => statuses.push(s),
      channel: null,
    });
    const quota = Object.assign(new Error("QuotaExceededError: the quota has been exceeded"), {
      name: "QuotaExceededError",
    });
    const put = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(() => {
      throw quota;
    });
    holder.set(renamed(reference, "x"));
    await autosave.flush();
    expect(statuses.at(-1)).toMatchObject({ kind: "error" });
    expect((statuses.at(-1) as { message: string }).message).toBe(
      "Autosave failed: the browser's storage for this site is full (QuotaExceededError: the quota has been exceeded). Editing continues; export your design to keep it, or free space in the browser's site data.",
    );
    put.mockRestore();
    holder.set(renamed(reference, "y"));
    await autosave.flush();
    expect(statuses.at(-1)?.kind).toBe("saved");
    autosave.dispose();
  });

  it("a second tab on the same design forks instead of overwriting", async () => {
    const first = documentHolder(reference);
    const second = documentHolder(reference);
    const firstStatus: SaveStatus[] = [];
    const secondStatus: SaveStatus[] = [];
    const tabA = createAutosave({
      ...first,
      documentId: "shared",
      revision: 0,
      onStatus: (s) => firstStatus.push(s),
      newDocumentId: newId,
    });
    const tabB = createAutosave({
      ...second,
      documentId: "shared",
      revision: 0,
      onStatus: (s) => secondStatus.push(s),
      newDocumentId: newId,
    });
    await vi.waitFor(() =>
      expect([...firstStatus, ...secondStatus].some((s) => s.kind === "forked")).toBe(true),
    );
    first.set(renamed(reference, "from-a"));
    second.set(renamed(reference, "from-b"));
    await tabA.flush();
    await tabB.flush();
    const names = (await listSaved()).map((record) => record.name).sort();
    expect(names).toEqual(["from-a", "from-b"]);
    expect(tabA.documentId).not.toBe(tabB.documentId);
    tabA.dispose();
    tabB.dispose();
  });

  it("a stale tab finding a newer stored revision forks too", async () => {
    await putSaved({
      documentId: "doc",
      name: "theirs",
      design: renamed(reference, "theirs"),
      savedAt: new Date().toISOString(),
      revision: 5,
      stepCount: 4,
    });
    const holder = documentHolder(reference);
    const statuses: SaveStatus[] = [];
    const autosave = createAutosave({
      ...holder,
      documentId: "doc",
      revision: 2,
      onStatus: (s) => statuses.push(s),
      channel: null,
      newDocumentId: newId,
    });
    holder.set(renamed(reference, "mine"));
    await autosave.flush();
    expect(statuses.map((s) => s.kind)).toEqual(["forked", "saved"]);
    const names = (await listSaved()).map((record) => record.name).sort();
    expect(names).toEqual(["mine", "theirs"]);
    autosave.dispose();
  });
});

/** Web Storage over a Map, as localStorage behaves (string values, ordered keys). */
function memoryStorage(): SyncStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe("journal", () => {
  it("holds each commit from the end of its task until IndexedDB has it", async () => {
    const storage = memoryStorage();
    const journal = createJournal(storage);
    const holder = documentHolder(reference);
    const autosave = createAutosave({
      ...holder,
      documentId: "a",
      revision: 3,
      delayMs: 10_000,
      onStatus: () => undefined,
      channel: null,
      journal,
    });
    holder.set(renamed(reference, "first"));
    holder.set(renamed(reference, "second"));
    await Promise.resolve();
    const [entry] = journal.entries();
    expect(entry).toMatchObject({ documentId: "a", baseRevision: 3 });
    expect((entry!.design as Design).pipeline.name).toBe("second");
    await autosave.flush();
    expect(journal.entries()).toEqual([]);
    expect((await getSaved("a"))?.design.pipeline.name).toBe("second");
    autosave.dispose();
  });

  it("replays what a reload interrupted, never over a newer save, and keeps an overtaken edit as a copy", async () => {
    const storage = memoryStorage();
    const journal = createJournal(storage);
    const stored = (documentId: string, name: string, minute: number, revision: number) =>
      putSaved({
        documentId,
        name,
        design: renamed(reference, name),
        savedAt: at(minute),
        revision,
        stepCount: 4,
      });
    await stored("behind", "saved-before-edit", 1, 2);
    journal.write("behind", 2, renamed(reference, "unsaved-edit"), at(2));
    await stored("ahead", "saved-after-edit", 5, 3);
    journal.write("ahead", 3, renamed(reference, "older-edit"), at(4));
    await stored("overtaken", "other-tab", 1, 7);
    journal.write("overtaken", 6, renamed(reference, "this-tab"), at(3));
    journal.write("new", 0, renamed(reference, "never-saved"), at(6));
    storage.setItem("pipeline-designer:journal:broken", "{not json");

    expect(await replayJournal(journal, () => "copy")).toEqual([]);
    expect(storage.map.size).toBe(0);
    const byId = Object.fromEntries((await listSaved()).map((r) => [r.documentId, r]));
    expect(byId.behind).toMatchObject({ name: "unsaved-edit", revision: 2 });
    expect(byId.ahead).toMatchObject({ name: "saved-after-edit", revision: 3 });
    expect(byId.overtaken).toMatchObject({ name: "other-tab", revision: 7 });
    expect(byId.copy).toMatchObject({ name: "this-tab", revision: 1 });
    expect(byId.new).toMatchObject({ name: "never-saved", revision: 0 });
    expect((await listSaved())[0]!.documentId).toBe("new");
  });

  it("without IndexedDB, leaves the entries for the page to open, newest first", async () => {
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    resetDesignDb();
    const journal = createJournal(memoryStorage());
    journal.write("old", 0, renamed(reference, "old"), at(1));
    journal.write("new", 0, renamed(reference, "new"), at(2));
    const left = await replayJournal(journal, newId);
    expect(left.map((entry) => entry.documentId)).toEqual(["new", "old"]);
    expect(journal.entries()).toHaveLength(2);
  });

  it("a design over the size limit, or a full storage, leaves no older entry behind", () => {
    const storage = memoryStorage();
    const journal = createJournal(storage, 20_000);
    expect(journal.write("a", 0, reference, at(1))).toBe(true);
    const huge = renamed(reference, "x".repeat(20_000));
    expect(journal.write("a", 0, huge, at(2))).toBe(false);
    expect(journal.entries()).toEqual([]);
    expect(journal.write("a", 0, reference, at(3))).toBe(true);
    storage.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    expect(journal.write("a", 0, renamed(reference, "y"), at(4))).toBe(false);
    expect(journal.entries()).toEqual([]);
  });
});

describe("design files", () => {
  it("reads a valid file and round-trips through serializeDesign", async () => {
    const result = await readDesignFile(new Blob([serializeDesign(reference)]));
    expect(result).toMatchObject({ kind: "ok" });
    if (result.kind === "ok") expect(result.design).toEqual(reference);
  });

  it("refuses broken files with located messages", async () => {
    const notJson = await readDesignFile(new Blob(["{ nope"]));
    expect(notJson.kind).toBe("notADesign");
    const newer = await readDesignFile(
      new Blob([JSON.stringify({ ...JSON.parse(fixture), version: 7 })]),
    );
    expect(newer.kind).toBe("versionTooNew");
    const broken = JSON.parse(fixture);
    broken.edges.push({
      from: { step: "ghost", output: "DATA" },
      to: { step: "prep", input: "DATA" },
    });
    const invalid = await readDesignFile(new Blob([JSON.stringify(broken)]));
    expect(invalid.kind).toBe("invalid");
    if (invalid.kind !== "ok" && invalid.kind !== "imported")
      expect(describeLoadFailure(invalid)).toEqual(['edges[3].from.step: no step with id "ghost"']);
  });

  it("imports a SageMaker pipeline definition as a new design, listing what stays in S3", async () => {
    const loaded = loadDesignText(fixture);
    if (loaded.kind !== "ok") throw new Error("fixture does not load");
    const compiled = compile(loaded.design);
    if (!compiled.ok) throw new Error("fixture does not compile");
    const result = await readDesignFile(new Blob([compiled.json]));
    if (result.kind !== "imported") throw new Error(`expected an import, got ${result.kind}`);
    expect(result.design.steps.map((step) => step.name)).toEqual(
      loaded.design.steps.map((step) => step.name),
    );
    expect(result.design.edges).toHaveLength(loaded.design.edges.length);
    // The PyTorch model's code is only in its S3 archive, which the browser does not read here.
    expect(
      result.notes.some((note) => note.includes("a repacked model needs it as inline files")),
    ).toBe(true);
  });

  it("refuses a definition-like file whose steps are broken, located", async () => {
    const result = await readDesignFile(
      new Blob([
        JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Type: "Training" }] }),
      ]),
    );
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid")
      expect(describeLoadFailure(result)).toEqual([
        "Steps[0].Arguments: a step needs its Arguments object",
      ]);
  });

  it("refuses files over 5 MB without reading them", async () => {
    const result = await readDesignFile(new Blob(["x".repeat(5 * 1024 * 1024 + 1)]));
    expect(result).toMatchObject({ kind: "notADesign" });
  });
});
