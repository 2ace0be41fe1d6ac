import { describe, expect, it } from "vitest";
import { error, warning, type Diagnostic } from "../../model";
import {
  designProblems,
  hasError,
  messagesOf,
  pathWithin,
  problemsOf,
  problemsUnder,
  sameProblems,
  stepProblems,
} from "./fieldProblems";

describe("pathWithin", () => {
  it("matches the path itself and paths under it, not siblings sharing a prefix", () => {
    expect(pathWithin("instanceType", "instanceType")).toBe(true);
    expect(pathWithin("hyperparameters.batch_size", "hyperparameters")).toBe(true);
    expect(pathWithin("metricDefinitions[0].regex", "metricDefinitions")).toBe(true);
    expect(pathWithin("codeArchive", "code")).toBe(false);
    expect(pathWithin(undefined, "code")).toBe(false);
  });
});

describe("stepProblems", () => {
  const diagnostics: Diagnostic[] = [
    error("PD106", "no such version", { stepId: "train", path: "frameworkVersion" }),
    error("PD107", "wrong python", { stepId: "train", path: "pyVersion" }),
    error("PD109", "batch too big", { stepId: "train", path: "hyperparameters.batch_size" }),
    error("PD201", "input_path is not linked", { stepId: "train", path: "inputs.input_path" }),
    error("PD302", "bad name", { stepId: "train", path: "name" }),
    error("PD205", "cycle", { stepId: "train" }),
    error("PD103", "labelName is required", { stepId: "prep", path: "labelName" }),
    error("PD303", "bad pipeline name", { path: "pipeline.name" }),
  ];
  const keys = ["frameworkVersion", "pyVersion", "hyperparameters", "instanceType"];

  it("puts each diagnostic of the step on its field, its name, or the step", () => {
    const problems = stepProblems(diagnostics, "train", keys);
    expect(problemsOf(problems, "pyVersion").map((d) => d.code)).toEqual(["PD107"]);
    expect(problemsOf(problems, "hyperparameters").map((d) => d.code)).toEqual(["PD109"]);
    expect(problems.name.map((d) => d.code)).toEqual(["PD302"]);
    expect(problems.other.map((d) => d.code)).toEqual(["PD201", "PD205"]);
  });
  it("returns one shared empty list for fields without problems", () => {
    const problems = stepProblems(diagnostics, "train", keys);
    expect(problemsOf(problems, "instanceType")).toBe(problemsOf(problems, "entryPoint"));
    expect(problemsOf(problems, "instanceType")).toEqual([]);
  });
  it("finds design-level problems by pipeline path", () => {
    expect(designProblems(diagnostics, "pipeline.name").map((d) => d.code)).toEqual(["PD303"]);
    expect(designProblems(diagnostics, "pipeline.bucket")).toEqual([]);
  });
});

describe("messages", () => {
  const list = [warning("PD306", "odd regex", { path: "metricDefinitions[1].regex" })];
  it("puts a local problem first; only errors mark a field invalid", () => {
    expect(messagesOf(list, "enter a number")).toEqual(["enter a number", "odd regex"]);
    expect(hasError(list)).toBe(false);
    expect(hasError(list, "enter a number")).toBe(true);
    expect(hasError([error("PD102", "bad")])).toBe(true);
  });
  it("selects problems under a path", () => {
    expect(problemsUnder(list, "metricDefinitions[1]")).toHaveLength(1);
    expect(problemsUnder(list, "metricDefinitions[0]")).toHaveLength(0);
  });
  it("compares problem lists by content", () => {
    expect(sameProblems(list, [{ ...list[0]! }])).toBe(true);
    expect(sameProblems(list, [{ ...list[0]!, message: "other" }])).toBe(false);
    expect(sameProblems(list, [])).toBe(false);
  });
});
