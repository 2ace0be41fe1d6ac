import type { Diagnostic, Severity } from "../../model";

/**
 * A diagnostic located in a step's inline file: `file`, `line` and `column` (1-based) are the
 * optional fields of `Diagnostic` the script checks (src/checks, PD5xx) set.
 */
export type LocatedDiagnostic = Diagnostic & { file?: string; line?: number; column?: number };

/** One problem in an inline file, as the editor underlines it and the list below it names it. */
export interface FileProblem {
  file: string;
  /** 1-based; absent when the problem concerns the whole file. */
  line?: number;
  column?: number;
  severity: Severity;
  message: string;
  code: string;
}

const NONE: readonly FileProblem[] = [];

/** The step's diagnostics that name one of its files, in file, line, column order. */
export function fileProblems(
  diagnostics: readonly Diagnostic[],
  stepId: string,
): readonly FileProblem[] {
  const found: FileProblem[] = [];
  for (const diagnostic of diagnostics as readonly LocatedDiagnostic[]) {
    if (diagnostic.stepId !== stepId || typeof diagnostic.file !== "string") continue;
    found.push({
      file: diagnostic.file,
      ...(isPositive(diagnostic.line) ? { line: diagnostic.line } : {}),
      ...(isPositive(diagnostic.column) ? { column: diagnostic.column } : {}),
      severity: diagnostic.severity,
      message: diagnostic.message,
      code: diagnostic.code,
    });
  }
  if (found.length === 0) return NONE;
  return found.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

function isPositive(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1;
}

/** Those of `problems` in `file` (a shared empty list when none). */
export function problemsInFile(
  problems: readonly FileProblem[],
  file: string | null,
): readonly FileProblem[] {
  const found = problems.filter((problem) => problem.file === file);
  return found.length > 0 ? found : NONE;
}

/** Whether a diagnostic belongs in a file's problem list rather than under the field. */
export function isFileDiagnostic(diagnostic: Diagnostic): boolean {
  return typeof (diagnostic as LocatedDiagnostic).file === "string";
}

/** "Line 3, column 5", "Line 3" or "Whole file". */
export function problemPlace(problem: FileProblem): string {
  if (problem.line === undefined) return "Whole file";
  return problem.column === undefined
    ? `Line ${problem.line}`
    : `Line ${problem.line}, column ${problem.column}`;
}

/** The lines of a document as CodeMirror's `Text` offers them (1-based `line(n)`). */
export interface DocLines {
  readonly lines: number;
  readonly length: number;
  line(n: number): { from: number; text: string };
}

/**
 * The span to underline: from the column to the end of the word there (one character when not
 * on a word), or, without a column, the line's text without its indentation. Lines and columns
 * past the end (the text changed since the check) are clamped; a problem without a line marks
 * the start of the file.
 */
export function problemRange(doc: DocLines, problem: FileProblem): { from: number; to: number } {
  if (problem.line === undefined) return { from: 0, to: Math.min(doc.length, 1) };
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  const end = line.from + line.text.length;
  if (problem.column === undefined) {
    const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
    return { from: line.from + Math.min(indent, line.text.length), to: end };
  }
  const offset = Math.min(problem.column - 1, line.text.length);
  const word = /^\w+/.exec(line.text.slice(offset))?.[0].length ?? 1;
  return { from: line.from + offset, to: Math.min(line.from + offset + word, end) };
}
