import type { Diagnostic } from "../../model";

/** True when `path` is `prefix` itself or lies under it (`prefix.x`, `prefix[0]`). */
export function pathWithin(path: string | undefined, prefix: string): boolean {
  if (path === undefined) return false;
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

export interface StepProblems {
  /** Per config field key, the diagnostics under it. */
  byField: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Diagnostics on the step name (PD301, PD302). */
  name: readonly Diagnostic[];
  /** Everything else about the step: unfed inputs, links, cycles, unknown type. */
  other: readonly Diagnostic[];
}

const NONE: readonly Diagnostic[] = [];

/** Splits one step's diagnostics between its form fields, its name and the step as a whole. */
export function stepProblems(
  diagnostics: readonly Diagnostic[],
  stepId: string,
  fieldKeys: readonly string[],
): StepProblems {
  const byField = new Map<string, Diagnostic[]>();
  const name: Diagnostic[] = [];
  const other: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.stepId !== stepId) continue;
    if (diagnostic.path === "name") {
      name.push(diagnostic);
      continue;
    }
    const key = fieldKeys.find((candidate) => pathWithin(diagnostic.path, candidate));
    if (key === undefined) other.push(diagnostic);
    else byField.set(key, [...(byField.get(key) ?? []), diagnostic]);
  }
  return { byField, name, other };
}

/** The diagnostics of a field, or a shared empty list (stable for memoised components). */
export function problemsOf(problems: StepProblems, key: string): readonly Diagnostic[] {
  return problems.byField.get(key) ?? NONE;
}

/** Design-level diagnostics (no step) under a `pipeline.*` path. */
export function designProblems(
  diagnostics: readonly Diagnostic[],
  prefix: string,
): readonly Diagnostic[] {
  const found = diagnostics.filter(
    (diagnostic) => diagnostic.stepId === undefined && pathWithin(diagnostic.path, prefix),
  );
  return found.length > 0 ? found : NONE;
}

/** Those of `problems` at exactly `path` or under it. */
export function problemsUnder(
  problems: readonly Diagnostic[],
  path: string,
): readonly Diagnostic[] {
  const found = problems.filter((diagnostic) => pathWithin(diagnostic.path, path));
  return found.length > 0 ? found : NONE;
}

/** The messages shown on a control: a local parse problem first, then the diagnostics. */
export function messagesOf(
  problems: readonly Diagnostic[],
  local?: string | null,
): readonly string[] {
  return [...(local ? [local] : []), ...problems.map((diagnostic) => diagnostic.message)];
}

/** Whether any of the problems is an error (warnings are shown, but do not mark a field invalid). */
export function hasError(problems: readonly Diagnostic[], local?: string | null): boolean {
  return Boolean(local) || problems.some((diagnostic) => diagnostic.severity === "error");
}

/** Same codes, paths and messages in the same order: lets memoised fields skip a re-render. */
export function sameProblems(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  return (
    a.length === b.length &&
    a.every((diagnostic, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        diagnostic.code === other.code &&
        diagnostic.severity === other.severity &&
        diagnostic.path === other.path &&
        diagnostic.message === other.message
      );
    })
  );
}
