import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { gzipSync, strToU8 } from "fflate";
import { createTar } from "nanotar";

// Fixed attributes so the archive (and so its hash and S3 key) depends on file contents only.
const FIXED_ATTRS = { mode: "644", uid: 0, gid: 0, mtime: 0, user: "", group: "" };

/** Packs inline files into a deterministic sourcedir.tar.gz: sorted names, zeroed times and owners. */
export function packSourceDir(files: Record<string, string>): Uint8Array {
  const entries = Object.keys(files)
    .sort()
    .map((name) => ({ name, data: strToU8(files[name] ?? "") }));
  const tar = createTar(entries, { attrs: FIXED_ATTRS });
  return gzipSync(tar, { level: 9, mtime: 0 });
}

/** Content hash used in upload keys: SHA-256 in hex, as the SDK names its uploads. */
export function contentHash(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

export function utf8(text: string): Uint8Array {
  return strToU8(text);
}
