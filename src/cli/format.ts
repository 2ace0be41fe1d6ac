import { diagnosticPlace, type Design, type Diagnostic, type LoadIssue } from "../model";

/** `file:stepName.field` (or `file:stepName.code/train.py:12:5`): as editors and CI logs link it. */
export function location(
  file: string,
  design: Design | null,
  diagnostic: Pick<Diagnostic, "stepId" | "path" | "file" | "line" | "column">,
): string {
  const step = diagnostic.stepId
    ? design?.steps.find((candidate) => candidate.id === diagnostic.stepId)
    : undefined;
  const stepLabel = step ? step.name || step.id : diagnostic.stepId;
  const place = diagnosticPlace(stepLabel, diagnostic as Diagnostic);
  return place ? `${file}:${place}` : file;
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
