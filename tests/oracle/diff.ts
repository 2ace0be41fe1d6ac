// A structural diff of two JSON values that also checks key order (the compiler promises the
// SDK's order). Each difference names its path, our value and the SDK's.

export interface Difference {
  /** JSON path, e.g. `Steps[2].Arguments.HyperParameters.epochs`. */
  path: string;
  ours: unknown;
  sdk: unknown;
  /** What kind of difference: a value, a missing key, a key order or a list length. */
  kind: "value" | "type" | "missing in ours" | "missing in SDK's" | "key order" | "length";
}

const ABSENT = "(absent)";

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function child(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${path}${path ? "." : ""}${key}`
    : `${path}[${JSON.stringify(key)}]`;
}

/** Every difference between `ours` and `sdk`, depth first, in document order. */
export function diffJson(ours: unknown, sdk: unknown, path = ""): Difference[] {
  const found: Difference[] = [];
  const oursKind = kindOf(ours);
  if (oursKind !== kindOf(sdk)) {
    found.push({ path, ours, sdk, kind: "type" });
    return found;
  }
  if (oursKind === "array") {
    const a = ours as unknown[];
    const b = sdk as unknown[];
    // Lists of different lengths are one difference: item by item, one insertion cascades.
    if (a.length !== b.length) {
      found.push({ path, ours, sdk, kind: "length" });
      return found;
    }
    a.forEach((item, i) => found.push(...diffJson(item, b[i], child(path, i))));
    return found;
  }
  if (oursKind === "object") {
    const a = ours as Record<string, unknown>;
    const b = sdk as Record<string, unknown>;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    // Own keys only: `"constructor" in b` is true of every object.
    for (const key of keysA) {
      if (!Object.hasOwn(b, key))
        found.push({ path: child(path, key), ours: a[key], sdk: ABSENT, kind: "missing in SDK's" });
      else found.push(...diffJson(a[key], b[key], child(path, key)));
    }
    for (const key of keysB) {
      if (!Object.hasOwn(a, key))
        found.push({ path: child(path, key), ours: ABSENT, sdk: b[key], kind: "missing in ours" });
    }
    const common = keysA.filter((key) => Object.hasOwn(b, key));
    const commonB = keysB.filter((key) => Object.hasOwn(a, key));
    if (common.join("\u0000") !== commonB.join("\u0000"))
      found.push({ path: path || "(root)", ours: common, sdk: commonB, kind: "key order" });
    return found;
  }
  if (ours !== sdk) found.push({ path, ours, sdk, kind: "value" });
  return found;
}
