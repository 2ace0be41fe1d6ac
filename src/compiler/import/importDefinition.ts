import { STEP_DEFINITIONS, type SageMakerStepKind } from "../../catalog";
import {
  BRANCH_INPUT,
  branchLayout,
  CURRENT_VERSION,
  DESIGN_FORMAT,
  loadDesign,
  type BranchOutput,
  type Design,
  type Edge,
  type PipelineParameter,
} from "../../model";
import type { ObjectReader } from "./code";
import { ImportContext, type DraftStep, type ImportNote } from "./context";
import { imageRegion } from "./images";
import { inferLocation } from "./location";
import {
  importConditionStep,
  importFailStep,
  importRetryPolicies,
  importTransformStep,
  reportPaths,
} from "./gated";
import { importModelStep, importRegisterModelStep, isRepackStep } from "./model";
import { importProcessingStep } from "./processing";
import { selfCheck } from "./selfCheck";
import { sparseConfig } from "./sparse";
import { importTrainingStep } from "./training";
import { arrayAt, isObject, objectAt, stringAt, type JsonObject } from "./values";

export type { ImportNote } from "./context";
export type { ObjectReader } from "./code";

export interface ImportOptions {
  /** The pipeline's name: the definition does not hold it (it is found in derived S3 paths when it can be). */
  name?: string;
  /** Reads S3 objects the definition names: code archives, runproc.sh, XGBoost hyperparameter files. */
  read?: ObjectReader;
}

export type ImportResult =
  | {
      ok: true;
      design: Design;
      /** What the design could not take, and where the compiled design still differs from the definition. */
      notes: ImportNote[];
    }
  | { ok: false; errors: ImportNote[] };

/** Whether a parsed JSON document looks like a pipeline definition (and not a design file). */
export function isPipelineDefinition(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.Steps) && typeof value.Version === "string";
}

function shapeErrors(value: unknown): ImportNote[] {
  if (!isObject(value)) return [{ path: "", message: "a pipeline definition is a JSON object" }];
  const errors: ImportNote[] = [];
  if (typeof value.Version !== "string")
    errors.push({ path: "Version", message: 'missing: a definition has "Version": "2020-12-01"' });
  if (!Array.isArray(value.Steps))
    errors.push({ path: "Steps", message: "missing: a definition has a Steps array" });
  arrayAt(value, "Steps").forEach((step, index) => {
    if (!isObject(step))
      return errors.push({ path: `Steps[${index}]`, message: "a step is a JSON object" });
    if (typeof step.Name !== "string" || step.Name === "")
      errors.push({ path: `Steps[${index}].Name`, message: "a step needs a name" });
    if (typeof step.Type !== "string")
      errors.push({ path: `Steps[${index}].Type`, message: "a step needs a type" });
    if (!isObject(step.Arguments))
      errors.push({
        path: `Steps[${index}].Arguments`,
        message: "a step needs its Arguments object",
      });
  });
  arrayAt(value, "Parameters").forEach((parameter, index) => {
    if (
      !isObject(parameter) ||
      typeof parameter.Name !== "string" ||
      typeof parameter.Type !== "string"
    )
      errors.push({ path: `Parameters[${index}]`, message: "a parameter has a Name and a Type" });
  });
  return errors;
}

function importParameters(definition: JsonObject): PipelineParameter[] {
  return arrayAt(definition, "Parameters")
    .filter(isObject)
    .map((parameter) => {
      const imported: PipelineParameter = {
        name: String(parameter.Name),
        type: parameter.Type as PipelineParameter["type"],
      };
      if (parameter.DefaultValue !== undefined) imported.default = parameter.DefaultValue as string;
      if (Array.isArray(parameter.EnumValues))
        imported.enumValues = parameter.EnumValues.map(String);
      return imported;
    });
}

/** A definition step with where it is, and the branch of a condition it sits in (if any). */
interface FlatStep {
  step: JsonObject;
  at: string;
  branch?: { condition: string; output: BranchOutput };
}

