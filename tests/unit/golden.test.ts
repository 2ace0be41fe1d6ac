// Golden files: each tests/fixtures/*.pipeline.json compiles to exactly its *.definition.json and
// *.uploads.json. The expected files are data to review in a diff; `UPDATE_GOLDEN=1 npx vitest run
// tests/unit/golden.test.ts` writes them after a deliberate change (and for a new fixture). A
// missing golden file fails the test: it is never written from an ordinary run.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, compile } from "../../src/compiler";
import { loadDesignText } from "../../src/model";

const dir = join(import.meta.dirname, "..", "fixtures");
const update = process.env.UPDATE_GOLDEN === "1";
const cases = readdirSync(dir).filter((file) => file.endsWith(".pipeline.json"));

function compileFixture(file: string) {
  const loaded = loadDesignText(readFileSync(join(dir, file), "utf8"));
  if (loaded.kind !== "ok") throw new Error(`${file} does not load: ${JSON.stringify(loaded)}`);
  const result = compile(loaded.design);
  if (!result.ok)
    throw new Error(`${file} does not compile: ${JSON.stringify(result.errors, null, 2)}`);
  return result;
}

function expectGolden(path: string, actual: string) {
  if (update) writeFileSync(path, actual);
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: review the compiled output, then write it with UPDATE_GOLDEN=1 npx vitest run tests/unit/golden.test.ts`,
    );
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("golden definitions", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(5));

  for (const file of cases) {
    const stem = file.replace(/\.pipeline\.json$/, "");
    it(`${stem} compiles to its golden definition and uploads`, () => {
      const result = compileFixture(file);
      expectGolden(join(dir, `${stem}.definition.json`), result.json);
      const uploads = result.uploads.map(({ stepId, kind, uri, contentType, bytes, hash }) => ({
        stepId,
        kind,
        uri,
        contentType,
        size: bytes.length,
        sha256: hash,
      }));
      expectGolden(join(dir, `${stem}.uploads.json`), canonicalJson(uploads));
    });

    it(`${stem} compiles to the same bytes twice`, () => {
      const first = compileFixture(file);
      const second = compileFixture(file);
      expect(second.json).toBe(first.json);
      expect(second.uploads.map((upload) => upload.bytes)).toEqual(
        first.uploads.map((upload) => upload.bytes),
      );
    });
  }
});

describe("the goldens from before the gated step types", () => {
  // The bytes of each golden file as committed before issue 15: the union-typed renderers, the
  // new step kinds and retry policies change nothing for a design without them, and an
  // UPDATE_GOLDEN run cannot quietly change these files either.
  const PINNED: Record<string, string> = {
    "options-eu-central-2.definition.json":
      "ff31af1e4a2af19369b9e93032612aba0873d68e8429383e8f689a380d6e94c9",
    "options-eu-central-2.uploads.json":
      "6e828259a0744d572bdb4a9fab20756811e7f4cbd502d3b226ccbaffd32f0095",
    "pytorch-reference.definition.json":
      "8ae6a2459f7f5008819a41bff81e338499f4b2e0c12542dd8df35b0ffba6b778",
    "pytorch-reference.uploads.json":
      "caf2e5c23646cd1b32576e3d008293844390759c49b4471128d6d9d85a9f97b1",
    "xgboost-reference.definition.json":
      "045e22d2259f2ebf8bd06aede33c7f7cf71b4732dbf9719d65bbc835a8d69102",
    "xgboost-reference.uploads.json":
      "fc8465436b0722f7a62659136e1d4d5b76f2236981eb99088e792030d9150cab",
  };
  for (const [file, hash] of Object.entries(PINNED)) {
    it(`${file} is byte-identical`, () => expect(sha256(join(dir, file))).toBe(hash));
  }
  for (const stem of ["options-eu-central-2", "pytorch-reference", "xgboost-reference"]) {
    it(`${stem} still compiles to those bytes`, () => {
      const result = compileFixture(`${stem}.pipeline.json`);
      expect(createHash("sha256").update(result.json).digest("hex")).toBe(
        PINNED[`${stem}.definition.json`],
      );
    });
  }
});
