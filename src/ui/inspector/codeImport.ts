import { INLINE_CODE_LIMIT_BYTES } from "../../catalog";
import { readCodeFolder, summarizeSkipped, type PickedFile } from "../../io";
import { describeBytes, type CodeFiles } from "../../store/codeFiles";
import type { CommandResult } from "../../store/designStore";
import { formatBytes } from "./fieldValues";

/** The sentence shown after an import, and whether it reports a refusal. */
export interface ImportOutcome {
  text: string;
  error: boolean;
}

/** The step an import goes into: its files at the moment of import, and the import command. */
export interface ImportTarget {
  files: () => CodeFiles;
  apply: (files: CodeFiles) => CommandResult;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
const refused = (text: string): ImportOutcome => ({ text, error: true });

/**
 * Reads picked or dropped files and imports their text into a step as one command. Caches,
 * version control and binary files are skipped and named; text past the limit is refused whole,
 * with its size, and nothing changes.
 */
export async function importCodeFolder(
  picking: Promise<readonly PickedFile[]>,
  target: ImportTarget,
  limitBytes = INLINE_CODE_LIMIT_BYTES,
): Promise<ImportOutcome> {
  let picked: readonly PickedFile[];
  try {
    picked = await picking;
  } catch (error) {
    return refused(`Import failed: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (picked.length === 0) return refused("Nothing to import: no files were chosen.");
  const folder = await readCodeFolder(picked, limitBytes);
  const skipped = folder.skipped.length > 0 ? ` Skipped: ${summarizeSkipped(folder.skipped)}.` : "";
  if (folder.overLimit) {
    return refused(
      `Import refused: the text files come to about ${describeBytes(folder.bytes)}; the limit is 1 MB. Nothing was changed.${skipped}`,
    );
  }
  const imported = Object.keys(folder.files);
  if (imported.length === 0) return refused(`Nothing imported: no text files.${skipped}`);
  const current = target.files();
  const replaced = imported.filter((name) => Object.hasOwn(current, name));
  const result = target.apply(folder.files);
  if (!result.ok)
    return refused(`Import refused: ${result.message}. Nothing was changed.${skipped}`);
  const replacing = replaced.length > 0 ? `, replacing ${replaced.join(", ")}` : "";
  return {
    text: `Imported ${plural(imported.length, "file")} (${formatBytes(folder.bytes)})${replacing}.${skipped} Undo reverts the whole import.`,
    error: false,
  };
}
