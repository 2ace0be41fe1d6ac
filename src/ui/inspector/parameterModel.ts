import {
  PARAMETER_NAME_MAX_LENGTH,
  PARAMETER_NAME_PATTERN,
  type ParameterRef,
  type ParameterType,
  type PipelineParameter,
} from "../../model";
import type { Parsed } from "./fieldValues";

export const PARAMETER_TYPES: readonly ParameterType[] = ["String", "Integer", "Float", "Boolean"];

type ParameterDefault = PipelineParameter["default"];

export function parametersOfType(
  parameters: readonly PipelineParameter[],
  type: ParameterType,
): PipelineParameter[] {
  return parameters.filter((parameter) => parameter.type === type);
}

/** Why `name` cannot name a new (or the `index`-th, renamed) parameter, or null. */
export function parameterNameProblem(
  name: string,
  parameters: readonly PipelineParameter[],
  index?: number,
): string | null {
  if (name === "") return "enter a name";
  if (name.length > PARAMETER_NAME_MAX_LENGTH)
    return `use at most ${PARAMETER_NAME_MAX_LENGTH} characters (this is ${name.length})`;
  if (!PARAMETER_NAME_PATTERN.test(name)) return "use letters, digits, '-' and '_' only";
  if (parameters.some((parameter, at) => at !== index && parameter.name === name))
    return `a parameter named "${name}" already exists`;
  return null;
}

/** A free name for a new parameter: step name + field key, e.g. `PyTorchTrainingInstanceType`. */
export function suggestParameterName(
  stepName: string,
  fieldKey: string,
  parameters: readonly PipelineParameter[],
): string {
  const base =
    `${stepName}${fieldKey.charAt(0).toUpperCase()}${fieldKey.slice(1)}`.replace(
      /[^A-Za-z0-9_-]/g,
      "",
    ) || "Parameter";
  const taken = new Set(parameters.map((parameter) => parameter.name));
  // SageMaker's 64-character limit: a long step name is cut, keeping room for a number.
  const fit = (suffix: string) =>
    `${base.slice(0, PARAMETER_NAME_MAX_LENGTH - suffix.length)}${suffix}`;
  if (!taken.has(fit(""))) return fit("");
  for (let n = 2; ; n++) if (!taken.has(fit(String(n)))) return fit(String(n));
}

/** `Parameter1`, `Parameter2`, … the first free one. */
export function nextParameterName(parameters: readonly PipelineParameter[]): string {
  const taken = new Set(parameters.map((parameter) => parameter.name));
  for (let n = 1; ; n++) if (!taken.has(`Parameter${n}`)) return `Parameter${n}`;
}

/** A value as a default of the given parameter type, or undefined when it does not fit. */
export function coerceDefault(type: ParameterType, value: unknown): ParameterDefault {
  switch (type) {
    case "String":
      return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
    case "Integer":
      return typeof value === "number" && Number.isInteger(value) ? value : undefined;
    case "Float":
      return typeof value === "number" ? value : undefined;
    case "Boolean":
      return typeof value === "boolean" ? value : undefined;
  }
}

/** The parameter created when a field is bound: its default is the field's current (or default) value. */
export function newParameter(
  name: string,
  type: ParameterType,
  current: unknown,
  schemaDefault: unknown,
): PipelineParameter {
  const value = coerceDefault(type, current) ?? coerceDefault(type, schemaDefault);
  return value === undefined ? { name, type } : { name, type, default: value };
}

/** The literal a field gets back when unbound: the parameter's default (undefined = schema default). */
export function unboundValue(
  parameters: readonly PipelineParameter[],
  ref: ParameterRef,
): ParameterDefault {
  return parameters.find((parameter) => parameter.name === ref.parameter)?.default;
}

/** Text typed as a parameter default → the value (`undefined` when empty). */
export function parseParameterDefault(type: ParameterType, text: string): Parsed<ParameterDefault> {
  const trimmed = text.trim();
  if (type === "String") return { ok: true, value: text === "" ? undefined : text };
  if (trimmed === "") return { ok: true, value: undefined };
  if (type === "Boolean") {
    if (trimmed === "true" || trimmed === "false") return { ok: true, value: trimmed === "true" };
    return { ok: false, message: "enter true or false" };
  }
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return { ok: false, message: "enter a number" };
  if (type === "Integer" && !Number.isInteger(number))
    return { ok: false, message: "enter a whole number" };
  return { ok: true, value: number };
}

/** A parameter given another type: its default kept when it still fits (re-read from its text), else dropped. */
export function withType(parameter: PipelineParameter, type: ParameterType): PipelineParameter {
  const { default: current, ...rest } = parameter;
  if (current === undefined) return { ...rest, type };
  const parsed = parseParameterDefault(type, String(current));
  return parsed.ok && parsed.value !== undefined
    ? { ...rest, type, default: parsed.value }
    : { ...rest, type };
}
