import { z } from "zod";
import { error, type Diagnostic } from "../../model";
import {
  commonFields,
  field,
  HyperparametersSchema,
  MetricDefinitionSchema,
  orParameter,
  s3Uri,
} from "../fields";
import { retryPoliciesField } from "../retry";
import { frameworkVersions, pyVersionsFor, type Framework } from "../imageUris";
import type { DependencySpec, OutputSpec } from "../types";

interface TrainingDefaults {
  entryPoint: string;
  frameworkVersion: string;
  pyVersion: string;
  instanceType: string;
  maxRuntimeSeconds: number;
  checkpointEnabled: boolean;
  /** Only PyTorch sets a profiler interval by default; without one the SDK renders the plain profiler. */
  profilerIntervalMillis?: 1000;
  metricDefinitions: { name: string; regex: string }[];
}

const profilerSchema = z.strictObject({
  systemMonitorIntervalMillis: z
    .union([
      z.literal(100),
      z.literal(200),
      z.literal(500),
      z.literal(1000),
      z.literal(5000),
      z.literal(60000),
    ])
    .default(1000),
});

/** Config fields of a framework training step; both estimators share the shape, not the defaults. */
export function trainingFields(defaults: TrainingDefaults) {
  return {
    entryPoint: commonFields.entryPoint(defaults.entryPoint),
    code: commonFields.code(),
    frameworkVersion: commonFields.frameworkVersion(defaults.frameworkVersion),
    pyVersion: commonFields.pyVersion(defaults.pyVersion),
    instanceType: commonFields.instanceType(defaults.instanceType),
    instanceCount: commonFields.instanceCount(1),
    volumeSizeGb: commonFields.volumeSizeGb(30, 1),
    // SageMaker's bounds (1 s to 28 days) are checked by the compiler (PD312, src/compiler/limits.ts).
    maxRuntimeSeconds: field(orParameter(z.int()).default(defaults.maxRuntimeSeconds), {
      label: "Max runtime (s)",
      section: "Resources",
      kind: "number",
      parameterType: "Integer",
    }),
    outputPath: field(orParameter(s3Uri()).optional(), {
      label: "Output path",
      section: "General",
      kind: "text",
      help: "Where the model archive goes; default {pipeline S3 location}/{framework}_training.",
      parameterType: "String",
    }),
    checkpoint: field(
      z
        .strictObject({
          enabled: z.boolean().default(defaults.checkpointEnabled),
          s3Uri: s3Uri().optional(),
          localPath: z.string().startsWith("/").default("/opt/ml/checkpoints"),
        })
        .default({ enabled: defaults.checkpointEnabled, localPath: "/opt/ml/checkpoints" }),
      {
        label: "Checkpoints",
        section: "Checkpoints",
        kind: "group",
        help: "Default S3 location: {output path}/checkpoints.",
      },
    ),
    profiler: field(
      defaults.profilerIntervalMillis
        ? profilerSchema.default({ systemMonitorIntervalMillis: defaults.profilerIntervalMillis })
        : profilerSchema.optional(),
      {
        label: "Profiler",
        section: "Advanced",
        kind: "group",
        help: "System monitor interval in milliseconds.",
      },
    ),
    metricDefinitions: field(z.array(MetricDefinitionSchema).default(defaults.metricDefinitions), {
      label: "Metric definitions",
      section: "Metrics",
      kind: "metrics",
    }),
    hyperparameters: field(HyperparametersSchema.default({}), {
      label: "Hyperparameters",
      section: "Hyperparameters",
      kind: "hyperparameters",
    }),
    env: commonFields.env(),
    dependsOn: commonFields.dependsOn(),
    retryPolicies: retryPoliciesField(),
  };
}

/** Framework and Python version must be a pair the image table serves. */
export function versionRules(
  framework: Framework,
  config: { frameworkVersion: string; pyVersion: string },
): Omit<Diagnostic, "stepId">[] {
  const versions = frameworkVersions(framework, "training");
  if (!versions.includes(config.frameworkVersion)) {
    return [
      error(
        "PD106",
        `${framework} ${config.frameworkVersion} is not a version SageMaker serves; choose one of ${versions.join(", ")}`,
        { path: "frameworkVersion" },
      ),
    ];
  }
  const pyVersions = pyVersionsFor(framework, config.frameworkVersion, "training");
  if (!pyVersions.includes(config.pyVersion)) {
    return [
      error(
        "PD107",
        `${framework} ${config.frameworkVersion} runs ${pyVersions.join(" or ")}, not ${config.pyVersion}`,
        { path: "pyVersion" },
      ),
    ];
  }
  return [];
}

export const trainingInput = (keywords: string[]): DependencySpec => ({
  logicalName: "input_path",
  dependencyType: "training_data",
  dataType: "S3Uri",
  required: true,
  compatibleSources: ["TabularPreprocessing", "DataLoad"],
  semanticKeywords: keywords,
  description: "Training data prefix with train/, validation/ and test/ sub-folders",
});

export const TRAINING_OUTPUTS: OutputSpec[] = [
  {
    logicalName: "model_output",
    outputType: "model_artifacts",
    dataType: "S3Uri",
    propertyPath: "ModelArtifacts.S3ModelArtifacts",
    aliases: ["ModelArtifacts", "model_data", "output_path", "model_input"],
    description: "The model archive (model.tar.gz)",
  },
  {
    logicalName: "evaluation_output",
    outputType: "processing_output",
    dataType: "S3Uri",
    propertyPath: "OutputDataConfig.S3OutputPath",
    aliases: [],
    description: "The job's output data prefix (evaluation results)",
  },
];
