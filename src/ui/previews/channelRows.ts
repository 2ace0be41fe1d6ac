import type { PipelineDefinition, Upload } from "../../compiler";

/** A step as it appears in the compiled definition's `Steps` list. */
export type DefinitionStep = PipelineDefinition["Steps"][number];

/** An S3 source as the preview shows it: the expression as text, and where it comes from in words. */
export interface S3SourceDescription {
  /** The URI, a `Get` path, or a `Std:Join` with `{…}` placeholders for its runtime values. */
  text: string;
  /** e.g. "output processed_data of TabularPreprocessing-Training", or "fixed S3 URI". */
  origin: string;
}

/** One row of the Channels preview: a training channel as the container sees it. */
export interface TrainingChannelRow {
  channel: string;
  source: S3SourceDescription;
  /** Where SageMaker puts the channel's files: `/opt/ml/input/data/<channel>`. */
  containerPath: string;
  /** The channel's ContentType, or "—" when it sets none. */
  contentType: string;
  /** The channel's InputMode, else the job's TrainingInputMode, else "File". */
  inputMode: string;
}

/** The XGBoost `config` channel's file, as submission will upload it. */
export interface HyperparametersFile {
  uri: string;
  /** The object key inside the bucket. */
  key: string;
  /** Pretty JSON (2-space) of the file's content. */
  content: string;
}

const FIXED = "fixed S3 URI";

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A `{"Get": path}` property reference in words. */
export function describeGet(path: string): string {
  const step = /^Steps\.([^.]+)\.(.+)$/.exec(path);
  if (step) {
    const [, name, property = ""] = step;
    const output = /Outputs\['([^']+)'\]/.exec(property);
    if (output) return `output ${output[1]} of ${name}`;
    if (property === "ModelArtifacts.S3ModelArtifacts") return `model artifacts of ${name}`;
    if (property === "OutputDataConfig.S3OutputPath") return `output path of ${name}`;
    return `property ${property} of ${name}`;
  }
  if (path.startsWith("Parameters.")) return `pipeline parameter ${path.slice(11)}`;
  if (path === "Execution.PipelineExecutionId") return "the pipeline execution id";
  if (path.startsWith("Execution.")) return `execution property ${path.slice(10)}`;
  return path;
}

function getPath(value: unknown): string | undefined {
  const get = record(value)?.Get;
  return typeof get === "string" ? get : undefined;
}

function joinOf(value: unknown): { On: string; Values: unknown[] } | undefined {
  const join = record(record(value)?.["Std:Join"]);
  if (!join || !Array.isArray(join.Values)) return undefined;
  return { On: typeof join.On === "string" ? join.On : "", Values: join.Values };
}

function sourceText(value: unknown, nested: boolean): string {
  const path = getPath(value);
  if (path !== undefined) return nested ? `{${path}}` : path;
  const join = joinOf(value);
  if (join) return join.Values.map((part) => sourceText(part, true)).join(join.On);
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value) ?? "";
}

function origins(value: unknown, found: string[]): string[] {
  const path = getPath(value);
  if (path !== undefined) {
    const words = describeGet(path);
    if (!found.includes(words)) found.push(words);
  }
  for (const part of joinOf(value)?.Values ?? []) origins(part, found);
  return found;
}

/** An `S3Uri` value of the definition (literal, `Get` or `Std:Join`) as text plus its origin. */
export function describeS3Source(value: unknown): S3SourceDescription {
  const found = origins(value, []);
  return { text: sourceText(value, false), origin: found.length > 0 ? found.join("; ") : FIXED };
}

/**
 * The definition step a design step renders as (training and processing steps keep their name),
 * at the top level or inside a condition's `IfSteps` / `ElseSteps`, however deep.
 */