/**
 * Every step of the definition, a condition's IfSteps and ElseSteps right after it (depth first,
 * as the design lists them so the compiler orders them back the same way).
 */
function flattenSteps(steps: unknown[], prefix: string, branch?: FlatStep["branch"]): FlatStep[] {
  return steps.flatMap((step, index): FlatStep[] => {
    if (!isObject(step)) return [];
    const at = `${prefix}[${index}](${String(step.Name)})`;
    const flat: FlatStep = { step, at, ...(branch ? { branch } : {}) };
    if (step.Type !== "Condition") return [flat];
    const args = objectAt(step, "Arguments");
    const name = String(step.Name);
    return [
      flat,
      ...flattenSteps(arrayAt(args, "IfSteps"), `${at}.Arguments.IfSteps`, {
        condition: name,
        output: "if_true",
      }),
      ...flattenSteps(arrayAt(args, "ElseSteps"), `${at}.Arguments.ElseSteps`, {
        condition: name,
        output: "if_false",
      }),
    ];
  });
}

type StepImporter = (
  context: ImportContext,
  step: JsonObject,
  id: string,
  at: string,
  found: {
    repackSteps: ReadonlyMap<string, { step: JsonObject; at: string }>;
    reportPaths: ReadonlyMap<string, string[]>;
  },
) => DraftStep | undefined;

/** One importer per kind of definition step: `tsc` names this table when a kind is added. */
const IMPORTERS: { readonly [K in SageMakerStepKind]: StepImporter } = {
  Processing: (context, step, id, at, found) =>
    importProcessingStep(context, step, id, at, found.reportPaths),
  Training: (context, step, id, at) => importTrainingStep(context, step, id, at),
  Model: (context, step, id, at, found) =>
    importModelStep(context, step, found.repackSteps, id, at),
  RegisterModel: (context, step, id, at, found) =>
    importRegisterModelStep(context, step, found.repackSteps, id, at),
  Condition: importConditionStep,
  Fail: importFailStep,
  Transform: importTransformStep,
};

const isKind = (type: unknown): type is SageMakerStepKind =>
  typeof type === "string" && Object.hasOwn(IMPORTERS, type);

/** A stable, readable id per step name. */
function stepIds(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "step";
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}

/**
 * A SageMaker pipeline definition (as the SDK renders one for our step types) → a design: steps
 * recognised by image and arguments, links recovered from property references, parameters and
 * settings kept. Whatever the design cannot hold is listed in `notes`, never dropped silently;
 * the design is compiled and compared with the definition, and each difference is a note too.
 */
