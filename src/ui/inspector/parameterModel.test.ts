import { describe, expect, it } from "vitest";
import type { PipelineParameter } from "../../model";
import {
  coerceDefault,
  newParameter,
  nextParameterName,
  parameterNameProblem,
  parametersOfType,
  parseParameterDefault,
  suggestParameterName,
  unboundValue,
  withType,
} from "./parameterModel";

const parameters: PipelineParameter[] = [
  { name: "TrainInstanceType", type: "String", default: "ml.g5.12xlarge" },
  { name: "Epochs", type: "Integer", default: 3 },
  { name: "Parameter1", type: "Float" },
];

describe("names", () => {
  it("refuses empty, malformed and taken names", () => {
    expect(parameterNameProblem("", parameters)).toBe("enter a name");
    expect(parameterNameProblem("has space", parameters)).toMatch(/letters/);
    expect(parameterNameProblem("Epochs", parameters)).toMatch(/already exists/);
    expect(parameterNameProblem("Epochs", parameters, 1)).toBeNull();
    expect(parameterNameProblem("Fresh-Name_1", parameters)).toBeNull();
  });
  it("suggests free names", () => {
    expect(suggestParameterName("PyTorchTraining", "instanceType", parameters)).toBe(
      "PyTorchTrainingInstanceType",
    );
    expect(
      suggestParameterName("A", "b", [
        { name: "AB", type: "String" },
        { name: "AB2", type: "String" },
      ]),
    ).toBe("AB3");
    expect(suggestParameterName("Bad name!", "x", [])).toBe("BadnameX");
    expect(nextParameterName(parameters)).toBe("Parameter2");
  });
  it("keeps names within SageMaker's 64 characters", () => {
    expect(parameterNameProblem("N".repeat(64), parameters)).toBeNull();
    expect(parameterNameProblem("N".repeat(65), parameters)).toMatch(/at most 64 characters/);
    const long = "S".repeat(64);
    expect(suggestParameterName(long, "instanceType", [])).toBe(long);
    expect(suggestParameterName(long, "instanceType", [{ name: long, type: "String" }])).toBe(
      `${"S".repeat(63)}2`,
    );
  });
  it("filters by type", () => {
    expect(parametersOfType(parameters, "Integer").map((p) => p.name)).toEqual(["Epochs"]);
  });
});

describe("defaults", () => {
  it("coerces a field value to a parameter default", () => {
    expect(coerceDefault("String", "ml.m5.large")).toBe("ml.m5.large");
    expect(coerceDefault("Integer", 30)).toBe(30);
    expect(coerceDefault("Integer", 1.5)).toBeUndefined();
    expect(coerceDefault("Boolean", "true")).toBeUndefined();
  });
  it("creates a parameter from the current value, else the schema default", () => {
    expect(newParameter("P", "Integer", 100, 30)).toEqual({
      name: "P",
      type: "Integer",
      default: 100,
    });
    expect(newParameter("P", "Integer", undefined, 30)).toEqual({
      name: "P",
      type: "Integer",
      default: 30,
    });
    expect(newParameter("P", "String", undefined, undefined)).toEqual({
      name: "P",
      type: "String",
    });
  });
  it("unbinds to the parameter's default", () => {
    expect(unboundValue(parameters, { parameter: "Epochs" })).toBe(3);
    expect(unboundValue(parameters, { parameter: "Parameter1" })).toBeUndefined();
    expect(unboundValue(parameters, { parameter: "Missing" })).toBeUndefined();
  });
  it("parses typed defaults", () => {
    expect(parseParameterDefault("String", "")).toEqual({ ok: true, value: undefined });
    expect(parseParameterDefault("String", " a ")).toEqual({ ok: true, value: " a " });
    expect(parseParameterDefault("Integer", "7")).toEqual({ ok: true, value: 7 });
    expect(parseParameterDefault("Integer", "7.5").ok).toBe(false);
    expect(parseParameterDefault("Float", "x").ok).toBe(false);
    expect(parseParameterDefault("Boolean", "false")).toEqual({ ok: true, value: false });
  });
  it("keeps a default across a type change only when it still fits", () => {
    expect(withType({ name: "N", type: "String", default: "5" }, "Integer")).toEqual({
      name: "N",
      type: "Integer",
      default: 5,
    });
    expect(withType({ name: "N", type: "String", default: "ml.m5" }, "Float")).toEqual({
      name: "N",
      type: "Float",
    });
    expect(withType({ name: "N", type: "Integer", default: 5 }, "String")).toEqual({
      name: "N",
      type: "String",
      default: "5",
    });
  });
});
