import { describe, expect, it } from "vitest";
import { LABEL_STYLE_METRICS, LOGGER_STYLE_METRICS } from "../../catalog";
import {
  effectiveMetricList,
  matchLogLines,
  metricListForCommit,
  metricListOf,
  metricRowProblems,
  sameMetricList,
} from "./metricMatching";

describe("metricRowProblems", () => {
  it("accepts the presets", () => {
    for (const preset of [LOGGER_STYLE_METRICS, LABEL_STYLE_METRICS])
      expect(metricRowProblems(preset).every((row) => !row.name && !row.regex)).toBe(true);
  });

  it("flags missing or duplicate names and bad regexes", () => {
    const problems = metricRowProblems([
      { name: "", regex: "a=(\\d+)" },
      { name: "Loss", regex: "loss=([0-9" },
      { name: "Loss", regex: "loss=(\\d+) acc=(\\d+)" },
      { name: "No group", regex: "loss=\\d+" },
      { name: "Empty", regex: "" },
    ]);
    expect(problems[0]).toEqual({ name: "is required", regex: null });
    expect(problems[1]?.name).toBe("is used twice");
    expect(problems[1]?.regex).toMatch(/^does not compile/);
    expect(problems[2]?.regex).toBe("must have exactly one capture group, has 2");
    expect(problems[3]).toEqual({
      name: null,
      regex: "must have exactly one capture group, has 0",
    });
    expect(problems[4]?.regex).toBe("is required");
  });
});

describe("metric lists", () => {
  it("drops rows left blank when committing", () => {
    expect(
      metricListForCommit([
        { name: "A", regex: "a=(\\d)" },
        { name: " ", regex: "" },
        { name: "", regex: "b=(\\d)" },
      ]),
    ).toEqual([
      { name: "A", regex: "a=(\\d)" },
      { name: "", regex: "b=(\\d)" },
    ]);
  });

  it("compares by content and reads stored values defensively", () => {
    expect(sameMetricList(LABEL_STYLE_METRICS, [...LABEL_STYLE_METRICS])).toBe(true);
    expect(sameMetricList(LABEL_STYLE_METRICS, LOGGER_STYLE_METRICS)).toBe(false);
    expect(metricListOf(undefined)).toBeUndefined();
    expect(metricListOf([{ name: "A" }, null])).toEqual([
      { name: "A", regex: "" },
      { name: "", regex: "" },
    ]);
  });
});

describe("effectiveMetricList", () => {
  const step = (type: string, config: Record<string, unknown>) => ({
    id: "s",
    type,
    name: "S",
    position: { x: 0, y: 0 },
    config,
  });

  it("is the stored list, else the step type's default preset", () => {
    expect(effectiveMetricList(step("XGBoostTraining", {}))).toEqual(LABEL_STYLE_METRICS);
    expect(effectiveMetricList(step("PyTorchTraining", {}))).toEqual(LOGGER_STYLE_METRICS);
    const own = [{ name: "A", regex: "a=(\\d)" }];
    expect(effectiveMetricList(step("XGBoostTraining", { metricDefinitions: own }))).toEqual(own);
    expect(effectiveMetricList(step("DataLoad", {}))).toEqual([]);
  });
});

describe("matchLogLines", () => {
  const log = [
    "epoch 1 train_loss=0.52 val_loss=0.61",
    "",
    "Validation F1 Score: 0.81 Validation AUC ROC: 0.9",
    "nothing to see here",
    "train_loss=0.4 train_loss=0.3",
  ].join("\n");

  it("reports per line which metrics match, with the first capture group of the first match", () => {
    const result = matchLogLines(log, [...LOGGER_STYLE_METRICS, ...LABEL_STYLE_METRICS.slice(2)]);
    expect(result.totalLines).toBe(4);
    expect(result.lines.map((line) => line.lineNumber)).toEqual([1, 3, 4, 5]);
    expect(result.lines[0]?.matches).toEqual([
      { metric: "Train Loss", value: "0.52", numeric: true },
      { metric: "Validation Loss", value: "0.61", numeric: true },
    ]);
    expect(result.lines[1]?.matches.map((match) => [match.metric, match.value])).toEqual([
      ["Validation F1 Score", "0.81"],
      ["Validation AUC ROC", "0.9"],
    ]);
    expect(result.lines[2]?.matches).toEqual([]);
    expect(result.lines[3]?.matches).toEqual([
      { metric: "Train Loss", value: "0.4", numeric: true },
    ]);
    expect(result.counts.find((count) => count.metric === "Train Loss")?.count).toBe(2);
    expect(result.skipped).toEqual([]);
  });

  it("skips broken regexes, flags non-numeric values and groups that did not capture", () => {
    const result = matchLogLines("loss=abc\nloss=\r\nstep 3", [
      { name: "Loss", regex: "loss=(\\w*)" },
      { name: "Step", regex: "step (x)?" },
      { name: "Broken", regex: "(" },
    ]);
    expect(result.skipped).toEqual(["Broken"]);
    expect(result.lines.map((line) => line.matches)).toEqual([
      [{ metric: "Loss", value: "abc", numeric: false }],
      [{ metric: "Loss", value: "", numeric: false }],
      [{ metric: "Step", value: null, numeric: false }],
    ]);
  });

  it("shows at most maxLines lines but counts them all", () => {
    const text = Array.from({ length: 10 }, (_, i) => `train_loss=${i}`).join("\n");
    const result = matchLogLines(text, LOGGER_STYLE_METRICS, 3);
    expect(result.lines).toHaveLength(3);
    expect(result.totalLines).toBe(10);
    expect(result.counts[0]).toEqual({ metric: "Train Loss", count: 10 });
  });
});
