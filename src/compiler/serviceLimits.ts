import type { InstanceUse, SageMakerStepKind } from "../catalog";
import {
  isParameterRef,
  PARAMETER_NAME_MAX_LENGTH,
  type Design,
  type DiagnosticCode,
} from "../model";

/**
 * What CreatePipeline, CreateTrainingJob, CreateProcessingJob and CreateModel refuse. Unless
 * noted, each figure is the SageMaker service model's (botocore 1.44.5,
 * `data/sagemaker/2017-07-24/service-2.json`, the source of the API reference); "schema" is the
 * pipeline definition schema vendored in src/compiler/schema/pipeline-definition.schema.json.
 */
export const SAGEMAKER_LIMITS = {
  /** StartPipelineExecution `PipelineParameters` (ParameterList): at most 200 values per run. */
  parameters: 200,
  /** Schema `definitions.ParameterName`: `^[A-Za-z0-9\-_]{1,64}$`. */
  parameterName: PARAMETER_NAME_MAX_LENGTH,
  /** Schema `StringParameter.DefaultValue` maxLength. */
  stringDefault: 4096,
  /** AlgorithmSpecification.MetricDefinitions (max 40), MetricName (1–255), MetricRegex (1–500). */
  metrics: { count: 40, name: 255, regex: 500 },
  /** CreateTrainingJob HyperParameters: max 100 entries, HyperParameterKey ≤ 256, HyperParameterValue ≤ 2500. */
  hyperparameters: { count: 100, key: 256, value: 2500 },
  /**
   * The container environment per kind of step: TrainingEnvironmentMap, ProcessingEnvironmentMap,
   * ContainerDefinition EnvironmentMap; a model package container's EnvironmentMap (1024/1024; the
   * shape allows 100 entries, its documentation "We support up to 16 entries in the map"); a
   * transform's TransformEnvironmentMap (16 entries, key ≤ 1024, value ≤ 10240, unused: the step
   * type sets no environment). Condition and Fail steps run no container.
   */
  env: {
    Training: { count: 100, key: 512, value: 512 },
    Processing: { count: 100, key: 256, value: 256 },
    Model: { count: 100, key: 1024, value: 1024 },
    RegisterModel: { count: 16, key: 1024, value: 1024 },
    Transform: { count: 16, key: 1024, value: 10240 },
    Condition: null,
    Fail: null,
  } satisfies Record<SageMakerStepKind, { count: number; key: number; value: number } | null>,
  /**
   * ProcessingInstanceCount 1–100; ResourceConfig.InstanceCount has no maximum (the catalog asks
   * ≥ 1); TransformInstanceCount ≥ 1, its documentation: "the maximum is 100".
   */
  instanceCount: { Training: [1, Infinity], Processing: [1, 100], Transform: [1, 100] },
  /**
   * ProcessingVolumeSizeInGB 1–16384. Training's VolumeSizeInGB has no maximum in the model, but
   * training volumes are EBS gp2 (the only type SageMaker supports), whose sizes are 1–16,384 GiB.
   */
  volumeSizeGb: { Training: [1, 16384], Processing: [1, 16384] },
  /** StoppingCondition.MaxRuntimeInSeconds ≥ 1; its documentation: "The maximum value is 28 days". */
  maxRuntimeSeconds: { Training: [1, 28 * 24 * 3600] },
  /**
   * CreateModelPackage: CustomerMetadataMap (1–50 entries, CustomerMetadataKey 1–128,
   * CustomerMetadataValue 1–256, both `([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)`), ContentType ≤ 256,
   * ResponseMIMEType ≤ 1024 matching `[-\w]+\/.+`.
   */
  modelPackage: {
    metadata: { count: 50, key: 128, value: 256 },
    contentType: 256,
    responseType: 1024,
  },
  /** The S3Uri / Url shapes: `(https|s3)://([^/]+)/?(.*)`, 0–1024 characters. */
  s3Uri: 1024,
} as const;

export const S3_URI_SHAPE = /^(https|s3):\/\/([^/]+)\/?(.*)$/;
/** The ChannelName shape: `[A-Za-z0-9\.\-_]+`, 1–64 (channel names are fixed by the step types). */
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9.\-_]{1,64}$/;
/** The `sagemaker_*` hyperparameters a framework estimator adds to the user's (steps/training.ts). */
export const FRAMEWORK_HYPERPARAMETERS = [
  "sagemaker_submit_directory",
  "sagemaker_program",
  "sagemaker_container_log_level",
  "sagemaker_region",
];
/** The script-mode variables a model's container gets besides the user's (steps/model.ts). */
export const MODEL_SCRIPT_ENV = [
  "SAGEMAKER_PROGRAM",
  "SAGEMAKER_SUBMIT_DIRECTORY",
  "SAGEMAKER_CONTAINER_LOG_LEVEL",
  "SAGEMAKER_REGION",
];
/** What each kind of step runs, for messages ("… for transform jobs"). */
export const JOB: Readonly<Record<SageMakerStepKind, string>> = {
  Training: "training jobs",
  Processing: "processing jobs",
  Model: "model hosting",
  RegisterModel: "model packages",
  Transform: "transform jobs",
  Condition: "condition steps",
  Fail: "fail steps",
};

/** What each list of instance types is for, for messages. */
export const INSTANCE_USE: Readonly<Record<InstanceUse, string>> = {
  Training: "training jobs",
  Processing: "processing jobs",
  Model: "model hosting",
  Transform: "transform jobs",
};

/** The pattern of CustomerMetadataKey / CustomerMetadataValue (without the length part). */
export const CUSTOMER_METADATA_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** The ResponseMIMEType pattern. */
export const RESPONSE_MIME_TYPE_PATTERN = /^[-\w]+\/.+$/;
/** Length of a content hash in a code archive's URI (sha256 hex, codeArchive.ts). */
export const HASH_LENGTH = 64;

export type Config = Record<string, unknown>;

/** A config value as SageMaker will see it: the literal, or a bound parameter's default. */
export interface Sent {
  value: unknown;
  /** ` (the default of parameter "X")` when the value is a parameter's default. */
  via: string;
}

export function sent(design: Design, value: unknown): Sent | undefined {
  if (!isParameterRef(value)) return value === undefined ? undefined : { value, via: "" };
  const parameter = design.pipeline.parameters.find((p) => p.name === value.parameter);
  if (parameter?.default === undefined) return undefined;
  return { value: parameter.default, via: ` (the default of parameter "${parameter.name}")` };
}

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** Records a diagnostic on the step being checked, at a config path. */
export type At = (code: DiagnosticCode, path: string, message: string) => void;
