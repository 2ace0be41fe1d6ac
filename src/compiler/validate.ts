import {
  isStepTypeName,
  STEP_DEFINITIONS,
  STEP_TYPES,
  validateStepConfig,
  type StepConfigs,
  type StepTypeDefinition,
  type StepTypeName,
} from "../catalog";
import {
  error,
  explicitDependsOn,
  findCycle,
  isBranchEdge,
  isParameterRef,
  PIPELINE_NAME_PATTERN,
  STEP_NAME_PATTERN,
  type Design,
  type Diagnostic,
  type Edge,
  type Step,
} from "../model";
import { checkLink, stringRatio, type LinkCheck } from "../resolver";
import { gatedDiagnostics } from "./gatedRules";
import { limitDiagnostics } from "./limits";
import { metricDiagnostics } from "./metrics";

/**
 * A step whose config parsed, discriminated by its type: `config` is that type's parsed config
 * (defaults filled in), so a renderer or check narrows on `type` and never casts. `ResolvedStep<T>`
 * is the member for one type, for the per-type tables (indexed in the "correlated union" style of
 * microsoft/TypeScript#47109, so `tsc` names every table a new step type must fill).
 */
export type ResolvedStep<T extends StepTypeName = StepTypeName> = {
  [K in T]: {
    type: K;
    step: Step;
    definition: StepTypeDefinition<StepConfigs[K]>;
    config: StepConfigs[K];
  };
}[T];

export interface Validation {
  diagnostics: Diagnostic[];
  resolved: Map<string, ResolvedStep>;
}

const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

// The store keeps the identity of every step an edit left alone, so after an edit only the
// edited step's config is parsed again; a step's type, and so its schema, is part of the step.
interface Checked<T extends StepTypeName = StepTypeName> {
  resolved: ResolvedStep<T> | null;
  diagnostics: Diagnostic[];
}
const checkedConfigs = new WeakMap<Step, Checked>();

/** Parses a step's config with its own type's schema: the result is typed by that type. */
function resolveStep<T extends StepTypeName>(type: T, step: Step): Checked<T> {
  const definition = STEP_DEFINITIONS[type];
  const { config, diagnostics } = validateStepConfig(definition, step);
  return { resolved: config ? { type, step, definition, config } : null, diagnostics };
}

function checkedStep(type: StepTypeName, step: Step): Checked {
  let checked = checkedConfigs.get(step);
  if (!checked) checkedConfigs.set(step, (checked = resolveStep(type, step)));
  return checked;
}

/** Every problem in a design, each located; `resolved` holds the steps whose config parsed. */
export function validateDesign(design: Design): Validation {
  const diagnostics: Diagnostic[] = [...pipelineDiagnostics(design)];
  const resolved = new Map<string, ResolvedStep>();
  const names = new Map<string, string>();
  for (const step of design.steps) {
    if (!STEP_NAME_PATTERN.test(step.name)) {
      diagnostics.push(
        error("PD302", `step name "${step.name}" must be 1–64 letters, digits, '-' or '_'`, {
          stepId: step.id,
          path: "name",
        }),
      );
    }
    const clash = names.get(step.name);
    if (clash !== undefined) {
      diagnostics.push(
        error("PD301", `step name "${step.name}" is also used by step "${clash}"`, {
          stepId: step.id,
          path: "name",
        }),
      );
    }
    names.set(step.name, step.id);
    if (!isStepTypeName(step.type)) {
      diagnostics.push(
        error("PD101", `unknown step type "${step.type}"${suggestStepType(step.type)}`, {
          stepId: step.id,
          path: "type",
        }),
      );
      continue;
    }
    const { resolved: entry, diagnostics: found } = checkedStep(step.type, step);
    diagnostics.push(...found);
    if (entry) {
      resolved.set(step.id, entry);
      diagnostics.push(
        ...parameterRefDiagnostics(design, step, entry.config),
        ...(entry.type === "PyTorchTraining" || entry.type === "XGBoostTraining"
          ? metricDiagnostics(step.id, entry.config.metricDefinitions)
          : []),
      );
    }
    for (const dependency of explicitDependsOn(step)) {
      if (!design.steps.some((other) => other.id === dependency)) {
        diagnostics.push(
          error("PD206", `dependsOn names "${dependency}", which is not a step of this design`, {
            stepId: step.id,
            path: "dependsOn",
          }),
        );
      }
    }
  }
  diagnostics.push(...edgeDiagnostics(design), ...unfedInputDiagnostics(design));
  const gated = gatedDiagnostics(design, resolved);
  diagnostics.push(...gated);
  diagnostics.push(...limitDiagnostics(design, resolved));
  // A cycle through a branch link is PD712, said on the link; not again as PD205.
  const cycle = gated.some((found) => found.code === "PD712") ? null : findCycle(design);
  if (cycle) {
    const path = cycle
      .map((id) => design.steps.find((step) => step.id === id)?.name ?? id)
      .join(" → ");
    diagnostics.push(error("PD205", `the steps form a cycle: ${path}`, { stepId: cycle[0] }));
  }
  return { diagnostics, resolved };
}

