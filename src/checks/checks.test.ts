import { beforeAll, describe, expect, it } from "vitest";
import { STEP_TYPES, stepType } from "../catalog";
import { loadPythonParser } from "../cli/pythonParser";
import { specAlignmentFindings } from "./alignmentChecks";
import { closest, editDistance, pathProblem } from "./containerPaths";
import { lineCanMatch, metricExample, printedLines } from "./metricSamples";
import { CHECK_PROFILES } from "./profiles";
import { jsonPathSegments, leafPaths, missAt, ShapeReader } from "./reportShape";
import { readScript } from "./scriptFacts";
import type { PythonParser } from "./syntax";

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

const CHANNELS = ["/opt/ml/input/data/train", "/opt/ml/input/data/validation", "/opt/ml/model"];

describe("container paths", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("trian", "train")).toBe(1);
    expect(closest("trian", ["test", "train", "validation"])).toBe("train");
    expect(closest("features", ["test", "train"])).toBeNull();
  });

  it("accepts paths at, above or below an open directory, and names the first unknown segment", () => {
    expect(pathProblem("/opt/ml/input/data/train/part-0.csv", CHANNELS, [])).toBeNull();
    expect(pathProblem("/opt/ml/input", CHANNELS, [])).toBeNull();
    expect(pathProblem("/opt/ml/input/data/trian/x.csv", CHANNELS, [])).toEqual({
      known: "/opt/ml/input/data",
      segment: "trian",
      segmentStart: 19,
      suggestion: "/opt/ml/input/data/train/x.csv",
      siblings: ["train", "validation"],
    });
    expect(pathProblem("/opt/ml/outputs", CHANNELS, [])?.suggestion).toBeNull();
  });
});

