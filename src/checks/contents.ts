import type { ResolvedStep } from "../compiler";
import type { StepScripts } from "./context";
import { MODEL_DIR } from "./provision";

/** The archive SageMaker makes of a training job's model directory (`ModelArtifacts.S3ModelArtifacts`). */
export const MODEL_ARCHIVE = "model.tar.gz";

/** What one step output holds, one level down, and who says so. */
export interface OutputContents {
  /** The names directly below the output's folder (files or sub-folders). */
  names: ReadonlySet<string>;
  /** Who says so, for messages: `TabularPreprocessing-Training's script writes`. */
  source: string;
  /** The producing step's name. */
  producer: string;
  /** A model archive's files (what the training script writes under /opt/ml/model); null when not known. */
  archive?: ReadonlySet<string> | null;
}

/** What the checks know of the design's steps: each resolved step, and the scripts of those with code. */
export interface CheckContext {
  resolved: ReadonlyMap<string, ResolvedStep>;
  scripts: ReadonlyMap<string, StepScripts>;
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/**
 * The first-level names a step's scripts write below `dir`: null when some path there is only
 * partly known (`OUTPUT / split` with `split` unknown) or none is written, or a file does not parse.
 */
export function writtenNames(step: StepScripts, dir: string): Set<string> | null {
  if (step.scripts.some((script) => script.syntaxError)) return null;
  const names = new Set<string>();
  for (const script of step.scripts)
    for (const use of script.paths) {
      const { text, open } = use.value;
      if (!under(text, dir)) continue;
      const rest = text.slice(dir.length + 1);
      // `dir / name` with `name` unknown: the script may write anything there.
      if (open && !rest.includes("/")) return null;
      if (rest) names.add(rest.split("/")[0] as string);
    }
  return names.size > 0 ? names : null;
}

/** The top-level names the training step writes under the model directory, or `null` when not known. */
export function writtenModelFiles(training: StepScripts): Set<string> | null {
  return writtenNames(training, MODEL_DIR);
}

/** What a step type promises an output holds when its script does not say (docs/gated-steps.md). */
function declaredContents(producer: ResolvedStep, output: string): OutputContents | null {
  const name = producer.step.name;
  if (producer.type === "TabularPreprocessing" && output === "processed_data") {
    const { jobType } = producer.config;
    // The training job type splits; any other writes the whole set under its own name (cursus).
    const names = jobType === "training" ? ["train", "validation", "test"] : [jobType];
    return {
      names: new Set(names),
      source: `${name} (job type ${jobType}) writes`,
      producer: name,
    };
  }
  if (
    (producer.type === "XGBoostEvaluation" || producer.type === "PyTorchEvaluation") &&
    output === "evaluation"
  )
    return {
      names: new Set([producer.config.reportFile]),
      source: `${name} writes`,
      producer: name,
    };
  return null;
}

/**
 * What `output` of step `stepId` holds: a training job's model archive (with the files its script
 * writes into it), the names the producing script writes below the output's folder when every
 * one of them is known, else what the step type promises. Null when nothing can be said.
 */
export function outputContents(
  context: CheckContext,
  stepId: string,
  output: string,
): OutputContents | null {
  const producer = context.resolved.get(stepId);
  if (!producer) return null;
  const spec = producer.definition.outputs.find((candidate) => candidate.logicalName === output);
  const scripts = context.scripts.get(stepId);
  const name = producer.step.name;
  if (spec?.outputType === "model_artifacts")
    return {
      names: new Set([MODEL_ARCHIVE]),
      source: `${name} uploads`,
      producer: name,
      archive: scripts ? writtenModelFiles(scripts) : null,
    };
  const path = producer.definition.contract.outputPaths[output];
  const written = scripts && path ? writtenNames(scripts, path) : null;
  if (written) return { names: written, source: `${name}'s script writes`, producer: name };
  return declaredContents(producer, output);
}
