import { isParameterRef, type Design } from "../model";
import { pythonJsonDumps } from "./pythonJson";
import {
  FRAMEWORK_HYPERPARAMETERS,
  JOB,
  MODEL_SCRIPT_ENV,
  plural,
  SAGEMAKER_LIMITS,
  sent,
  type At,
  type Config,
} from "./serviceLimits";
import type { ResolvedStep } from "./validate";

// What a training or model container is given: metric definitions, hyperparameters, environment.

export function metricLimits(metrics: readonly { name: string; regex: string }[], at: At) {
  const { count, name, regex } = SAGEMAKER_LIMITS.metrics;
  if (metrics.length > count) {
    at(
      "PD306",
      "metricDefinitions",
      `${metrics.length} metric definitions; SageMaker accepts at most ${count} — remove ${metrics.length - count}`,
    );
  }
  metrics.forEach((metric, index) => {
    for (const [part, max] of [
      ["name", name],
      ["regex", regex],
    ] as const) {
      const length = metric[part].length;
      if (length <= max) continue;
      at(
        "PD306",
        `metricDefinitions[${index}].${part}`,
        `metric ${index + 1} ("${metric.name.slice(0, 30)}"): its ${part} is ${length} characters; SageMaker accepts at most ${max} — shorten it`,
      );
    }
  });
}

export function hyperparameterLimits(design: Design, record: Config, at: At) {
  const { count, key: keyMax, value: valueMax } = SAGEMAKER_LIMITS.hyperparameters;
  const keys = new Set([...Object.keys(record), ...FRAMEWORK_HYPERPARAMETERS]);
  if (keys.size > count) {
    const own = keys.size - FRAMEWORK_HYPERPARAMETERS.length;
    at(
      "PD309",
      "hyperparameters",
      `${plural(own, "hyperparameter")} plus the ${FRAMEWORK_HYPERPARAMETERS.length} the estimator adds (sagemaker_program, …) make ${keys.size}; SageMaker accepts at most ${count} — remove ${keys.size - count}`,
    );
  }
  for (const [key, value] of Object.entries(record)) {
    const path = `hyperparameters.${key}`;
    if (key.length > keyMax) {
      at(
        "PD309",
        path,
        `hyperparameter name "${key.slice(0, 20)}…" is ${key.length} characters; SageMaker accepts at most ${keyMax} — shorten it`,
      );
    }
    // As sent: JSON text (steps/training.ts encodeHyperparameter); a parameter's value as text.
    const found = sent(design, value);
    if (found === undefined) continue;
    const text = isParameterRef(value) ? String(found.value) : pythonJsonDumps(found.value);
    if (text.length > valueMax) {
      at(
        "PD309",
        path,
        `hyperparameter "${key}"${found.via} is ${text.length} characters as sent; SageMaker accepts at most ${valueMax} — shorten it or ship it with the code`,
      );
    }
  }
}

/** The environment the compiler renders, as key → [value, config path of the value]. */
function renderedEnv(entry: ResolvedStep): Map<string, [string, string]> {
  const env = new Map<string, [string, string]>();
  for (const [key, value] of Object.entries(entry.definition.contract.envDefaults))
    env.set(key, [value, "env"]);
  // steps/processing.ts processingFacts: the typed fields the script contract reads.
  if (entry.type === "DataLoad" || entry.type === "TabularPreprocessing")
    env.set("OUTPUT_FORMAT", [entry.config.outputFormat, "outputFormat"]);
  if (entry.type === "TabularPreprocessing") {
    const { config } = entry;
    env.set("LABEL_FIELD", [config.labelName, "labelName"]);
    env.set("TRAIN_RATIO", [String(config.trainRatio), "trainRatio"]);
    env.set("TEST_VAL_RATIO", [String(config.testValRatio), "testValRatio"]);
  }
  if ("env" in entry.config)
    for (const [key, value] of Object.entries(entry.config.env))
      env.set(key, [value, `env.${key}`]);
  const kind = entry.definition.sagemakerKind;
  if (kind === "Model" || kind === "RegisterModel")
    for (const key of MODEL_SCRIPT_ENV) if (!env.has(key)) env.set(key, ["", "env"]);
  return env;
}

export function envLimits(design: Design, entry: ResolvedStep, at: At) {
  const kind = entry.definition.sagemakerKind;
  const limits = SAGEMAKER_LIMITS.env[kind];
  if (!limits) return;
  const { count, key: keyMax, value: valueMax } = limits;
  const env = renderedEnv(entry);
  if (env.size > count) {
    const added = [...env.values()].filter(([, path]) => !path.startsWith("env.")).length;
    at(
      "PD310",
      "env",
      `the step's container gets ${env.size} environment variables (${added} of them set by the step type); SageMaker accepts at most ${count} for ${JOB[kind]} — remove ${env.size - count}`,
    );
  }
  for (const [key, [value, path]] of env) {
    if (key.length > keyMax) {
      at(
        "PD310",
        path,
        `environment variable name "${key.slice(0, 20)}…" is ${key.length} characters; SageMaker accepts at most ${keyMax} for ${JOB[kind]} — shorten it`,
      );
    }
    if (value.length > valueMax) {
      const what = path.startsWith("env") ? `the value of ${key}` : `${path} (sent as ${key})`;
      at(
        "PD310",
        path,
        `${what} is ${value.length} characters; SageMaker accepts at most ${valueMax} for ${JOB[kind]} — shorten it`,
      );
    }
  }
}
