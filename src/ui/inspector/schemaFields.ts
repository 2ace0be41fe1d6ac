import type { z } from "zod";
import {
  fieldRegistry,
  frameworkVersions,
  pyVersionsFor,
  XGBOOST_OFFERED_VERSIONS,
  type FieldMeta,
  type FieldSection,
  type ImageScope,
  type StepTypeDefinition,
} from "../../catalog";

/** The order sections appear in the inspector. */
export const SECTION_ORDER: readonly FieldSection[] = [
  "General",
  "Resources",
  "Code",
  "Hyperparameters",
  "Environment",
  "Metrics",
  "Checkpoints",
  "Advanced",
];

/** The value a field holds once defaults, optionals and `{ parameter }` unions are looked through. */
export type ValueType =
  "string" | "integer" | "number" | "boolean" | "object" | "array" | "record" | "other";

/** One member of a group field (checkpoint, profiler). */
export interface GroupMember {
  key: string;
  label: string;
  valueType: ValueType;
  defaultValue: unknown;
  /** Allowed values (a zod enum or a union of literals). */
  options?: readonly (string | number)[];
}

/** One config field of a step type, read off its zod schema and the field registry. */
export interface FormField {
  key: string;
  meta: FieldMeta;
  /** The zod default (undefined when there is none); shown as the placeholder. */
  defaultValue: unknown;
  /** No default and not optional: the design must set it. */
  required: boolean;
  optional: boolean;
  valueType: ValueType;
  /** Allowed values of a zod enum / literal union. */
  options?: readonly (string | number)[];
  /** Members of an object field. */
  members?: readonly GroupMember[];
}

export type StepDefinition = StepTypeDefinition<Record<string, unknown>>;

interface SchemaDef {
  type: string;
  [member: string]: unknown;
}
type Introspectable = { def: SchemaDef };

const defOf = (schema: unknown): SchemaDef => (schema as Introspectable).def;

export interface UnwrappedSchema {
  base: SchemaDef;
  defaultValue: unknown;
  optional: boolean;
  /** The schema also accepts `{ "parameter": name }`. */
  parameterizable: boolean;
  options?: readonly (string | number)[];
}

const isParameterRefSchema = (def: SchemaDef): boolean =>
  def.type === "object" && "parameter" in ((def.shape as object | undefined) ?? {});

/** Looks through `default`, `optional` and `value | { parameter }` wrappers (zod 4 `def`). */
export function unwrapSchema(schema: z.ZodType): UnwrappedSchema {
  let def = defOf(schema);
  let defaultValue: unknown;
  let optional = false;
  let parameterizable = false;
  for (;;) {
    if (def.type === "default") {
      defaultValue ??= def.defaultValue;
      def = defOf(def.innerType);
    } else if (def.type === "optional") {
      optional = true;
      def = defOf(def.innerType);
    } else if (def.type === "union") {
      const options = (def.options as unknown[]).map(defOf);
      const literals = options.every((option) => option.type === "literal");
      if (literals) {
        const values = options.flatMap((option) => option.values as (string | number)[]);
        const valueType = typeof values[0] === "number" ? "number" : "string";
        return {
          base: { type: valueType },
          defaultValue,
          optional,
          parameterizable,
          options: values,
        };
      }
      const own = options.filter((option) => !isParameterRefSchema(option));
      if (own.length !== 1 || own.length === options.length) break;
      parameterizable = true;
      def = own[0] as SchemaDef;
    } else break;
  }
  const options =
    def.type === "enum" ? Object.values(def.entries as Record<string, string>) : undefined;
  return { base: def, defaultValue, optional, parameterizable, options };
}

export function valueTypeOf(def: SchemaDef): ValueType {
  switch (def.type) {
    case "string":
    case "enum":
      return "string";
    case "number":
      return def.format === "safeint" || def.format === "int32" ? "integer" : "number";
    case "boolean":
    case "object":
    case "array":
    case "record":
      return def.type;
    default:
      return "other";
  }
}

const MEMBER_LABELS: Record<string, string> = {
  "checkpoint.enabled": "Save checkpoints",
  "checkpoint.s3Uri": "Checkpoint S3 URI",
  "checkpoint.localPath": "Checkpoint local path",
  "profiler.systemMonitorIntervalMillis": "System monitor interval (ms)",
};

