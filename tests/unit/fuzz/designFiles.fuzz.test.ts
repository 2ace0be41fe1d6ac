// Fuzzing the design-file importer: mutated real designs and random JSON/text. Whatever the
// bytes, loading never throws, every refusal is located, and a design that loads compiles (or is
// refused with diagnostics) without an exception. FUZZ_RUNS scales it (npm run fuzz: 100,000).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../../src/compiler";
import { DIAGNOSTIC_CODES, loadDesignText, type LoadResult } from "../../../src/model";

const root = join(import.meta.dirname, "..", "..", "..");
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

const seeds: unknown[] = [
  ...readdirSync(join(root, "examples"))
    .filter((name) => name.endsWith(".pipeline.json"))
    .map((name) => join(root, "examples", name)),
  ...readdirSync(join(root, "tests", "fixtures"))
    .filter((name) => name.endsWith(".pipeline.json"))
    .map((name) => join(root, "tests", "fixtures", name)),
  join(root, "tests", "fixtures", "migrations", "v1.pipeline.json"),
].map((path) => JSON.parse(readFileSync(path, "utf8")));

type Json = unknown;

/** Every path to a value inside a JSON document, so a mutation can target any of them. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const found = [prefix];
  if (Array.isArray(value))
    value.forEach((item, index) => found.push(...paths(item, [...prefix, index])));
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...prefix, key]));
  return found;
}

function setAt(
  document: Json,
  path: (string | number)[],
  change: (old: Json) => Json | undefined,
): Json {
  if (path.length === 0) return change(document);
  const copy = structuredClone(document) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  const next = change(node[last]);
  if (next === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    null,
    "",
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    "__proto__",
    "<img src=x onerror=alert(1)>",
    "s3://",
    "ml.",
    { parameter: "Nope" },
    { parameter: 42 },
    { files: { "../../etc/passwd": "x" } },
    "x".repeat(70_000),
  ),
);

/** One mutation of a real design: replace, delete, duplicate or retype a value anywhere in it. */
const mutatedDesign = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.nat(),
    fc.array(fc.tuple(fc.nat(), fc.nat(3), hostile), { minLength: 1, maxLength: 3 }),
  )
  .map(([seed, _pick, mutations]) => {
    let document: Json = seed;
    for (const [where, kind, value] of mutations) {
      const all = paths(document);
      const path = all[where % all.length] as (string | number)[];
      document = setAt(document, path, (old) => {
        if (kind === 0) return value;
        if (kind === 1) return undefined;
        if (kind === 2) return Array.isArray(old) ? [...old, ...old] : old;
        return typeof old === "string" ? Number(old) || [old] : String(old);
      });
    }
    return JSON.stringify(document) ?? "";
  });

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
    const outcomes = { ok: 0, compiled: 0, refused: 0 };
    fc.assert(
      fc.property(anyText, (text) => {
        const result = loadDesignText(text);
        if (result.kind !== "ok") {
          outcomes.refused += 1;
          return checkRefusal(result);
        }
        outcomes.ok += 1;
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
  }, 600_000);
});
