import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { Design } from "../model";

/** One autosaved design; `revision` grows with every save so a stale tab can tell it is behind. */
export interface SavedDesign {
  documentId: string;
  name: string;
  design: Design;
  savedAt: string;
  revision: number;
  stepCount: number;
}

interface DesignerDb extends DBSchema {
  designs: { key: string; value: SavedDesign; indexes: { savedAt: string } };
}

const DB_NAME = "pipeline-designer";
export const RECENT_LIMIT = 20;

let database: Promise<IDBPDatabase<DesignerDb>> | null = null;

/** Opens (once) the designs database; rejects when IndexedDB is unavailable (e.g. some private modes). */
export function designDb(): Promise<IDBPDatabase<DesignerDb>> {
  if (typeof indexedDB === "undefined")
    return Promise.reject(new Error("IndexedDB is not available in this browser"));
  database ??= openDB<DesignerDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("designs", { keyPath: "documentId" }).createIndex("savedAt", "savedAt");
    },
  }).catch((error: unknown) => {
    database = null;
    throw error;
  });
  return database;
}

/** For tests: forget the open connection so a fresh fake IndexedDB is used. */
export function resetDesignDb(): void {
  database = null;
}

export async function getSaved(documentId: string): Promise<SavedDesign | undefined> {
  return (await designDb()).get("designs", documentId);
}

/** Writes a record and keeps only the most recent RECENT_LIMIT designs. */
export async function putSaved(record: SavedDesign): Promise<void> {
  const db = await designDb();
  await db.put("designs", record);
  const all = await db.getAllFromIndex("designs", "savedAt");
  for (const old of all.slice(0, Math.max(0, all.length - RECENT_LIMIT)))
    await db.delete("designs", old.documentId);
}

/** Most recent first. */
export async function listSaved(): Promise<SavedDesign[]> {
  return (await (await designDb()).getAllFromIndex("designs", "savedAt")).reverse();
}

export async function deleteSaved(documentId: string): Promise<void> {
  await (await designDb()).delete("designs", documentId);
}
