import type { MetricDefinition } from "../../catalog";
import { isParameterRef, setEntry, type ParameterRef } from "../../model";
import type { ConfigPath } from "../../store/configPath";
import type { ValueType } from "./schemaFields";

/** What a form control's text means: a value to commit (`undefined` = back to the default) or why not. */
export type Parsed<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** Text typed into a text or number field → the value to store. Empty text clears the field. */
export function parseScalarText(text: string, valueType: ValueType): Parsed {
  const trimmed = text.trim();
  if (trimmed === "") return ok(undefined);
  if (valueType === "number" || valueType === "integer") {
    const number = Number(trimmed);
    if (!Number.isFinite(number)) return fail("enter a number");
    if (valueType === "integer" && !Number.isInteger(number)) return fail("enter a whole number");
    return ok(number);
  }
  return ok(trimmed);
}

/** A stored value as control text; objects as JSON, nothing as "". */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Structural equality for JSON values: a commit that changes nothing is not sent (no empty undo step). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) &&
        sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

/** A list of strings as comma-separated text. */
export function formatList(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(", ") : "";
}

/** Comma-separated text → trimmed, non-empty items; `undefined` when there are none. */
export function parseList(text: string): string[] | undefined {
  const items = text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  return items.length > 0 ? items : undefined;
}

/** One editable row of a string map; a bound value is kept as it is. */
export interface KeyValueRow {
  key: string;
  value: string;
  bound?: ParameterRef;
}

export function rowsFromRecord(record: unknown): KeyValueRow[] {
  if (!record || typeof record !== "object") return [];
  return Object.entries(record as Record<string, unknown>).map(([key, value]) =>
    isParameterRef(value) ? { key, value: "", bound: value } : { key, value: displayValue(value) },
  );
}

/** Rows → the map to store (`undefined` when empty). Blank rows are skipped; a repeated key is refused. */
export function recordFromRows(
  rows: readonly KeyValueRow[],
): Parsed<Record<string, unknown> | undefined> {
  const record: Record<string, unknown> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === "") {
      if (row.value.trim() !== "") return fail(`a value "${row.value}" has no name`);
      continue;
    }
    if (Object.hasOwn(record, key)) return fail(`"${key}" appears twice`);
    setEntry(record, key, row.bound ?? row.value);
  }
  return ok(Object.keys(record).length > 0 ? record : undefined);
}

/**
 * The commit for one member of a group field (checkpoint, profiler): the member's path, or the
 * whole group's when the group would be left empty, so an optional group is removed rather than
 * turned on with defaults.
 */
export function groupCommit(
  fieldKey: string,
  stored: unknown,
  member: string,
  value: unknown,
): { path: ConfigPath; value: unknown } {
  const current =
    stored && typeof stored === "object" ? { ...(stored as Record<string, unknown>) } : {};
  if (value === undefined) delete current[member];
  else current[member] = value;
  if (Object.keys(current).length === 0) return { path: [fieldKey], value: undefined };
  return { path: [fieldKey, member], value };
}

/** Metric rows → the list to store; rows left entirely blank are dropped. */
export function metricsToStore(rows: readonly MetricDefinition[]): MetricDefinition[] {
  return rows
    .map((row) => ({ name: row.name.trim(), regex: row.regex }))
    .filter((row) => row.name !== "" || row.regex.trim() !== "");
}

/** Inline code files with their UTF-8 sizes, in name order. */
export function codeFiles(code: unknown): { name: string; bytes: number }[] {
  if (!code || typeof code !== "object" || !("files" in code)) return [];
  const files = (code as { files: Record<string, unknown> }).files;
  const encoder = new TextEncoder();
  return Object.entries(files)
    .map(([name, text]) => ({ name, bytes: encoder.encode(String(text)).length }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}
