import type { Design, Diagnostic, LoadIssue } from "../model";

/** `file:stepName.field` — where a diagnostic points, as editors and CI logs link it. */
export function location(
  file: string,
  design: Design | null,
  diagnostic: Pick<Diagnostic, "stepId" | "path">,
): string {
  const step = diagnostic.stepId
    ? design?.steps.find((candidate) => candidate.id === diagnostic.stepId)
    : undefined;
  const stepLabel = step ? step.name || step.id : diagnostic.stepId;
  const parts = [stepLabel, diagnostic.path].filter((part) => part !== undefined && part !== "");
  return parts.length > 0 ? `${file}:${parts.join(".")}` : file;
}

export function formatDiagnostic(
  file: string,
  design: Design | null,
  diagnostic: Diagnostic,
): string {
  const severity = diagnostic.severity === "warning" ? " warning" : "";
  return `${location(file, design, diagnostic)}: ${diagnostic.code}${severity} ${diagnostic.message}`;
}

/** Structural load problems are reported as PD001 diagnostics located by their JSON path. */
export function loadIssueDiagnostic(issue: LoadIssue): Diagnostic {
  return { code: "PD001", severity: "error", message: issue.message, path: issue.path };
}