function pipelineDiagnostics(design: Design): Diagnostic[] {
  const { pipeline } = design;
  const found: Diagnostic[] = [];
  if (!PIPELINE_NAME_PATTERN.test(pipeline.name)) {
    found.push(
      error(
        "PD303",
        `pipeline name "${pipeline.name}" must be 1–256 letters, digits and single hyphens, starting and ending with a letter or digit`,
        { path: "pipeline.name" },
      ),
    );
  }
  if (!ROLE_ARN_PATTERN.test(pipeline.roleArn)) {
    found.push(
      error(
        "PD307",
        `role ARN "${pipeline.roleArn}" is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)`,
        { path: "pipeline.roleArn" },
      ),
    );
  }
  if (!BUCKET_PATTERN.test(pipeline.bucket)) {
    found.push(
      error("PD307", `bucket "${pipeline.bucket}" is not a valid S3 bucket name`, {
        path: "pipeline.bucket",
      }),
    );
  }
  const seen = new Set<string>();
  pipeline.parameters.forEach((parameter, index) => {
    if (seen.has(parameter.name)) {
      found.push(
        error("PD304", `parameter "${parameter.name}" is declared twice`, {
          path: `pipeline.parameters[${index}].name`,
        }),
      );
    }
    seen.add(parameter.name);
  });
  return found;
}

// Keyed by the parsed config, which checkedConfig keeps per step object; redone when the
// pipeline's parameter list changes.
const parameterRefChecks = new WeakMap<
  Record<string, unknown>,
  { parameters: Design["pipeline"]["parameters"]; found: Diagnostic[] }
>();

/** Every `{ "parameter": … }` in a config must name a declared pipeline parameter. */
function parameterRefDiagnostics(
  design: Design,
  step: Step,
  config: Record<string, unknown>,
): Diagnostic[] {
  const { parameters } = design.pipeline;
  const cached = parameterRefChecks.get(config);
  if (cached?.parameters === parameters) return cached.found;
  const found = findParameterRefs(design, step, config);
  parameterRefChecks.set(config, { parameters, found });
  return found;
}

function findParameterRefs(
  design: Design,
  step: Step,
  config: Record<string, unknown>,
): Diagnostic[] {
  const declared = new Set(design.pipeline.parameters.map((parameter) => parameter.name));
  const found: Diagnostic[] = [];
  const visit = (value: unknown, path: string) => {
    if (isParameterRef(value)) {
      if (!declared.has(value.parameter)) {
        found.push(
          error(
            "PD110",
            `parameter "${value.parameter}" is not declared in the pipeline's parameters`,
            { stepId: step.id, path },
          ),
        );
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
    else if (value && typeof value === "object")
      for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key);
  };
  visit(config, "");
  return found;
}

// Without its cycle and already-fed gates, a link's verdict depends on the edge and its two
// steps only: kept while the store keeps all three objects, so an edit does not re-score every link.
const linkVerdicts = new WeakMap<Edge, { source: Step; target: Step; check: LinkCheck }>();

function edgeDiagnostics(design: Design): Diagnostic[] {
  const found: Diagnostic[] = [];
  const byId = new Map(design.steps.map((step) => [step.id, step]));
  const knownType = (id: string) => isStepTypeName(byId.get(id)?.type ?? "");
  for (const edge of design.edges) {
    // Branch links are judged with the branches (gatedRules.ts).
    if (isBranchEdge(edge)) continue;
    // Links of a step whose type is unknown are not judged: PD101 already says what is wrong.
    if (!knownType(edge.from.step) || !knownType(edge.to.step)) continue;
    const source = byId.get(edge.from.step) as Step;
    const target = byId.get(edge.to.step) as Step;
    let verdict = linkVerdicts.get(edge);
    if (verdict?.source !== source || verdict.target !== target) {
      const check = checkLink(design, edge, { skip: ["cycle", "alreadyFed"] });
      linkVerdicts.set(edge, (verdict = { source, target, check }));
    }
    const { check } = verdict;
    if (check.allowed) continue;
    const code =
      check.gate === "unknownPort" || check.gate === "unknownStep" || check.gate === "selfLink"
        ? "PD202"
        : "PD203";
    found.push(
      error(code, check.message, { stepId: edge.to.step, path: `inputs.${edge.to.input}` }),
    );
  }
  const fed = new Map<string, number>();
  for (const edge of design.edges) {
    // A step may be reached by branch links of nested conditions; conflicts are PD711.
    if (isBranchEdge(edge)) continue;
    const key = `${edge.to.step}\u0000${edge.to.input}`;
    fed.set(key, (fed.get(key) ?? 0) + 1);
  }
  for (const [key, count] of fed) {
    if (count < 2) continue;
    const [stepId, input] = key.split("\u0000") as [string, string];
    found.push(
      error("PD204", `input ${input} is fed by ${count} links; keep one`, {
        stepId,
        path: `inputs.${input}`,
      }),
    );
  }
  return found;
}

function unfedInputDiagnostics(design: Design): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const step of design.steps) {
    if (!isStepTypeName(step.type)) continue;
    for (const dependency of STEP_DEFINITIONS[step.type].dependencies) {
      if (!dependency.required) continue;
      if (
        design.edges.some(
          (edge) => edge.to.step === step.id && edge.to.input === dependency.logicalName,
        )
      )
        continue;
      found.push(
        error(
          "PD201",
          `required input ${dependency.logicalName} (${dependency.description.toLowerCase()}) is not linked`,
          { stepId: step.id, path: `inputs.${dependency.logicalName}` },
        ),
      );
    }
  }
  return found;
}

/** "; did you mean …?" for a near miss, so a typo in a hand-edited file is a one-glance fix. */
function suggestStepType(type: string): string {
  const ranked = STEP_TYPES.map((definition) => ({
    name: definition.type,
    score: stringRatio(type.toLowerCase(), definition.type.toLowerCase()),
  })).sort((a, b) => b.score - a.score);
  const best = ranked[0];
  const known = STEP_TYPES.map((definition) => definition.type).join(", ");
  return best && best.score >= 0.75 ? `; did you mean "${best.name}"?` : `; known types: ${known}`;
}
