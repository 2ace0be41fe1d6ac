import { ownEntry } from "../model";

/** What changes in the deployed pipeline if this definition replaces it, step by step. */
export interface DefinitionDiff {
  identical: boolean;
  /** Set when the deployed definition is not JSON (someone edited it by hand, or it is not ours). */
  unreadable?: string;
  steps: EntryChange[];
  parameters: EntryChange[];
  /** Top-level settings other than steps and parameters (version, metadata, config). */
  other: ValueChange[];
}

export interface EntryChange {
  name: string;
  change: "added" | "removed" | "changed";
  /** For "changed": the differing leaves, JSON paths relative to the entry. */
  details: ValueChange[];
}

export interface ValueChange {
  path: string;
  before?: string;
  after?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Named = { Name?: string } & Record<string, Json>;

export function diffDefinitions(deployedText: string, proposedText: string): DefinitionDiff {
  let deployed: Record<string, Json>;
  const proposed = JSON.parse(proposedText) as Record<string, Json>;
  try {
    deployed = JSON.parse(deployedText) as Record<string, Json>;
  } catch (error) {
    return {
      identical: false,
      unreadable: error instanceof Error ? error.message : String(error),
      steps: [],
      parameters: [],
      other: [],
    };
  }
  const steps = diffEntries(deployed.Steps, proposed.Steps);
  const parameters = diffEntries(deployed.Parameters, proposed.Parameters);
  const other: ValueChange[] = [];
  const keys = new Set([...Object.keys(deployed), ...Object.keys(proposed)]);
  for (const key of [...keys].sort()) {
    if (key === "Steps" || key === "Parameters") continue;
    leafChanges(ownEntry(deployed, key), ownEntry(proposed, key), key, other);
  }
  return {
    identical: steps.length === 0 && parameters.length === 0 && other.length === 0,
    steps,
    parameters,
    other,
  };
}

function diffEntries(before: Json | undefined, after: Json | undefined): EntryChange[] {
  const index = (value: Json | undefined) =>
    new Map(
      (Array.isArray(value) ? (value as Named[]) : []).map((entry) => [String(entry.Name), entry]),
    );
  const old = index(before);
  const next = index(after);
  const changes: EntryChange[] = [];
  for (const [name, entry] of next) {
    const previous = old.get(name);
    if (!previous) {
      changes.push({ name, change: "added", details: [] });
      continue;
    }
    const details: ValueChange[] = [];
    leafChanges(previous, entry, "", details);
    if (details.length) changes.push({ name, change: "changed", details });
  }
  for (const name of old.keys())
    if (!next.has(name)) changes.push({ name, change: "removed", details: [] });
  return changes;
}

function leafChanges(
  before: Json | undefined,
  after: Json | undefined,
  path: string,
  out: ValueChange[],
) {
  const bothObjects =
    before !== null &&
    after !== null &&
    typeof before === "object" &&
    typeof after === "object" &&
    Array.isArray(before) === Array.isArray(after);
  if (bothObjects) {
    const left = before as Record<string, Json>;
    const right = after as Record<string, Json>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
      const child = Array.isArray(before) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      leafChanges(ownEntry(left, key), ownEntry(right, key), child, out);
    }
    return;
  }
  const a = before === undefined ? undefined : JSON.stringify(before);
  const b = after === undefined ? undefined : JSON.stringify(after);
  if (a !== b) out.push({ path: path || "(value)", before: a, after: b });
}
