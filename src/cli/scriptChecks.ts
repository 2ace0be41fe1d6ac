import { checkScripts } from "../checks";
import type { Design, Diagnostic } from "../model";
import { formatDiagnostic, location } from "./format";
import { loadPythonParser } from "./pythonParser";

/** The script checks of a design's inline code (PD5xx), with the parser loaded from node_modules. */
export async function scriptCheckDiagnostics(design: Design): Promise<Diagnostic[]> {
  return checkScripts(design, await loadPythonParser());
}

/**
 * One line of `validate`: a script finding as `file:stepName.code/train.py:12:5: PD502 …`
 * (editors and CI logs link `path:line:column`), with its fix; anything else as before.
 */
export function validateLine(file: string, design: Design | null, diagnostic: Diagnostic): string {
  const fix = diagnostic.fix ? ` (${diagnostic.fix.message})` : "";
  // A cross-step finding on a field (a condition's metric) carries its fix too.
  if (diagnostic.file === undefined) return `${formatDiagnostic(file, design, diagnostic)}${fix}`;
  const where = location(file, design, diagnostic);
  const severity = diagnostic.severity === "warning" ? " warning" : "";
  const field = diagnostic.path && diagnostic.path !== "code" ? ` [${diagnostic.path}]` : "";
  return `${where}: ${diagnostic.code}${severity} ${diagnostic.message}${field}${fix}`;
}

/** A `validate --json` row: `file` stays the design file, a script finding's file is `codeFile`. */
export function validateRow(file: string, stepName: string | undefined, diagnostic: Diagnostic) {
  const { file: codeFile, ...rest } = diagnostic;
  return { ...rest, stepName, file, ...(codeFile === undefined ? {} : { codeFile }) };
}
