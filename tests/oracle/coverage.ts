// What the compared designs exercised: printed with every run, so a generator change that stops
// covering something (a step type, a framework/py version pair, bound parameters, …) shows.
import { conditionOperands, processorFor, type Condition, type Operand } from "../../src/catalog";
import { branchLayout, type Design } from "../../src/model";
import { PROTOTYPE_KEYS, versionPairs } from "./arbitraries";

const operandKind = (operand: Operand) =>
  "literal" in operand
    ? "literal"
    : "parameter" in operand
      ? "parameter"
      : "metric" in operand
        ? "metric"
        : "property";

/** Condition kinds, nesting and operand kinds of a Condition step's conditions. */
function conditionFeatures(conditions: Condition[], seen: Set<string>): void {
  const visit = (condition: Condition, depth: number) => {
    seen.add(`condition ${condition.type}`);
    if (depth > 0) seen.add(`condition ${condition.type} nested in Not/Or`);
    if (condition.type === "Not") visit(condition.condition, depth + 1);
    if (condition.type === "Or") for (const inner of condition.conditions) visit(inner, depth + 1);
  };
  for (const condition of conditions) {
    visit(condition, 0);
    for (const { operand } of conditionOperands(condition, []))
      seen.add(`condition operand ${operandKind(operand)}`);
  }
  if (conditions.length > 1) seen.add("several conditions");
}

/** Whether the SDK adds a repack step: PyTorch ≥ 1.2 with inline code (docs/gated-steps.md). */
function repacks(design: Design, stepId: string, config: Record<string, unknown>): boolean {
  const code = config.code as { files?: unknown } | undefined;
  const type = design.steps.find((step) => step.id === stepId)?.type ?? "";
  if (!code?.files || !type.startsWith("PyTorch")) return false;
  const training = design.edges.find((e) => e.to.step === stepId && e.to.input === "model_data");
  const upstream = design.steps.find((step) => step.id === training?.from.step)?.config;
  const version = String(config.frameworkVersion ?? upstream?.frameworkVersion ?? "2.1.0");
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 1 || (major === 1 && minor >= 2);
}

/** Gated-step features every run should exercise; one at 0 is printed as 0 (a coverage gap). */
export const GATED_FEATURES = [
  "step XGBoostEvaluation",
  "step PyTorchEvaluation",
  "step Condition",
  "step Fail",
  "step PyTorchRegisterModel",
  "step XGBoostRegisterModel",
  "step BatchTransform",
  ...["Equals", "GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo"].map(
    (type) => `condition ${type}`,
  ),
  "condition In",
  "condition Not",
  "condition Or",
  "condition In nested in Not/Or",
  "condition Not nested in Not/Or",
  "condition Or nested in Not/Or",
  ...["literal", "parameter", "metric", "property"].map((kind) => `condition operand ${kind}`),
  "if branch",
  "else branch",
  "both branches",
  "condition nested in a branch",
  "condition reads a property of a branch step",
  "branch step reached through a data link",
  "register PyTorch with code (repack)",
  "register PyTorch without code",
  "register XGBoost with code",
  "register XGBoost without code",
  "register with model metrics",
  "register group or approval bound to a parameter",
  "fail message empty",
  "fail message plain",
  "fail message joined",
  "retry policy step kind",
  "retry policy job kind",
];

/** Features of the gated steps (issue 15): what each new mapping piece was exercised by. */
function gatedFeatures(design: Design, seen: Set<string>): void {
  for (const step of design.steps) {
    const config = step.config;
    const policies = Array.isArray(config.retryPolicies)
      ? (config.retryPolicies as { kind: string }[])
      : [];
    for (const policy of policies) {
      seen.add(`retry policy ${policy.kind} kind`);
      seen.add(`retry policies on ${step.type}`);
    }
    if (step.type === "Condition")
      conditionFeatures((config.conditions as Condition[] | undefined) ?? [], seen);
    if (step.type === "Fail") {
      const parts = (config.errorMessage as unknown[] | undefined) ?? [];
      const plain = parts.length === 1 && typeof parts[0] === "string";
      seen.add(`fail message ${parts.length === 0 ? "empty" : plain ? "plain" : "joined"}`);
      for (const part of parts)
        if (typeof part !== "string")
          seen.add(`fail message operand ${operandKind(part as Operand)}`);
    }
    if (step.type.endsWith("RegisterModel")) {
      const framework = step.type.startsWith("PyTorch") ? "PyTorch" : "XGBoost";
      const code = config.code ? "with code" : "without code";
      seen.add(
        `register ${framework} ${code}${repacks(design, step.id, config) ? " (repack)" : ""}`,
      );
      if (design.edges.some((e) => e.to.step === step.id && e.to.input === "evaluation"))
        seen.add("register with model metrics");
      if (
        JSON.stringify([config.approvalStatus, config.modelPackageGroupName]).includes(
          '"parameter"',
        )
      )
        seen.add("register group or approval bound to a parameter");
      if (config.customerMetadata) seen.add("register customer metadata");
    }
    if (step.type === "BatchTransform") {
      if (config.inputFolder === "") seen.add("transform of the whole input prefix");
      if (config.splitType !== undefined) seen.add(`transform split ${String(config.splitType)}`);
    }
    if (step.type.endsWith("Evaluation") && config.metrics) seen.add("evaluation custom metrics");
  }
  if (!design.steps.some((step) => step.type === "Condition")) return;
  const layout = branchLayout(design);
  for (const [condition, members] of layout.members) {
    if (members.if_true.length > 0) seen.add("if branch");
    if (members.if_false.length > 0) seen.add("else branch");
    if (members.if_true.length > 0 && members.if_false.length > 0) seen.add("both branches");
    if (layout.branchOf.has(condition)) seen.add("condition nested in a branch");
  }
  for (const step of design.steps) {
    if (step.type !== "Condition") continue;
    for (const condition of (step.config.conditions as Condition[] | undefined) ?? [])
      for (const { operand } of conditionOperands(condition, []))
        if ("property" in operand && layout.branchOf.has(operand.property.step))
          seen.add(`condition reads a property of a branch step`);
  }
  for (const [id, branch] of layout.branchOf) {
    const type = design.steps.find((step) => step.id === id)?.type ?? "?";
    seen.add(`${type} in ${branch.branch === "if_true" ? "an if" : "an else"} branch`);
    // Reached through a data link, not a branch link of its own.
    if (!design.edges.some((e) => e.to.step === id && e.to.input === "branch"))
      seen.add("branch step reached through a data link");
  }
}

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
    gatedFeatures(design, seen);
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
    const gated = new Set<string>(GATED_FEATURES);
    const isGated = (feature: string) =>
      gated.has(feature) ||
      /^(condition|fail|register|retry|transform|evaluation)|branch/.test(feature);
    const list = (features: [string, number][]) =>
      features
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([feature, count]) => `${feature} ${count}`)
        .join(", ");
    const all = [...this.features];
    // With no generated design there is nothing to miss.
    const missing =
      this.features.size === 0
        ? []
        : GATED_FEATURES.filter((feature) => !this.features.has(feature));
    return [
      pairs("pytorch"),
      pairs("xgboost"),
      `designs with: ${list(all.filter(([feature]) => !isGated(feature)))}`,
      `gated steps, designs with: ${list([
        ...all.filter(([feature]) => isGated(feature)),
        ...missing.map((feature): [string, number] => [feature, 0]),
      ])}`,
    ];
  }
}
