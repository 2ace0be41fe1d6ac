import type { Page } from "@playwright/test";

export interface SavedRecord {
  documentId: string;
  revision: number;
  savedAt: string;
  design: { pipeline: { name: string }; steps: { id: string; name: string }[] };
}

/** The autosaved designs as IndexedDB holds them (src/io/designDb.ts), newest first. */
export function savedDesigns(page: Page): Promise<SavedRecord[]> {
  return page.evaluate(
    () =>
      new Promise<SavedRecord[]>((resolve, reject) => {
        const open = indexedDB.open("pipeline-designer");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("designs")) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction("designs").objectStore("designs").getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            const records = all.result as SavedRecord[];
            resolve(records.sort((a, b) => b.savedAt.localeCompare(a.savedAt)));
          };
        };
      }),
  );
}

/** The names of the steps of every saved design, to tell which edits are stored. */
export async function savedStepNames(page: Page): Promise<string[][]> {
  return (await savedDesigns(page)).map((record) => record.design.steps.map((step) => step.name));
}
