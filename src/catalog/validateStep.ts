import type { z } from "zod";
import { error, formatPath, type Diagnostic, type Step } from "../model";
import { INLINE_CODE_LIMIT_BYTES, type StepCode } from "./fields";
import type { StepTypeDefinition } from "./types";

export type StepConfigResult<Config> = { config: Config | null; diagnostics: Diagnostic[] };

/** Validates a step's stored config against its type: schema first, then the type's cross-field rules. */
export function validateStepConfig<Config extends Record<string, unknown>>(
  definition: StepTypeDefinition<Config>,
  step: Step,
): StepConfigResult<Config> {
  const parsed = definition.configSchema.safeParse(step.config);
  if (!parsed.success) {
    return {
      config: null,
      diagnostics: parsed.error.issues.map((issue) => schemaDiagnostic(step, issue)),
    };
  }
  const config = parsed.data;
  const diagnostics: Diagnostic[] = [
    ...codeDiagnostics(step, config.code as StepCode | undefined, config.entryPoint as string),
  ];
  for (const found of definition.rules?.(config) ?? [])
    diagnostics.push({ ...found, stepId: step.id });
  return { config, diagnostics };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    // Own entries only: a record key such as "constructor" is not Object.prototype's.
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function schemaDiagnostic(step: Step, issue: z.core.$ZodIssue): Diagnostic {
  const path = formatPath(issue.path);
  // zod omits the input from issues, so "missing" is read off the config itself.
  const missing = valueAt(step.config, issue.path) === undefined;
  if (missing) return error("PD103", `${path} is required`, { stepId: step.id, path });
  if (issue.code === "unrecognized_keys") {
    return error(
      "PD102",
      `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
      { stepId: step.id, path },
    );
  }
  return error("PD102", `${path || "config"}: ${issue.message}`, { stepId: step.id, path });
}

function codeDiagnostics(step: Step, code: StepCode | undefined, entryPoint: string): Diagnostic[] {
  if (!code || !("files" in code)) return [];
  const found: Diagnostic[] = [];
  if (!Object.hasOwn(code.files, entryPoint)) {
    const names = Object.keys(code.files);
    const offer =
      names.length > 0 ? `; the files are ${names.join(", ")}` : "; the step has no files";
    found.push(
      error("PD104", `entry point "${entryPoint}" is not among the inline files${offer}`, {
        stepId: step.id,
        path: "entryPoint",
      }),
    );
  }
  const bytes = Object.values(code.files).reduce(
    (sum, text) => sum + new TextEncoder().encode(text).length,
    0,
  );
  if (bytes > INLINE_CODE_LIMIT_BYTES) {
    found.push(
      error(
        "PD105",
        `inline code is ${(bytes / 1048576).toFixed(2)} MB; the limit is 1 MB — upload it as a sourcedir.tar.gz and use an S3 URI`,
        { stepId: step.id, path: "code" },
      ),
    );
  }
  return found;
}

/** CATALOG.md naming: `{Type}` plus `-{JobType}` (capitalised) for types that have job types. */
export function defaultStepName(
  definition: StepTypeDefinition<Record<string, unknown>>,
  jobType?: string,
): string {
  if (!definition.jobTypes) return definition.type;
  const job = jobType ?? definition.jobTypes.default;
  return `${definition.type}-${job.charAt(0).toUpperCase()}${job.slice(1)}`;
}
