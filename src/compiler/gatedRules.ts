import {
  BRANCH_INPUT,
  isBranchOutput,
  isStepTypeName,
  ORDERING_COMPARISONS,
  STEP_DEFINITIONS,
  type Comparison,
  type Condition,
  type Operand,
  type StepTypeName,
} from "../catalog";
import {
  branchLayout,
  error,
  explicitDependsOn,
  formatPath,
  isBranchEdge,
  type Branch,
  type Design,
  type Diagnostic,
  type Step,
} from "../model";
import { stringRatio } from "../resolver";
import { dependencyMap, downstreamOf, stepOperands, type LocatedOperand } from "./order";
import type { ResolvedStep } from "./validate";

// What the condition, fail and branch rules of docs/gated-steps.md refuse, each located on the
// field (`conditions[0].left`) or the port (`inputs.branch`) it concerns.

const EVALUATION_TYPES: ReadonlySet<string> = new Set<StepTypeName>([
  "XGBoostEvaluation",
  "PyTorchEvaluation",
]);
/** A step property path as the SDK's `Properties` objects spell it: `A.B`, `A[0]`, `A['x']`. */
const PROPERTY_PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*|\[\d+\]|\['[^']+'\])*$/;
const BRANCH_LABEL = { if_true: "'if true'", if_false: "'if false'" } as const;

export function gatedDiagnostics(
  design: Design,
  resolved: ReadonlyMap<string, ResolvedStep>,
): Diagnostic[] {
  const byId = new Map(design.steps.map((step) => [step.id, step]));
  const upstream = dependencyMap(design, resolved);
  const links = branchLinkDiagnostics(design, byId, upstream);
  // A cycle a branch link closes is said once, on the link (PD712), not again on the operand
  // that reads the step (PD723).
  const cyclic = new Set(
    links.flatMap((found) =>
      found.code === "PD712" && found.conditionId ? [found.conditionId] : [],
    ),
  );
  return [
    ...links.map(({ conditionId: _, ...found }) => found),
    ...conflictDiagnostics(design, byId),
    ...operandDiagnostics(design, resolved, byId, upstream, cyclic),
    ...sourceKindDiagnostics(design, resolved),
    ...modelRetryDiagnostics(resolved),
  ];
}

function typeName(step: Step): string {
  return isStepTypeName(step.type) ? STEP_DEFINITIONS[step.type].displayName : step.type;
}

/** PD710 malformed branch links, PD712 branch links back to (or above) their condition. */
function branchLinkDiagnostics(
  design: Design,
  byId: ReadonlyMap<string, Step>,
  upstream: ReadonlyMap<string, string[]>,
): (Diagnostic & { conditionId?: string })[] {
  const found: (Diagnostic & { conditionId?: string })[] = [];
  for (const edge of design.edges) {
    if (!isBranchEdge(edge)) continue;
    const source = byId.get(edge.from.step);
    const target = byId.get(edge.to.step);
    if (!source || !target) continue;
    const at = { stepId: target.id, path: `inputs.${edge.to.input}` };
    if (!isBranchOutput(edge.from.output)) {
      found.push(
        error(
          "PD710",
          `the branch input takes a Condition's "if_true" or "if_false" link, not ${source.name}'s output ${edge.from.output}`,
          at,
        ),
      );
      continue;
    }
    if (source.type !== "Condition") {
      found.push(
        error(
          "PD710",
          `only a Condition step has "${edge.from.output}" links; "${source.name}" is a ${typeName(source)} step`,
          at,
        ),
      );
      continue;
    }
    if (edge.to.input !== BRANCH_INPUT) {
      found.push(
        error(
          "PD710",
          `a branch link goes to a step's branch input, not to its input ${edge.to.input}`,
          at,
        ),
      );
      continue;
    }
    if (target.id === source.id || ancestorsOf(upstream, source.id).has(target.id)) {
      found.push({
        conditionId: source.id,
        ...error(
          "PD712",
          target.id === source.id
            ? `"${source.name}" cannot run itself in its ${BRANCH_LABEL[edge.from.output]} branch`
            : `"${target.name}" runs before "${source.name}" (the condition reads it or waits for it), so it cannot run in its ${BRANCH_LABEL[edge.from.output]} branch: that is a cycle`,
          at,
        ),
      });
    }
  }
  return found;
}

function ancestorsOf(upstream: ReadonlyMap<string, string[]>, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(upstream.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(upstream.get(next) ?? []));
  }
  return seen;
}

function describeBranches(branches: Branch[], byId: ReadonlyMap<string, Step>): string {
  const name = (id: string) => `"${byId.get(id)?.name ?? id}"`;
  const [first, second] = branches;
  if (first && second && branches.length === 2 && first.condition === second.condition)
    return `both branches of ${name(first.condition)}`;
  return `branches that do not nest: ${branches
    .map((branch) => `${BRANCH_LABEL[branch.branch]} of ${name(branch.condition)}`)
    .join(", ")}`;
}

