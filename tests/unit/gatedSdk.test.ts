// The gated fixtures and the nested-conditions design compiled by us against what the SageMaker
// Python SDK renders for the same objects (tests/fixtures/sdk/render_gated.py → gated_*.json,
// nested_conditions.json), value by value and key order included. The only differences forgiven
// are the oracle's (tests/oracle/README.md, "Normalisations"): where uploaded code lives (both
// sides become the uploaded object's content: file names and SHA-256s), and the repack step's
// `source_dir`, a local path on the SDK's side.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "fflate";
import { parseTar } from "nanotar";
import { describe, expect, it } from "vitest";
import { compile, type Upload } from "../../src/compiler";
import { loadDesignText } from "../../src/model";

const root = join(import.meta.dirname, "..", "..");
const sdkDir = join(root, "tests", "fixtures", "sdk");

type Description = { files: Record<string, string> } | { sha256: string };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** An upload of ours described as render_gated.py describes the SDK's objects. */
function describeUpload(upload: Upload): Description {
  if (!upload.uri.endsWith(".tar.gz")) return { sha256: sha256(upload.bytes) };
  const files: Record<string, string> = {};
  for (const entry of parseTar(gunzipSync(upload.bytes)))
    if (entry.type === "file" && entry.data)
      files[entry.name.replace(/^\.\//, "")] = sha256(entry.data);
  return { files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** Every object URI inside a string replaced by its content; a repack `source_dir` by a marker. */
function normalise(definition: unknown, objects: Map<string, Description>): unknown {
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

const CASES = [
  { design: "tests/fixtures/gated-xgboost.pipeline.json", sdk: "gated_xgboost", objects: true },
  { design: "tests/fixtures/gated-pytorch.pipeline.json", sdk: "gated_pytorch", objects: true },
  {
    design: "tests/fixtures/sdk/nested_conditions.pipeline.json",
    sdk: "nested_conditions",
    objects: false,
  },
];

describe("the gated designs compile to what the SageMaker SDK renders", () => {
  for (const { design, sdk, objects } of CASES) {
    it(`${design} equals sdk/${sdk}.json`, () => {
      const loaded = loadDesignText(readFileSync(join(root, design), "utf8"));
      if (loaded.kind !== "ok") throw new Error(`${design} does not load`);
      const result = compile(loaded.design);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      // The XGBoost hyperparameters file is the user's upload on the SDK's side: compared verbatim.
      const ours = new Map(
        result.uploads
          .filter((upload) => upload.kind !== "hyperparameters")
          .map((upload) => [upload.uri, describeUpload(upload)] as const),
      );
      const theirs = new Map<string, Description>(
        objects
          ? Object.entries(
              JSON.parse(readFileSync(join(sdkDir, `${sdk}.objects.json`), "utf8")) as Record<
                string,
                Description
              >,
            )
          : [],
      );
      expect(ours.size).toBe(theirs.size);
      const expected = normalise(
        JSON.parse(readFileSync(join(sdkDir, `${sdk}.json`), "utf8")),
        theirs,
      );
      const actual = normalise(result.definition, ours);
      // Stringified, so key order is compared too.
      expect(JSON.stringify(actual, null, 1)).toBe(JSON.stringify(expected, null, 1));
    });
  }
});
