import type { SageMakerStepKind, StepTypeName } from "../catalog";
import { branchLayout, error, STEP_NAME_PATTERN, type Design, type Diagnostic } from "../model";
import { byteLength, canonicalJson } from "./canonicalJson";
import { CompileContext, type Upload } from "./context";
import { dependencyOrder } from "./order";
import { feedsByStep, renderOnce } from "./renderMemo";
import { renderConditionStep, renderFailStep } from "./steps/condition";
import { renderModelStep } from "./steps/model";
import { renderProcessingStep } from "./steps/processing";
import { renderRegisterModelStep } from "./steps/registerModel";
import { renderRetryPolicy } from "./steps/retry";
import { ImageError, type RenderedStep } from "./steps/shared";
import { renderTrainingStep } from "./steps/training";
import { renderTransformStep } from "./steps/transform";
import { validateDesign, type ResolvedStep } from "./validate";

/** Regions with SageMaker Experiments: the SDK's static workflow/_utils.py EXPERIMENTS_REGIONS. */
const EXPERIMENTS_REGIONS = new Set([
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-south-1",
  "ap-east-1",
  "sa-east-1",
  "af-south-1",
  "me-south-1",
  "il-central-1",
  "cn-north-1",
  "cn-northwest-1",
]);

/** SageMaker's limit on a pipeline definition's size. */
export const DEFINITION_LIMIT_BYTES = 1024 * 1024;

export interface PipelineDefinition {
  Version: "2020-12-01";
  Metadata: Record<string, never>;
  Parameters: Record<string, unknown>[];
  PipelineExperimentConfig: Record<string, unknown> | null;
  Steps: RenderedStep[];
}

export type CompileResult =
  | {
      ok: true;
      definition: PipelineDefinition;
      json: string;
      uploads: Upload[];
      warnings: Diagnostic[];
    }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/**
 * One renderer per step type, each given its own type's resolved step (no casts): `tsc` names
 * this table when a step type is added (docs/adding-a-step-type.md).
 */
const RENDERERS: {
  readonly [T in StepTypeName]: (
    context: CompileContext,
    resolved: ResolvedStep<T>,
  ) => RenderedStep[];
} = {
  DataLoad: renderProcessingStep,
  TabularPreprocessing: renderProcessingStep,
  PyTorchTraining: renderTrainingStep,
  XGBoostTraining: renderTrainingStep,
  XGBoostEvaluation: renderProcessingStep,
  PyTorchEvaluation: renderProcessingStep,
  Condition: renderConditionStep,
  Fail: renderFailStep,
  PyTorchModel: renderModelStep,
  XGBoostModel: renderModelStep,
  PyTorchRegisterModel: renderRegisterModelStep,
  XGBoostRegisterModel: renderRegisterModelStep,
  BatchTransform: renderTransformStep,
};

function renderStep<T extends StepTypeName>(
  context: CompileContext,
  resolved: ResolvedStep<T>,
): RenderedStep[] {
  return RENDERERS[resolved.type](context, resolved);
}

/** What the definition's kinds of step take besides their arguments. */
interface KindRules {
  /**
   * Pipeline-level caching (`CacheConfig`): the SDK's CacheableStep kinds — ProcessingStep,
   * TrainingStep, TransformStep (workflow/steps.py) — not the steps a ModelStep adds.
   */
  cacheable: boolean;
  /**
   * Rendered once per unchanged step and links (renderMemo.ts). Not Condition and Fail: they
   * read the steps their operands name (and a condition its branches), which links do not show.
   */
  memoized: boolean;
}

const KIND_RULES: Readonly<Record<SageMakerStepKind, KindRules>> = {
  Processing: { cacheable: true, memoized: true },
  Training: { cacheable: true, memoized: true },
  Transform: { cacheable: true, memoized: true },
  Model: { cacheable: false, memoized: true },
  RegisterModel: { cacheable: false, memoized: true },
  Condition: { cacheable: false, memoized: false },
  Fail: { cacheable: false, memoized: false },
};

function renderParameters(design: Design): Record<string, unknown>[] {
  return design.pipeline.parameters.map((parameter) => {
    const rendered: Record<string, unknown> = { Name: parameter.name, Type: parameter.type };
    if (parameter.default !== undefined) rendered.DefaultValue = parameter.default;
    if (parameter.enumValues) rendered.EnumValues = parameter.enumValues;
    return rendered;
  });
}

/**
 * Design → SageMaker pipeline definition, as the SageMaker Python SDK v2 renders the same
 * estimators and processors. Pure: the same design always gives the same bytes and uploads.
 */