/** PD711: a step reached from two branches (branchLayout's conflicts). */
function conflictDiagnostics(design: Design, byId: ReadonlyMap<string, Step>): Diagnostic[] {
  const layout = branchLayout(design);
  const inBranch = (id: string) =>
    layout.branchOf.has(id) || layout.conflicts.some((conflict) => conflict.step === id);
  return layout.conflicts.map(({ step: id, branches }) => {
    const step = byId.get(id);
    const into = design.edges.filter((edge) => edge.to.step === id);
    // Located on the branch link, else on the data link (or dependsOn) a branch reaches it by.
    const branchEdge = into.find((edge) => edge.to.input === BRANCH_INPUT);
    const dataEdge = into.find((edge) => !isBranchEdge(edge) && inBranch(edge.from.step));
    const path = branchEdge
      ? `inputs.${BRANCH_INPUT}`
      : dataEdge
        ? `inputs.${dataEdge.to.input}`
        : step && explicitDependsOn(step).some(inBranch)
          ? "dependsOn"
          : `inputs.${BRANCH_INPUT}`;
    return error(
      "PD711",
      `"${step?.name ?? id}" is reached from ${describeBranches(branches, byId)}; a step runs in one branch only — link it from one branch, or give each branch its own step`,
      { stepId: id, path },
    );
  });
}

/** The evaluation metrics a step's report offers, or why the step offers none. */
function metricNames(entry: ResolvedStep | undefined): string[] | null {
  if (entry?.type === "XGBoostEvaluation" || entry?.type === "PyTorchEvaluation")
    return entry.config.metrics.map((metric) => metric.name);
  return null;
}

