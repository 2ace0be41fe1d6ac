import { error, type Diagnostic } from "../model";

/**
 * SageMaker takes the first capture group of each metric regex as the value, so a regex must
 * compile and have exactly one capturing group.
 */
export function metricRegexProblem(regex: string): string | null {
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex);
  } catch (cause) {
    return `does not compile: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
  const groups = new RegExp(`${compiled.source}|`).exec("")!.length - 1;
  return groups === 1 ? null : `must have exactly one capture group, has ${groups}`;
}

export function metricDiagnostics(stepId: string, value: unknown): Diagnostic[] {
  if (!Array.isArray(value)) return [];
  const found: Diagnostic[] = [];
  const names = new Set<string>();
  value.forEach((metric: { name: string; regex: string }, index) => {
    const problem = metricRegexProblem(metric.regex);
    if (problem)
      found.push(
        error("PD306", `metric "${metric.name}": regex ${problem}`, {
          stepId,
          path: `metricDefinitions[${index}].regex`,
        }),
      );
    if (names.has(metric.name))
      found.push(
        error("PD306", `metric name "${metric.name}" is used twice`, {
          stepId,
          path: `metricDefinitions[${index}].name`,
        }),
      );
    names.add(metric.name);
  });
  return found;
}
