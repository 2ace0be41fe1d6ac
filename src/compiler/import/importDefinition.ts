import { stepType } from "../../catalog";
import {
  CURRENT_VERSION,
  DESIGN_FORMAT,
  loadDesign,
  type Design,
  type Edge,
  type PipelineParameter,
} from "../../model";
import type { ObjectReader } from "./code";
import { ImportContext, type DraftStep, type ImportNote } from "./context";
import { imageRegion } from "./images";
import { inferLocation } from "./location";
import { importModelStep, isRepackStep } from "./model";
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
  const steps = arrayAt(definition, "Steps") as JsonObject[];
  const parameters = importParameters(definition);
  const images = steps.map((step) => {
    const args = objectAt(step, "Arguments");
    return (
      stringAt(objectAt(args, "AppSpecification"), "ImageUri") ??
      stringAt(objectAt(args, "AlgorithmSpecification"), "TrainingImage") ??
      stringAt(objectAt(args, "PrimaryContainer"), "Image")
    );
  });
  const region = images.map((image) => image && imageRegion(image)).find(Boolean) ?? "us-east-1";
  const found = inferLocation(steps, options.name);
  const context = new ImportContext(region, found.location, found.name, options.read, parameters);
  context.notes.push(...found.notes);

  const repackSteps = new Map<string, { step: JsonObject; at: string }>();
  const at = (index: number) => `Steps[${index}](${String(steps[index]?.Name)})`;
  steps.forEach((step, index) => {
    if (step.Type === "Training" && isRepackStep(step))
      repackSteps.set(String(step.Name), { step, at: at(index) });
  });
  const ids = stepIds(steps.map((step) => String(step.Name).replace(/-CreateModel$/, "")));
  const drafts: DraftStep[] = [];
  steps.forEach((step, index) => {
    const id = ids[index] as string;
    let draft: DraftStep | undefined;
    if (step.Type === "Processing") draft = importProcessingStep(context, step, id, at(index));
    else if (step.Type === "Training" && repackSteps.has(String(step.Name))) return;
    else if (step.Type === "Training") draft = importTrainingStep(context, step, id, at(index));
    else if (step.Type === "Model")
      draft = importModelStep(context, step, repackSteps, id, at(index));
    else
      context.note(
        at(index),
        `step type ${String(step.Type)} has no design step type; it is left out`,
      );
    if (!draft) return;
    const first =
      draft.renderedNames[0] === step.Name
        ? step
        : repackSteps.get(draft.renderedNames[0] as string)?.step;
    const dependsOn = arrayAt(first, "DependsOn").map(String);
    draft.dependsOn.names = dependsOn;
    drafts.push(draft);
  });

  const owner = new Map(
    drafts.flatMap((draft) => draft.renderedNames.map((name) => [name, draft] as const)),
  );
  const edges: Edge[] = [];
  for (const edge of context.edges) {
    const from = owner.get(edge.fromName);
    const output =
      from &&
      stepType(from.type)?.outputs.find(
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
  inheritModelVersions(drafts, edges);
  const cache = importCache(steps, context);

  const design = {
    format: DESIGN_FORMAT,
    version: CURRENT_VERSION,
    pipeline: {
      name: context.pipelineName,
      description: "",
      region,
      roleArn: roleOf(steps),
      bucket: context.location.bucket,
      s3Prefix: context.location.prefix,
      parameters,
      cache,
      tags: {},
    },
    steps: layout(drafts, edges).map(({ draft, position }) => ({
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
    if (stepType(draft.type)?.sagemakerKind !== "Model") continue;
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

function importCache(steps: JsonObject[], context: ImportContext) {
  const configs = steps
    .filter((step) => step.Type !== "Model" && !isRepackStep(step))
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
