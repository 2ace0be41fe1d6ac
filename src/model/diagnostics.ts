/**
 * Diagnostics are data: the canvas badge, the inspector field, the CLI and the tests all read
 * the same list. Every code has a one-line meaning here (docs/diagnostics.md mirrors it).
 */
export const DIAGNOSTIC_CODES = {
  PD001: "The file's structure does not match the design format",
  PD101: "Unknown step type",
  PD102: "A config field has an invalid value",
  PD103: "A required config field is missing",
  PD104: "The entry point is not among the step's inline files",
  PD105: "Inline code is larger than 1 MB",
  PD106: "Unknown framework version",
  PD107: "Python version not offered for this framework version",
  PD108: "No image for this instance type, framework version and region",
  PD109: "A hyperparameter breaks a rule of its step type",
  PD110: "A field refers to a pipeline parameter that does not exist or has the wrong type",
  PD201: "A required input is not fed by any link",
  PD202: "A link names an output or input the step type does not have",
  PD203: "A link joins ports of incompatible types or sources",
  PD204: "An input is fed by more than one link",
  PD205: "The steps form a cycle",
  PD206: "dependsOn names a step that does not exist",
  PD301: "Two steps have the same name",
  PD302: "A step name breaks SageMaker's name pattern or length",
  PD303: "The pipeline name breaks SageMaker's name pattern or length",
  PD304: "A pipeline parameter is invalid or declared twice",
  PD305: "The compiled definition is larger than SageMaker's 1 MB limit",
  PD306: "A metric definition is invalid",
  PD307: "A pipeline setting is missing or malformed",
  PD308: "The pipeline declares more parameters than SageMaker accepts (200)",
  PD309: "Hyperparameters break SageMaker's count or key/value length limits",
  PD310: "Environment variables break SageMaker's count or key/value length limits",
  PD311: "The instance type is not one SageMaker offers for this kind of job",
  PD312: "An instance count, volume size or max runtime is outside SageMaker's bounds",
  PD313: "An S3 URI is malformed or longer than SageMaker's 1024 characters",
  PD401: "The compiled definition breaks the SageMaker pipeline definition schema",
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type Severity = "error" | "warning";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** The step the problem belongs to, when it belongs to one. */
  stepId?: string;
  /** Field path inside the step's config (or the design, when there is no step), e.g. `hyperparameters.batch_size`. */
  path?: string;
}

export function error(
  code: DiagnosticCode,
  message: string,
  where: { stepId?: string; path?: string } = {},
): Diagnostic {
  return { code, severity: "error", message, ...where };
}

export function warning(
  code: DiagnosticCode,
  message: string,
  where: { stepId?: string; path?: string } = {},
): Diagnostic {
  return { code, severity: "warning", message, ...where };
}
