/** The design-file version this build writes and reads natively. */
export const CURRENT_VERSION = 1;

type Document = Record<string, unknown>;

/**
 * One step of the upgrade path: a pure function from version `from` to `from + 1`.
 * Each migration ships with a frozen fixture of its input version and a test.
 */
export interface Migration {
  readonly from: number;
  readonly name: string;
  migrate(document: Document): Document;
}

/** Ordered `vN → vN+1` migrations. v1 is the first version, so the list starts empty. */
export const MIGRATIONS: readonly Migration[] = [];

export type MigrationResult =
  | { ok: true; document: Document; applied: string[] }
  | { ok: false; reason: "tooNew" | "noPath"; version: number };

/** Brings a parsed document from its own version up to `target`, one numbered step at a time. */
export function migrate(
  document: Document,
  version: number,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = CURRENT_VERSION,
): MigrationResult {
  if (version > target) return { ok: false, reason: "tooNew", version };
  let current = document;
  const applied: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, reason: "noPath", version: v };
    current = { ...step.migrate(current), version: v + 1 };
    applied.push(step.name);
  }
  return { ok: true, document: current, applied };
}
