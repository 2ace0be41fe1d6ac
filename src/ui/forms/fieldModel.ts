import type { z } from "zod";
import {
  fieldRegistry,
  frameworkVersions,
  pyVersionsFor,
  XGBOOST_OFFERED_VERSIONS,
  type FieldMeta,
  type FieldSection,
  type StepTypeDefinition,
} from "../../catalog";

/** One form field of a step type, read off its zod config schema and the field registry. */
export interface FormField {
  key: string;
  meta: FieldMeta;
  /** The catalog default, shown as the placeholder. */
  defaultValue: unknown;
  required: boolean;
  /** For selects: the allowed values. */
  options?: string[];
  /** The base value type under defaults, optionals and parameter unions. */
  valueType: "string" | "number" | "integer" | "boolean" | "object" | "array" | "record" | "other";
}

export const SECTION_ORDER: FieldSection[] = [
  "General",
  "Resources",
  "Code",
  "Hyperparameters",
  "Environment",
  "Metrics",
  "Checkpoints",
  "Advanced",
];

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

function unwrap(schema: AnySchema): { base: AnySchema; defaultValue: unknown; optional: boolean } {
  let current = schema;
  let defaultValue: unknown;
  let optional = false;
  for (;;) {
    const def = current._zod.def;
    if (def.type === "default") {
      defaultValue = def.defaultValue;
      current = def.innerType as AnySchema;
    } else if (def.type === "optional") {
      optional = true;
      current = def.innerType as AnySchema;
    } else if (def.type === "union") {
      // `value | { parameter }`: the value side is the field's own type.
      const options = def.options as AnySchema[];
      current =
        options.find(
          (option) => !("parameter" in ((option._zod.def.shape as object | undefined) ?? {})),
        ) ?? (options[0] as AnySchema);
      if (options.length > 2) break;
    } else break;
  }
  return { base: current, defaultValue, optional };
}

function valueTypeOf(base: AnySchema): FormField["valueType"] {
  const def = base._zod.def;
  switch (def.type) {
    case "string":
    case "enum":
      return "string";
    case "number":
      return def.format === "safeint" ? "integer" : "number";
    case "boolean":
      return "boolean";
    case "object":
      return "object";
    case "array":
      return "array";
    case "record":
      return "record";
    default:
      return "other";
  }
}

function versionOptions(
  definition: StepTypeDefinition<Record<string, unknown>>,
  key: string,
  config: Record<string, unknown>,
): string[] | undefined {
  const scope = definition.sagemakerKind === "Model" ? "inference" : "training";
  if (key === "frameworkVersion") {
    return definition.type === "XGBoostTraining"
      ? XGBOOST_OFFERED_VERSIONS
      : frameworkVersions(definition.framework, scope);
  }
  if (key === "pyVersion") {
    const version =
      typeof config.frameworkVersion === "string" ? config.frameworkVersion : undefined;
    return version ? pyVersionsFor(definition.framework, version, scope) : undefined;
  }
  return undefined;
}

/** The form of a step type, in section order; `config` (with defaults) decides dependent options such as Python versions. */
export function formFields(
  definition: StepTypeDefinition<Record<string, unknown>>,
  config: Record<string, unknown>,
): FormField[] {
  const shape = (definition.configSchema as unknown as { shape: Record<string, AnySchema> }).shape;
  const fields: FormField[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const meta = fieldRegistry.get(schema);
    if (!meta) continue;
    const { base, defaultValue, optional } = unwrap(schema);
    const enumOptions =
      base._zod.def.type === "enum"
        ? Object.values(base._zod.def.entries as Record<string, string>)
        : undefined;
    fields.push({
      key,
      meta,
      defaultValue,
      required: defaultValue === undefined && !optional,
      options: versionOptions(definition, key, config) ?? enumOptions,
      valueType: valueTypeOf(base),
    });
  }
  return fields.sort(
    (a, b) => SECTION_ORDER.indexOf(a.meta.section) - SECTION_ORDER.indexOf(b.meta.section),
  );
}

/** The first error/warning for a field: diagnostics whose path is the key or starts with `key.` / `key[`. */
export function fieldDiagnosticPath(path: string | undefined, key: string): boolean {
  if (!path) return false;
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

/** Text the user typed → the value to commit; null when it is not a valid value of the type. */
export function parseFieldText(
  text: string,
  valueType: FormField["valueType"],
): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { value: undefined };
  if (valueType === "number" || valueType === "integer") {
    const number = Number(trimmed);
    if (!Number.isFinite(number)) return { error: "enter a number" };
    if (valueType === "integer" && !Number.isInteger(number))
      return { error: "enter a whole number" };
    return { value: number };
  }
  return { value: text };
}

/** Sentence text for a value in a read-only place (placeholders, summaries). */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
