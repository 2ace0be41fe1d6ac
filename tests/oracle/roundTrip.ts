// The import round trip (issue 6): the SDK's definition → `importDefinition` (reading back the
// objects the SDK put in the mock bucket) → our compile → equal to the SDK's definition, under the
// same normalisations as the forward comparison.
import { compile, importDefinition } from "../../src/compiler";
import { compareCase, type Outcome } from "./compareCase";
import type { OracleResult } from "./runOracle";

export interface RoundTrip {
  outcome: Outcome;
  /** What the importer listed as not represented (should be none for SDK-rendered designs). */
  notes: string[];
}

export function roundTrip(design: unknown, oracle: OracleResult & { ok: true }): RoundTrip {
  const bodies = new Map(
    Object.entries(oracle.bodies ?? {}).map(([uri, base64]) => [
      uri,
      new Uint8Array(Buffer.from(base64, "base64")),
    ]),
  );
  const imported = importDefinition(JSON.parse(oracle.definition), {
    read: (uri) => bodies.get(uri),
  });
  if (!imported.ok) {
    const message = imported.errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    return {
      outcome: {
        equal: false,
        differences: [],
        refusal: { by: "ours", message },
        labels: [`? the import refuses it: ${message.slice(0, 120)}`],
      },
      notes: [],
    };
  }
  const outcome = compareCase(design, compile(imported.design), oracle);
  return { outcome, notes: imported.notes.map((note) => `${note.path}: ${note.message}`) };
}
