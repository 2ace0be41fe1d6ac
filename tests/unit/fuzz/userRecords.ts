// User-keyed records in fuzzed documents (issue 14): keys named like Object.prototype members
// among the generated ones, and the check that no parse ever drops a key the user wrote.
import fc from "fast-check";
import { validateDesign } from "../../../src/compiler";
import type { Design } from "../../../src/model";
import { prototypeKey } from "../../oracle/arbitraries";

/** A user record key: a prototype-named one (arbitraries.ts) a third of the time, else any text. */
export const recordKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: prototypeKey, weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 2 },
);

/** Objects holding PROTOTYPE_KEYS as own keys (JSON.parse keeps `__proto__` as data). */
export const prototypeKeyed: unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"__proto__": "x", "constructor": "y", "prototype": "z"}'),
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `where.key…` for each key of `raw`, at any depth, that `parsed` does not hold as its own. */
function missing(where: string, raw: unknown, parsed: unknown): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed))
    return raw.flatMap((item, index) => missing(`${where}[${index}]`, item, parsed[index]));
  if (!isRecord(raw) || !isRecord(parsed)) return [];
  return Object.keys(raw).flatMap((key) =>
    Object.hasOwn(parsed, key)
      ? missing(`${where}.${key}`, raw[key], parsed[key])
      : [`${where}.${key}`],
  );
}

/**
 * Keys of user records the parse dropped — tags and step configs as the design loaded from
 * `raw`; hyperparameters, env, outputUris and inline files as each step's config parsed. Always
 * empty: a key is data, kept or refused with a diagnostic, never lost.
 */
export function droppedRecordKeys(design: Design, raw: unknown): string[] {
  const dropped: string[] = [];
  if (isRecord(raw) && isRecord(raw.pipeline))
    dropped.push(...missing("pipeline.tags", raw.pipeline.tags, design.pipeline.tags));
  const rawSteps = isRecord(raw) && Array.isArray(raw.steps) ? (raw.steps as unknown[]) : [];
  design.steps.forEach((step, index) => {
    const rawStep = rawSteps[index];
    if (isRecord(rawStep))
      dropped.push(...missing(`${step.id}.config`, rawStep.config, step.config));
  });
  const { resolved } = validateDesign(design);
  for (const step of design.steps) {
    // Every config is a plain object; read here field by field whatever its type.
    const parsed: Readonly<Record<string, unknown>> | undefined = resolved.get(step.id)?.config;
    if (!parsed) continue;
    for (const field of ["hyperparameters", "env", "outputUris"])
      dropped.push(...missing(`${step.id}.${field}`, step.config[field], parsed[field]));
    const files = (code: unknown) => (isRecord(code) ? code.files : undefined);
    dropped.push(...missing(`${step.id}.code.files`, files(step.config.code), files(parsed.code)));
  }
  return dropped;
}
