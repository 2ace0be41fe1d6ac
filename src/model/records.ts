// User-keyed records — hyperparameters, environment, tags, inline file names, output URIs, a
// step's config — hold whatever keys the user wrote, `__proto__`, `constructor` and `prototype`
// included. Those are data: kept by the schema, set as own properties, read only when own.
//
// zod's `z.record` drops a `__proto__` key (so it can never be assigned to a plain object), which
// silently removed such a hyperparameter from the compiled definition (issue 14). `userRecord`
// parses entry by entry like `z.record` and builds its result with `Object.defineProperty`.
import { z } from "zod";

/** `record[key] = value` without the `__proto__` setter: always an own, enumerable data entry. */
export function setEntry<V>(record: Record<string, V>, key: string, value: NoInfer<V>): void {
  Object.defineProperty(record, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** `record[key]` when the record itself holds `key`; never a member of Object.prototype. */
export function ownEntry<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A JSON object as it comes from JSON.parse or an object literal (not an array, Map, class…). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

type Payload = z.core.ParsePayload;
type Context = z.core.ParseContextInternal;

/**
 * The parse of a user record: every own enumerable string key is checked against the key schema
 * (an `invalid_key` issue at `[key]`, as z.record reports it) and its value against the value
 * schema (issues at `[key, …]`); the result holds each accepted entry as an own data property, in
 * input order, on a plain object.
 */
function parseUserRecord(
  inst: z.core.$ZodRecord,
  def: z.core.$ZodRecordDef,
  payload: Payload,
  ctx: Context,
): Payload | Promise<Payload> {
  const input = payload.value;
  if (!isPlainRecord(input)) {
    payload.issues.push({ expected: "record", code: "invalid_type", input, inst });
    return payload;
  }
  const out: Record<string, unknown> = {};
  // The memoizer (zod's cycle support for recursive schemas such as JSON values) registers the
  // object a container builds into before its children are parsed, as z.record does.
  const memo = z.core.globalConfig.memoizer;
  payload.value = memo ? memo.alloc(inst, payload, out, ctx) : out;
  const pending: Promise<void>[] = [];
  for (const key of Object.keys(input)) {
    const checked = def.keyType._zod.run({ value: key, issues: [] }, ctx);
    if (checked instanceof Promise) throw new Error("async record key schemas are not supported");
    if (checked.issues.length > 0) {
      payload.issues.push({
        code: "invalid_key",
        origin: "record",
        issues: checked.issues.map((issue) =>
          z.core.util.finalizeIssue(issue, ctx, z.core.config()),
        ),
        input: key,
        path: [key],
        inst,
      });
      continue;
    }
    const outKey = String(checked.value);
    const take = (result: Payload) => {
      if (result.issues.length > 0)
        payload.issues.push(...z.core.util.prefixIssues(key, result.issues));
      setEntry(out, outKey, result.value);
    };
    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
    if (result instanceof Promise) pending.push(result.then(take));
    else take(result);
  }
  return pending.length > 0 ? Promise.all(pending).then(() => payload) : payload;
}

/** `new ZodUserRecord(def)`: a ZodRecord of the def's key and value schemas. */
interface UserRecordConstructor {
  new <Key extends z.core.$ZodRecordKey, Value extends z.core.SomeType>(
    def: z.core.$ZodRecordDef<Key, Value>,
  ): z.ZodRecord<Key, Value>;
}

/**
 * The one user record constructor: a ZodRecord in every respect — its `def.type` is "record", so
 * the inspector reads it as one, and zod clones (`.describe()`, `.refine()`, …) through the
 * instance's own constructor, so a clone is a user record too — except its parse. The cast only
 * adds the generic signature `$constructor`'s type leaves out: the def's schemas are not fixed.
 */
const ZodUserRecord = z.core.$constructor(
  "ZodUserRecord",
  (inst: z.ZodRecord, def: z.core.$ZodRecordDef) => {
    z.ZodRecord.init(inst, def);
    inst._zod.parse = (payload, ctx) => parseUserRecord(inst, def, payload, ctx);
  },
) as unknown as UserRecordConstructor;

/** A record whose keys the user chooses: like `z.record(keyType, valueType)`, keeping every key. */
export function userRecord<Key extends z.core.$ZodRecordKey, Value extends z.core.SomeType>(
  keyType: Key,
  valueType: Value,
): z.ZodRecord<Key, Value> {
  return new ZodUserRecord({ type: "record", keyType, valueType });
}

/** A JSON value (as `z.json()`), whose objects at any depth are user records. */
export function userJson(): z.ZodType<z.JSONType> {
  const json: z.ZodType<z.JSONType> = z.lazy(() =>
    z.union([
      z.string(),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(json),
      userRecord(z.string(), json),
    ]),
  );
  return json;
}
