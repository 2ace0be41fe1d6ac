import type { ParameterRef } from "../../model";

/** A JSON object, as a definition holds them. */
export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const objectAt = (value: unknown, key: string): JsonObject | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  return isObject(found) ? found : undefined;
};

export const arrayAt = (value: unknown, key: string): unknown[] => {
  const found = isObject(value) ? value[key] : undefined;
  return Array.isArray(found) ? found : [];
};

export const stringAt = (value: unknown, key: string): string | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === "string" ? found : undefined;
};

/** `{"Get": "Parameters.X"}` → "X". */
export function parameterName(value: unknown): string | undefined {
  const path = isObject(value) && Object.keys(value).length === 1 ? value.Get : undefined;
  return typeof path === "string" && path.startsWith("Parameters.")
    ? path.slice("Parameters.".length)
    : undefined;
}

/** `{"Std:Join": {"On": on, "Values": [...]}}` → its values, when joined on `on`. */
export function joinValues(value: unknown, on: string): unknown[] | undefined {
  const join = objectAt(value, "Std:Join");
  return join && join.On === on && Array.isArray(join.Values) ? join.Values : undefined;
}

/**
 * A definition value as a design config value: a literal stays, a bare parameter `Get` becomes a
 * binding; anything else (another step's property, a join) has no config form: undefined.
 */
export function configValue(value: unknown): string | number | boolean | ParameterRef | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  const name = parameterName(value);
  return name === undefined ? undefined : { parameter: name };
}

/** `{"Get": "Steps.Name.Some.Path"}` → the step's name and the property path after it. */
export function stepReference(value: unknown): { stepName: string; propertyPath: string } | null {
  const path = isObject(value) && Object.keys(value).length === 1 ? value.Get : undefined;
  if (typeof path !== "string") return null;
  // Step names are [A-Za-z0-9_-]: the first dot after the name ends it.
  const match = /^Steps\.([A-Za-z0-9_-]+)\.(.+)$/.exec(path);
  return match ? { stepName: match[1] as string, propertyPath: match[2] as string } : null;
}

/** Deep equality of JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameJson(item, b[index]))
    );
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]))
  );
}
