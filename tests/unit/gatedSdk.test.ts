// The gated fixtures and the nested-conditions design compiled by us against what the SageMaker
// Python SDK renders for the same objects (tests/fixtures/sdk/render_gated.py → gated_*.json,
// nested_conditions.json), value by value and key order included. The only differences forgiven
// are the oracle's (tests/oracle/README.md, "Normalisations"): where uploaded code lives (both
// sides become the uploaded object's content: file names and SHA-256s), and the repack step's
// `source_dir`, a local path on the SDK's side.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeUpload, normalise, type Description } from "../support/sdkRenderings";
import { compile } from "../../src/compiler";
import { loadDesignText } from "../../src/model";

const root = join(import.meta.dirname, "..", "..");
const sdkDir = join(root, "tests", "fixtures", "sdk");

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
