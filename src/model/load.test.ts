import { describe, expect, it } from "vitest";
import { loadDesign, loadDesignText, type LoadResult } from "./load";
import { CURRENT_VERSION } from "./migrations";
import { DESIGN_FORMAT } from "./schema";

/** The smallest document the schema accepts: every field with a default is left out. */
function minimalDocument(): Record<string, unknown> {
  return {
    format: DESIGN_FORMAT,
    version: 1,
    pipeline: {
      name: "fraud-pytorch",
      region: "us-east-1",
      roleArn: "arn:aws:iam::123456789012:role/SageMakerExecutionRole",
      bucket: "my-ml-bucket",
    },
    steps: [
      { id: "load", type: "DataLoad", name: "DataLoad-Training" },
      { id: "prep", type: "TabularPreprocessing", name: "TabularPreprocessing-Training" },
    ],
  };
}

function withEdges(edges: unknown[]): Record<string, unknown> {
  return { ...minimalDocument(), edges };
}

function issuesOf(result: LoadResult) {
  expect(result.kind).toBe("invalid");
  return result.kind === "invalid" ? result.issues : [];
}

describe("loadDesign", () => {
  it("loads a minimal valid design", () => {
    const result = loadDesign(minimalDocument());
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.migrations).toEqual([]);
    expect(result.design.version).toBe(CURRENT_VERSION);
    expect(result.design.steps.map((step) => step.id)).toEqual(["load", "prep"]);
  });

  it("fills defaults: edges, description, s3Prefix, parameters, cache, tags, position, config", () => {
    const result = loadDesign(minimalDocument());
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    const { design } = result;
    expect(design.edges).toEqual([]);
    expect(design.pipeline.description).toBe("");
    expect(design.pipeline.s3Prefix).toBe("");
    expect(design.pipeline.parameters).toEqual([]);
    expect(design.pipeline.cache).toEqual({ enabled: false, expireAfter: "P30D" });
    expect(design.pipeline.tags).toEqual({});
    expect(design.steps[0]?.position).toEqual({ x: 0, y: 0 });
    expect(design.steps[0]?.config).toEqual({});
  });

  it("fills a partly given cache", () => {
    const document = minimalDocument();
    document.pipeline = { ...(document.pipeline as object), cache: { enabled: true } };
    const result = loadDesign(document);
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    expect(result.design.pipeline.cache).toEqual({ enabled: true, expireAfter: "P30D" });
  });

  it.each([
    ["an array", []],
    ["an array of designs", [minimalDocument()]],
    ["null", null],
    ["a number", 42],
    ["a string", "sagemaker-pipeline-design"],
    ["a boolean", true],
  ])("refuses %s as notADesign", (_label, value) => {
    const result = loadDesign(value);
    expect(result.kind).toBe("notADesign");
    if (result.kind === "notADesign") expect(result.message).toContain(DESIGN_FORMAT);
  });

  it.each([
    ["a wrong format", "my-pipeline"],
    ["a missing format", undefined],
  ])("refuses %s as notADesign", (_label, format) => {
    const result = loadDesign({ ...minimalDocument(), format });
    expect(result.kind).toBe("notADesign");
    if (result.kind === "notADesign") expect(result.message).toContain('"format"');
  });

  it("refuses version 2 as versionTooNew and tells the user to update the app", () => {
    const result = loadDesign({ ...minimalDocument(), version: 2 });
    expect(result.kind).toBe("versionTooNew");
    if (result.kind !== "versionTooNew") return;
    expect(result.version).toBe(2);
    expect(result.supported).toBe(CURRENT_VERSION);
    expect(result.message).toMatch(/update/i);
    expect(result.message).toContain("2");
  });

  it.each([
    ["missing", undefined],
    ["a string", "1"],
    ["a fraction", 1.5],
    ["zero", 0],
  ])("refuses a version that is %s, at path version", (_label, version) => {
    const issues = issuesOf(loadDesign({ ...minimalDocument(), version }));
    expect(issues.map((issue) => issue.path)).toEqual(["version"]);
  });

  it("locates a missing pipeline.region", () => {
    const document = minimalDocument();
    const { region: _region, ...pipeline } = document.pipeline as Record<string, unknown>;
    const issues = issuesOf(loadDesign({ ...document, pipeline }));
    expect(issues.map((issue) => issue.path)).toEqual(["pipeline.region"]);
  });

  it("locates an empty pipeline.region", () => {
    const document = minimalDocument();
    document.pipeline = { ...(document.pipeline as object), region: "" };
    const issues = issuesOf(loadDesign(document));
    expect(issues.map((issue) => issue.path)).toEqual(["pipeline.region"]);
  });

  it("locates a duplicate step id at the second occurrence", () => {
    const document = minimalDocument();
    document.steps = [
      { id: "load", type: "DataLoad", name: "DataLoad-Training" },
      { id: "load", type: "DataLoad", name: "DataLoad-Validation" },
    ];
    const issues = issuesOf(loadDesign(document));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("steps[1].id");
    expect(issues[0]?.message).toContain("load");
  });

  it("locates an edge to an unknown step", () => {
    const issues = issuesOf(
      loadDesign(
        withEdges([
          { from: { step: "load", output: "DATA" }, to: { step: "ghost", input: "DATA" } },
        ]),
      ),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("edges[0].to.step");
    expect(issues[0]?.message).toContain("ghost");
  });

  it("locates an edge from an unknown step", () => {
    const issues = issuesOf(
      loadDesign(
        withEdges([
          { from: { step: "load", output: "DATA" }, to: { step: "prep", input: "DATA" } },
          { from: { step: "ghost", output: "DATA" }, to: { step: "prep", input: "SIGNATURE" } },
        ]),
      ),
    );
    expect(issues.map((issue) => issue.path)).toEqual(["edges[1].from.step"]);
  });

  it.each([
    ["Integer", "ten"],
    ["Integer", 1.5],
    ["Float", "0.5"],
    ["Boolean", "true"],
    ["String", 3],
  ])("locates a %s parameter with default %j", (type, value) => {
    const document = minimalDocument();
    document.pipeline = {
      ...(document.pipeline as object),
      parameters: [
        { name: "Fine", type: "String", default: "ml.m5.large" },
        { name: "Bad", type, default: value },
      ],
    };
    const issues = issuesOf(loadDesign(document));
    expect(issues.map((issue) => issue.path)).toEqual(["pipeline.parameters[1].default"]);
  });

  it("accepts parameter defaults of the declared type", () => {
    const document = minimalDocument();
    document.pipeline = {
      ...(document.pipeline as object),
      parameters: [
        { name: "S", type: "String", default: "x" },
        { name: "I", type: "Integer", default: 10 },
        { name: "F", type: "Float", default: 0.5 },
        { name: "B", type: "Boolean", default: false },
        { name: "NoDefault", type: "Integer" },
      ],
    };
    expect(loadDesign(document).kind).toBe("ok");
  });

  it("refuses unknown top-level fields (the envelope is strict)", () => {
    const issues = issuesOf(loadDesign({ ...minimalDocument(), extra: 1 }));
    expect(issues).toHaveLength(1);
  });
});

