import { setEntry } from "../model";

/** A path into a step's config, e.g. ["hyperparameters", "batch_size"] or ["metricDefinitions", 0, "regex"]. */
export type ConfigPath = readonly (string | number)[];

/**
 * Returns a copy of `root` with `value` at `path`; `undefined` removes the key, so the field
 * falls back to the catalog default. Only the objects on the path are copied.
 */
export function setAtPath(
  root: Record<string, unknown>,
  path: ConfigPath,
  value: unknown,
): Record<string, unknown> {
  if (path.length === 0) return (value ?? {}) as Record<string, unknown>;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const current = entryOf(root, head);
  const next =
    rest.length === 0
      ? value
      : setAtPath(
          isContainer(current)
            ? (current as Record<string, unknown>)
            : typeof rest[0] === "number"
              ? ([] as unknown as Record<string, unknown>)
              : {},
          rest,
          value,
        );
  if (Array.isArray(root)) {
    const copy = [...root];
    if (next === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = next;
    return copy as unknown as Record<string, unknown>;
  }
  const copy = { ...root };
  if (next === undefined) delete copy[head];
  else setEntry(copy, String(head), next);
  return copy;
}

export function getAtPath(root: unknown, path: ConfigPath): unknown {
  let value = root;
  for (const key of path) value = entryOf(value, key);
  return value;
}

/**
 * The value a container holds at `key`: an own entry only, so a record key such as
 * "constructor" or "__proto__" that the record lacks reads as absent, not as Object.prototype's.
 */
function entryOf(container: unknown, key: string | number): unknown {
  if (!isContainer(container) || !Object.hasOwn(container as object, key)) return undefined;
  return (container as Record<string | number, unknown>)[key];
}

function isContainer(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}
