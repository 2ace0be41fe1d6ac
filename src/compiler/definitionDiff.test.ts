import { describe, expect, it } from "vitest";
import { diffDefinitions } from "./definitionDiff";

const definition = (steps: unknown[], parameters: unknown[] = [], extra = {}) =>
  JSON.stringify({ Version: "2020-12-01", Parameters: parameters, Steps: steps, ...extra });

describe("diffDefinitions", () => {
  it("says identical definitions are identical", () => {
    const text = definition([{ Name: "A", Type: "Training", Arguments: { X: 1 } }]);
    expect(diffDefinitions(text, text)).toMatchObject({
      identical: true,
      steps: [],
      parameters: [],
      other: [],
    });
  });

  it("lists added, removed and changed steps with the changed leaves", () => {
    const before = definition([
      { Name: "A", Arguments: { X: 1, L: [1, 2] } },
      { Name: "Gone", Arguments: {} },
    ]);
    const after = definition([
      { Name: "A", Arguments: { X: 2, L: [1, 3], New: "n" } },
      { Name: "Fresh", Arguments: {} },
    ]);
    const diff = diffDefinitions(before, after);
    expect(diff.identical).toBe(false);
    expect(diff.steps).toEqual([
      {
        name: "A",
        change: "changed",
        details: [
          { path: "Arguments.X", before: "1", after: "2" },
          { path: "Arguments.L[1]", before: "2", after: "3" },
          { path: "Arguments.New", before: undefined, after: '"n"' },
        ],
      },
      { name: "Fresh", change: "added", details: [] },
      { name: "Gone", change: "removed", details: [] },
    ]);
  });

  it("compares parameters by name and other top-level settings by value", () => {
    const before = definition([], [{ Name: "P", Type: "String", DefaultValue: "a" }]);
    const after = definition([], [{ Name: "P", Type: "String", DefaultValue: "b" }], {
      PipelineExperimentConfig: { X: 1 },
    });
    const diff = diffDefinitions(before, after);
    expect(diff.parameters).toEqual([
      {
        name: "P",
        change: "changed",
        details: [{ path: "DefaultValue", before: '"a"', after: '"b"' }],
      },
    ]);
    expect(diff.other).toEqual([
      { path: "PipelineExperimentConfig", before: undefined, after: '{"X":1}' },
    ]);
  });

  it("reports a deployed definition that is not JSON instead of throwing", () => {
    expect(diffDefinitions("{oops", definition([])).unreadable).toBeTruthy();
  });
});
