import { z } from "zod";

/**
 * What a condition compares or a fail message joins (docs/gated-steps.md "Operands"). Steps are
 * referenced by id, so renaming a step keeps every reference; a metric by the name its evaluation
 * step's `metrics` list gives it.
 */
export const OperandSchema = z.union([
  z.strictObject({ literal: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ parameter: z.string().min(1) }),
  z.strictObject({
    metric: z.strictObject({ step: z.string().min(1), name: z.string().min(1) }),
  }),
  z.strictObject({
    property: z.strictObject({ step: z.string().min(1), path: z.string().min(1) }),
  }),
]);
export type Operand = z.infer<typeof OperandSchema>;

/** The SDK's binary comparisons (`ConditionComparison` subclasses), by their definition `Type`. */
export const COMPARISONS = [
  "Equals",
  "GreaterThan",
  "GreaterThanOrEqualTo",
  "LessThan",
  "LessThanOrEqualTo",
] as const;
export type Comparison = (typeof COMPARISONS)[number];
/** Comparisons that order their operands, so a string or boolean operand is refused. */
export const ORDERING_COMPARISONS: ReadonlySet<Comparison> = new Set([
  "GreaterThan",
  "GreaterThanOrEqualTo",
  "LessThan",
  "LessThanOrEqualTo",
]);

export type Condition =
  | { type: Comparison; left: Operand; right: Operand }
  | { type: "In"; value: Operand; values: Operand[] }
  | { type: "Not"; condition: Condition }
  | { type: "Or"; conditions: Condition[] };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ type: z.enum(COMPARISONS), left: OperandSchema, right: OperandSchema }),
    z.strictObject({
      type: z.literal("In"),
      value: OperandSchema,
      values: z.array(OperandSchema).min(1),
    }),
    z.strictObject({ type: z.literal("Not"), condition: ConditionSchema }),
    z.strictObject({ type: z.literal("Or"), conditions: z.array(ConditionSchema).min(1) }),
  ]),
);

/** Every operand of a condition, with its config path, depth first (for checks and references). */
export function* conditionOperands(
  condition: Condition,
  path: (string | number)[],
): Generator<{ operand: Operand; path: (string | number)[] }> {
  switch (condition.type) {
    case "In":
      yield { operand: condition.value, path: [...path, "value"] };
      for (const [index, operand] of condition.values.entries())
        yield { operand, path: [...path, "values", index] };
      return;
    case "Not":
      yield* conditionOperands(condition.condition, [...path, "condition"]);
      return;
    case "Or":
      for (const [index, inner] of condition.conditions.entries())
        yield* conditionOperands(inner, [...path, "conditions", index]);
      return;
    default:
      yield { operand: condition.left, path: [...path, "left"] };
      yield { operand: condition.right, path: [...path, "right"] };
  }
}

/** A fail message: one string, or parts joined with "" (literal text and operands). */
export const MessagePartSchema = z.union([z.string(), OperandSchema]);
export type MessagePart = z.infer<typeof MessagePartSchema>;

/** Steps an operand reads from (metric or property): the condition or fail step runs after them. */
export function operandStep(operand: Operand): string | undefined {
  if ("metric" in operand) return operand.metric.step;
  if ("property" in operand) return operand.property.step;
  return undefined;
}