describe("constant propagation", () => {
  it("follows constants, joins, env defaults, loop variables and call-site arguments", () => {
    const facts = readScript(
      parser,
      "t.py",
      [
        "import os",
        "from pathlib import Path",
        'ROOT = Path(os.environ.get("SM_INPUT_DIR", "/opt/ml/input"))',
        'def read(split):\n    return ROOT / "data" / split',
        'for name in ("train", "validation"):\n    read(name)',
        'read("test")',
        "out = os.path.join('/opt/ml/output/data', unknown_name)",
      ].join("\n"),
    );
    const texts = facts.paths.map((use) => `${use.value.text}${use.value.open ? "…" : ""}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        "/opt/ml/input/data/train",
        "/opt/ml/input/data/validation",
        "/opt/ml/input/data/test",
        "/opt/ml/output/data/…",
      ]),
    );
    expect(facts.envReads.map((read) => [read.name, read.hard])).toEqual([["SM_INPUT_DIR", false]]);
  });
});

describe("metric regexes against printed lines", () => {
  it("builds a sample from a regex, and matches f-strings, %-format and unknown labels", () => {
    expect(metricExample("Train Loss: ([0-9\\.]+)")).toBe("Train Loss: 0.5");
    expect(metricExample("(?:train|val)_loss=([0-9.]+)")).toBeNull();
    const facts = readScript(
      parser,
      "t.py",
      [
        'print(f"epoch={e}\\ntrain_loss={loss:.4f}")',
        'logger.info("val_loss: %.3f", v)',
        'print(f"{label} Loss: {value:.4f}")',
        'print(f"Saved to {path}")',
      ].join("\n"),
    );
    const lines = printedLines(facts);
    const matches = (regex: string) =>
      lines.some((line) => lineCanMatch(line, new RegExp(regex), metricExample(regex)));
    expect(matches("train_loss=([0-9\\.]+)")).toBe(true);
    expect(matches("val_loss: ([0-9\\.]+)")).toBe(true);
    expect(matches("Validation Loss: ([0-9\\.]+)")).toBe(true);
    expect(matches("val/auroc=([0-9\\.]+)")).toBe(false);
  });
});

describe("contract ↔ spec alignment", () => {
  it("holds for every catalog step type", () => {
    for (const definition of STEP_TYPES)
      expect(
        specAlignmentFindings(definition, CHECK_PROFILES[definition.type]),
        definition.type,
      ).toEqual([]);
  });

  it("finds a contract output without a spec output, a wrong property path and a path outside the roots", () => {
    const definition = stepType("TabularPreprocessing")!;
    const broken = {
      ...definition,
      contract: { ...definition.contract, outputPaths: { processed: "/tmp/out" } },
      outputs: definition.outputs.map((output) => ({
        ...output,
        propertyPath: "ModelArtifacts.S3ModelArtifacts",
      })),
    };
    expect(
      specAlignmentFindings(broken, CHECK_PROFILES.TabularPreprocessing).map(
        (finding) => finding.message,
      ),
    ).toEqual([
      "TabularPreprocessing: contract output processed is no output of the spec",
      "TabularPreprocessing: output processed_data has no container path in the contract",
      "TabularPreprocessing: output processed_data has property path ModelArtifacts.S3ModelArtifacts; a Processing step exposes ProcessingOutputConfig.Outputs['processed_data'].S3Output.S3Uri",
      "TabularPreprocessing: container path /tmp/out is outside /opt/ml/processing/, /opt/ml/input/data, /opt/ml/model, /opt/ml/output/data and /opt/ml/checkpoints",
    ]);
  });
});

describe("the JSON a script writes (report shapes)", () => {
  const shapeOf = (source: string, name = "report") => {
    const facts = readScript(parser, "e.py", `${source}\njson.dump(${name}, f)\n`);
    const dumped = facts.calls.find((call) => call.text.startsWith("json.dump"));
    return new ShapeReader(facts).shape(
      dumped?.childForFieldName("arguments")?.namedChild(0) ?? null,
    );
  };
  const paths = (source: string) => leafPaths(shapeOf(source)).sort();

  it("reads dict literals, splats, dict(), comprehensions over literal keys and local functions", () => {
    expect(
      paths(
        [
          'BASE = {"rows": 10}',
          'NAMES = ("auc", "f1")',
          "def scores():",
          '    return {name: {"value": 0.5} for name in NAMES}',
          'report = {"metrics": scores(), **BASE, "extra": dict(a=1, b=[1, 2])}',
        ].join("\n"),
      ),
    ).toEqual(["extra.a", "extra.b[0]", "metrics.auc.value", "metrics.f1.value", "rows"]);
  });

  it("follows assignments by key and update() after the dict is made", () => {
    expect(
      paths(
        [
          "report = {}",
          'report["metrics"] = {}',
          'report["metrics"]["auc"] = {"value": float(x)}',
          'report["metrics"].update(f1={"value": 1}, **{"loss": {"value": 2}})',
          'report.update({"rows": len(x)})',
        ].join("\n"),
      ),
    ).toEqual(["metrics.auc.value", "metrics.f1.value", "metrics.loss.value", "rows"]);
  });

  it("says where the path stops, what is there, and gives up on what it cannot follow", () => {
    const shape = shapeOf('report = {"metrics": {"auc": {"value": 0.9}}}');
    expect(missAt(shape, "metrics.auc.value")).toBeNull();
    expect(missAt(shape, "metrics.acu.value")).toMatchObject({
      found: "metrics",
      reason: "missing",
      siblings: ["auc"],
      segment: "acu",
    });
    expect(missAt(shape, "metrics.auc")).toMatchObject({ reason: "an-object" });
    expect(missAt(shape, "metrics.auc.value.x")).toMatchObject({ reason: "not-an-object" });
    // A call the checks do not know may return any dict; a key they cannot read, any key.
    expect(missAt(shapeOf("report = build(x)"), "metrics.anything")).toBeNull();
    expect(missAt(shapeOf('report = {"metrics": {k: 1}}'), "metrics.anything")).toBeNull();
    expect(jsonPathSegments("scores[2].f1.value")).toEqual(["scores", 2, "f1", "value"]);
  });
});
