import { describe, expect, it } from "vitest";
import { PYTORCH_HYPERPARAMETERS, XGBOOST_HYPERPARAMETERS } from "../../catalog";
import {
  convertValue,
  initialValue,
  keyProblem,
  knownHyperparameters,
  parseHyperparameterValue,
  renameHyperparameter,
  rowTypeOfKind,
  typeOfValue,
  valueText,
} from "./hyperparameterModel";

describe("known keys", () => {
  it("are the catalog's per framework", () => {
    expect(knownHyperparameters("pytorch")).toBe(PYTORCH_HYPERPARAMETERS);
    expect(knownHyperparameters("xgboost")).toBe(XGBOOST_HYPERPARAMETERS);
    expect(knownHyperparameters("sklearn")).toEqual([]);
    expect(rowTypeOfKind("integer")).toBe("number");
    expect(rowTypeOfKind("boolean")).toBe("bool");
  });
});

describe("values", () => {
  it("types and prints values", () => {
    expect(typeOfValue(["a"])).toBe("list");
    expect(typeOfValue(true)).toBe("bool");
    expect(typeOfValue(3)).toBe("number");
    expect(typeOfValue("x")).toBe("string");
    expect(valueText(["a", "b"])).toBe("a, b");
    expect(valueText(0.001)).toBe("0.001");
  });
  it("parses numbers, booleans and lists", () => {
    expect(parseHyperparameterValue("number", "64")).toEqual({ ok: true, value: 64 });
    expect(parseHyperparameterValue("number", "3e-5")).toEqual({ ok: true, value: 3e-5 });
    expect(parseHyperparameterValue("number", "abc").ok).toBe(false);
    expect(parseHyperparameterValue("number", "").ok).toBe(false);
    expect(parseHyperparameterValue("bool", "true")).toEqual({ ok: true, value: true });
    expect(parseHyperparameterValue("bool", "yes").ok).toBe(false);
    expect(parseHyperparameterValue("list", "a, b,c")).toEqual({
      ok: true,
      value: ["a", "b", "c"],
    });
    expect(parseHyperparameterValue("list", "0.3, 0.7")).toEqual({ ok: true, value: [0.3, 0.7] });
    expect(parseHyperparameterValue("list", "1, b")).toEqual({ ok: true, value: ["1", "b"] });
    expect(parseHyperparameterValue("list", "")).toEqual({ ok: true, value: [] });
    expect(parseHyperparameterValue("list", "a,,b").ok).toBe(false);
    expect(parseHyperparameterValue("string", " SGD ")).toEqual({ ok: true, value: " SGD " });
  });
  it("converts a value to another type", () => {
    expect(convertValue(64, "string")).toBe("64");
    expect(convertValue("64", "number")).toBe(64);
    expect(convertValue("a, b", "list")).toEqual(["a", "b"]);
    expect(convertValue("abc", "number")).toBe(0);
    expect(convertValue("abc", "bool")).toBe(false);
  });
  it("starts new rows from the known default when its type fits", () => {
    const lr = PYTORCH_HYPERPARAMETERS.find((spec) => spec.key === "lr");
    expect(initialValue("number", lr)).toBe(3e-5);
    expect(initialValue("string", lr)).toBe("");
    const rounds = XGBOOST_HYPERPARAMETERS.find((spec) => spec.key === "num_round");
    expect(initialValue("number", rounds)).toBe(1);
    expect(initialValue("list")).toEqual([]);
  });
});

describe("keys", () => {
  const record = { lr: 0.1, batch_size: 64, epochs: 3 };
  it("refuses empty and taken keys", () => {
    expect(keyProblem(record, "")).toBe("enter a key");
    expect(keyProblem(record, "lr")).toBe('"lr" is already set');
    expect(keyProblem(record, "lr", "lr")).toBeNull();
    expect(keyProblem(record, "seed")).toBeNull();
  });
  it("renames a key keeping the order", () => {
    const renamed = renameHyperparameter(record, "batch_size", "bs");
    expect(renamed.ok && Object.entries(renamed.value)).toEqual([
      ["lr", 0.1],
      ["bs", 64],
      ["epochs", 3],
    ]);
    expect(renameHyperparameter(record, "batch_size", "lr").ok).toBe(false);
  });
});