/** `localPath` → "Local path": the fallback label of a group member the table above does not name. */
export function sentenceCase(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function groupMembers(fieldKey: string, def: SchemaDef): GroupMember[] {
  const shape = (def.shape ?? {}) as Record<string, z.ZodType>;
  return Object.entries(shape).map(([key, schema]) => {
    const unwrapped = unwrapSchema(schema);
    return {
      key,
      label: MEMBER_LABELS[`${fieldKey}.${key}`] ?? sentenceCase(key),
      valueType: valueTypeOf(unwrapped.base),
      defaultValue: unwrapped.defaultValue,
      ...(unwrapped.options ? { options: unwrapped.options } : {}),
    };
  });
}

const cache = new WeakMap<StepDefinition, readonly FormField[]>();

/** The form of a step type: every registered config field, in schema order (cached per type). */
export function formFields(definition: StepDefinition): readonly FormField[] {
  const cached = cache.get(definition);
  if (cached) return cached;
  const shape = (definition.configSchema as unknown as { shape: Record<string, z.ZodType> }).shape;
  const fields: FormField[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const meta = fieldRegistry.get(schema);
    if (!meta) continue;
    const unwrapped = unwrapSchema(schema);
    const valueType = valueTypeOf(unwrapped.base);
    fields.push({
      key,
      meta,
      defaultValue: unwrapped.defaultValue,
      required: unwrapped.defaultValue === undefined && !unwrapped.optional,
      optional: unwrapped.optional,
      valueType,
      ...(unwrapped.options ? { options: unwrapped.options } : {}),
      ...(valueType === "object" ? { members: groupMembers(key, unwrapped.base) } : {}),
    });
  }
  cache.set(definition, fields);
  return fields;
}

/** Fields grouped by section, sections in `SECTION_ORDER`, empty sections left out. */
export function fieldsBySection(
  fields: readonly FormField[],
): { section: FieldSection; fields: FormField[] }[] {
  return SECTION_ORDER.map((section) => ({
    section,
    fields: fields.filter((field) => field.meta.section === section),
  })).filter((group) => group.fields.length > 0);
}

/** Image table scope: model-making steps (create, register) run inference images, the others training/processing ones. */
export function imageScope(definition: StepDefinition): ImageScope {
  return definition.sagemakerKind === "Model" || definition.sagemakerKind === "RegisterModel"
    ? "inference"
    : "training";
}

/**
 * The choices of a select field. Framework and Python versions come from the image tables
 * (Python versions for `frameworkVersion`, the effective framework version; every Python
 * version of the framework when it is unknown, as for a model that inherits it). A step without
 * a container has no versions to offer.
 */
export function selectOptions(
  definition: StepDefinition,
  field: FormField,
  frameworkVersion: string | undefined,
): readonly (string | number)[] {
  const scope = imageScope(definition);
  const framework = definition.framework;
  if (framework === null) return field.options ?? [];
  if (field.key === "frameworkVersion") {
    return framework === "xgboost" && scope === "training"
      ? XGBOOST_OFFERED_VERSIONS
      : frameworkVersions(framework, scope);
  }
  if (field.key === "pyVersion") {
    if (frameworkVersion !== undefined) return pyVersionsFor(framework, frameworkVersion, scope);
    const all = frameworkVersions(framework, scope).flatMap((version) =>
      pyVersionsFor(framework, version, scope),
    );
    return [...new Set(all)].sort();
  }
  return field.options ?? [];
}

/** The framework version a step runs: its own, else the type's default (undefined when inherited). */
export function effectiveFrameworkVersion(
  definition: StepDefinition,
  config: Record<string, unknown>,
): string | undefined {
  const stored = config.frameworkVersion;
  if (typeof stored === "string") return stored;
  const field = formFields(definition).find((candidate) => candidate.key === "frameworkVersion");
  return typeof field?.defaultValue === "string" ? field.defaultValue : undefined;
}

/** A fieldset legend that only repeats its section's name is hidden visually (it still names the group). */
export function legendClass(field: FormField): string | undefined {
  return field.meta.label === field.meta.section ? "insp-sr-only" : undefined;
}
