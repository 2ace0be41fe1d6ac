// The comparison's own parts, without Python: what the normalisations (README.md's table) hide
// and — as much — what they do not. Run by `npm run test:oracle` (node:test, through tsx).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { packSourceDir, type Upload } from "../../src/compiler";
import { compareCase } from "./compareCase";
import { diffJson } from "./diff";
import {
  describeBytes,
  normaliseDefinition,
  ourObjects,
  REPACK_SOURCE_DIR_TOKEN,
} from "./normalise";

const archive = (files: Record<string, string>) =>
  describeBytes("x/sourcedir.tar.gz", packSourceDir(files));

describe("row 1/2: uploaded objects are compared by content", () => {
  const ours = "s3://b/p/code/Step/aaaa/sourcedir.tar.gz";
  const sdk = "s3://b/pipe/code/bbbb/sourcedir.tar.gz";
  const step = (uri: string) => ({
    Steps: [{ Name: "S", Arguments: { Code: uri, Hp: `"${uri}"` } }],
  });

  it("the same files under different keys are equal", () => {
    const a = normaliseDefinition(step(ours), new Map([[ours, archive({ "a.py": "1" })]]));
    const b = normaliseDefinition(step(sdk), new Map([[sdk, archive({ "a.py": "1" })]]));
    assert.deepEqual(diffJson(a, b), []);
  });

  it("different bytes, a missing file or an unknown URI still differ", () => {
    const a = normaliseDefinition(step(ours), new Map([[ours, archive({ "a.py": "1" })]]));
    for (const other of [archive({ "a.py": "2" }), archive({ "a.py": "1", "b.py": "" })]) {
      const b = normaliseDefinition(step(sdk), new Map([[sdk, other]]));
      assert.ok(diffJson(a, b).length > 0);
    }
    assert.ok(diffJson(a, normaliseDefinition(step(sdk), new Map())).length > 0);
  });

  it("reads a last member that ends exactly at the end of a 10 KiB tar record", () => {
    const files = { "a.txt": "x".repeat(8080), "b.sh": "y".repeat(363), "inference.py": "" };
    assert.deepEqual(Object.keys((archive(files) as { files: object }).files), [
      "a.txt",
      "b.sh",
      "inference.py",
    ]);
  });

  it("describes files named __proto__, constructor or prototype like any other", () => {
    const files = Object.fromEntries(
      ["a.py", "__proto__", "constructor", "prototype"].map((name) => [name, name]),
    );
    const described = (archive(files) as { files: Record<string, string> }).files;
    assert.deepEqual(Object.keys(described), ["__proto__", "a.py", "constructor", "prototype"]);
    assert.equal(Object.getPrototypeOf(described), Object.prototype);
  });

  it("leaves our XGBoost hyperparameters file alone (the SDK uploads none)", () => {
    const upload = (kind: Upload["kind"]): Upload => ({
      stepId: "s",
      kind,
      uri: `s3://b/${kind}`,
      bytes: new Uint8Array(),
      contentType: "",
      hash: "",
    });
    assert.deepEqual(
      [...ourObjects([upload("hyperparameters"), upload("entrypoint")]).keys()],
      ["s3://b/entrypoint"],
    );
  });
});

describe("row 3: the repack step's source_dir", () => {
  const repack = (value: string, name = "M-RepackModel-0") => ({
    Steps: [
      { Name: name, Type: "Training", Arguments: { HyperParameters: { source_dir: value } } },
    ],
  });
  const sourceDir = (definition: unknown) =>
    (definition as ReturnType<typeof repack>).Steps[0]?.Arguments.HyperParameters.source_dir;

  it("any non-empty JSON string is the same instruction", () => {
    assert.equal(
      sourceDir(normaliseDefinition(repack('"/tmp/x/src"'), new Map())),
      REPACK_SOURCE_DIR_TOKEN,
    );
  });

  it("null, an empty string and other steps are compared as they are", () => {
    assert.equal(sourceDir(normaliseDefinition(repack("null"), new Map())), "null");
    assert.equal(sourceDir(normaliseDefinition(repack('""'), new Map())), '""');
    assert.equal(sourceDir(normaliseDefinition(repack('"/x"', "Train"), new Map())), '"/x"');
  });
});

describe("the diff", () => {
  it("reports key order, missing keys, types and list lengths with both values", () => {
    assert.deepEqual(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 }), [
      { path: "(root)", ours: ["a", "b"], sdk: ["b", "a"], kind: "key order" },
    ]);
    const missing = diffJson({ a: { "x-y": 1 } }, { a: {} })[0];
    assert.equal(missing?.path, 'a["x-y"]');
    assert.equal(missing?.kind, "missing in SDK's");
    assert.equal(diffJson([1], [1, 2])[0]?.kind, "length");
    assert.equal(diffJson({ a: "1" }, { a: 1 })[0]?.kind, "type");
  });

  it("reports a key named __proto__ or constructor missing on one side as missing", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      const entry = JSON.parse(`{"${key}": "x"}`) as Record<string, unknown>;
      assert.deepEqual(diffJson(entry, {}), [
        { path: key, ours: "x", sdk: "(absent)", kind: "missing in SDK's" },
      ]);
      assert.deepEqual(diffJson({}, entry), [
        { path: key, ours: "(absent)", sdk: "x", kind: "missing in ours" },
      ]);
      assert.deepEqual(diffJson(entry, JSON.parse(JSON.stringify(entry))), []);
    }
  });

  it("a case is equal only when nothing but the table's rows differ", () => {
    const compiled = {
      ok: true as const,
      definition: {} as never,
      json: JSON.stringify({ Version: "2020-12-01", Steps: [{ Name: "A", Arguments: { X: 1 } }] }),
      uploads: [],
      warnings: [],
    };
    const sdk = (x: number) => ({
      ok: true as const,
      definition: JSON.stringify({
        Version: "2020-12-01",
        Steps: [{ Name: "A", Arguments: { X: x } }],
      }),
      objects: {},
    });
    assert.deepEqual(compareCase({}, compiled, sdk(1)), { equal: true });
    const outcome = compareCase({}, compiled, sdk(2));
    assert.equal(outcome.equal, false);
    assert.deepEqual(!outcome.equal && outcome.labels, ["? Steps[*].Arguments.X (value)"]);
  });
});
