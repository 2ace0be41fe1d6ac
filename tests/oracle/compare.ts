// The differential oracle: every example, every golden fixture and N seeded random designs are
// compiled by our compiler and rendered by the SageMaker Python SDK (oracle.py); the two
// definitions must be equal up to the normalisations in README.md's table.
//
//   npx tsx tests/oracle/compare.ts [--cases N] [--seed N] [--show N] [--jobs N] [--out DIR]
//                                   [--accept compile|load] [--designs DIR]
//
// Prints what the generated designs covered, `N cases, N equal, N differ`, how many differing
// cases each known difference (README.md) explains, what is unexplained, and the diffs of the
// first differing cases (unexplained first); every differing case is written to DIR/differ.
// Exit 0 when every case is equal, 1 when one differs, 2 on bad usage or a broken setup.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { compile } from "../../src/compiler";
import { validateDefinitionSchema } from "../../src/compiler/schema";
import { loadDesign, loadDesignText, type Design } from "../../src/model";
import { compareCase, type Outcome } from "./compareCase";
import { Coverage } from "./coverage";
import type { Difference } from "./diff";
import { generateDesigns } from "./generate";
import { KNOWN } from "./known";
import { roundTrip } from "./roundTrip";
import { ORACLE_DIR, runOracle } from "./runOracle";

interface Options {
  cases: number;
  seed: number;
  show: number;
  jobs: number;
  out: string;
  /** Which generated designs are kept: those our compiler accepts, or all that load. */
  accept: "compile" | "load";
  /** Extra design files (e.g. minimal repros) compared as cases of their own. */
  designs: string;
}

const USAGE =
  "usage: compare.ts [--cases N] [--seed N] [--show N] [--jobs N] [--out DIR] [--accept compile|load] [--designs DIR]";

function parseOptions(argv: string[]): Options {
  const options: Options = {
    cases: 200,
    seed: Math.floor(Math.random() * 2 ** 31),
    show: 3,
    jobs: Math.max(1, Math.min(4, cpus().length)),
    out: "",
    accept: "compile",
    designs: "",
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? "";
    const value = argv[i + 1];
    const number = Number(value);
    if (flag === "--out" && value) options.out = value;
    else if (flag === "--designs" && value) options.designs = value;
    else if (flag === "--accept" && (value === "compile" || value === "load"))
      options.accept = value;
    else if (
      ["--cases", "--seed", "--show", "--jobs"].includes(flag) &&
      Number.isInteger(number) &&
      number >= 0
    )
      options[flag.slice(2) as "cases" | "seed" | "show" | "jobs"] = number;
    else {
      console.error(`unknown or incomplete option ${flag}\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

interface Case {
  /** Where the design came from: an example, a fixture or `generated #n`. */
  label: string;
  file: string;
  design: Design;
}

const root = resolve(ORACLE_DIR, "..", "..");

function fileCases(dir: string): Case[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".pipeline.json"))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const loaded = loadDesignText(readFileSync(file, "utf8"));
      if (loaded.kind !== "ok") throw new Error(`${file} does not load: ${JSON.stringify(loaded)}`);
      return { label: `${basename(dir)}/${name}`, file, design: loaded.design };
    });
}

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? "undefined" : text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

function printDifferences(differences: Difference[], limit = 12): void {
  for (const difference of differences.slice(0, limit)) {
    console.log(`    ${difference.path}  (${difference.kind})`);
    console.log(`      ours: ${show(difference.ours)}`);
    console.log(`      SDK:  ${show(difference.sdk)}`);
  }
  if (differences.length > limit) console.log(`    … ${differences.length - limit} more`);
}

type Differing = { item: Case; outcome: Exclude<Outcome, { equal: true }> };

