import { stepType } from "../catalog";
import type { Design, Step } from "../model";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The config schema's default of one field, read off the schema (undefined when it has none). */
function schemaDefault(type: string, key: string): unknown {
  const shape = (stepType(type)?.configSchema as { shape?: Record<string, unknown> } | undefined)
    ?.shape;
  const schema = shape?.[key] as {
    safeParse?: (value: unknown) => { success: boolean; data?: unknown };
  };
  const parsed = schema?.safeParse?.(undefined);
  return parsed?.success ? parsed.data : undefined;
}

/** The metric names an evaluation step's report lists (its own list, else the type's default). */
export function evaluationMetricNames(step: Step): string[] {
  if (stepType(step.type)?.category !== "Evaluation") return [];
  const stored = step.config.metrics;
  const list = Array.isArray(stored) ? stored : schemaDefault(step.type, "metrics");
  if (!Array.isArray(list)) return [];
  return list
    .map((metric) => (isRecord(metric) && typeof metric.name === "string" ? metric.name : ""))
    .filter((name) => name !== "");
}

/**
 * The config a step starts with beyond its type's defaults: a Condition added next to an
 * evaluation step tests that step's first metric ≥ 0.7 (docs/gated-steps.md); others start empty.
 */
export function initialConfig(
  design: Design,
  type: string,
  anchorId: string | null,
): Record<string, unknown> {
  if (stepType(type)?.sagemakerKind !== "Condition" || !anchorId) return {};
  const anchor = design.steps.find((step) => step.id === anchorId);
  const metric = anchor && evaluationMetricNames(anchor)[0];
  if (!anchor || !metric) return {};
  return {
    conditions: [
      {
        type: "GreaterThanOrEqualTo",
        left: { metric: { step: anchor.id, name: metric } },
        right: { literal: 0.7 },
      },
    ],
  };
}
