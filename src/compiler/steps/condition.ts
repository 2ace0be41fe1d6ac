import type { Condition, MessagePart, Operand } from "../../catalog";
import type { CompileContext } from "../context";
import { join, jsonGet, parameterValue, stepProperty, type Expression } from "../expressions";
import type { ResolvedStep } from "../validate";
import type { RenderedStep } from "./shared";

/**
 * An operand as the SDK renders the object standing for it (docs/gated-steps.md "Operands"): a
 * literal as itself, a parameter's `Get`, an evaluation metric's `JsonGet` on the step's property
 * file with the metric's JSON path, a step property's `Get` on the SageMaker step carrying it.
 * Validation (gatedRules.ts) has made sure every step and metric named exists.
 */
export function renderOperand(context: CompileContext, operand: Operand): Expression {
  if ("literal" in operand) return operand.literal;
  if ("parameter" in operand) return parameterValue(operand.parameter);
  if ("metric" in operand) {
    const source = context.step(operand.metric.step);
    if (source.type !== "XGBoostEvaluation" && source.type !== "PyTorchEvaluation")
      throw new Error(`step ${source.step.id} is not an evaluation step`);
    const metric = source.config.metrics.find((entry) => entry.name === operand.metric.name);
    if (!metric) throw new Error(`step ${source.step.id} has no metric ${operand.metric.name}`);
    return jsonGet(source.step.name, source.config.propertyFileName, metric.jsonPath);
  }
  const source = context.step(operand.property.step);
  return stepProperty(context.definitionStepName(source.step), operand.property.path);
}

/** `Condition*.to_request()` (workflow/conditions.py): comparisons, In, Not, Or. */
export function renderCondition(
  context: CompileContext,
  condition: Condition,
): Record<string, unknown> {
  switch (condition.type) {
    case "In":
      return {
        Type: "In",
        QueryValue: renderOperand(context, condition.value),
        Values: condition.values.map((value) => renderOperand(context, value)),
      };
    case "Not":
      return { Type: "Not", Condition: renderCondition(context, condition.condition) };
    case "Or":
      return {
        Type: "Or",
        Conditions: condition.conditions.map((inner) => renderCondition(context, inner)),
      };
    default:
      return {
        Type: condition.type,
        LeftValue: renderOperand(context, condition.left),
        RightValue: renderOperand(context, condition.right),
      };
  }
}

/**
 * `ConditionStep(conditions, if_steps, else_steps)`: the branches' steps rendered in full
 * (`list_to_request`, workflow/condition_step.py), both keys always present. compile() renders
 * the branch members first and hands them over in `context.branchSteps`.
 */
export function renderConditionStep(
  context: CompileContext,
  resolved: ResolvedStep<"Condition">,
): RenderedStep[] {
  const branches = context.branchSteps.get(resolved.step.id);
  return [
    {
      Name: resolved.step.name,
      Type: "Condition",
      Arguments: {
        Conditions: resolved.config.conditions.map((condition) =>
          renderCondition(context, condition),
        ),
        IfSteps: branches?.if_true ?? [],
        ElseSteps: branches?.if_false ?? [],
      },
    },
  ];
}

/**
 * A fail message: no parts is the SDK's default `""` (FailStep: `error_message if error_message is
 * not None else ""`), one plain string is itself, anything else `Join(on="", values=[...])`.
 */
export function renderMessage(context: CompileContext, parts: MessagePart[]): Expression {
  if (parts.length === 0) return "";
  const [only] = parts;
  if (parts.length === 1 && typeof only === "string") return only;
  return join(
    "",
    parts.map((part) => (typeof part === "string" ? part : renderOperand(context, part))),
  );
}

/** `FailStep(name, error_message)`: `{"ErrorMessage": …}` (workflow/fail_step.py). */
export function renderFailStep(
  context: CompileContext,
  resolved: ResolvedStep<"Fail">,
): RenderedStep[] {
  return [
    {
      Name: resolved.step.name,
      Type: "Fail",
      Arguments: { ErrorMessage: renderMessage(context, resolved.config.errorMessage) },
    },
  ];
}
