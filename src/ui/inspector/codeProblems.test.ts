import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../model";
import {
  fileProblems,
  isFileDiagnostic,
  problemPlace,
  problemRange,
  problemsInFile,
  type DocLines,
} from "./codeProblems";

function doc(text: string): DocLines {
  const lines = text.split("\n");
  const starts = lines.map((_, index) =>
    lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 0),
  );
  return {
    lines: lines.length,
    length: text.length,
    line: (n) => ({ from: starts[n - 1]!, text: lines[n - 1]! }),
  };
}

const located = (extra: object): Diagnostic =>
  ({ code: "PD102", severity: "warning", message: "m", stepId: "train", ...extra }) as Diagnostic;

describe("problems in inline files", () => {
  it("keeps the step's located diagnostics, sorted, and ignores the rest", () => {
    const problems = fileProblems(
      [
        located({ file: "train.py", line: 9, column: 2, message: "later" }),
        located({ file: "train.py", line: 3, message: "earlier" }),
        located({ file: "a.py", line: 0 }),
        located({ path: "code" }),
        located({ stepId: "prep", file: "train.py", line: 1 }),
      ],
      "train",
    );
    expect(problems.map((problem) => `${problem.file}:${problem.line ?? "-"}`)).toEqual([
      "a.py:-",
      "train.py:3",
      "train.py:9",
    ]);
    expect(problemsInFile(problems, "train.py")).toHaveLength(2);
    expect(problemsInFile(problems, "other.py")).toEqual([]);
    expect(isFileDiagnostic(located({ file: "a.py" }))).toBe(true);
    expect(isFileDiagnostic(located({}))).toBe(false);
    expect(problemPlace(problems[2]!)).toBe("Line 9, column 2");
    expect(problemPlace(problems[0]!)).toBe("Whole file");
  });

  it("underlines the word at the column, or the line without its indentation", () => {
    const text = "import os\n    x = undefined_name + 1\n";
    const problem = { file: "t.py", severity: "error", message: "", code: "PD102" } as const;
    expect(problemRange(doc(text), { ...problem, line: 2, column: 9 })).toEqual({
      from: 18,
      to: 32,
    });
    expect(problemRange(doc(text), { ...problem, line: 2 })).toEqual({ from: 14, to: 36 });
    expect(problemRange(doc(text), { ...problem, line: 2, column: 7 })).toEqual({
      from: 16,
      to: 17,
    });
    // Past the end: clamped to the last line and its end.
    expect(problemRange(doc(text), { ...problem, line: 40, column: 99 })).toEqual({
      from: 37,
      to: 37,
    });
    expect(problemRange(doc(text), problem)).toEqual({ from: 0, to: 1 });
  });
});
