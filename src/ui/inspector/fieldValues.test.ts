import { describe, expect, it } from "vitest";
import {
  codeFiles,
  displayValue,
  formatBytes,
  formatList,
  groupCommit,
  metricsToStore,
  parseList,
  parseScalarText,
  recordFromRows,
  rowsFromRecord,
  sameValue,
} from "./fieldValues";

describe("parseScalarText", () => {
  it("clears the field on empty text", () => {
    expect(parseScalarText("  ", "string")).toEqual({ ok: true, value: undefined });
    expect(parseScalarText("", "integer")).toEqual({ ok: true, value: undefined });
  });
  it("parses numbers and refuses text that is not one", () => {
    expect(parseScalarText("100", "integer")).toEqual({ ok: true, value: 100 });
    expect(parseScalarText("0.25", "number")).toEqual({ ok: true, value: 0.25 });
    expect(parseScalarText("abc", "integer")).toEqual({ ok: false, message: "enter a number" });
    expect(parseScalarText("1.5", "integer")).toEqual({
      ok: false,
      message: "enter a whole number",
    });
  });
  it("trims text", () => {
    expect(parseScalarText(" ml.m5.xlarge ", "string")).toEqual({
      ok: true,
      value: "ml.m5.xlarge",
    });
  });
});

describe("values", () => {
  it("displays values as control text", () => {
    expect(displayValue(undefined)).toBe("");
    expect(displayValue(30)).toBe("30");
    expect(displayValue({ parameter: "P" })).toBe('{"parameter":"P"}');
  });
  it("compares JSON values structurally", () => {
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(undefined, null)).toBe(false);
  });
  it("reads and writes comma-separated lists", () => {
    expect(formatList(["a", "b"])).toBe("a, b");
    expect(parseList(" a, ,b ")).toEqual(["a", "b"]);
    expect(parseList(" , ")).toBeUndefined();
  });
});

describe("key/value rows", () => {
  it("round-trips a map, keeping parameter bindings", () => {
    const record = { LOG_LEVEL: "INFO", OUT: { parameter: "OutUri" } };
    const rows = rowsFromRecord(record);
    expect(rows[1]).toEqual({ key: "OUT", value: "", bound: { parameter: "OutUri" } });
    expect(recordFromRows(rows)).toEqual({ ok: true, value: record });
  });
  it("skips blank rows, clears an empty map and refuses repeats or nameless values", () => {
    expect(recordFromRows([{ key: " ", value: "" }])).toEqual({ ok: true, value: undefined });
    expect(recordFromRows([{ key: " A ", value: "1" }])).toEqual({ ok: true, value: { A: "1" } });
    expect(
      recordFromRows([
        { key: "A", value: "1" },
        { key: "A", value: "2" },
      ]),
    ).toEqual({ ok: false, message: '"A" appears twice' });
    expect(recordFromRows([{ key: "", value: "x" }]).ok).toBe(false);
  });
});

describe("groupCommit", () => {
  it("sets one member", () => {
    expect(groupCommit("checkpoint", undefined, "s3Uri", "s3://b/c")).toEqual({
      path: ["checkpoint", "s3Uri"],
      value: "s3://b/c",
    });
  });
  it("removes the whole group when its last member is cleared", () => {
    expect(
      groupCommit(
        "profiler",
        { systemMonitorIntervalMillis: 500 },
        "systemMonitorIntervalMillis",
        undefined,
      ),
    ).toEqual({ path: ["profiler"], value: undefined });
    expect(
      groupCommit("checkpoint", { enabled: false, s3Uri: "s3://b/c" }, "s3Uri", undefined),
    ).toEqual({ path: ["checkpoint", "s3Uri"], value: undefined });
  });
});

describe("metrics and code", () => {
  it("drops blank metric rows and trims names", () => {
    expect(
      metricsToStore([
        { name: " loss ", regex: "loss=([0-9.]+)" },
        { name: "", regex: " " },
      ]),
    ).toEqual([{ name: "loss", regex: "loss=([0-9.]+)" }]);
  });
  it("lists inline files with UTF-8 sizes", () => {
    expect(codeFiles({ files: { "train.py": "é", "a.txt": "abc" } })).toEqual([
      { name: "a.txt", bytes: 3 },
      { name: "train.py", bytes: 2 },
    ]);
    expect(codeFiles({ s3Uri: "s3://b/k.tar.gz" })).toEqual([]);
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
  });
});