export function importDefinition(value: unknown, options: ImportOptions = {}): ImportResult {
  const errors = shapeErrors(value);
  if (errors.length > 0) return { ok: false, errors };
  const definition = value as JsonObject;
  const flat = flattenSteps(arrayAt(definition, "Steps"), "Steps");
  const steps = flat.map((entry) => entry.step);
  const parameters = importParameters(definition);
  const images = steps.map((step) => {
    const args = objectAt(step, "Arguments");
    const containers = arrayAt(objectAt(args, "InferenceSpecification"), "Containers");
    return (
      stringAt(objectAt(args, "AppSpecification"), "ImageUri") ??
      stringAt(objectAt(args, "AlgorithmSpecification"), "TrainingImage") ??
      stringAt(objectAt(args, "PrimaryContainer"), "Image") ??
      stringAt(containers[0], "Image")
    );
  });
  const region = images.map((image) => image && imageRegion(image)).find(Boolean) ?? "us-east-1";
  const found = inferLocation(steps, options.name);
  const context = new ImportContext(region, found.location, found.name, options.read, parameters);
  context.notes.push(...found.notes);

  const repackSteps = new Map<string, { step: JsonObject; at: string }>();
  for (const { step, at } of flat)
    if (step.Type === "Training" && isRepackStep(step))
      repackSteps.set(String(step.Name), { step, at });
  const ids = stepIds(
    steps.map((step) => String(step.Name).replace(/-(CreateModel|RegisterModel)$/, "")),
  );
  const shared = { repackSteps, reportPaths: reportPaths(definition) };
  const drafts: DraftStep[] = [];
  const branchOf = new Map<DraftStep, NonNullable<FlatStep["branch"]>>();
  flat.forEach(({ step, at, branch }, index) => {
    const id = ids[index] as string;
    if (step.Type === "Training" && repackSteps.has(String(step.Name))) return;
    if (!isKind(step.Type)) {
      context.note(at, `step type ${String(step.Type)} has no design step type; it is left out`);
      return;
    }
    const draft = IMPORTERS[step.Type](context, step, id, at, shared);
    if (!draft) return;
    const first =
      draft.renderedNames[0] === step.Name
        ? step
        : repackSteps.get(draft.renderedNames[0] as string)?.step;
    draft.dependsOn.names = arrayAt(first, "DependsOn").map(String);
    importRetryPolicies(context, step, draft.type, draft.config, at);
    drafts.push(draft);
    if (branch) branchOf.set(draft, branch);
  });

  const owner = new Map(
    drafts.flatMap((draft) => draft.renderedNames.map((name) => [name, draft] as const)),
  );
  for (const draft of drafts) draft.finish?.((name) => owner.get(name));
  const edges: Edge[] = [];
  for (const edge of context.edges) {
    const from = owner.get(edge.fromName);
    const output =
      from &&
      STEP_DEFINITIONS[from.type].outputs.find(
        (candidate) => candidate.propertyPath === edge.propertyPath,
      );
    if (!from || !output) {
      context.note(
        edge.path,
        `Steps.${edge.fromName}.${edge.propertyPath} is not an output of an imported step; the link is left out`,
      );
      continue;
    }
    edges.push({
      from: { step: from.id, output: output.logicalName },
      to: { step: edge.toId, input: edge.input },
    });
  }
  for (const draft of drafts) {
    const dependsOn = new Set<string>();
    for (const name of draft.dependsOn.names) {
      const target = owner.get(name);
      if (target) dependsOn.add(target.id);
      else
        context.note(
          `${draft.dependsOn.path}.DependsOn`,
          `depends on "${name}", which is not an imported step; left out`,
        );
    }
    if (dependsOn.size > 0) draft.config.dependsOn = [...dependsOn];
  }
  const pipeline: Design["pipeline"] = {
    name: context.pipelineName,
    description: "",
    region,
    roleArn: roleOf(steps),
    bucket: context.location.bucket,
    s3Prefix: context.location.prefix,
    parameters,
    cache: importCache(flat, context),
    tags: {},
  };
  edges.push(...branchEdges(pipeline, drafts, edges, branchOf, owner, context));
  inheritModelVersions(drafts, edges);

  const design = {
    format: DESIGN_FORMAT,
    version: CURRENT_VERSION,
    pipeline,
    steps: layout(stepOrder(flat, drafts, edges, owner), edges).map(({ draft, position }) => ({
      id: draft.id,
      type: draft.type,
      name: draft.name,
      position,
      config: sparseConfig(draft.type, draft.config),
    })),
    edges,
  };
  const loaded = loadDesign(design);
  if (loaded.kind !== "ok") {
    const issues =
      loaded.kind === "invalid" ? loaded.issues : [{ path: "", message: loaded.message }];
    return {
      ok: false,
      errors: issues.map((issue) => ({
        path: `(imported design) ${issue.path}`,
        message: issue.message,
      })),
    };
  }
  context.notes.push(...selfCheck(definition, loaded.design, context));
  return { ok: true, design: loaded.design, notes: context.notes };
}

function roleOf(steps: JsonObject[]): string {
  for (const step of steps) {
    const args = objectAt(step, "Arguments");
    const role = stringAt(args, "RoleArn") ?? stringAt(args, "ExecutionRoleArn");
    if (role) return role;
  }
  return "";
}

