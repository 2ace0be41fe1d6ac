// SDK renderings (tests/fixtures/sdk/render_gated.py) and our compiles, made comparable the way
// the oracle does (tests/oracle/README.md, "Normalisations"): uploaded code by its content (file
// names and SHA-256s), and the repack step's source_dir, a local path on the SDK's side, by a marker.
import { createHash } from "node:crypto";
import { gunzipSync } from "fflate";
import { parseTar } from "nanotar";
import type { Upload } from "../../src/compiler";

export type Description = { files: Record<string, string> } | { sha256: string };

export const sha256 = (bytes: Uint8Array | string) =>
  createHash("sha256").update(bytes).digest("hex");

/** An upload of ours described as render_gated.py describes the SDK's objects. */
export function describeUpload(upload: Upload): Description {
  if (!upload.uri.endsWith(".tar.gz")) return { sha256: sha256(upload.bytes) };
  const files: Record<string, string> = {};
  for (const entry of parseTar(gunzipSync(upload.bytes)))
    if (entry.type === "file" && entry.data)
      files[entry.name.replace(/^\.\//, "")] = sha256(entry.data);
  return { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** Every object URI inside a string replaced by its content; a repack `source_dir` by a marker. */
export function normalise(definition: unknown, objects: Map<string, Description>): unknown {
  const uris = [...objects.keys()].sort((a, b) => b.length - a.length);
  const visit = (value: unknown, key: string, stepName: string): unknown => {
    if (typeof value === "string") {
      if (key === "source_dir" && /-RepackModel-\d+$/.test(stepName) && /^".+"$/.test(value))
        return "<non-empty source_dir>";
      let text = value;
      for (const uri of uris)
        text = text.split(uri).join(`<uploaded ${JSON.stringify(objects.get(uri))}>`);
      return text;
    }
    if (Array.isArray(value)) return value.map((item) => visit(item, key, stepName));
    if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const name = typeof record.Name === "string" && "Type" in record ? record.Name : stepName;
      return Object.fromEntries(
        Object.entries(record).map(([entryKey, item]) => [entryKey, visit(item, entryKey, name)]),
      );
    }
    return value;
  };
  return visit(definition, "", "");
}