export function findDefinitionStep(
  definition: PipelineDefinition,
  stepName: string,
): DefinitionStep | undefined {
  const search = (steps: readonly unknown[]): DefinitionStep | undefined => {
    for (const step of steps) if (record(step)?.Name === stepName) return step as DefinitionStep;
    for (const step of steps) {
      const args = record(record(step)?.Arguments);
      for (const key of ["IfSteps", "ElseSteps"]) {
        const nested = args?.[key];
        const found = Array.isArray(nested) ? search(nested) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(definition.Steps);
}

/** A training step's `InputDataConfig`, one row per channel, in the definition's order. */
export function trainingChannelRows(step: DefinitionStep): TrainingChannelRow[] {
  const args = step.Arguments;
  const jobMode = record(args.AlgorithmSpecification)?.TrainingInputMode;
  const defaultMode = typeof jobMode === "string" ? jobMode : "File";
  const channels = Array.isArray(args.InputDataConfig) ? args.InputDataConfig : [];
  return channels.map((entry: unknown): TrainingChannelRow => {
    const channel = record(entry) ?? {};
    const name = String(channel.ChannelName ?? "");
    const dataSource = record(channel.DataSource);
    const s3 = record(dataSource?.S3DataSource);
    return {
      channel: name,
      source: s3
        ? describeS3Source(s3.S3Uri)
        : { text: JSON.stringify(dataSource ?? null), origin: "not an S3 data source" },
      containerPath: `/opt/ml/input/data/${name}`,
      contentType: typeof channel.ContentType === "string" ? channel.ContentType : "—",
      inputMode: typeof channel.InputMode === "string" ? channel.InputMode : defaultMode,
    };
  });
}

/** The hyperparameters file submission uploads for a step (XGBoost), or undefined. */
export function hyperparametersFileOf(
  uploads: readonly Upload[],
  stepId: string,
): HyperparametersFile | undefined {
  const upload = uploads.find(
    (candidate) => candidate.stepId === stepId && candidate.kind === "hyperparameters",
  );
  if (!upload) return undefined;
  const text = new TextDecoder().decode(upload.bytes);
  let content = text;
  try {
    content = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: show the bytes as they are.
  }
  return { uri: upload.uri, key: upload.uri.replace(/^s3:\/\/[^/]+\//, ""), content };
}

/**
 * A processing step's inputs (an evaluation's model and data, a preprocessing step's data): one
 * row per `ProcessingInputs` entry but the code, with the path its script reads them at.
 */
export function processingInputRows(step: DefinitionStep): TrainingChannelRow[] {
  const inputs = Array.isArray(step.Arguments.ProcessingInputs)
    ? step.Arguments.ProcessingInputs
    : [];
  return inputs.flatMap((entry: unknown): TrainingChannelRow[] => {
    const input = record(entry) ?? {};
    const name = String(input.InputName ?? "");
    const s3 = record(input.S3Input);
    if (name === "code" || name === "entrypoint" || !s3) return [];
    return [
      {
        channel: name,
        source: describeS3Source(s3.S3Uri),
        containerPath: typeof s3.LocalPath === "string" ? s3.LocalPath : "—",
        contentType: "—",
        inputMode: typeof s3.S3InputMode === "string" ? s3.S3InputMode : "File",
      },
    ];
  });
}

/** A batch transform's input: the records it sends to the model (no container path of its own). */
export function transformInputRows(step: DefinitionStep): TrainingChannelRow[] {
  const input = record(step.Arguments.TransformInput);
  const s3 = record(record(input?.DataSource)?.S3DataSource);
  if (!input || !s3) return [];
  return [
    {
      channel: "input",
      source: describeS3Source(s3.S3Uri),
      containerPath: "— (records sent to the model)",
      contentType: typeof input.ContentType === "string" ? input.ContentType : "—",
      inputMode: typeof input.SplitType === "string" ? `split by ${input.SplitType}` : "—",
    },
  ];
}

/** The inputs a definition step reads, as the Channels preview lists them; null for a kind without. */
export function inputRowsOf(step: DefinitionStep): TrainingChannelRow[] | null {
  switch (step.Type) {
    case "Training":
      return trainingChannelRows(step);
    case "Processing":
      return processingInputRows(step);
    case "Transform":
      return transformInputRows(step);
    default:
      return null;
  }
}