describe("loadDesignText", () => {
  it("loads a minimal valid design from text", () => {
    const result = loadDesignText(JSON.stringify(minimalDocument(), null, 2));
    expect(result.kind).toBe("ok");
  });

  it("refuses non-JSON with the line and column of the first error", () => {
    const text = '{\n  "format": "sagemaker-pipeline-design",\n  "version": ,\n}';
    const result = loadDesignText(text);
    expect(result.kind).toBe("notADesign");
    if (result.kind !== "notADesign") return;
    expect(result.message).toMatch(/JSON/);
    expect(result.message).toContain("line 3");
    expect(result.message).toContain("column 14");
  });

  it("refuses a trailing comma as non-JSON, located", () => {
    const result = loadDesignText('{"format": "x",\n}');
    expect(result.kind).toBe("notADesign");
    if (result.kind === "notADesign") expect(result.message).toMatch(/line 2, column 1\b/);
  });

  it("refuses empty text as non-JSON", () => {
    const result = loadDesignText("");
    expect(result.kind).toBe("notADesign");
    if (result.kind === "notADesign") expect(result.message).toMatch(/line 1, column 1\b/);
  });

  it.each(["[]", "null", "42", '"text"'])("refuses the JSON value %s as notADesign", (text) => {
    expect(loadDesignText(text).kind).toBe("notADesign");
  });

  it("refuses a wrong format from text", () => {
    const text = JSON.stringify({ ...minimalDocument(), format: "other" });
    expect(loadDesignText(text).kind).toBe("notADesign");
  });

  it("refuses version 2 from text as versionTooNew", () => {
    const text = JSON.stringify({ ...minimalDocument(), version: 2 });
    expect(loadDesignText(text).kind).toBe("versionTooNew");
  });
});
