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
  PD314: "A model registry field breaks SageMaker's count, length or pattern limits",
  PD401: "The compiled definition breaks the SageMaker pipeline definition schema",
  PD710: "A branch link does not join a Condition's branch port to a step's branch input",
  PD711: "A step would run in both branches of a condition (or of unrelated conditions)",
  PD712: "A branch link leads back to its condition or to a step upstream of it (a cycle)",
  PD720: "A Condition step has no conditions",
  PD721: "An operand names a step, evaluation metric or property that does not exist",
  PD722: "An ordering comparison has a string or boolean operand",
  PD723: "An operand reads a step downstream of its condition or fail step (a cycle)",
  PD501: "A script does not parse as Python",
  PD502: "A path under /opt/ml/ that no channel, input, output or SageMaker provides",
  PD503: "A channel or linked input the script never reads",
  PD504: "The script reads an input path that no link or setting feeds",
  PD505: "The training script never writes under the model directory",
  PD506: "A linked output the script never writes",
  PD507: "An environment variable the contract requires or the config sets is never read",
  PD508: "The script reads an environment variable the step does not set",
  PD509: "The step sets hyperparameters but the script loads none",
  PD511: "The PyTorch script defines no nn.Module subclass",
  PD512: "The PyTorch script creates no optimizer",
  PD513: "The PyTorch script computes no loss",
  PD514: "The PyTorch script never calls backward() or optimizer.step()",
  PD515: "The XGBoost script builds no DMatrix",
  PD516: "The training script has no training loop (or xgb.train / fit)",
  PD517: "The training script never saves the model",
  PD521: "The script reads a hyperparameter the step does not set",
  PD522: "The step sets a hyperparameter the script never reads",
  PD531: "No print or log line of the script can match a metric definition",
  PD532: "A step type's script contract and its spec disagree",
  PD533: "An inference handler is missing or has the wrong parameters",
  PD534: "The inference script loads a model file the training script never writes",
  PD541: "A path below a linked input names something its producer never writes",
  PD542: "The evaluation script never reads the split it scores (test/)",
  PD543: "The evaluation script never unpacks the model or loads a file training saves",
  PD544: "The evaluation script never writes the report its property file reads",
  PD545: "A metric's JSON path is not a key path the evaluation script writes",
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
  /** The step's inline file the problem is in (script checks), e.g. `train.py`. */
  file?: string;
  /** 1-based line in `file`; absent when the problem concerns the whole file. */
  line?: number;
  /** 1-based column (UTF-16 code units, as editors count) in `line`. */
  column?: number;
  /** A suggested fix; `replacement` replaces the misspelt word that starts at `line`:`column`. */
  fix?: DiagnosticFix;
}

export interface DiagnosticFix {
  message: string;
  replacement?: string;
}

/** Where a diagnostic points: a step, a field, and for script checks a file position and a fix. */
export type DiagnosticPlace = Pick<
  Diagnostic,
  "stepId" | "path" | "file" | "line" | "column" | "fix"
>;

export function error(
  code: DiagnosticCode,
  message: string,
  where: DiagnosticPlace = {},
): Diagnostic {
  return { code, severity: "error", message, ...where };
}

export function warning(
  code: DiagnosticCode,
  message: string,
  where: DiagnosticPlace = {},
): Diagnostic {
  return { code, severity: "warning", message, ...where };
}

/**
 * Where a diagnostic points, after the file name: `stepName.field`, or for a finding in a step's
 * inline code `stepName.code/train.py:12:5` (editors and CI logs link `path:line:column`). The
 * CLI prints it after `design.pipeline.json:`, the Problems panel as it is.
 */
export function diagnosticPlace(stepLabel: string | undefined, diagnostic: Diagnostic): string {
  if (diagnostic.file !== undefined) {
    const step = [stepLabel, "code"].filter(Boolean).join(".");
    const place = [diagnostic.line, diagnostic.column].filter((part) => part !== undefined);
    return [`${step}/${diagnostic.file}`, ...place].join(":");
  }
  return [stepLabel, diagnostic.path].filter((part) => part !== undefined && part !== "").join(".");
}
