import { describe, expect, it } from "vitest";
import pytorchExample from "../../../examples/pytorch-tabular.pipeline.json";
import { compile } from "../../compiler";
import { loadDesign } from "../../model";
import { definitionFileName, minimalChange, stepNameLine } from "./definitionText";

function exampleJson(): { json: string; names: string[] } {
  const loaded = loadDesign(pytorchExample);
  if (loaded.kind !== "ok") throw new Error("example does not load");
  const result = compile(loaded.design);
  if (!result.ok) throw new Error("example does not compile");
  return { json: result.json, names: loaded.design.steps.map((step) => step.name) };
}

describe("stepNameLine", () => {
  it("finds every design step's Name line, model steps under their SDK names", () => {
    const { json, names } = exampleJson();
    const lines = json.split("\n");
    for (const name of names) {
      const line = stepNameLine(json, name);
      expect(line, name).not.toBeNull();
      expect(lines[(line as number) - 1]).toMatch(new RegExp(`^ {6}"Name": "${name}(-|")`));
    }
  });

  it("ignores nested Name keys such as metric names, and unknown steps", () => {
    const json = JSON.stringify(
      { Steps: [{ Name: "Train", Arguments: { MetricDefinitions: [{ Name: "Loss" }] } }] },
      null,
      2,
    );
    expect(stepNameLine(json, "Train")).toBe(4);
    expect(stepNameLine(json, "Loss")).toBeNull();
    expect(stepNameLine("{}", "Train")).toBeNull();
  });

  it("finds steps nested in a condition's IfSteps and ElseSteps, at any depth", () => {
    const json = JSON.stringify(
      {
        Steps: [
          { Name: "Train", Arguments: { MetricDefinitions: [{ Name: "Gate" }] } },
          {
            Name: "Gate",
            Type: "Condition",
            Arguments: {
              Conditions: [],
              IfSteps: [
                { Name: "Register-RegisterModel", Type: "RegisterModel" },
                {
                  Name: "Inner",
                  Type: "Condition",
                  Arguments: { IfSteps: [], ElseSteps: [{ Name: "Deep", Type: "Fail" }] },
                },
              ],
              ElseSteps: [{ Name: "Fail", Type: "Fail" }],
            },
          },
        ],
      },
      null,
      2,
    );
    const lines = json.split("\n");
    const lineOf = (name: string) => {
      const line = stepNameLine(json, name);
      return line === null ? null : (lines[line - 1] ?? "").trim();
    };
    expect(lineOf("Gate")).toBe('"Name": "Gate",');
    expect(stepNameLine(json, "Gate")).toBeGreaterThan((stepNameLine(json, "Train") as number) + 5);
    expect(lineOf("Register")).toBe('"Name": "Register-RegisterModel",');
    expect(lineOf("Fail")).toBe('"Name": "Fail",');
    expect(lineOf("Deep")).toBe('"Name": "Deep",');
    expect(stepNameLine(json, "Conditions")).toBeNull();
  });

  it("prefers the exact name over a generated one", () => {
    const json = JSON.stringify({ Steps: [{ Name: "M-CreateModel" }, { Name: "M" }] }, null, 2);
    expect(stepNameLine(json, "M")).toBe(7);
  });
});

describe("minimalChange", () => {
  it("keeps the common prefix and suffix", () => {
    expect(minimalChange("abcXYdef", "abcZdef")).toEqual({ from: 3, to: 5, insert: "Z" });
    expect(minimalChange("aaa", "aaaa")).toEqual({ from: 3, to: 3, insert: "a" });
    expect(minimalChange("abc", "")).toEqual({ from: 0, to: 3, insert: "" });
    expect(minimalChange("same", "same")).toBeNull();
  });

  it("always turns before into after", () => {
    const pairs = [
      ["", "x"],
      ["xyx", "x"],
      ["abab", "ab"],
      ["{\n  a\n}", "{\n  b\n  a\n}"],
    ] as const;
    for (const [before, after] of pairs) {
      const change = minimalChange(before, after);
      const applied = change
        ? before.slice(0, change.from) + change.insert + before.slice(change.to)
        : before;
      expect(applied).toBe(after);
    }
  });
});

describe("definitionFileName", () => {
  it("names the download after the pipeline", () => {
    expect(definitionFileName("fraud-xgboost")).toBe("fraud-xgboost.definition.json");
    expect(definitionFileName("")).toBe("pipeline.definition.json");
    expect(definitionFileName("a/b")).toBe("a-b.definition.json");
  });
});