function report(differing: Differing[], options: Options, out: string): void {
  const counts = new Map<string, number>();
  for (const { outcome } of differing)
    for (const label of outcome.labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const known = KNOWN.filter((entry) => counts.has(entry.id));
  if (known.length > 0) {
    console.log("\nknown differences (README.md), cases:");
    for (const entry of known)
      console.log(`  ${String(counts.get(entry.id)).padStart(5)}  ${entry.id} ${entry.title}`);
  }
  const unexplained = [...counts].filter(([label]) => label.startsWith("?"));
  if (unexplained.length > 0) {
    console.log("\nunexplained, cases:");
    for (const [label, count] of unexplained.sort((a, b) => b[1] - a[1]))
      console.log(`  ${String(count).padStart(5)}  ${label.slice(2)}`);
  }
  const isUnexplained = ({ outcome }: Differing) => outcome.labels.some((l) => l.startsWith("?"));
  const first = [...differing.filter(isUnexplained), ...differing.filter((d) => !isUnexplained(d))];
  for (const { item, outcome } of first.slice(0, options.show)) {
    console.log(`\n✗ ${item.label}  [${outcome.labels.join(", ")}]\n  ${item.file}`);
    if (outcome.refusal) {
      const lines = outcome.refusal.message.trim().split("\n");
      const who = { SDK: "the SDK", ours: "our side", schema: "the schema + overlay" };
      console.log(`    ${who[outcome.refusal.by]} refuses it:`);
      console.log(`    ${lines.slice(-3).join("\n    ")}`);
    }
    printDifferences(outcome.differences);
  }
  const dir = join(out, "differ");
  mkdirSync(dir, { recursive: true });
  for (const { item, outcome } of differing) {
    // A case, its schema check and its import round trip share a design file: keep each record.
    const kind = item.label.endsWith("(import round trip)")
      ? ".round-trip"
      : item.label.endsWith("(schema)")
        ? ".schema"
        : "";
    const stem = basename(item.file).replace(/\.pipeline\.json$/, "") + kind;
    const record = { case: item.label, design: item.file, ...outcome };
    writeFileSync(join(dir, `${stem}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
  console.log(`\nevery differing case (design, both definitions, diff): ${dir}`);
}

/** An exception in our code is a differing case of its own (with the stack), not a crash. */
function guarded(who: string, run: () => Outcome): Outcome {
  try {
    return run();
  } catch (error) {
    // Where it was thrown, then the error (the report prints a refusal's last lines).
    const frames = error instanceof Error ? (error.stack ?? "").split("\n").slice(1, 4) : [];
    const first = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const message = [...frames.map((frame) => frame.trim()), first].join("\n");
    return {
      equal: false,
      differences: [],
      refusal: { by: "ours", message },
      labels: [`? ${who} throws: ${first.slice(0, 120)}`],
    };
  }
}

function guardedTrip(run: () => ReturnType<typeof roundTrip>): ReturnType<typeof roundTrip> {
  let trip: ReturnType<typeof roundTrip> | undefined;
  const outcome = guarded("the import round trip", () => {
    trip = run();
    return trip.outcome;
  });
  return trip ?? { outcome, notes: [] };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const out = options.out || mkdtempSync(join(tmpdir(), `oracle-${options.seed}-`));
  const designsDir = join(out, "designs");
  mkdirSync(designsDir, { recursive: true });

  const cases: Case[] = [
    ...fileCases(join(root, "examples")),
    ...fileCases(join(root, "tests", "fixtures")),
    ...(options.designs ? fileCases(resolve(options.designs)) : []),
  ];
  // A compiler that throws refuses nothing on purpose: those designs are kept and reported.
  const generated = generateDesigns(options.seed, options.cases, (value) => {
    const loaded = loadDesign(value);
    if (loaded.kind !== "ok") return false;
    if (options.accept === "load") return true;
    try {
      return compile(loaded.design).ok;
    } catch {
      return true;
    }
  });
  const coverage = new Coverage();
  generated.designs.forEach((value, index) => {
    const file = join(designsDir, `generated-${String(index + 1).padStart(4, "0")}.pipeline.json`);
    writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
    const loaded = loadDesign(value);
    if (loaded.kind !== "ok") throw new Error(`generated design ${file} does not load`);
    coverage.add(loaded.design);
    cases.push({ label: `generated #${index + 1}`, file, design: loaded.design });
  });

  const answers = await runOracle(
    cases.map((item) => item.file),
    options.jobs,
  );
  let equal = 0;
  const differing: Differing[] = [];
  const trips = { tried: 0, equal: 0, withNotes: 0 };
  const schemas = { tried: 0, valid: 0 };
  const notes: string[] = [];
  for (const item of cases) {
    const answer = answers.get(item.file) ?? { ok: false, error: "the oracle gave no answer" };
    const outcome = guarded("our compiler", () =>
      compareCase(item.design, compile(item.design), answer),
    );
    if (outcome.equal) equal++;
    else differing.push({ item, outcome });
    if (!answer.ok) continue;
    // The published schema (plus the overlay) must accept what the SDK renders.
    const schema = validateDefinitionSchema(JSON.parse(answer.definition));
    schemas.tried++;
    if (schema.valid) schemas.valid++;
    else
      differing.push({
        item: { ...item, label: `${item.label} (schema)` },
        outcome: {
          equal: false,
          differences: [],
          refusal: {
            by: "schema",
            message: schema.errors.map((e) => `${e.path}: ${e.message}`).join("\n"),
          },
          labels: [
            `? the schema + overlay refuses the SDK's definition: ${schema.errors[0]?.path.replace(/\[\d+\]\([^)]*\)/g, "[*]")}`,
          ],
        },
      });
    // The round trip is a case of its own: a difference there fails the run like any other.
    const trip = guardedTrip(() => roundTrip(item.design, answer));
    trips.tried++;
    if (trip.outcome.equal) trips.equal++;
    else
      differing.push({
        item: { ...item, label: `${item.label} (import round trip)` },
        outcome: trip.outcome,
      });
    if (trip.notes.length > 0) {
      trips.withNotes++;
      const text = `import notes for ${item.label} (${item.file}):\n  ${trip.notes.join("\n  ")}`;
      notes.push(text);
      if (trips.withNotes <= options.show) console.log(text);
    }
  }
  if (notes.length > 0) {
    writeFileSync(join(out, "import-notes.txt"), `${notes.join("\n")}\n`);
    console.log(`every case's import notes: ${join(out, "import-notes.txt")}`);
  }

  const refused = generated.attempts - generated.designs.length;
  console.log(
    `generator (seed ${options.seed}): ${generated.attempts} designs drawn, ${generated.designs.length} valid, ${refused} refused by our validate/compile`,
  );
  for (const line of coverage.lines()) console.log(`  ${line}`);
  if (differing.length > 0) report(differing, options, out);
  const unexplained = differing.filter(({ outcome }) =>
    outcome.labels.some((label) => label.startsWith("?")),
  ).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `\nschema (the SDK's definitions against the published schema + overlay): ${schemas.tried} definitions, ${schemas.valid} valid`,
  );
  console.log(
    `import round trip (SDK definition → import → compile): ${trips.tried} definitions, ${trips.equal} equal, ${trips.tried - trips.equal} differ, ${trips.withNotes} with import notes`,
  );
  console.log(
    `\n${cases.length} cases, ${equal} equal, ${differing.length} differ` +
      (differing.length > 0
        ? ` (${differing.length - unexplained} by known differences only, ${unexplained} unexplained)`
        : "") +
      `  [${seconds} s, seed ${options.seed}]`,
  );
  process.exitCode = differing.length > 0 || trips.withNotes > 0 ? 1 : 0;
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
