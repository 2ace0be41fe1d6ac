import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "fflate";
import { parseTar } from "nanotar";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES, loadDesign } from "../../src/model";
import {
  compile,
  contentHash,
  metricRegexProblem,
  packSourceDir,
  pythonJsonDumps,
} from "../../src/compiler";

const root = join(import.meta.dirname, "..", "..");

describe("pythonJsonDumps matches CPython's json.dumps", () => {
  const cases: [unknown, string][] = [
    ["customer_id", '"customer_id"'],
    [["a", "b"], '["a", "b"]'],
    [{ x: [1, 2.5], y: null }, '{"x": [1, 2.5], "y": null}'],
    [0.001, "0.001"],
    [3e-5, "3e-05"],
    [1.5e-7, "1.5e-07"],
    [1.5e17, "150000000000000000"],
    [0.0001, "0.0001"],
    [true, "true"],
    ["café ✓", '"caf\\u00e9 \\u2713"'],
    ['tab\there "q" back\\slash', '"tab\\there \\"q\\" back\\\\slash"'],
    ["\u007f\u0001", '"\\u007f\\u0001"'],
    ["😀", '"\\ud83d\\ude00"'],
    [[], "[]"],
    [{}, "{}"],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected}`, () =>
      expect(pythonJsonDumps(value)).toBe(expected));
  }
});

describe("packSourceDir", () => {
  const files = {
    "train.py": "print('hi')\n",
    "lib/util.py": "X = 1\n",
    "requirements.txt": "pandas\n",
  };

  it("is deterministic: same files, any order, same bytes and hash", () => {
    const reordered = {
      "requirements.txt": files["requirements.txt"],
      "train.py": files["train.py"],
      "lib/util.py": files["lib/util.py"],
    };
    expect(packSourceDir(reordered)).toEqual(packSourceDir(files));
    expect(contentHash(packSourceDir(files))).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ends with the end-of-archive marker even when the entries fill a 10 KiB record exactly", () => {
    // Two headers + 18 data blocks = 20 blocks = one record: nanotar alone would add no zero blocks.
    const exact = { "a.py": "x".repeat(512 * 9), "b.py": "y".repeat(512 * 9) };
    const tar = gunzipSync(packSourceDir(exact));
    expect(tar.length).toBe(20480);
    expect(tar.subarray(10240).every((byte) => byte === 0)).toBe(true);
    expect(parseTar(tar).map((entry) => entry.name)).toEqual(["a.py", "b.py"]);
  });

  it("is a real tar.gz holding every file, with zeroed times and owners", () => {
    const entries = parseTar(gunzipSync(packSourceDir(files)));
    expect(entries.map((entry) => entry.name)).toEqual([
      "lib/util.py",
      "requirements.txt",
      "train.py",
    ]);
    expect(entries.map((entry) => entry.text)).toEqual([
      files["lib/util.py"],
      files["requirements.txt"],
      files["train.py"],
    ]);
    for (const entry of entries) expect(entry.attrs).toMatchObject({ mtime: 0, uid: 0, gid: 0 });
  });

  it("unpacks with the system tar", () => {
    const listing = execFileSync("tar", ["-tzf", "-"], {
      input: packSourceDir(files),
      encoding: "utf8",
    });
    expect(listing.trim().split("\n")).toEqual(["lib/util.py", "requirements.txt", "train.py"]);
  });

  it("changes hash when content changes", () => {
    expect(contentHash(packSourceDir({ ...files, "train.py": "print('bye')\n" }))).not.toBe(
      contentHash(packSourceDir(files)),
    );
  });
});

describe("metricRegexProblem", () => {
  it("accepts one capture group", () =>
    expect(metricRegexProblem("train_loss=([0-9\\.]+)")).toBeNull());
  it("refuses zero or two groups", () => {
    expect(metricRegexProblem("loss=[0-9]+")).toMatch(/exactly one capture group, has 0/);
    expect(metricRegexProblem("(a)=([0-9]+)")).toMatch(/has 2/);
  });
  it("does not count non-capturing groups", () =>
    expect(metricRegexProblem("(?:val|train)_loss=([0-9.]+)")).toBeNull());
  it("refuses a regex that does not compile", () =>
    expect(metricRegexProblem("loss=([0-9]+")).toMatch(/does not compile/));
});

describe("documentation and examples stay in step with the code", () => {
  it("docs/diagnostics.md documents every diagnostic code", () => {
    const doc = readFileSync(join(root, "docs", "diagnostics.md"), "utf8");
    const rows = new Map(
      [...doc.matchAll(/^\|\s*(PD\d{3})\s*\|\s*(.+?)\s*\|$/gm)].map((row) => [row[1], row[2]]),
    );
    expect(Object.fromEntries(rows)).toEqual(DIAGNOSTIC_CODES);
  });

  it("examples/*.pipeline.json carry the current examples/scripts", () => {
    const output = execFileSync(
      process.execPath,
      [
        join(root, "node_modules", "tsx", "dist", "cli.mjs"),
        "scripts/build-examples.ts",
        "--check",
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(output).toContain("examples are up to date");
  });
});

describe("a model step without code", () => {
  it("keeps the user's SAGEMAKER_PROGRAM / SAGEMAKER_SUBMIT_DIRECTORY, as the SDK does", () => {
    // Model._script_mode_env_vars (model.py:868) defaults both from the model's own env.
    const source = JSON.parse(
      readFileSync(join(root, "tests", "fixtures", "pytorch-reference.pipeline.json"), "utf8"),
    );
    const model = source.steps.find((step: { id: string }) => step.id === "model");
    delete model.config.code;
    delete model.config.entryPoint;
    model.config.env = {
      SAGEMAKER_PROGRAM: "serve.py",
      SAGEMAKER_SUBMIT_DIRECTORY: "s3://b/c.tgz",
    };
    const loaded = loadDesign(source);
    if (loaded.kind !== "ok") throw new Error("fixture does not load");
    const result = compile(loaded.design);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const created = result.definition.Steps.find((step) => step.Name.endsWith("-CreateModel"));
    const container = created?.Arguments.PrimaryContainer as {
      Environment: Record<string, string>;
    };
    expect(container.Environment).toMatchObject({
      SAGEMAKER_PROGRAM: "serve.py",
      SAGEMAKER_SUBMIT_DIRECTORY: "s3://b/c.tgz",
    });
  });
});
