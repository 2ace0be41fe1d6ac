// The importer on what the SageMaker Python SDK itself renders for the gated designs
// (tests/fixtures/sdk/gated_*.json, nested_conditions.json; render_gated.py): each imports back
// into a design whose compile is the SDK's definition again, up to the oracle's normalisations
// (where uploaded code lives; the repack step's source_dir). The SDK's uploads are described by
// content there (file names and SHA-256s); the reader rebuilds each from the design's own files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeUpload, normalise, sha256, type Description } from "../support/sdkRenderings";
import { compile, importDefinition, packSourceDir, type Upload } from "../../src/compiler";
import { runprocScript } from "../../src/compiler/sdk/runproc";
import {
  LAUNCH_REPACK_SCRIPT_CMD,
  REPACK_MODEL_PY,
  REPACK_SCRIPT,
  REPACK_SCRIPT_LAUNCHER,
} from "../../src/compiler/sdk/repackFiles";
import { loadDesignText, type Design } from "../../src/model";

const root = join(import.meta.dirname, "..", "..");
const sdkDir = join(root, "tests", "fixtures", "sdk");

/**
 * The SDK's objects rebuilt from what they hold: an archive from the design's inline files (and
 * the SDK's repack scripts) with those SHA-256s, a runproc.sh from the entry point it runs.
 */
function sdkObjects(design: Design, described: Record<string, Description>, ours: Upload[]) {
  const texts = new Map<string, string>();
  const add = (name: string, text: string) => texts.set(`${name}\u0000${sha256(text)}`, text);
  add(REPACK_SCRIPT, REPACK_MODEL_PY);
  add(REPACK_SCRIPT_LAUNCHER, LAUNCH_REPACK_SCRIPT_CMD);
  const entryPoints = new Set<string>();
  for (const step of design.steps) {
    const code = step.config.code as { files?: Record<string, string> } | undefined;
    for (const [name, text] of Object.entries(code?.files ?? {})) add(name, text);
    entryPoints.add(String(step.config.entryPoint ?? ""));
    for (const name of Object.keys(code?.files ?? {})) entryPoints.add(name);
  }
  const runprocs = new Map(
    [...entryPoints].map((entry) => [sha256(runprocScript(entry)), runprocScript(entry)] as const),
  );
  const objects = new Map<string, Uint8Array>(ours.map((upload) => [upload.uri, upload.bytes]));
  for (const [uri, description] of Object.entries(described)) {
    if ("sha256" in description) {
      const text = runprocs.get(description.sha256);
      if (text !== undefined) objects.set(uri, new TextEncoder().encode(text));
      continue;
    }
    const files: Record<string, string> = {};
    for (const [name, hash] of Object.entries(description.files)) {
      const text = texts.get(`${name}\u0000${hash}`);
      if (text === undefined) throw new Error(`no file ${name} with SHA-256 ${hash}`);
      files[name] = text;
    }
    objects.set(uri, packSourceDir(files));
  }
  return objects;
}

const CASES = [
  { design: "tests/fixtures/gated-xgboost.pipeline.json", sdk: "gated_xgboost", objects: true },
  { design: "tests/fixtures/gated-pytorch.pipeline.json", sdk: "gated_pytorch", objects: true },
  {
    design: "tests/fixtures/sdk/nested_conditions.pipeline.json",
    sdk: "nested_conditions",
    objects: false,
    settingsUnsaid: true,
  },
];

describe("importDefinition of the SDK's gated renderings", () => {
  for (const { design: file, sdk, objects, settingsUnsaid } of CASES) {
    it(`sdk/${sdk}.json imports into a design that compiles back to it`, () => {
      const loaded = loadDesignText(readFileSync(join(root, file), "utf8"));
      if (loaded.kind !== "ok") throw new Error(`${file} does not load`);
      const original = compile(loaded.design);
      if (!original.ok) throw new Error(JSON.stringify(original.errors));
      const described: Record<string, Description> = objects
        ? JSON.parse(readFileSync(join(sdkDir, `${sdk}.objects.json`), "utf8"))
        : {};
      const read = sdkObjects(loaded.design, described, original.uploads);
      const definition: unknown = JSON.parse(readFileSync(join(sdkDir, `${sdk}.json`), "utf8"));
      const imported = importDefinition(definition, {
        name: loaded.design.pipeline.name,
        read: (uri) => read.get(uri),
      });
      if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
      if (settingsUnsaid) {
        // Conditions and fail steps name no bucket or role: the definition cannot say them.
        expect(imported.notes.map((note) => note.path)).toEqual([
          "",
          "(design) pipeline.roleArn",
          "(design) pipeline.bucket",
        ]);
        const { roleArn, bucket, s3Prefix } = loaded.design.pipeline;
        Object.assign(imported.design.pipeline, { roleArn, bucket, s3Prefix });
      } else expect(imported.notes).toEqual([]);
      const again = compile(imported.design);
      if (!again.ok) throw new Error(JSON.stringify(again.errors));
      const ours = new Map(
        again.uploads
          .filter((upload) => upload.kind !== "hyperparameters")
          .map((upload) => [upload.uri, describeUpload(upload)] as const),
      );
      const theirs = new Map(Object.entries(described));
      expect(JSON.stringify(normalise(again.definition, ours), null, 1)).toBe(
        JSON.stringify(normalise(definition, theirs), null, 1),
      );
    });
  }
});
