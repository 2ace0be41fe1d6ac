import {
  PYTORCH_HYPERPARAMETERS,
  XGBOOST_HYPERPARAMETERS,
  type Framework,
  type HyperparameterKind,
  type KnownHyperparameter,
} from "../../catalog";
import { isParameterRef } from "../../model";
import type { Parsed } from "./fieldValues";

/** The types a hyperparameter row offers. */
export type HyperparameterType = "string" | "number" | "bool" | "list";
export const HYPERPARAMETER_TYPES: readonly HyperparameterType[] = [
  "string",
  "number",
  "bool",
  "list",
];

/** The keys the catalog knows for a framework (offered, with help, in a datalist). */
export function knownHyperparameters(framework: Framework): readonly KnownHyperparameter[] {
  if (framework === "pytorch") return PYTORCH_HYPERPARAMETERS;
  if (framework === "xgboost") return XGBOOST_HYPERPARAMETERS;
  return [];
}

export function rowTypeOfKind(kind: HyperparameterKind): HyperparameterType {
  if (kind === "integer" || kind === "number") return "number";
  if (kind === "boolean") return "bool";
  return kind;
}

export function typeOfValue(value: unknown): HyperparameterType {
  if (Array.isArray(value)) return "list";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return "number";
  return "string";
}

/** A value as row text; lists comma-separated. */
export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Row text → the JSON value stored. Lists are comma-separated; their items become numbers
 * only when every item is a number (class weights), so column names stay text.
 */
export function parseHyperparameterValue(type: HyperparameterType, text: string): Parsed {
  const trimmed = text.trim();
  switch (type) {
    case "number":
      return NUMBER.test(trimmed)
        ? { ok: true, value: Number(trimmed) }
        : { ok: false, message: "enter a number" };
    case "bool":
      if (trimmed === "true" || trimmed === "false") return { ok: true, value: trimmed === "true" };
      return { ok: false, message: "enter true or false" };
    case "list": {
      const items = trimmed === "" ? [] : trimmed.split(",").map((item) => item.trim());
      if (items.some((item) => item === ""))
        return { ok: false, message: "a list item is empty (check the commas)" };
      const numeric = items.length > 0 && items.every((item) => NUMBER.test(item));
      return { ok: true, value: numeric ? items.map(Number) : items };
    }
    default:
      return { ok: true, value: text };
  }
}

/** The value a new row of this type starts with: the known default, else an empty one. */
export function initialValue(type: HyperparameterType, known?: KnownHyperparameter): unknown {
  if (known?.default !== undefined && typeOfValue(known.default) === type) return known.default;
  if (type === "number") return known?.min ?? 0;
  if (type === "bool") return false;
  if (type === "list") return [];
  return "";
}

/** A value moved to another type: its text re-read as the new type, else that type's empty value. */
export function convertValue(value: unknown, type: HyperparameterType): unknown {
  if (typeOfValue(value) === type) return value;
  const parsed = parseHyperparameterValue(type, valueText(value));
  return parsed.ok ? parsed.value : initialValue(type);
}

/** Why `key` cannot name a (new or renamed) row, or null. */
export function keyProblem(
  record: Readonly<Record<string, unknown>>,
  key: string,
  current?: string,
): string | null {
  if (key === "") return "enter a key";
  if (key !== current && Object.hasOwn(record, key)) return `"${key}" is already set`;
  return null;
}

/** The record with `from` renamed to `to`, keeping the order of keys. */
export function renameHyperparameter(
  record: Readonly<Record<string, unknown>>,
  from: string,
  to: string,
): Parsed<Record<string, unknown>> {
  const problem = keyProblem(record, to, from);
  if (problem) return { ok: false, message: problem };
  return {
    ok: true,
    value: Object.fromEntries(
      Object.entries(record).map(([key, value]) => [key === from ? to : key, value]),
    ),
  };
}

/** Whether a row's value is a `{ parameter }` binding (shown read-only). */
export const isBoundValue = isParameterRef;
