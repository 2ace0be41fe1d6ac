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
  const tar = withEndOfArchive(
    createTar(entries, { attrs: FIXED_ATTRS }),
    entries.reduce((sum, entry) => sum + BLOCK + Math.ceil(entry.data.length / BLOCK) * BLOCK, 0),
  );
  return gzipSync(tar, { level: 9, mtime: 0 });
}

/** A packed archive with its content hash. */
export interface PackedArchive {
  bytes: Uint8Array;
  hash: string;
}

interface CacheNode {
  next: Map<string, CacheNode>;
  archive?: PackedArchive;
}

// Packing (deflate level 9) and hashing are most of a compile; an edit elsewhere in the design
// must not redo them for unchanged code. Keyed by content (a trie: name, text, name, text, …) so
// a reloaded or copied design hits too; strings are compared by V8's cached hashes, not re-read.
// Cleared whole when full, which bounds memory without any bookkeeping per entry.
const CACHE_LIMIT = 4096;
let cacheRoot: CacheNode = { next: new Map() };
let cacheSize = 0;

function child(node: CacheNode, key: string): CacheNode {
  let found = node.next.get(key);
  if (!found) node.next.set(key, (found = { next: new Map() }));
  return found;
}

/** `packSourceDir` and `contentHash` of it, computed once per distinct set of files. */
export function packedSourceDir(files: Record<string, string>): PackedArchive {
  let node = cacheRoot;
  for (const name of Object.keys(files).sort()) node = child(child(node, name), files[name] ?? "");
  if (node.archive) return node.archive;
  if (cacheSize >= CACHE_LIMIT) {
    cacheRoot = { next: new Map() };
    cacheSize = 0;
    return packedSourceDir(files);
  }
  const bytes = packSourceDir(files);
  node.archive = { bytes, hash: contentHash(bytes) };
  cacheSize++;
  return node.archive;
}

const BLOCK = 512;
const RECORD = 20 * BLOCK;

/**
 * nanotar pads to whole 10 KiB records but adds no end-of-archive marker (two zero blocks) when
 * the entries fill a record exactly; readers that stop at the marker (nanotar's own) then lose
 * the last file. Add one record in that case, as GNU tar does.
 */
function withEndOfArchive(tar: Uint8Array, used: number): Uint8Array {
  if (tar.length - used >= 2 * BLOCK) return tar;
  const padded = new Uint8Array(Math.ceil((used + 2 * BLOCK) / RECORD) * RECORD);
  padded.set(tar.subarray(0, used));
  return padded;
}

/** Content hash used in upload keys: SHA-256 in hex, as the SDK names its uploads. */
export function contentHash(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

export function utf8(text: string): Uint8Array {
  return strToU8(text);
}
