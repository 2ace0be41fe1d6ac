import {
  error,
  warning,
  type Design,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticFix,
} from "../model";
import type { StepProvision } from "./provision";
import type { ScriptFacts } from "./scriptFacts";
import type { Place } from "./syntax";

/** One step's scripts with what the step gives them; every check reads this. */
export interface StepScripts {
  design: Design;
  provision: StepProvision;
  /** Every Python file of the step, the entry point first. */
  scripts: ScriptFacts[];
  /** The entry point, when it is among the files. */
  entry: ScriptFacts | undefined;
}

export interface Finding {
  code: DiagnosticCode;
  severity: "error" | "warning";
  message: string;
  /** The file; without one the finding is about the entry point as a whole. */
  file?: string;
  place?: Place;
  path?: string;
  fix?: DiagnosticFix;
}

/** A finding as a diagnostic of the step: located in its file, on `code` unless it names a field. */
export function toDiagnostic(step: StepScripts, finding: Finding): Diagnostic {
  const make = finding.severity === "error" ? error : warning;
  return make(finding.code, finding.message, {
    stepId: step.provision.resolved.step.id,
    path: finding.path ?? "code",
    file: finding.file ?? step.provision.entryPoint,
    ...(finding.place ? { line: finding.place.line, column: finding.place.column } : {}),
    ...(finding.fix ? { fix: finding.fix } : {}),
  });
}

/** Whether any file of the step builds a path at or below `dir`. */
export function usesPath(step: StepScripts, dir: string): boolean {
  return step.scripts.some((script) =>
    script.paths.some(
      (use) => use.value.text.replace(/\/+$/, "") === dir || use.value.text.startsWith(`${dir}/`),
    ),
  );
}

/** Whether any file of the step reads the environment variable. */
export function readsEnv(step: StepScripts, name: string): boolean {
  return step.scripts.some((script) => script.envReads.some((read) => read.name === name));
}

export function list(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
