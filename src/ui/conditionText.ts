import type { Condition, Operand } from "../catalog";

/** A comparison's symbol, as the canvas and the inspector show it. */
export const COMPARISON_SYMBOLS: Readonly<Record<string, string>> = {
  Equals: "=",
  GreaterThan: ">",
  GreaterThanOrEqualTo: "≥",
  LessThan: "<",
  LessThanOrEqualTo: "≤",
};

/** Each condition type in words, in the order the type picker offers them. */
export const CONDITION_TYPE_LABELS: readonly (readonly [Condition["type"], string])[] = [
  ["GreaterThanOrEqualTo", "≥ greater than or equal to"],
  ["GreaterThan", "> greater than"],
  ["LessThanOrEqualTo", "≤ less than or equal to"],
  ["LessThan", "< less than"],
  ["Equals", "= equals"],
  ["In", "in a list"],
  ["Not", "not (negates a condition)"],
  ["Or", "or (any of several conditions)"],
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An operand in words: `Evaluate.auc`, `{AucThreshold}`, `0.7`, `Train.TrainingJobStatus`. */
export function operandText(operand: unknown, nameOf: (id: string) => string): string {
  if (!isRecord(operand)) return "?";
  if ("literal" in operand) return JSON.stringify(operand.literal) ?? "?";
  if (typeof operand.parameter === "string") return `{${operand.parameter}}`;
  const metric = operand.metric;
  if (isRecord(metric) && typeof metric.step === "string")
    return `${nameOf(metric.step)}.${String(metric.name)}`;
  const property = operand.property;
  if (isRecord(property) && typeof property.step === "string")
    return `${nameOf(property.step)}.${String(property.path)}`;
  return "?";
}

/** One condition on one line, e.g. `Evaluate.auc ≥ 0.7` or `not (Train.TrainingJobStatus = "Failed")`. */
export function conditionText(condition: unknown, nameOf: (id: string) => string): string {
  if (!isRecord(condition)) return "?";
  const operand = (value: unknown) => operandText(value, nameOf);
  switch (condition.type) {
    case "In":
      return `${operand(condition.value)} in [${
        Array.isArray(condition.values) ? condition.values.map(operand).join(", ") : ""
      }]`;
    case "Not":
      return `not (${conditionText(condition.condition, nameOf)})`;
    case "Or":
      return Array.isArray(condition.conditions)
        ? condition.conditions.map((inner) => `(${conditionText(inner, nameOf)})`).join(" or ")
        : "or ()";
    default: {
      const symbol = COMPARISON_SYMBOLS[String(condition.type)] ?? String(condition.type);
      return `${operand(condition.left)} ${symbol} ${operand(condition.right)}`;
    }
  }
}

/** Every condition of a Condition step joined with "and", or null when it has none. */
export function conditionsText(conditions: unknown, nameOf: (id: string) => string): string | null {
  if (!Array.isArray(conditions) || conditions.length === 0) return null;
  return conditions.map((condition) => conditionText(condition, nameOf)).join(" and ");
}

/** Operand type guard for stored values read back from the design. */
export function isOperand(value: unknown): value is Operand {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ["literal", "parameter", "metric", "property"].includes(keys[0]!);
}
