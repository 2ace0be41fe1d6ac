import { COMPARISONS, type Condition, type Operand } from "../../catalog";
import type { Diagnostic } from "../../model";
import type { ConfigPath } from "../../store/configPath";
import { pathWithin } from "./fieldProblems";
import type { Parsed } from "./fieldValues";

/** The four ways to give an operand, as the kind picker names them. */
export const OPERAND_KINDS = [
  ["literal", "Literal"],
  ["parameter", "Parameter"],
  ["metric", "Metric"],
  ["property", "Step property"],
] as const;
export type OperandKind = (typeof OPERAND_KINDS)[number][0];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function operandKind(operand: unknown): OperandKind {
  if (isRecord(operand)) {
    if ("parameter" in operand) return "parameter";
    if ("metric" in operand) return "metric";
    if ("property" in operand) return "property";
  }
  return "literal";
}

/** `conditions[0].conditions[1].left`: the diagnostics' path of a config path. */
export function pathText(path: ConfigPath): string {
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${String(part)}`,
    )
    .join("");
}

/**
 * Literal text → value: a number when it reads as one, `true`/`false` as booleans, text in
 * double quotes as that text (so `"0.7"` stays a string), anything else as the text itself.
 */
export function parseLiteral(text: string): Parsed<string | number | boolean> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "enter a value" };
  if (trimmed === "true" || trimmed === "false") return { ok: true, value: trimmed === "true" };
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed))
    return { ok: true, value: Number(trimmed) };
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === "string") return { ok: true, value: parsed };
    } catch {
      // Not a JSON string: keep the text as typed.
    }
  }
  return { ok: true, value: trimmed };
}

/** A literal as text that parses back to the same value (`"0.7"` for the string 0.7). */
export function formatLiteral(value: unknown): string {
  if (typeof value !== "string") return value === undefined ? "" : String(value);
  const reparsed = parseLiteral(value);
  return reparsed.ok && reparsed.value === value ? value : JSON.stringify(value);
}

/** The choices an operand picker offers, taken from the design. */
export interface OperandContext {
  parameters: readonly string[];
  /** `[stepId, metric name, "StepName.metric"]` of every evaluation metric. */
  metrics: readonly { stepId: string; name: string; label: string }[];
  /** Steps a property can be read from (every step but the one being edited). */
  steps: readonly { id: string; name: string; property: string }[];
}

/** A fresh operand of a kind, from the first choice the design offers; null when it offers none. */
export function defaultOperand(kind: OperandKind, context: OperandContext): Operand | null {
  switch (kind) {
    case "literal":
      return { literal: 0 };
    case "parameter":
      return context.parameters[0] ? { parameter: context.parameters[0] } : null;
    case "metric": {
      const metric = context.metrics[0];
      return metric ? { metric: { step: metric.stepId, name: metric.name } } : null;
    }
    case "property": {
      const step = context.steps[0];
      return step ? { property: { step: step.id, path: step.property } } : null;
    }
  }
}

const isComparison = (type: unknown): type is Condition["type"] =>
  (COMPARISONS as readonly unknown[]).includes(type);

/** A new condition: the first evaluation metric ≥ 0.7 when the design has one (the spec's default). */
export function newCondition(context: OperandContext): Condition {
  return {
    type: "GreaterThanOrEqualTo",
    left: defaultOperand("metric", context) ?? { literal: 0 },
    right: { literal: 0.7 },
  };
}

/**
 * A condition changed to another type, keeping what it can: comparisons keep their operands,
 * `Not` and `Or` wrap the condition as it was, and unwrapping takes the first inner comparison.
 */
export function changeConditionType(
  current: unknown,
  type: Condition["type"],
  context: OperandContext,
): Condition {
  const record = isRecord(current) ? current : {};
  const base = asComparison(record, context);
  switch (type) {
    case "Not":
      return { type: "Not", condition: isRecord(current) ? (current as Condition) : base };
    case "Or":
      return { type: "Or", conditions: [isRecord(current) ? (current as Condition) : base] };
    case "In":
      return {
        type: "In",
        value: base.left,
        values: [base.right],
      };
    default:
      return { ...base, type };
  }
}

function asComparison(
  record: Record<string, unknown>,
  context: OperandContext,
): Extract<Condition, { left: Operand }> {
  const fallback = newCondition(context) as Extract<Condition, { left: Operand }>;
  if (isComparison(record.type) && record.type !== "In" && "left" in record)
    return {
      type: record.type as Extract<Condition, { left: Operand }>["type"],
      left: (record.left as Operand) ?? fallback.left,
      right: (record.right as Operand) ?? fallback.right,
    };
  if (record.type === "In")
    return {
      ...fallback,
      left: (record.value as Operand) ?? fallback.left,
      right:
        (Array.isArray(record.values) ? (record.values[0] as Operand) : undefined) ??
        fallback.right,
    };
  if (record.type === "Not" && isRecord(record.condition))
    return asComparison(record.condition, context);
  if (record.type === "Or" && Array.isArray(record.conditions) && isRecord(record.conditions[0]))
    return asComparison(record.conditions[0], context);
  return fallback;
}

/**
 * The paths the conditions editor shows problems on: each operand (and what lies under it) and
 * each condition's own path, its type and its lists. The rest is shown on the field as a whole.
 */
export function shownPaths(
  conditions: unknown,
  fieldKey: string,
): { under: string[]; exact: string[] } {
  const under: string[] = [];
  const exact: string[] = [];
  const visitCondition = (condition: unknown, path: ConfigPath) => {
    const at = pathText(path);
    exact.push(at, `${at}.type`);
    if (!isRecord(condition)) return;
    switch (condition.type) {
      case "In":
        under.push(`${at}.value`);
        exact.push(`${at}.values`);
        if (Array.isArray(condition.values))
          condition.values.forEach((_, index) => under.push(`${at}.values[${index}]`));
        return;
      case "Not":
        visitCondition(condition.condition, [...path, "condition"]);
        return;
      case "Or":
        exact.push(`${at}.conditions`);
        if (Array.isArray(condition.conditions))
          condition.conditions.forEach((inner, index) =>
            visitCondition(inner, [...path, "conditions", index]),
          );
        return;
      default:
        under.push(`${at}.left`, `${at}.right`);
    }
  };
  if (Array.isArray(conditions))
    conditions.forEach((condition, index) => visitCondition(condition, [fieldKey, index]));
  return { under, exact };
}

/** The problems no operand or condition of the editor shows: they go on the field itself. */
export function unplacedProblems(
  problems: readonly Diagnostic[],
  conditions: unknown,
  fieldKey: string,
): readonly Diagnostic[] {
  const { under, exact } = shownPaths(conditions, fieldKey);
  return problems.filter(
    (diagnostic) =>
      !exact.includes(diagnostic.path ?? "") &&
      !under.some((path) => pathWithin(diagnostic.path, path)),
  );
}

/** The problems exactly at one of `paths` (a condition's own, its type, its lists). */
export function problemsAt(
  problems: readonly Diagnostic[],
  paths: readonly string[],
): readonly Diagnostic[] {
  return problems.filter((diagnostic) => paths.includes(diagnostic.path ?? ""));
}