export function compile(design: Design): CompileResult {
  const { diagnostics, resolved } = validateDesign(design);
  const split = () => ({
    errors: diagnostics.filter((diagnostic) => diagnostic.severity === "error"),
    warnings: diagnostics.filter((diagnostic) => diagnostic.severity === "warning"),
  });
  const order = dependencyOrder(design, resolved);
  if (split().errors.length > 0 || !order) return { ok: false, ...split() };

  const context = new CompileContext(design, resolved);
  const rendered = new Map<string, RenderedStep[]>();
  const feeds = feedsByStep(design);
  const kindOf = (id: string) => context.step(id).definition.sagemakerKind;
  for (const id of order) {
    const step = context.step(id);
    // A condition renders once its branches have (below).
    if (kindOf(id) === "Condition") continue;
    try {
      rendered.set(
        id,
        KIND_RULES[kindOf(id)].memoized
          ? renderOnce(context, step, feeds.get(id) ?? [], renderStep)
          : renderStep(context, step),
      );
    } catch (cause) {
      if (!(cause instanceof ImageError)) throw cause;
      diagnostics.push(error(cause.code, cause.message, { stepId: id, path: cause.path }));
    }
  }
  diagnostics.push(...generatedNameDiagnostics(design, rendered));
  if (split().errors.length > 0) return { ok: false, ...split() };

  const finished = new Map<string, RenderedStep[]>();
  for (const id of order)
    if (kindOf(id) !== "Condition") finished.set(id, finishSteps(context, id, rendered));
  // Branch members are rendered in full inside their condition (ConditionStep(if_steps,
  // else_steps)), not at the top level; inner conditions come later in the order, so they are
  // assembled first.
  const layout = branchLayout(design);
  const position = new Map(order.map((id, index) => [id, index]));
  const inOrder = (ids: string[]) =>
    [...ids].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  for (const id of [...order].reverse()) {
    if (kindOf(id) !== "Condition") continue;
    const members = layout.members.get(id);
    context.branchSteps.set(id, {
      if_true: inOrder(members?.if_true ?? []).flatMap((member) => finished.get(member) ?? []),
      if_false: inOrder(members?.if_false ?? []).flatMap((member) => finished.get(member) ?? []),
    });
    rendered.set(id, renderStep(context, context.step(id)));
    finished.set(id, finishSteps(context, id, rendered));
  }

  const steps = order
    .filter((id) => !layout.branchOf.has(id))
    .flatMap((id) => finished.get(id) ?? []);
  const definition: PipelineDefinition = {
    Version: "2020-12-01",
    Metadata: {},
    Parameters: renderParameters(design),
    // The SDK leaves it out (null) where SageMaker Experiments is not offered (pipeline.py:140).
    PipelineExperimentConfig: EXPERIMENTS_REGIONS.has(design.pipeline.region)
      ? {
          ExperimentName: { Get: "Execution.PipelineName" },
          TrialName: { Get: "Execution.PipelineExecutionId" },
        }
      : null,
    Steps: steps,
  };
  const json = canonicalJson(definition);
  const size = byteLength(json);
  if (size > DEFINITION_LIMIT_BYTES) {
    diagnostics.push(
      error(
        "PD305",
        `the definition is ${(size / 1048576).toFixed(2)} MB; SageMaker accepts at most 1 MB`,
        { path: "steps" },
      ),
    );
    return { ok: false, ...split() };
  }
  return {
    ok: true,
    definition,
    json,
    uploads: context.uploads,
    ...{ warnings: split().warnings },
  };
}

/**
 * Adds DependsOn (explicit `dependsOn`, expanded to every SageMaker step of a model step),
 * RetryPolicies and CacheConfig, in the key order of the SDK's `to_request()` (steps/shared.ts).
 */
function finishSteps(
  context: CompileContext,
  id: string,
  rendered: Map<string, RenderedStep[]>,
): RenderedStep[] {
  const resolved = context.step(id);
  const { config } = resolved;
  const steps = rendered.get(id) ?? [];
  const explicit = "dependsOn" in config ? (config.dependsOn ?? []) : [];
  // A condition has no rendering yet while its branch members are finished; it is one step.
  const dependsOn = explicit.flatMap((dep) =>
    context.step(dep).definition.sagemakerKind === "Condition"
      ? [context.step(dep).step.name]
      : (rendered.get(dep) ?? []).map((step) => step.Name),
  );
  // A ModelStep applies its list of retry policies to each of its steps (workflow/model_step.py).
  const retryPolicies =
    "retryPolicies" in config ? config.retryPolicies.map(renderRetryPolicy) : [];
  const cache = context.design.pipeline.cache;
  return steps.map((step, index) => {
    const finished: RenderedStep = { Name: step.Name, Type: step.Type, Arguments: step.Arguments };
    // The SDK puts a ModelStep's depends_on on its first step (the repack step when there is one).
    if (index === 0 && dependsOn.length > 0) finished.DependsOn = dependsOn;
    if (step.Description) finished.Description = step.Description;
    if (retryPolicies.length > 0) finished.RetryPolicies = retryPolicies;
    // Pipeline-level caching applies to the user's processing, training and transform steps.
    if (cache.enabled && KIND_RULES[resolved.definition.sagemakerKind].cacheable)
      finished.CacheConfig = { Enabled: true, ExpireAfter: cache.expireAfter };
    if (step.PropertyFiles) finished.PropertyFiles = step.PropertyFiles;
    return finished;
  });
}

/** Names the SDK derives (`-CreateModel`, `-RepackModel-0`) must also be valid and unique. */
function generatedNameDiagnostics(
  design: Design,
  rendered: Map<string, RenderedStep[]>,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const owners = new Map(design.steps.map((step) => [step.name, step.id]));
  for (const [id, steps] of rendered) {
    const own = design.steps.find((step) => step.id === id)?.name;
    const generated = steps.map((step) => step.Name).filter((name) => name !== own);
    const tooLong = generated.filter((name) => !STEP_NAME_PATTERN.test(name));
    if (tooLong.length > 0) {
      const longest = Math.max(...tooLong.map((name) => name.length));
      found.push(
        error(
          "PD302",
          `SageMaker step names derived from this one (${tooLong.join(", ")}) exceed 64 characters; shorten the name by ${longest - 64}`,
          { stepId: id, path: "name" },
        ),
      );
    }
    for (const name of generated) {
      const owner = owners.get(name);
      if (owner !== undefined && owner !== id) {
        found.push(
          error("PD301", `the generated step name "${name}" clashes with another step's name`, {
            stepId: id,
            path: "name",
          }),
        );
      }
      owners.set(name, id);
    }
  }
  return found;
}

/** Every diagnostic for a design: validation plus what only rendering can find. */
export function validate(design: Design): Diagnostic[] {
  const result = compile(design);
  return result.ok ? result.warnings : [...result.errors, ...result.warnings];
}
