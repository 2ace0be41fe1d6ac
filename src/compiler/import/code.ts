import { gunzipSync } from "fflate";
import { parseTar } from "nanotar";
import { INLINE_CODE_LIMIT_BYTES, type StepCode } from "../../catalog";
import { setEntry } from "../../model";
import { contentHash } from "../codeArchive";
import { runprocScript } from "../sdk/runproc";

/** Reads an S3 object the definition names (a local copy, a signed-in download…), if it can. */
export type ObjectReader = (uri: string) => Uint8Array | undefined;

export interface ImportedCode {
  code: StepCode;
  /** Why the archive stayed an S3 URI, when it did. */
  unreadable?: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** A sourcedir.tar.gz → its text files; `without` names files the SDK added (repack scripts). */
function unpack(bytes: Uint8Array, without: readonly string[]): Record<string, string> | string {
  let items;
  try {
    items = parseTar(gunzipSync(bytes));
  } catch (cause) {
    return `it is not a readable tar.gz (${cause instanceof Error ? cause.message : String(cause)})`;
  }
  const files: Record<string, string> = {};
  let total = 0;
  for (const item of items) {
    if (item.type !== "file" && item.type !== undefined) continue;
    const name = item.name.replace(/^\.\//, "");
    if (!name || without.includes(name)) continue;
    try {
      setEntry(files, name, decoder.decode(item.data ?? new Uint8Array()));
    } catch {
      return `${name} is not UTF-8 text, which inline files must be`;
    }
    total += item.data?.length ?? 0;
  }
  if (total > INLINE_CODE_LIMIT_BYTES)
    return `its files are ${total} bytes, over the ${INLINE_CODE_LIMIT_BYTES}-byte limit of inline code`;
  return files;
}

/**
 * A step's code from its archive URI: the archive's files inline when the reader has it, else
 * the URI itself (the design then keeps pointing at that archive).
 */
export function importCode(
  uri: string,
  read: ObjectReader | undefined,
  without: readonly string[] = [],
): ImportedCode {
  const bytes = read?.(uri);
  // Not readable: the design keeps the URI, which compiles to the same definition.
  if (!bytes) return { code: { s3Uri: uri } };
  const files = unpack(bytes, without);
  if (typeof files === "string") return { code: { s3Uri: uri }, unreadable: files };
  return { code: { files } };
}

/**
 * The entry point a processing step's generated runproc.sh runs: read from the script when the
 * reader has it, else the candidate whose script hashes to the content hash in the URI's key
 * (both the SDK and we name the upload by the script's SHA-256).
 */
export function runprocEntryPoint(
  uri: string,
  read: ObjectReader | undefined,
  candidates: readonly string[],
): string | undefined {
  const bytes = read?.(uri);
  if (bytes) {
    const text = new TextDecoder().decode(bytes);
    const line = /^python (\S+) "\$@"\s*$/m.exec(text);
    if (line && runprocScript(line[1] as string) === text) return line[1];
  }
  const hashes = uri.split("/").filter((part) => /^[0-9a-f]{64}$/.test(part));
  return candidates.find((candidate) =>
    hashes.includes(contentHash(new TextEncoder().encode(runprocScript(candidate)))),
  );
}
