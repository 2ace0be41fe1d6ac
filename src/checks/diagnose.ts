import type { CompileResult } from "../compiler";
import type { Diagnostic } from "../model";

/** What the checks that run apart from the compile found (the last answers, while newer ones run). */
export interface Findings {
  /** The definition schema check (PD401); runs only on a definition that compiled. */
  schema?: readonly Diagnostic[];
  /** The script checks of inline code (PD5xx). */
  scripts?: readonly Diagnostic[];
}

/**
 * Every problem of a design, in one order: the compile's errors and warnings (validation and
 * service limits), the schema check's violations, the script checks' findings. The Problems
 * panel, node badges, fields, `pipeline-designer validate` and the submit review all read this.
 */
export interface Diagnosis {
  compiled: CompileResult;
  diagnostics: readonly Diagnostic[];
  errorCount: number;
  /** Errors that stop a submission: compile and schema. Script findings are advice, never a veto. */
  blocking: readonly Diagnostic[];
  /** Checks whose findings are not in yet ("checking…"). */
  pending: readonly CheckName[];
}

export type CheckName = "schema" | "scripts";

/** `pending`: the checks still running for this document version (their findings may be stale). */
export function diagnose(
  compiled: CompileResult,
  findings: Findings,
  pending: readonly CheckName[] = [],
): Diagnosis {
  const schema = compiled.ok ? findings.schema : [];
  const diagnostics = [
    ...(compiled.ok ? [] : compiled.errors),
    ...compiled.warnings,
    ...(schema ?? []),
    ...(findings.scripts ?? []),
  ];
  return {
    compiled,
    diagnostics,
    errorCount: diagnostics.filter((diagnostic) => diagnostic.severity === "error").length,
    blocking: [...(compiled.ok ? [] : compiled.errors), ...(schema ?? [])].filter(
      (diagnostic) => diagnostic.severity === "error",
    ),
    pending,
  };
}
