// Mutations of real documents for the importer fuzz tests: replace, delete, duplicate or retype
// any value anywhere, or add a key (`__proto__`, `constructor`, `prototype` among them) to any
// object, with hostile values among the replacements.
import fc from "fast-check";
import { prototypeKeyed, recordKey } from "./userRecords";

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
  } else
    Object.defineProperty(node, last, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** Values chosen to break parsers: extremes, prototype keys, markup, half URIs, huge strings. */
export const hostile = (extra: Json[] = []) =>
  fc.oneof(
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
      "x".repeat(70_000),
      ...prototypeKeyed,
      ...extra,
    ),
  );

/** Replace, delete, duplicate, retype (0–3, as often as each other), or add a key (4, rarer). */
const kinds = fc.oneof(
  { arbitrary: fc.nat(3), weight: 7 },
  { arbitrary: fc.constant(4), weight: 1 },
);

/** One to three mutations of one of `seeds`, as JSON text. */
export function mutated(seeds: Json[], values: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), kinds, values, recordKey), { minLength: 1, maxLength: 3 }),
    )
    .map(([seed, mutations]) => {
      let document: Json = seed;
      for (const [where, kind, value, key] of mutations) {
        const all = paths(document);
        const path = all[where % all.length] as (string | number)[];
        document = setAt(document, path, (old) => {
          if (kind === 0) return value;
          if (kind === 1) return undefined;
          if (kind === 2) return Array.isArray(old) ? [...old, ...old] : old;
          // A new entry (or a new value for an existing one) of an object, under `key`.
          if (kind === 4 && old && typeof old === "object" && !Array.isArray(old))
            return Object.fromEntries([...Object.entries(old), [key, value]]);
          return typeof old === "string" ? Number(old) || [old] : String(old);
        });
      }
      return JSON.stringify(document) ?? "";
    });
}