/** A model step's versions default to its training step's: the same values are left unset. */
function inheritModelVersions(drafts: DraftStep[], edges: Edge[]) {
  for (const draft of drafts) {
    const kind = STEP_DEFINITIONS[draft.type].sagemakerKind;
    if (kind !== "Model" && kind !== "RegisterModel") continue;
    const edge = edges.find(
      (candidate) => candidate.to.step === draft.id && candidate.to.input === "model_data",
    );
    const training = drafts.find((candidate) => candidate.id === edge?.from.step);
    if (!training) continue;
    if (draft.config.frameworkVersion === training.config.frameworkVersion) {
      delete draft.config.frameworkVersion;
      if (draft.config.pyVersion === training.config.pyVersion) delete draft.config.pyVersion;
    }
  }
}

/** The pipeline's cache setting, from the steps the compiler caches (compile.ts KIND_RULES). */
function importCache(flat: FlatStep[], context: ImportContext) {
  const configs = flat
    .map(({ step }) => step)
    .filter((step) => CACHEABLE.has(String(step.Type)) && !isRepackStep(step))
    .map((step) => objectAt(step, "CacheConfig"));
  const first = configs.find(Boolean);
  const enabled = first?.Enabled === true;
  const expireAfter = typeof first?.ExpireAfter === "string" ? first.ExpireAfter : "P30D";
  if (
    configs.some(
      (config) =>
        (config?.Enabled === true) !== enabled || (enabled && config?.ExpireAfter !== expireAfter),
    )
  )
    context.note(
      "Steps[*].CacheConfig",
      `steps cache differently; a design caches all its processing and training steps alike (${enabled ? `on, ${expireAfter}` : "off"})`,
    );
  return { enabled, expireAfter };
}

const CACHEABLE = new Set(["Processing", "Training", "Transform"]);

/**
 * Branch links for the steps of a condition's IfSteps / ElseSteps: one to each step that is not
 * already in the branch through a link or dependsOn from another of its steps (the compiler puts
 * those in the branch anyway: model/branches.ts), checked against the layout the compiler sees.
 */
function branchEdges(
  pipeline: Design["pipeline"],
  drafts: DraftStep[],
  edges: Edge[],
  branchOf: ReadonlyMap<DraftStep, NonNullable<FlatStep["branch"]>>,
  owner: ReadonlyMap<string, DraftStep>,
  context: ImportContext,
): Edge[] {
  const expected = new Map<string, { condition: string; output: BranchOutput }>();
  for (const [draft, branch] of branchOf) {
    const condition = owner.get(branch.condition);
    if (condition) expected.set(draft.id, { condition: condition.id, output: branch.output });
  }
  const same = (a: string, b: string) =>
    expected.get(a)?.condition === expected.get(b)?.condition &&
    expected.get(a)?.output === expected.get(b)?.output;
  const upstream = (id: string) => {
    const dependsOn = drafts.find((draft) => draft.id === id)?.config.dependsOn;
    return [
      ...edges.filter((edge) => edge.to.step === id).map((edge) => edge.from.step),
      ...(Array.isArray(dependsOn) ? dependsOn.map(String) : []),
    ];
  };
  const link = (id: string): Edge => {
    const branch = expected.get(id) as { condition: string; output: BranchOutput };
    return {
      from: { step: branch.condition, output: branch.output },
      to: { step: id, input: BRANCH_INPUT },
    };
  };
  const added = [...expected.keys()]
    .filter((id) => !upstream(id).some((from) => from !== id && same(from, id)))
    .map(link);
  // The compiler's layout of the result must be the definition's; link any step it places elsewhere.
  const layoutOf = () =>
    branchLayout({
      format: DESIGN_FORMAT,
      version: CURRENT_VERSION,
      pipeline,
      steps: drafts.map((draft) => ({
        id: draft.id,
        type: draft.type,
        name: draft.name,
        position: { x: 0, y: 0 },
        config: draft.config,
      })),
      edges: [...edges, ...added],
    });
  const layout = layoutOf();
  for (const [id, branch] of expected) {
    const placed = layout.branchOf.get(id);
    if (placed?.condition === branch.condition && placed.branch === branch.output) continue;
    if (!added.some((edge) => edge.to.step === id)) added.push(link(id));
  }
  for (const [id, placed] of layoutOf().branchOf)
    if (!expected.has(id))
      context.note(
        drafts.find((draft) => draft.id === id)?.dependsOn.path ?? "Steps",
        `the step reads a step of ${placed.branch === "if_true" ? "IfSteps" : "ElseSteps"} of a condition, so the design runs it in that branch too`,
      );
  return added;
}

