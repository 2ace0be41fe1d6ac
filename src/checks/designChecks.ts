import { conditionOperands, XGBOOST_DATA_CHANNELS, type Operand } from "../catalog";
import type { ResolvedStep } from "../compiler";
import { formatPath, warning, error, type Design, type Diagnostic } from "../model";
import { closest } from "./containerPaths";
import { outputContents, type CheckContext } from "./contents";
import { list } from "./context";
import { asEvaluation, metricPathProblem, reportFile, reportShape } from "./evaluationChecks";

/**
 * Cross-step findings on steps without code of their own: a condition's or fail message's metric
 * must be a key path its evaluation script writes into the report (PD545); a batch transform's
 * input folder and an XGBoost job's channel folders must be ones the producer writes (PD541).
 */
export function designFindings(design: Design, context: CheckContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const metric = (stepId: string, operand: Operand, path: (string | number)[]) => {
    if (!("metric" in operand)) return;
    const evaluation = asEvaluation(context.resolved.get(operand.metric.step));
    const scripts = context.scripts.get(operand.metric.step);
    const listed = evaluation?.config.metrics.find((entry) => entry.name === operand.metric.name);
    if (!evaluation || !scripts || !listed) return;
    const shape = reportShape(scripts, evaluation.config);
    if (!shape) return;
    const { config } = evaluation;
    const file = reportFile(scripts, config);
    const problem = metricPathProblem(shape, listed.jsonPath, file, config.reportFile);
    if (!problem) return;
    found.push(
      error("PD545", `metric ${evaluation.step.name}.${listed.name}: ${problem.message}`, {
        stepId,
        path: formatPath(path),
        ...(problem.suggestion
          ? {
              fix: {
                message: `set ${evaluation.step.name}'s metric ${listed.name} to ${problem.suggestion}`,
              },
            }
          : {}),
      }),
    );
  };
  for (const step of design.steps) {
    const resolved = context.resolved.get(step.id);
    if (!resolved) continue;
    if (resolved.type === "Condition")
      resolved.config.conditions.forEach((condition, index) => {
        for (const { operand, path } of conditionOperands(condition, ["conditions", index]))
          metric(step.id, operand, path);
      });
    else if (resolved.type === "Fail")
      resolved.config.errorMessage.forEach((part, index) => {
        if (typeof part !== "string") metric(step.id, part, ["errorMessage", index]);
      });
    else found.push(...folderFindings(design, resolved, context));
  }
  return found;
}

/** The folders a step without a script reads below a link's data: transform input, XGBoost channels. */
function folderFindings(
  design: Design,
  resolved: ResolvedStep,
  context: CheckContext,
): Diagnostic[] {
  const source = (input: string) =>
    design.edges.find((edge) => edge.to.step === resolved.step.id && edge.to.input === input)?.from;
  const check = (input: string, folder: string, path: string, what: string) => {
    const from = source(input);
    const contents = from && outputContents(context, from.step, from.output);
    const name = folder.replace(/\/.*$/, "");
    if (!contents || !name || contents.names.has(name)) return [];
    const match = closest(name, contents.names);
    return [
      warning(
        "PD541",
        `${what} reads ${from.output}/${folder}, but ${contents.source} only ${list([...contents.names].sort())} into ${from.output}`,
        {
          stepId: resolved.step.id,
          path,
          ...(match ? { fix: { message: `did you mean ${match}/?` } } : {}),
        },
      ),
    ];
  };
  if (resolved.type === "BatchTransform")
    return check("input_data", resolved.config.inputFolder, "inputFolder", "the transform");
  if (resolved.type === "XGBoostTraining")
    return Object.entries(XGBOOST_DATA_CHANNELS).flatMap(([channel, folder]) =>
      check("input_path", folder, "inputs.input_path", `the ${channel} channel`),
    );
  return [];
}
