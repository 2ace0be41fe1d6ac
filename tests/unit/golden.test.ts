// Golden files: each tests/fixtures/*.pipeline.json compiles to exactly its *.definition.json and
// *.uploads.json. The expected files are data to review in a diff; `UPDATE_GOLDEN=1 npx vitest run
// tests/unit/golden.test.ts` rewrites them after a deliberate change.
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
  if (update || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("golden definitions", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(3));

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