/** The step ids a config's operands read (`{"metric": {"step": …}}`, `{"property": {"step": …}}`). */
function operandSteps(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) operandSteps(item, found);
  else if (isObject(value)) {
    for (const key of ["metric", "property"]) {
      const step = objectAt(value, key)?.step;
      if (typeof step === "string") found.add(step);
    }
    for (const item of Object.values(value)) operandSteps(item, found);
  }
  return found;
}

/**
 * The design's step order: one the compiler turns back into the definition's. It orders steps by
 * their dependencies, ties broken by their place in the list (order.ts), and renders the top level
 * and each branch in that order; so a list that is itself in dependency order, and lists the
 * top-level steps and each branch's steps in the definition's order, compiles to that order. It
 * is merged from those sequences, taking at each turn the first head whose dependencies are in.
 */
function stepOrder(
  flat: FlatStep[],
  drafts: DraftStep[],
  edges: Edge[],
  owner: ReadonlyMap<string, DraftStep>,
): DraftStep[] {
  const sequences = new Map<string, DraftStep[]>();
  for (const { step, branch } of flat) {
    const draft = owner.get(String(step.Name));
    if (!draft) continue;
    const key = branch ? `${branch.condition}\u0000${branch.output}` : "";
    const sequence = sequences.get(key) ?? [];
    if (!sequence.includes(draft)) sequence.push(draft);
    sequences.set(key, sequence);
  }
  const ids = new Set(drafts.map((draft) => draft.id));
  const dependencies = new Map(
    drafts.map((draft) => {
      const dependsOn = draft.config.dependsOn;
      const found = new Set([
        ...edges.filter((edge) => edge.to.step === draft.id).map((edge) => edge.from.step),
        ...(Array.isArray(dependsOn) ? dependsOn.map(String) : []),
        ...operandSteps(draft.config),
      ]);
      found.delete(draft.id);
      return [draft, [...found].filter((id) => ids.has(id))] as const;
    }),
  );
  const placed = new Set<string>();
  const order: DraftStep[] = [];
  const heads = [...sequences.values()];
  while (heads.some((sequence) => sequence.length > 0)) {
    const ready = heads.find((sequence) => {
      const head = sequence[0];
      return head && (dependencies.get(head) ?? []).every((id) => placed.has(id));
    });
    // A cycle (or a step in two sequences) leaves the rest in definition order.
    const next = ready ? (ready.shift() as DraftStep) : undefined;
    if (!next) break;
    order.push(next);
    placed.add(next.id);
    for (const sequence of heads) {
      const index = sequence.indexOf(next);
      if (index >= 0) sequence.splice(index, 1);
    }
  }
  return [...order, ...drafts.filter((draft) => !placed.has(draft.id))];
}

/** Left to right by link depth, top to bottom in definition order. */
function layout(drafts: DraftStep[], edges: Edge[]) {
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    seen.add(id);
    const upstream = edges
      .filter((edge) => edge.to.step === id)
      .map((edge) => depthOf(edge.from.step, seen) + 1);
    const value = Math.max(0, ...upstream);
    depth.set(id, value);
    return value;
  };
  const rows = new Map<number, number>();
  return drafts.map((draft) => {
    const column = depthOf(draft.id, new Set());
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return { draft, position: { x: column * 320, y: row * 180 } };
  });
}
