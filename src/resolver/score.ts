import type {
  DataType,
  DependencySpec,
  DependencyType,
  OutputSpec,
  StepTypeName,
} from "../catalog";
import { keywordShare, nameSimilarity } from "./similarity";

/** Proposals at or above this score are accepted (CATALOG.md). */
export const ACCEPT_THRESHOLD = 0.5;

const COMPATIBLE_OUTPUTS: Record<DependencyType, DependencyType[]> = {
  training_data: ["processing_output", "training_data"],
  processing_output: ["processing_output", "training_data"],
  model_artifacts: ["model_artifacts"],
  hyperparameters: ["hyperparameters", "custom_property"],
  custom_property: ["custom_property"],
};

const TYPE_WORDS: Record<DependencyType, string> = {
  processing_output: "processing output",
  training_data: "training data",
  model_artifacts: "model artifacts",
  hyperparameters: "hyperparameters",
  custom_property: "a property value",
};

export interface ScorePart {
  /** `branch`: a branch link, which is not scored (its one part says which branch it is). */
  factor: "type" | "dataType" | "name" | "exactName" | "source" | "keywords" | "branch";
  points: number;
  detail: string;
}

export type ScoreResult =
  | { compatible: true; score: number; parts: ScorePart[] }
  | { compatible: false; gate: "type" | "dataType"; reason: string };

export function typeGate(
  dependency: DependencySpec,
  output: OutputSpec,
): { points: number; detail: string } | null {
  if (dependency.dependencyType === output.outputType)
    return { points: 0.4, detail: `type ${TYPE_WORDS[output.outputType]} matches exactly` };
  if (COMPATIBLE_OUTPUTS[dependency.dependencyType].includes(output.outputType)) {
    return {
      points: 0.2,
      detail: `type ${TYPE_WORDS[output.outputType]} is compatible with ${TYPE_WORDS[dependency.dependencyType]}`,
    };
  }
  return null;
}

function dataTypePoints(a: DataType, b: DataType): number | null {
  if (a === b) return 0.2;
  const pair = new Set([a, b]);
  return pair.has("S3Uri") && pair.has("String") ? 0.1 : null;
}

export function describeType(type: DependencyType): string {
  return TYPE_WORDS[type];
}

/** Scores one output of a provider step against a dependency; each part says why. */
export function scoreMatch(
  dependency: DependencySpec,
  output: OutputSpec,
  providerType: StepTypeName,
): ScoreResult {
  const gate = typeGate(dependency, output);
  if (!gate) {
    return {
      compatible: false,
      gate: "type",
      reason: `wrong type: ${dependency.logicalName} expects ${TYPE_WORDS[dependency.dependencyType]}, ${output.logicalName} gives ${TYPE_WORDS[output.outputType]}`,
    };
  }
  const dataPoints = dataTypePoints(dependency.dataType, output.dataType);
  if (dataPoints === null) {
    return {
      compatible: false,
      gate: "dataType",
      reason: `wrong data type: ${dependency.logicalName} expects ${dependency.dataType}, ${output.logicalName} gives ${output.dataType}`,
    };
  }
  const names = [output.logicalName, ...output.aliases];
  const similarity = Math.max(...names.map((name) => nameSimilarity(dependency.logicalName, name)));
  const exact =
    output.logicalName === dependency.logicalName ||
    output.aliases.includes(dependency.logicalName);
  const sources = dependency.compatibleSources;
  const sourcePoints = sources.length === 0 ? 0 : sources.includes(providerType) ? 0.1 : -0.1;
  const keywords = keywordShare(dependency.semanticKeywords, names);
  const parts: ScorePart[] = [
    { factor: "type", ...gate },
    {
      factor: "dataType",
      points: dataPoints,
      detail:
        dataPoints === 0.2
          ? `data type ${output.dataType} matches`
          : `data type ${output.dataType} converts to ${dependency.dataType}`,
    },
    {
      factor: "name",
      points: 0.25 * similarity,
      detail: `name similarity ${similarity.toFixed(2)} × 0.25`,
    },
    {
      factor: "exactName",
      points: exact ? 0.05 : 0,
      detail: exact
        ? `"${dependency.logicalName}" is the output's name or alias`
        : "no exact name match",
    },
    {
      factor: "source",
      points: sourcePoints,
      detail:
        sources.length === 0
          ? "any source step type fits"
          : sourcePoints > 0
            ? `${providerType} is a known source`
            : `${providerType} is not among ${sources.join(", ")}`,
    },
    {
      factor: "keywords",
      points: 0.05 * keywords,
      detail: `${Math.round(keywords * 100)}% of keywords found × 0.05`,
    },
  ];
  const score = parts.reduce((sum, part) => sum + part.points, 0);
  return { compatible: true, score: Math.round(score * 1000) / 1000, parts };
}

/** One line: the total and every part, e.g. "0.93: type matches exactly +0.40, …". */
export function explainScore(score: number, parts: ScorePart[]): string {
  const signed = (n: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(2)}`;
  return `${score.toFixed(2)}: ${parts.map((part) => `${part.detail} ${signed(part.points)}`).join(", ")}`;
}
