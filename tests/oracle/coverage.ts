// What the compared designs exercised: printed with every run, so a generator change that stops
// covering something (a step type, a framework/py version pair, bound parameters, …) shows.
import { processorFor } from "../../src/catalog";
import type { Design } from "../../src/model";
import { PROTOTYPE_KEYS, versionPairs } from "./arbitraries";

const isRef = (value: unknown): value is { parameter: string } =>
  typeof value === "object" && value !== null && "parameter" in value;

/** Whether a record holds a key such as `__proto__` (issue 14) as its own. */
const prototypeKeyed = (record: unknown): boolean =>
  typeof record === "object" &&
  record !== null &&
  PROTOTYPE_KEYS.some((key) => Object.hasOwn(record, key));

/** Feature → how many designs have it; plus the framework/py pairs seen. */
export class Coverage {
  readonly features = new Map<string, number>();
  readonly pairs = { pytorch: new Set<string>(), xgboost: new Set<string>() };

  private count(feature: string): void {
    this.features.set(feature, (this.features.get(feature) ?? 0) + 1);
  }

  add(design: Design): void {
    const seen = new Set<string>();
    const defaults = new Map(design.pipeline.parameters.map((p) => [p.name, p.default]));
    const concrete = (value: unknown) =>
      String(isRef(value) ? defaults.get(value.parameter) : value);
    for (const step of design.steps) {
      const config = step.config;
      seen.add(`step ${step.type}`);
      if (JSON.stringify(config).includes('{"parameter":')) seen.add("parameter bound to a field");
      if (config.env && Object.keys(config.env).length > 0) seen.add("environment");
      if (config.dependsOn) seen.add("dependsOn");
      const code = config.code as { s3Uri?: string; files?: unknown } | undefined;
      if (code?.s3Uri) seen.add("code in S3");
      if (prototypeKeyed(config.hyperparameters)) seen.add("hyperparameter named like __proto__");
      if (prototypeKeyed(config.env)) seen.add("env named like __proto__");
      if (prototypeKeyed(code?.files)) seen.add("inline file named like __proto__");
      if (String(config.entryPoint ?? "").includes("/")) seen.add("nested entry point");
      if (step.type.endsWith("Model") && !code) seen.add("model without code");
      if (step.type === "PyTorchTraining" || step.type === "XGBoostTraining") {
        const framework = step.type === "PyTorchTraining" ? "pytorch" : "xgboost";
        const version =
          (config.frameworkVersion as string) ?? (framework === "pytorch" ? "2.1.0" : "1.7-1");
        const py = (config.pyVersion as string) ?? (framework === "pytorch" ? "py310" : "py3");
        this.pairs[framework].add(`${version}/${py}`);
        const instance =
          config.instanceType ?? (framework === "pytorch" ? "ml.g5.12xlarge" : "ml.m5.4xlarge");
        seen.add(`training on ${processorFor(concrete(instance)) ?? "other"}`);
        if (Array.isArray(config.metricDefinitions) && config.metricDefinitions.length > 0)
          seen.add("custom metrics");
        if (Array.isArray(config.metricDefinitions) && config.metricDefinitions.length === 0)
          seen.add("no metrics");
        const checkpoint = config.checkpoint as { enabled?: boolean } | undefined;
        if (checkpoint) seen.add(`checkpoint ${checkpoint.enabled ? "on" : "off"} (explicit)`);
        if (isRef(config.outputPath)) seen.add("output path bound to a parameter");
      }
    }
    const trainings = design.steps.filter((step) => step.type.endsWith("Training")).length;
    if (trainings > 1) seen.add("several training steps");
    if (design.pipeline.cache.enabled) seen.add("cache on");
    for (const parameter of design.pipeline.parameters) seen.add(`parameter ${parameter.type}`);
    const names = design.pipeline.parameters.map((parameter) => parameter.name);
    if (PROTOTYPE_KEYS.some((key) => names.includes(key)))
      seen.add("parameter named like __proto__");
    if (prototypeKeyed(design.pipeline.tags)) seen.add("tag named like __proto__");
    seen.add(`region ${design.pipeline.region}`);
    if (design.pipeline.s3Prefix !== design.pipeline.name) seen.add("s3Prefix ≠ pipeline name");
    for (const feature of seen) this.count(feature);
  }

  lines(): string[] {
    const pairs = (framework: "pytorch" | "xgboost") =>
      `${framework} training version/py pairs: ${this.pairs[framework].size} of ${versionPairs(framework).length}`;
    const features = [...this.features]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([feature, count]) => `${feature} ${count}`);
    return [pairs("pytorch"), pairs("xgboost"), `designs with: ${features.join(", ")}`];
  }
}