function nearest(name: string, candidates: string[]): string | undefined {
  const ranked = candidates
    .map((candidate) => ({ candidate, score: stringRatio(name, candidate) }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  return best && best.score >= 0.5 ? best.candidate : undefined;
}

/** Why an operand can be compared only with Equals/In (a string or boolean), or null. */
function unorderedOperand(design: Design, operand: Operand): string | null {
  if ("literal" in operand) {
    if (typeof operand.literal === "string") return `the string ${JSON.stringify(operand.literal)}`;
    if (typeof operand.literal === "boolean") return `the boolean ${String(operand.literal)}`;
    return null;
  }
  if ("parameter" in operand) {
    const declared = design.pipeline.parameters.find((p) => p.name === operand.parameter);
    if (declared?.type === "String" || declared?.type === "Boolean")
      return `${declared.type} parameter "${declared.name}"`;
  }
  return null;
}

/** Ordering comparisons anywhere in a condition, with the path of each. */
function* comparisons(
  condition: Condition,
  path: (string | number)[],
): Generator<{ type: Comparison; left: Operand; right: Operand; path: (string | number)[] }> {
  switch (condition.type) {
    case "In":
      return;
    case "Not":
      yield* comparisons(condition.condition, [...path, "condition"]);
      return;
    case "Or":
      for (const [index, inner] of condition.conditions.entries())
        yield* comparisons(inner, [...path, "conditions", index]);
      return;
    default:
      yield { ...condition, path };
  }
}

/** PD720 no conditions; PD721 unknown step/metric/property; PD722 ordering a string; PD723 cycles. */
function operandDiagnostics(
  design: Design,
  resolved: ReadonlyMap<string, ResolvedStep>,
  byId: ReadonlyMap<string, Step>,
  upstream: ReadonlyMap<string, string[]>,
  cyclic: ReadonlySet<string>,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const entry of resolved.values()) {
    const stepId = entry.step.id;
    if (entry.type === "Condition") {
      if (entry.config.conditions.length === 0)
        found.push(
          error(
            "PD720",
            "the condition step has no conditions; add one (e.g. a metric of an evaluation step ≥ a threshold)",
            { stepId, path: "conditions" },
          ),
        );
      entry.config.conditions.forEach((condition, index) => {
        for (const comparison of comparisons(condition, ["conditions", index])) {
          if (!ORDERING_COMPARISONS.has(comparison.type)) continue;
          for (const side of ["left", "right"] as const) {
            const why = unorderedOperand(design, comparison[side]);
            if (why)
              found.push(
                error(
                  "PD722",
                  `${comparison.type} orders numbers; ${why} cannot be ordered — compare it with Equals or In`,
                  { stepId, path: formatPath([...comparison.path, side]) },
                ),
              );
          }
        }
      });
    }
    const operands = stepOperands(entry);
    if (operands.length === 0) continue;
    const downstream = cyclic.has(stepId) ? new Set<string>() : downstreamOf(upstream, stepId);
    for (const located of operands)
      found.push(...operandProblems(entry, located, resolved, byId, downstream));
  }
  return found;
}

function operandProblems(
  entry: ResolvedStep,
  { operand, path }: LocatedOperand,
  resolved: ReadonlyMap<string, ResolvedStep>,
  byId: ReadonlyMap<string, Step>,
  downstream: ReadonlySet<string>,
): Diagnostic[] {
  const at = { stepId: entry.step.id, path: formatPath(path) };
  const reference =
    "metric" in operand
      ? operand.metric.step
      : "property" in operand
        ? operand.property.step
        : null;
  if (reference === null) return [];
  const source = byId.get(reference);
  if (!source) return [error("PD721", `no step with id "${reference}" in this design`, at)];
  if (source.id === entry.step.id || downstream.has(source.id))
    return [
      error(
        "PD723",
        `"${source.name}" runs after "${entry.step.name}" (it is downstream of it), so "${entry.step.name}" cannot read it: that is a cycle`,
        at,
      ),
    ];
  const sourceEntry = resolved.get(source.id);
  if ("metric" in operand) {
    if (!EVALUATION_TYPES.has(source.type))
      return [
        error(
          "PD721",
          `"${source.name}" is a ${typeName(source)} step; metrics come from an evaluation step's report`,
          at,
        ),
      ];
    const names = metricNames(sourceEntry);
    // An evaluation step whose config does not parse has its own diagnostics.
    if (!names || names.includes(operand.metric.name)) return [];
    const suggestion = nearest(operand.metric.name, names);
    return [
      error(
        "PD721",
        `"${source.name}" has no report metric "${operand.metric.name}"${
          suggestion
            ? `; did you mean "${suggestion}"?`
            : names.length > 0
              ? `; its metrics are ${names.join(", ")}`
              : "; it lists no metrics"
        }`,
        at,
      ),
    ];
  }
  if ("property" in operand) {
    if (source.type === "Fail")
      return [error("PD721", `"${source.name}" is a Fail step, which has no properties`, at)];
    if (!PROPERTY_PATH.test(operand.property.path))
      return [
        error(
          "PD721",
          `"${operand.property.path}" is not a property path (e.g. TrainingJobStatus, ModelArtifacts.S3ModelArtifacts)`,
          at,
        ),
      ];
  }
  return [];
}

/**
 * PD203: links whose source the step's rendering depends on beyond the port's type — a registered
 * model's metrics are an evaluation step's report (its property file names the report file), a
 * transform runs a created model (`ModelName`), not a model package ARN.
 */
function sourceKindDiagnostics(
  design: Design,
  resolved: ReadonlyMap<string, ResolvedStep>,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const rules: { type: StepTypeName[]; input: string; from: StepTypeName[]; what: string }[] = [
    {
      type: ["PyTorchRegisterModel", "XGBoostRegisterModel"],
      input: "evaluation",
      from: ["XGBoostEvaluation", "PyTorchEvaluation"],
      what: "an evaluation step's report",
    },
    {
      type: ["BatchTransform"],
      input: "model_name",
      from: ["PyTorchModel", "XGBoostModel"],
      what: "the model a model step creates",
    },
  ];
  for (const edge of design.edges) {
    const target = resolved.get(edge.to.step);
    const source = resolved.get(edge.from.step);
    if (!target || !source) continue;
    const rule = rules.find((r) => r.type.includes(target.type) && r.input === edge.to.input);
    if (!rule || rule.from.includes(source.type)) continue;
    found.push(
      error(
        "PD203",
        `${edge.to.input} takes ${rule.what}; "${source.step.name}" is a ${source.definition.displayName} step`,
        { stepId: target.step.id, path: `inputs.${edge.to.input}` },
      ),
    );
  }
  return found;
}

/**
 * A ModelStep's list of retry policies applies to its create/register step, which takes no
 * `SageMakerJobStepRetryPolicy`: the SDK refuses it ("SageMakerJobStepRetryPolicy is not allowed
 * for a create/register model step", workflow/model_step.py `_validate_sagemaker_job_step_retry_policy`).
 */
function modelRetryDiagnostics(resolved: ReadonlyMap<string, ResolvedStep>): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const entry of resolved.values()) {
    const kind = entry.definition.sagemakerKind;
    if (kind !== "Model" && kind !== "RegisterModel") continue;
    if (!("retryPolicies" in entry.config)) continue;
    entry.config.retryPolicies.forEach((policy, index) => {
      if (policy.kind !== "job") return;
      found.push(
        error(
          "PD102",
          `a job retry policy (SageMaker.* exceptions) cannot apply to a ${kind === "Model" ? "create" : "register"} model step, which starts no job; use a step policy (Step.SERVICE_FAULT, Step.THROTTLING)`,
          { stepId: entry.step.id, path: `retryPolicies[${index}].kind` },
        ),
      );
    });
  }
  return found;
}
