// Labels for the differences README.md lists under "Known differences found". A label only
// groups the report (how many cases each open issue explains); a labelled case still counts
// as differing. Anything without a label is new and printed as "unexplained".
import type { Difference } from "./diff";

const GRAVITON = /^ml\.(c6g|c6gd|c6gn|c7g|m6g|m6gd|r6g|r6gd|t4g|c8g|m7g|r7g)\./;

/** Every literal instance type and parameter default in a design. */
function instanceTypes(design: unknown): string[] {
  const found = JSON.stringify(design).match(/"ml\.[a-z0-9]+\.[a-z0-9]+"/g) ?? [];
  return found.map((quoted) => quoted.slice(1, -1));
}

interface KnownDifference {
  id: string;
  title: string;
  difference?: (difference: Difference, design: unknown) => boolean;
  refusal?: (message: string, design: unknown) => boolean;
}

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export const KNOWN: KnownDifference[] = [
  {
    id: "K1",
    title: "default processing output URI: s3Prefix segments where the SDK puts the pipeline name",
    difference: (d) =>
      /ProcessingOutputConfig\.Outputs\[\d+\]\.S3Output\.S3Uri\["Std:Join"\]\.Values/.test(d.path),
  },
  {
    id: "K2",
    title: "PipelineExperimentConfig: the SDK sends null outside the SageMaker Experiments regions",
    difference: (d) => d.path === "PipelineExperimentConfig" && d.sdk === null,
  },
  {
    id: "K3",
    title: "explicit profiler interval in a region without the profiler: the SDK refuses it",
    refusal: (message) => message.includes("profiler_config.disable_profiler cannot be False"),
  },
  {
    id: "K4",
    title: "repacked PyTorch model with a nested entry point: the SDK sends its base name",
    difference: (d) =>
      d.path.endsWith("Environment.SAGEMAKER_PROGRAM") &&
      typeof d.ours === "string" &&
      d.ours.includes("/") &&
      d.sdk === d.ours.slice(d.ours.lastIndexOf("/") + 1),
  },
  {
    id: "K5",
    title: "model without code: the SDK keeps SAGEMAKER_PROGRAM/SUBMIT_DIRECTORY from config.env",
    difference: (d) =>
      /Environment\.SAGEMAKER_(PROGRAM|SUBMIT_DIRECTORY)$/.test(d.path) && d.ours === "",
  },
  {
    id: "K6",
    title: "Graviton instance (c6g, c7g, m6g, …): the SDK picks arm64 / inference-graviton images",
    difference: (d, design) =>
      /Image/.test(d.path) &&
      /graviton|arm64/.test(text(d.sdk)) &&
      instanceTypes(design).some((type) => GRAVITON.test(type)),
    refusal: (message, design) =>
      /Unsupported (pytorch|xgboost|sklearn) version/.test(message) &&
      instanceTypes(design).some((type) => GRAVITON.test(type)),
  },
  {
    id: "K7",
    title: "ml.g4ad (AMD GPU): the SDK takes every g*/p* family for NVIDIA GPU",
    difference: (d, design) =>
      /Image/.test(d.path) &&
      text(d.ours).includes("-cpu") &&
      text(d.sdk).includes("-gpu") &&
      instanceTypes(design).some((type) => type.startsWith("ml.g4ad.")),
    refusal: (message, design) =>
      message.includes("Unsupported processor: gpu") &&
      instanceTypes(design).some((type) => type.startsWith("ml.g4ad.")),
  },
  {
    id: "K8",
    title: "PyTorch 1.6.0 on ml.p4d: the SDK appends the container version (-cu110-ubuntu18.04)",
    difference: (d) =>
      /Image/.test(d.path) &&
      typeof d.ours === "string" &&
      typeof d.sdk === "string" &&
      d.sdk.startsWith(`${d.ours}-cu110-`),
  },
];

/** The known difference that explains this one, if any. */
export function explainDifference(difference: Difference, design: unknown): string | undefined {
  return KNOWN.find((known) => known.difference?.(difference, design))?.id;
}

/** The known difference that explains an SDK refusal, if any. */
export function explainRefusal(message: string, design: unknown): string | undefined {
  return KNOWN.find((known) => known.refusal?.(message, design))?.id;
}
