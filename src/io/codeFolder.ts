import { setEntry } from "../model";

/** A file picked or dropped for a step's inline code, with its path inside the chosen folder. */
export interface PickedFile {
  path: string;
  file: Blob;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

/** What a folder import read: the text files by path, and what was left out and why. */
export interface CodeFolder {
  files: Record<string, string>;
  skipped: SkippedFile[];
  /** UTF-8 bytes of `files`, or, when reading stopped at the limit, an estimate of the whole. */
  bytes: number;
  /** Reading stopped because the text files already passed `limitBytes`. */
  overLimit: boolean;
}

/** Folders never imported: caches and version control, not code. */
export const SKIPPED_FOLDERS: readonly string[] = [
  "__pycache__",
  ".git",
  ".ipynb_checkpoints",
  ".mypy_cache",
  ".pytest_cache",
];

/** Why a path is left out before reading it, or null. */
export function skipReasonForPath(path: string): string | null {
  const parts = path.split("/");
  const folder = parts.slice(0, -1).find((part) => SKIPPED_FOLDERS.includes(part));
  if (folder) return `in ${folder}`;
  if (/\.py[cod]$/.test(path)) return "compiled Python";
  return null;
}

/**
 * Files of an `<input type="file" webkitdirectory>`: paths inside the chosen folder (its own
 * name dropped, so the folder's contents become the step's code folder).
 */
export function pickedFromFileList(list: ArrayLike<File>): PickedFile[] {
  return Array.from(list, (file) => ({
    path: withoutTopFolder(file.webkitRelativePath, file.name),
    file,
  }));
}

function withoutTopFolder(relativePath: string, name: string): string {
  if (!relativePath) return name;
  const parts = relativePath.split("/");
  return parts.length > 1 ? parts.slice(1).join("/") : relativePath;
}

/**
 * Files of a drop: a dropped folder's contents (walked with `webkitGetAsEntry`, the folder's own
 * name dropped) and dropped files at the top. Entries are taken synchronously, as the browser
 * requires, before any waiting.
 */
export function pickedFromDrop(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries: FileSystemEntry[] = [];
  const plain: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== "file") continue;
    const entry = typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plain.push(file);
    }
  }
  if (entries.length === 0 && plain.length === 0) plain.push(...Array.from(transfer.files));
  return (async () => {
    const picked: PickedFile[] = plain.map((file) => ({ path: file.name, file }));
    for (const entry of entries) {
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, "", picked);
      else picked.push({ path: entry.name, file: await fileOf(entry as FileSystemFileEntry) });
    }
    return picked;
  })();
}

async function walk(directory: FileSystemDirectoryEntry, prefix: string, into: PickedFile[]) {
  const reader = directory.createReader();
  for (;;) {
    // readEntries answers in batches; an empty batch means the folder is done.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return;
    for (const entry of batch) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory) {
        // Skipped folders are not walked at all (a .git folder can be large); one line says so.
        if (SKIPPED_FOLDERS.includes(entry.name)) into.push({ path: `${path}/`, file: new Blob() });
        else await walk(entry as FileSystemDirectoryEntry, `${path}/`, into);
      } else into.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
    }
  }
}

const fileOf = (entry: FileSystemFileEntry) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/**
 * Reads picked files as UTF-8 text, skipping caches, version control, binary files and any file
 * over the limit by itself. Stops reading once the text passes `limitBytes` (the total is then
 * estimated from the remaining files' sizes), so a huge folder is not read to be refused.
 */
export async function readCodeFolder(
  picked: readonly PickedFile[],
  limitBytes: number,
): Promise<CodeFolder> {
  const files: Record<string, string> = {};
  const skipped: SkippedFile[] = [];
  let bytes = 0;
  const candidates: PickedFile[] = [];
  for (const entry of [...picked].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  )) {
    const reason = entry.path.endsWith("/")
      ? `in ${entry.path.slice(0, -1).split("/").pop()}`
      : skipReasonForPath(entry.path);
    if (reason) skipped.push({ path: entry.path, reason });
    else if (entry.file.size > limitBytes)
      skipped.push({ path: entry.path, reason: "larger than the limit by itself" });
    else candidates.push(entry);
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const [index, entry] of candidates.entries()) {
    if (bytes > limitBytes) {
      const rest = candidates.slice(index).reduce((sum, next) => sum + next.file.size, 0);
      return { files, skipped, bytes: bytes + rest, overLimit: true };
    }
    let data: Uint8Array;
    try {
      data = new Uint8Array(await entry.file.arrayBuffer());
    } catch (error) {
      skipped.push({
        path: entry.path,
        reason: `unreadable: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const text = data.includes(0) ? null : decodeOrNull(decoder, data);
    if (text === null) {
      skipped.push({ path: entry.path, reason: "binary" });
      continue;
    }
    setEntry(files, entry.path, text);
    bytes += data.length;
  }
  return { files, skipped, bytes, overLimit: bytes > limitBytes };
}

function decodeOrNull(decoder: TextDecoder, data: Uint8Array): string | null {
  try {
    return decoder.decode(data);
  } catch {
    return null;
  }
}

/** "3 in .git, model.bin (binary)": skipped files, those in a skipped folder counted per folder. */
export function summarizeSkipped(skipped: readonly SkippedFile[]): string {
  const perFolder = new Map<string, number>();
  const single: string[] = [];
  for (const { path, reason } of skipped) {
    const folder = /^in (.+)$/.exec(reason)?.[1];
    if (folder) perFolder.set(folder, (perFolder.get(folder) ?? 0) + (path.endsWith("/") ? 0 : 1));
    else single.push(`${path} (${reason})`);
  }
  const folders = [...perFolder].map(([folder, count]) =>
    count === 0 ? `the ${folder} folder` : `${count} file${count === 1 ? "" : "s"} in ${folder}`,
  );
  return [...folders, ...single].join(", ");
}
