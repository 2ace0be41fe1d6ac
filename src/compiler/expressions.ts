import { isParameterRef } from "../model";

/** A value in a pipeline definition: a literal or one of the service's runtime expressions. */
export type Expression =
  | string
  | number
  | boolean
  | { Get: string }
  | { "Std:Join": { On: string; Values: Expression[] } }
  | { "Std:JsonGet": { PropertyFile: { Get: string }; Path: string } };

export const get = (path: string): Expression => ({ Get: path });
export const parameterValue = (name: string): Expression => get(`Parameters.${name}`);
export const stepProperty = (stepName: string, propertyPath: string): Expression =>
  get(`Steps.${stepName}.${propertyPath}`);
export const executionId = (): Expression => get("Execution.PipelineExecutionId");
export const join = (on: string, values: Expression[]): Expression => ({
  "Std:Join": { On: on, Values: values },
});
/** `JsonGet(step_name, property_file, json_path).expr` (workflow/functions.py:124). */
export const jsonGet = (stepName: string, propertyFile: string, path: string): Expression => ({
  "Std:JsonGet": {
    PropertyFile: { Get: `Steps.${stepName}.PropertyFiles.${propertyFile}` },
    Path: path,
  },
});

/** A config value as the definition holds it: a parameter reference becomes a `Get`. */
export function valueOf<T extends string | number | boolean>(
  value: T | { parameter: string },
): T | Expression {
  return isParameterRef(value) ? parameterValue(value.parameter) : value;
}

/** `base` + `/suffix`, as a plain string for literals and a `Std:Join` for runtime values. */
export function appendPath(base: Expression, suffix: string): Expression {
  return typeof base === "string" ? `${base}/${suffix}` : join("/", [base, suffix]);
}
