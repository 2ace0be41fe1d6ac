// Fuzzing the design-file importer: mutated real designs and random JSON/text. Whatever the
// bytes, loading never throws, every refusal is located, a design that loads keeps every key of
// its user records (`__proto__`, `constructor` and `prototype` among the keys the mutations add),
// and it compiles (or is refused with diagnostics) without an exception. FUZZ_RUNS scales it
// (npm run fuzz: 100,000).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../../src/compiler";
import { DIAGNOSTIC_CODES, loadDesign, loadDesignText, type LoadResult } from "../../../src/model";
import { generateDesigns } from "../../oracle/generate";
import { hostile, mutated } from "./mutate";
import { droppedRecordKeys } from "./userRecords";

const root = join(import.meta.dirname, "..", "..", "..");
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const PROTOTYPE_KEY = /"(__proto__|constructor|prototype)":/;

const seeds: unknown[] = [
  ...readdirSync(join(root, "examples"))
    .filter((name) => name.endsWith(".pipeline.json"))
    .map((name) => join(root, "examples", name)),
  ...readdirSync(join(root, "tests", "fixtures"))
    .filter((name) => name.endsWith(".pipeline.json"))
    .map((name) => join(root, "tests", "fixtures", name)),
  join(root, "tests", "fixtures", "migrations", "v1.pipeline.json"),
].map((path) => JSON.parse(readFileSync(path, "utf8")));
// Generated designs with record keys or parameter names such as `__proto__` (the oracle's generator).
seeds.push(
  ...generateDesigns(14, 3, (value) => {
    const loaded = loadDesign(value);
    return (
      loaded.kind === "ok" && compile(loaded.design).ok && PROTOTYPE_KEY.test(JSON.stringify(value))
    );
  }).designs,
);

const mutatedDesign = mutated(
  seeds,
  hostile([
    { parameter: "Nope" },
    { parameter: 42 },
    { files: { "../../etc/passwd": "x" } },
    { files: JSON.parse('{"__proto__": "x", "constructor": "y"}') as unknown },
  ]),
);

const anyText = fc.oneof(
  mutatedDesign,
  mutatedDesign.chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .jsonValue()
    .map((value) => JSON.stringify({ format: "pipeline-designer", version: 2, pipeline: value })),
  fc.string({ unit: "binary", maxLength: 200 }),
);

function checkRefusal(result: Exclude<LoadResult, { kind: "ok" }>) {
  if (result.kind === "invalid") {
    expect(result.issues.length).toBeGreaterThan(0);
    for (const issue of result.issues) {
      expect(typeof issue.path).toBe("string");
      expect(issue.message.length).toBeGreaterThan(0);
    }
  } else {
    expect(result.message.length).toBeGreaterThan(0);
  }
}

describe(`design files, fuzzed (${RUNS} runs, seed ${SEED})`, () => {
  it("load without throwing; refusals are located; loaded designs compile or give diagnostics", () => {
    const outcomes = { ok: 0, compiled: 0, refused: 0, prototypeKeys: 0 };
    fc.assert(
      fc.property(anyText, (text) => {
        const result = loadDesignText(text);
        if (result.kind !== "ok") {
          outcomes.refused += 1;
          return checkRefusal(result);
        }
        outcomes.ok += 1;
        if (PROTOTYPE_KEY.test(text)) outcomes.prototypeKeys += 1;
        expect(droppedRecordKeys(result.design, JSON.parse(text))).toEqual([]);
        const compiled = compile(result.design);
        if (compiled.ok) {
          outcomes.compiled += 1;
          return;
        }
        expect(compiled.errors.length).toBeGreaterThan(0);
        const ids = new Set(result.design.steps.map((step) => step.id));
        for (const diagnostic of compiled.errors) {
          expect(DIAGNOSTIC_CODES).toHaveProperty(diagnostic.code);
          expect(diagnostic.stepId === undefined || ids.has(diagnostic.stepId)).toBe(true);
          expect(diagnostic.stepId !== undefined || diagnostic.path !== undefined).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The mix must reach every branch, or the fuzzing proves little.
    console.log(`design-file fuzz: ${JSON.stringify(outcomes)}`);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
    expect(outcomes.ok).toBeGreaterThan(RUNS / 20);
    expect(outcomes.compiled).toBeGreaterThan(0);
    expect(outcomes.prototypeKeys).toBeGreaterThan(0);
  }, 600_000);
});
