import type { z } from "zod";
import { stepType, type MetricDefinition } from "../../catalog";
import { metricRegexProblem } from "../../compiler";
import type { Step } from "../../model";

/** Problems of one metric definition row, worded to follow "Name " / "Regex " ("is required"). */
export interface MetricRowProblems {
  name: string | null;
  regex: string | null;
}

/** What one metric found on one log line. */
export interface MetricMatch {
  metric: string;
  /** The first capture group, or null when the group did not take part in the match. */
  value: string | null;
  /** SageMaker keeps only values that parse as numbers. */
  numeric: boolean;
}

export interface LogLineResult {
  /** 1-based line number in the pasted text. */
  lineNumber: number;
  text: string;
  matches: MetricMatch[];
}

export interface LogMatchResult {
  /** Non-blank lines, up to the limit. */
  lines: LogLineResult[];
  /** How many non-blank lines the text has. */
  totalLines: number;
  /** Per metric (in definition order): how many lines it matched. */
  counts: { metric: string; count: number }[];
  /** Metrics not tried because their regex has a problem. */
  skipped: string[];
}

/** Schema limits of a metric definition (catalog `MetricDefinitionSchema`). */
const NAME_MAX = 255;
const REGEX_MAX = 500;

/** Checks each row: name present, unique and short enough; regex compiles with one capture group. */
export function metricRowProblems(metrics: readonly MetricDefinition[]): MetricRowProblems[] {
  const seen = new Map<string, number>();
  for (const metric of metrics) seen.set(metric.name, (seen.get(metric.name) ?? 0) + 1);
  return metrics.map((metric) => ({
    name:
      metric.name.trim() === ""
        ? "is required"
        : metric.name.length > NAME_MAX
          ? `is longer than ${NAME_MAX} characters`
          : (seen.get(metric.name) ?? 0) > 1
            ? "is used twice"
            : null,
    regex:
      metric.regex === ""
        ? "is required"
        : metric.regex.length > REGEX_MAX
          ? `is longer than ${REGEX_MAX} characters`
          : metricRegexProblem(metric.regex),
  }));
}

/** The list to store: rows left entirely blank (just added, never filled) are dropped. */
export function metricListForCommit(draft: readonly MetricDefinition[]): MetricDefinition[] {
  return draft
    .filter((metric) => metric.name.trim() !== "" || metric.regex !== "")
    .map((metric) => ({ name: metric.name, regex: metric.regex }));
}

export function sameMetricList(
  a: readonly MetricDefinition[],
  b: readonly MetricDefinition[],
): boolean {
  return (
    a.length === b.length &&
    a.every((metric, index) => metric.name === b[index]?.name && metric.regex === b[index]?.regex)
  );
}

/** A stored `metricDefinitions` value as a clean list (anything malformed reads as text). */
export function metricListOf(value: unknown): MetricDefinition[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((entry: unknown) => {
    const metric = (typeof entry === "object" && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    return {
      name: typeof metric.name === "string" ? metric.name : "",
      regex: typeof metric.regex === "string" ? metric.regex : "",
    };
  });
}

function isNumeric(value: string): boolean {
  return value.trim() !== "" && Number.isFinite(Number(value));
}

/**
 * Runs the metric regexes over pasted training-log lines the way SageMaker does: per line and
 * per regex, the first match counts and its first capture group is the value. Uses JavaScript's
 * regex engine, which differs from SageMaker's in some details.
 */
export function matchLogLines(
  text: string,
  metrics: readonly MetricDefinition[],
  maxLines = 500,
): LogMatchResult {
  const problems = metricRowProblems(metrics);
  const usable: { metric: string; regex: RegExp }[] = [];
  const skipped: string[] = [];
  metrics.forEach((metric, index) => {
    if (problems[index]?.regex) skipped.push(metric.name || `metric ${index + 1}`);
    else usable.push({ metric: metric.name, regex: new RegExp(metric.regex) });
  });
  const counts = usable.map(({ metric }) => ({ metric, count: 0 }));
  const lines: LogLineResult[] = [];
  let totalLines = 0;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    totalLines += 1;
    const matches: MetricMatch[] = [];
    usable.forEach(({ metric, regex }, metricIndex) => {
      const found = regex.exec(line);
      if (!found) return;
      const value = found[1] ?? null;
      matches.push({ metric, value, numeric: value !== null && isNumeric(value) });
      (counts[metricIndex] as { count: number }).count += 1;
    });
    if (lines.length < maxLines) lines.push({ lineNumber: index + 1, text: line, matches });
  });
  return { lines, totalLines, counts, skipped };
}

/**
 * The metric definitions a step compiles with: its stored list, else its type's default (the
 * schema's `.default`, e.g. the label-style preset for XGBoost).
 */
export function effectiveMetricList(step: Step): MetricDefinition[] {
  const stored = metricListOf(step.config.metricDefinitions);
  if (stored) return stored;
  const shape = (stepType(step.type)?.configSchema as { shape?: Record<string, z.ZodType> })?.shape;
  const parsed = shape?.metricDefinitions?.safeParse(undefined);
  return (parsed?.success ? metricListOf(parsed.data) : undefined) ?? [];
}
