// Fuzzing the pipeline-definition importer: mutated real definitions (the examples', the
// fixtures' and generated designs' compiles) and random JSON. Whatever the input, importing never
// throws; a refusal is located; an imported design is valid, keeps every key of its user records
// (`__proto__`, `constructor` and `prototype` among the keys the mutations add), its notes are
// located, and it compiles or gives diagnostics. FUZZ_RUNS scales it (npm run fuzz: 100,000).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, importDefinition } from "../../../src/compiler";
import { loadDesign, loadDesignText } from "../../../src/model";
import { generateDesigns } from "../../oracle/generate";
import { hostile, mutated } from "./mutate";
import { droppedRecordKeys } from "./userRecords";

const root = join(import.meta.dirname, "..", "..", "..");
// Each run compiles twice (the import's own check, then ours): half the design fuzz's count fits CI.
const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

/** The objects the seeds' compiles would upload: what the importer reads back (code, hyperparameters). */
const objects = new Map<string, Uint8Array>();

function definitionOf(design: unknown): unknown {
  const loaded = typeof design === "string" ? loadDesignText(design) : loadDesign(design);
  const result = loaded.kind === "ok" ? compile(loaded.design) : undefined;
  if (!result?.ok) throw new Error("a seed design does not compile");
  for (const upload of result.uploads) objects.set(upload.uri, upload.bytes);
  return JSON.parse(result.json);
}

const files = ["examples", join("tests", "fixtures")].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith(".pipeline.json"))
    .map((name) => readFileSync(join(root, dir, name), "utf8")),
);
const generated = generateDesigns(5, 8, (value) => {
  const loaded = loadDesign(value);
  return loaded.kind === "ok" && compile(loaded.design).ok;
}).designs;
const seeds = [...files, ...generated].map(definitionOf);

const anyDefinition = fc.oneof(
  { weight: 6, arbitrary: mutated(seeds, hostile([{ Get: "Steps.Nope.X" }, { "Std:Join": 1 }])) },
  fc.jsonValue().map((value) => JSON.stringify({ Version: "2020-12-01", Steps: [value] })),
  fc.jsonValue().map((value) => JSON.stringify(value)),
);

describe(`pipeline definitions, fuzzed (${RUNS} runs, seed ${SEED})`, () => {
  it("import without throwing; refusals and notes are located; imported designs are valid", () => {
    const outcomes = { refused: 0, imported: 0, exact: 0, compiled: 0, prototypeKeys: 0 };
    fc.assert(
      fc.property(anyDefinition, (text) => {
        // A mutation that deletes the whole document leaves no JSON: nothing to import.
        if (text === "") return;
        const result = importDefinition(JSON.parse(text), { read: (uri) => objects.get(uri) });
        if (!result.ok) {
          outcomes.refused += 1;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(typeof error.path).toBe("string");
            expect(error.message.length).toBeGreaterThan(0);
          }
          return;
        }
        outcomes.imported += 1;
        if (result.notes.length === 0) outcomes.exact += 1;
        for (const note of result.notes) expect(note.message.length).toBeGreaterThan(0);
        // What the importer hands over is a design the app can open as it is.
        const file: unknown = JSON.parse(JSON.stringify(result.design));
        if (/"(__proto__|constructor|prototype)":/.test(JSON.stringify(file)))
          outcomes.prototypeKeys += 1;
        const reopened = loadDesign(file);
        expect(reopened.kind).toBe("ok");
        if (reopened.kind === "ok") expect(droppedRecordKeys(reopened.design, file)).toEqual([]);
        const compiled = compile(result.design);
        if (compiled.ok) outcomes.compiled += 1;
        else expect(compiled.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`definition fuzz: ${JSON.stringify(outcomes)}`);
    // The mix must reach every branch, or the fuzzing proves little.
    expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
    expect(outcomes.imported).toBeGreaterThan(RUNS / 3);
    expect(outcomes.exact).toBeGreaterThan(0);
    expect(outcomes.compiled).toBeGreaterThan(RUNS / 10);
    expect(outcomes.prototypeKeys).toBeGreaterThan(0);
  }, 900_000);
});
