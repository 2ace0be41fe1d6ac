// The normalisations the oracle comparison applies — each one a row of the table in
// tests/oracle/README.md ("Normalisations"), referred to here by its number. Nothing else is
// normalised: every other difference between our definition and the SDK's fails the comparison.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { gunzipSync } from "fflate";
import type { Upload } from "../../src/compiler";

/** What an uploaded object holds: a .tar.gz by its member files, anything else by its bytes. */
export type ObjectDescription = { files: Record<string, string> } | { sha256: string };

const hex = (bytes: Uint8Array) => bytesToHex(sha256(bytes));

/**
 * The regular files of a tar archive, read as GNU tar and Python's tarfile read it: up to the
 * end-of-archive blocks or the end of the data. (nanotar's parseTar drops a last member that
 * ends exactly at the end of the buffer, which our packer produces when the archive fills a
 * 10 KiB record — see README "Known differences found".)
 */
function readTar(tar: Uint8Array): [string, Uint8Array][] {
  const text = (start: number, length: number) =>
    new TextDecoder().decode(tar.subarray(start, start + length)).replace(/\0.*$/s, "");
  const files: [string, Uint8Array][] = [];
  for (let offset = 0; offset + 512 <= tar.length;) {
    const name = text(offset, 100);
    if (!name) break;
    const size = parseInt(text(offset + 124, 12).trim() || "0", 8);
    const type = text(offset + 156, 1);
    const prefix = text(offset + 257, 6).startsWith("ustar") ? text(offset + 345, 155) : "";
    if (type === "0" || type === "") {
      const data = tar.subarray(offset + 512, offset + 512 + size);
      files.push([prefix ? `${prefix}/${name}` : name, data]);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The same description the oracle (oracle.py `describe_object`) gives of the SDK's uploads. */
export function describeBytes(uri: string, bytes: Uint8Array): ObjectDescription {
  if (!uri.endsWith(".tar.gz")) return { sha256: hex(bytes) };
  // Entries, not `files[name] = …`: a file named `__proto__` is a file like any other.
  const files = new Map<string, string>();
  for (const [name, data] of readTar(gunzipSync(bytes)))
    files.set(name.replace(/^\.\//, ""), hex(data));
  return { files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/**
 * Row 1 and 2: an uploaded object's S3 URI → a token naming its content. The key differs by
 * construction (the SDK hashes local paths or uses a timestamp; we hash the archive), so the URI
 * is compared by what the object holds — the same files with the same bytes, or the same bytes.
 */
export function contentToken(uri: string, description: ObjectDescription): string {
  const name = uri.slice(uri.lastIndexOf("/") + 1);
  if ("sha256" in description)
    return `<uploaded ${name} sha256:${description.sha256.slice(0, 16)}>`;
  const files = Object.entries(description.files).map(
    ([file, digest]) => `${file} sha256:${digest.slice(0, 16)}`,
  );
  return `<uploaded ${name}: ${files.join(", ")}>`;
}

/** Our code and runproc.sh uploads (rows 1, 2); the XGBoost hyperparameters file is not one. */
export function ourObjects(uploads: Upload[]): Map<string, ObjectDescription> {
  const objects = new Map<string, ObjectDescription>();
  for (const upload of uploads) {
    if (upload.kind === "hyperparameters") continue;
    objects.set(upload.uri, describeBytes(upload.uri, upload.bytes));
  }
  return objects;
}

function replaceUris(text: string, tokens: [string, string][]): string {
  let out = text;
  for (const [uri, token] of tokens) out = out.split(uri).join(token);
  return out;
}

/** Rows 1, 2: every string that contains an uploaded object's URI gets the content token instead. */
function tokeniseUploads(value: unknown, tokens: [string, string][]): unknown {
  if (typeof value === "string") return replaceUris(value, tokens);
  if (Array.isArray(value)) return value.map((item) => tokeniseUploads(item, tokens));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, tokeniseUploads(item, tokens)]),
    );
  }
  return value;
}

type DefinitionStep = Record<string, unknown>;

/**
 * Every step of a step list, depth first: a Condition step's `IfSteps` and `ElseSteps` hold
 * whole steps (a repack step of a register model in a branch is one of them).
 */
function* allSteps(steps: unknown): Generator<DefinitionStep> {
  if (!Array.isArray(steps)) return;
  for (const step of steps as DefinitionStep[]) {
    if (!step || typeof step !== "object") continue;
    yield step;
    const args = step.Arguments as Record<string, unknown> | undefined;
    if (step.Type === "Condition" && args) {
      yield* allSteps(args.IfSteps);
      yield* allSteps(args.ElseSteps);
    }
  }
}

const REPACK_STEP = /-RepackModel-[^-]+$/;
export const REPACK_SOURCE_DIR_TOKEN = "<non-empty source_dir>";

/**
 * Row 3: the repack job's `source_dir` hyperparameter. The SDK sends the local directory the
 * pipeline was built from (a machine path); ours names the bundle. `_repack_model.py` only tests
 * it for truth (`if source_dir:`), so any non-empty JSON string is the same instruction.
 */
function normaliseRepackSourceDir(definition: Record<string, unknown>): void {
  for (const step of allSteps(definition.Steps)) {
    if (step.Type !== "Training" || !REPACK_STEP.test(String(step.Name))) continue;
    const args = step.Arguments as Record<string, unknown> | undefined;
    const hyperparameters = args?.HyperParameters as Record<string, unknown> | undefined;
    const value = hyperparameters?.source_dir;
    if (!hyperparameters || typeof value !== "string") continue;
    let decoded: unknown;
    try {
      decoded = JSON.parse(value);
    } catch {
      continue;
    }
    if (typeof decoded === "string" && decoded.length > 0)
      hyperparameters.source_dir = REPACK_SOURCE_DIR_TOKEN;
  }
}

/**
 * A parsed definition (row 4: values are compared, not JSON text) with rows 1–3 applied.
 * `objects` maps each uploaded object's URI to its description.
 */
export function normaliseDefinition(
  definition: unknown,
  objects: Map<string, ObjectDescription>,
): Record<string, unknown> {
  // Longest first, so a URI that is a prefix of another never splits it.
  const tokens = [...objects]
    .sort(([a], [b]) => b.length - a.length)
    .map(([uri, description]): [string, string] => [uri, contentToken(uri, description)]);
  const normalised = tokeniseUploads(definition, tokens) as Record<string, unknown>;
  normaliseRepackSourceDir(normalised);
  return normalised;
}
