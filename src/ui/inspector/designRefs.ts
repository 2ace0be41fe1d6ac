import { stepType, type MessagePart, type Operand } from "../../catalog";
import type { Design, Step } from "../../model";
import { stringRatio } from "../../resolver";
import { evaluationMetricNames } from "../../store/stepDefaults";

/** A metric an evaluation step's report holds, as conditions and fail messages offer it. */
export interface MetricChoice {
  stepId: string;
  stepName: string;
  name: string;
  /** `StepName.metric`, what the pickers and message templates show. */
  label: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether a step's type writes an evaluation report (its metrics can be read by conditions). */
export function isEvaluationStep(step: Step): boolean {
  return stepType(step.type)?.category === "Evaluation";
}

/** The metric names an evaluation step lists (its own, else the type's default list). */
export const metricNamesOf = (step: Step): string[] => evaluationMetricNames(step);

/** Every metric of every evaluation step of the design, in design order. */
export function metricChoices(design: Design): MetricChoice[] {
  return design.steps.flatMap((step) =>
    metricNamesOf(step).map((name) => ({
      stepId: step.id,
      stepName: step.name,
      name,
      label: `${step.name}.${name}`,
    })),
  );
}

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: optimal string alignment. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The closest of `candidates` to `text`, when it is close enough to be a likely typo: a swap of
 * two letters or one edit per three characters, else a high similarity.
 */
export function nearest(text: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number; ratio: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(text.toLowerCase(), name.toLowerCase());
    const ratio = stringRatio(text.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance || (distance === best.distance && ratio > best.ratio))
      best = { name, distance, ratio };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(text.length, best.name.length) / 3));
  return best.distance <= allowed || best.ratio >= 0.75 ? best.name : undefined;
}

const didYouMean = (text: string, candidates: readonly string[]) => {
  const found = nearest(text, candidates);
  return found ? `; did you mean "${found}"?` : "";
};

// ---- Fail message templates: "AUC {Evaluate.auc} below {Threshold}" ⇄ message parts ----

/** A message's parts as template text: `{Param}`, `{Step.metric}`, `{Step.Property}`; `{` doubled. */
export function formatMessage(parts: unknown, design: Design): string {
  if (typeof parts === "string") return escapeBraces(parts);
  if (!Array.isArray(parts)) return "";
  const nameOf = (id: string) => design.steps.find((step) => step.id === id)?.name ?? id;
  return parts
    .map((part: unknown) => {
      if (typeof part === "string") return escapeBraces(part);
      if (!isRecord(part)) return "";
      if ("literal" in part) return escapeBraces(String(part.literal));
      if (typeof part.parameter === "string") return `{${part.parameter}}`;
      const metric = part.metric;
      if (isRecord(metric) && typeof metric.step === "string")
        return `{${nameOf(metric.step)}.${String(metric.name)}}`;
      const property = part.property;
      if (isRecord(property) && typeof property.step === "string")
        return `{${nameOf(property.step)}.${String(property.path)}}`;
      return "";
    })
    .join("");
}

const escapeBraces = (text: string) => text.replace(/\{/g, "{{");

export type ParsedMessage =
  { ok: true; parts: MessagePart[] } | { ok: false; message: string; column: number };

/**
 * Template text → message parts. `{Name}` is a pipeline parameter, `{Step.metric}` a metric of an
 * evaluation step, `{Step.Property.Path}` a step property (PascalCase, as SageMaker names them);
 * `{{` is a literal `{`. An unknown name is refused with its column (1-based) and the nearest name.
 */
export function parseMessage(text: string, design: Design): ParsedMessage {
  const parts: MessagePart[] = [];
  let literal = "";
  const flush = () => {
    if (literal !== "") parts.push(literal);
    literal = "";
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char !== "{") {
      literal += char;
      index++;
      continue;
    }
    if (text[index + 1] === "{") {
      literal += "{";
      index += 2;
      continue;
    }
    const close = text.indexOf("}", index);
    const column = index + 1;
    if (close < 0)
      return {
        ok: false,
        column,
        message: `column ${column}: "{" is not closed; write {{ for a literal brace`,
      };
    const name = text.slice(index + 1, close).trim();
    const operand = resolveName(name, design);
    if (!operand.ok)
      return { ok: false, column, message: `column ${column}: {${name}}: ${operand.message}` };
    flush();
    parts.push(operand.operand);
    index = close + 1;
  }
  flush();
  return { ok: true, parts };
}

function resolveName(
  name: string,
  design: Design,
): { ok: true; operand: Operand } | { ok: false; message: string } {
  if (name === "") return { ok: false, message: "empty: name a parameter or Step.metric" };
  const dot = name.indexOf(".");
  if (dot < 0) {
    const parameters = design.pipeline.parameters.map((parameter) => parameter.name);
    if (parameters.includes(name)) return { ok: true, operand: { parameter: name } };
    return {
      ok: false,
      message: `no pipeline parameter named "${name}"${didYouMean(name, parameters)}`,
    };
  }
  const stepName = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  const step = design.steps.find((candidate) => candidate.name === stepName);
  if (!step) {
    const names = design.steps.map((candidate) => candidate.name);
    return { ok: false, message: `no step named "${stepName}"${didYouMean(stepName, names)}` };
  }
  if (rest === "") return { ok: false, message: `name a metric or property of ${stepName}` };
  const metrics = metricNamesOf(step);
  if (metrics.includes(rest))
    return { ok: true, operand: { metric: { step: step.id, name: rest } } };
  if (/^[A-Z]/.test(rest))
    return { ok: true, operand: { property: { step: step.id, path: rest } } };
  if (isEvaluationStep(step))
    return {
      ok: false,
      message: `${stepName} has no metric "${rest}"${didYouMean(rest, metrics)} (its metrics: ${metrics.join(", ") || "none"})`,
    };
  return {
    ok: false,
    message: `${stepName} is not an evaluation step: name one of its properties, e.g. {${stepName}.${propertyExample(step)}}`,
  };
}

function propertyExample(step: Step): string {
  switch (stepType(step.type)?.sagemakerKind) {
    case "Training":
      return "TrainingJobStatus";
    case "Processing":
      return "ProcessingJobStatus";
    case "Transform":
      return "TransformJobStatus";
    case "Model":
      return "ModelName";
    case "RegisterModel":
      return "ModelPackageArn";
    default:
      return "Name";
  }
}

/** Parts to store: nothing for an empty message (the default), adjacent texts joined. */
export function messageToStore(parts: readonly MessagePart[]): MessagePart[] | undefined {
  return parts.length === 0 ? undefined : [...parts];
}
