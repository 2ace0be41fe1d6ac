// The published SageMaker pipeline definition schema (vendored untouched next to this file) lags
// what the SageMaker Python SDK v2 renders and the service accepts. This overlay admits exactly
// those additions, each one justified by an SDK-rendered definition: a file in
// tests/fixtures/sdk/ (rendered by sagemaker 2.257.7; where each comes from is in the README
// there) and the SDK source that renders it (paths relative to site-packages/sagemaker/).
// tests/unit/schema.test.ts shows that removing any one entry makes one of those definitions, and
// our own output wherever the compiler emits that shape, invalid. Anything else the schema
// refuses is a compiler bug.

/** A JSON schema node, as plain data. */
export type SchemaNode = Record<string, unknown>;

export interface OverlayEntry {
  /** Stable name, used by the tests' table. */
  id: string;
  /** JSON pointer (RFC 6901) into the upstream schema. */
  at: string;
  /**
   * - `addProperties`: the node at `at` is a `properties` object; add these keys (each must be new).
   * - `allowAlso`: the node at `at` becomes `{ anyOf: [<upstream node>, schema] }`.
   * - `replace`: the node at `at` is replaced by `schema` (only to repair an upstream node that
   *   admits nothing, see `join-function-shape`).
   */
  op: "addProperties" | "allowAlso" | "replace";
  schema: SchemaNode;
  /** The SDK-rendered case that justifies the entry. */
  evidence: string;
}

const ref = (name: string): SchemaNode => ({ $ref: `#/definitions/${name}` });
const STRING_OR_GET = ref("StringArgumentValue");
const BOOLEAN_OR_GET = ref("BooleanArgumentValue");
const INTEGER_OR_GET = ref("IntegerArgumentValue");
const JOIN = ref("JoinFunction");

const PROCESSING = "/definitions/ProcessingArgs/properties";
const TRAINING = "/definitions/TrainingStep/properties/Arguments/properties";
const CONDITION = "/definitions/ConditionStep/properties/Arguments/properties";
const REGISTER = "/definitions/RegisterModelStep/properties/Arguments/properties";
const TRANSFORM = "/definitions/TransformStep/properties/Arguments/properties";

/** `JsonGet(step_name, property_file, json_path).expr` (workflow/functions.py:124-140). */
const JSON_GET: SchemaNode = {
  type: "object",
  properties: {
    "Std:JsonGet": {
      type: "object",
      properties: { PropertyFile: ref("GetFunction"), Path: { type: "string" } },
      required: ["PropertyFile", "Path"],
      additionalProperties: false,
    },
  },
  required: ["Std:JsonGet"],
  additionalProperties: false,
};
/** A condition operand: a primitive, a `Get`, or a `JsonGet` (workflow/conditions.py). */
const OPERAND: SchemaNode = {
  anyOf: [STRING_OR_GET, BOOLEAN_OR_GET, INTEGER_OR_GET, ref("FloatArgumentValue"), JSON_GET],
};
/** `ConditionNot(expression).to_request()`: `{"Type": "Not", "Condition": <any condition>}`. */
const NOT_CONDITION: SchemaNode = {
  type: "object",
  properties: {
    Type: { type: "string", enum: ["Not"] },
    Condition: { $ref: `#${CONDITION}/Conditions/items` },
  },
  required: ["Type", "Condition"],
  additionalProperties: false,
};

/**
 * The upstream file declares `"$schema": "http://json-schema.org/schema#"`, the unversioned
 * "latest draft" alias, which names no draft for certain. The schema only uses draft-07 keywords
 * (`definitions`, `patternProperties`, `oneOf`), so the copy is pinned to draft-07, the draft it
 * is validated in (validateDefinition.ts).
 */
export const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

export const OVERLAY: readonly OverlayEntry[] = [
  // Top level: `Pipeline.definition()` always renders the key (workflow/pipeline.py:429-466): the
  // default PipelineExperimentConfig (pipeline.py:74-76, pipeline_experiment_config.py:57-63) in
  // the SageMaker Experiments regions, `null` elsewhere (pipeline.py:140-143).
  {
    id: "pipeline-experiment-config",
    at: "/properties",
    op: "addProperties",
    schema: {
      PipelineExperimentConfig: {
        anyOf: [
          { type: "null" },
          {
            type: "object",
            properties: { ExperimentName: STRING_OR_GET, TrialName: STRING_OR_GET },
            required: ["ExperimentName", "TrialName"],
            additionalProperties: false,
          },
        ],
      },
    },
    evidence:
      "pytorch.json (object, us-east-1); no_experiments_region.json (null, eu-central-2); every example and fixture",
  },
  // ParameterString(enum_values=[...]) renders `EnumValues` (workflow/parameters.py:179-184).
  {
    id: "string-parameter-enum-values",
    at: "/definitions/StringParameter/properties",
    op: "addProperties",
    schema: { EnumValues: { type: "array", items: { type: "string" } } },
    evidence: "pytorch_params.json Parameters[5] (EnumString); fixture options-eu-central-2",
  },
  // ProcessingInput._to_request_dict renders `"AppManaged": false` (processing.py:1277-1300).
  {
    id: "processing-input-app-managed",
    at: `${PROCESSING}/ProcessingInputs/items/properties`,
    op: "addProperties",
    schema: { AppManaged: { type: "boolean" } },
    evidence: "pytorch.json Steps[0].Arguments.ProcessingInputs[*]; every example",
  },
  // ProcessingOutput._to_request_dict renders `"AppManaged": false` (processing.py:1373-1390).
  {
    id: "processing-output-app-managed",
    at: `${PROCESSING}/ProcessingOutputConfig/properties/Outputs/items/properties`,
    op: "addProperties",
    schema: { AppManaged: { type: "boolean" } },
    evidence: "pytorch.json Steps[0].Arguments.ProcessingOutputConfig.Outputs[*]; every example",
  },
  // Upstream `JoinFunction` puts `Values`, `required` and `additionalProperties` straight into the
  // `Std:Join` node, without `properties`: no object with `Values` can pass it, and `On` is missing.
  // Join renders `{"Std:Join": {"On": on, "Values": [...]}}` (workflow/functions.py:64-75). The
  // repaired node keeps upstream's `Values` schema and `required`. Needed by every `std-join-*`.
  {
    id: "join-function-shape",
    at: "/definitions/JoinFunction/properties/Std:Join",
    op: "replace",
    schema: {
      type: "object",
      properties: {
        On: { type: "string" },
        Values: { type: "array", items: { oneOf: [{ type: "string" }, ref("GetFunction")] } },
      },
      required: ["Values"],
      additionalProperties: false,
    },
    evidence: "every Std:Join below (they refer to JoinFunction)",
  },
  // A processing output without a destination gets a runtime S3 URI, a Join over the execution id
  // (processing.py:460-500).
  {
    id: "std-join-processing-output-s3-uri",
    at: `${PROCESSING}/ProcessingOutputConfig/properties/Outputs/items/properties/S3Output/properties/S3Uri`,
    op: "allowAlso",
    schema: JOIN,
    evidence: "pytorch.json Steps[0].Arguments.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri",
  },
  // A non-String parameter as a hyperparameter is sent through `to_string()`, a Join
  // (workflow/entities.py:104-108, estimator.py:925-936); the repack step's `model_archive` is a
  // Join over the model artifacts (workflow/_utils.py:212-229).
  {
    id: "std-join-hyperparameters",
    at: `${TRAINING}/HyperParameters/patternProperties/.*`,
    op: "allowAlso",
    schema: JOIN,
    evidence:
      "hp_param_types.json Steps[0] HyperParameters epochs/learning_rate/use_foo/joined; pytorch.json Steps[3] model_archive",
  },
  // A channel given as `Join(on="/", values=[<upstream output>, "train/"])` renders the Join
  // verbatim (inputs.py:115-123, job.py:185-190): XGBoost's train/validation/test channels.
  {
    id: "std-join-channel-s3-uri",
    at: `${TRAINING}/InputDataConfig/items/properties/DataSource/properties/S3DataSource/properties/S3Uri`,
    op: "allowAlso",
    schema: JOIN,
    evidence: "xgboost.json Steps[2].Arguments.InputDataConfig[0..2]",
  },
  // `checkpoint_s3_uri` is rendered as given (session.py:1634-1638); under an output path bound
  // to a parameter, `{outputPath}/checkpoints` is a Join.
  {
    id: "std-join-checkpoint-s3-uri",
    at: `${TRAINING}/CheckpointConfig/properties/S3Uri`,
    op: "allowAlso",
    schema: JOIN,
    evidence: "checkpoint_join.json Steps[1].Arguments.CheckpointConfig.S3Uri",
  },
  // Estimator `environment` renders `Environment` in CreateTrainingJob arguments
  // (session.py:1561-1660); same shape as the processing `Environment` upstream already has.
  {
    id: "training-environment",
    at: TRAINING,
    op: "addProperties",
    schema: {
      Environment: { type: "object", patternProperties: { ".*": STRING_OR_GET } },
    },
    evidence: "pytorch.json Steps[2].Arguments.Environment; fixture pytorch-reference",
  },
  // Every framework estimator renders a ProfilerConfig (estimator.py:1234-1266,
  // debugger/profiler_config.py:146-178): `{S3OutputPath, DisableProfiler,
  // [ProfilingIntervalInMilliseconds]}`, or `{DisableProfiler: true}` for the repack step.
  {
    id: "training-profiler-config",
    at: TRAINING,
    op: "addProperties",
    schema: {
      ProfilerConfig: {
        type: "object",
        properties: {
          S3OutputPath: STRING_OR_GET,
          DisableProfiler: BOOLEAN_OR_GET,
          ProfilingIntervalInMilliseconds: INTEGER_OR_GET,
        },
        additionalProperties: false,
      },
    },
    evidence: "pytorch.json Steps[2] (with interval), Steps[3] (disabled); xgboost.json Steps[2]",
  },
  // ModelStep's model data is the training step's (or repack step's) ModelArtifacts property,
  // rendered as a Get (workflow/model_step.py:309-319); upstream only allows an https/s3 string.
  {
    id: "model-data-url-get",
    at: "/definitions/ContainerDefinition/properties/ModelDataUrl",
    op: "allowAlso",
    schema: ref("GetFunction"),
    evidence:
      "pytorch.json Steps[4].Arguments.PrimaryContainer.ModelDataUrl; xgboost.json Steps[3]",
  },
  // StepRetryPolicy / SageMakerJobStepRetryPolicy render `ExceptionType` as a list
  // (workflow/retry.py:148, :207); upstream allows a single string.
  {
    id: "retry-policy-exception-type-array",
    at: "/definitions/RetryPolicy/properties/ExceptionType",
    op: "allowAlso",
    schema: {
      type: "array",
      minItems: 1,
      items: { $ref: "#/definitions/RetryPolicy/properties/ExceptionType/anyOf/0" },
    },
    evidence: "retry_policies.json Steps[0].RetryPolicies[*].ExceptionType",
  },
  // ProcessingStep(property_files=[PropertyFile(name, output_name, path)]) renders
  // `PropertyFiles` next to `Arguments` (workflow/steps.py:927-930, properties.py PropertyFile.expr).
  {
    id: "processing-property-files",
    at: "/definitions/ProcessingStep/properties",
    op: "addProperties",
    schema: {
      PropertyFiles: {
        type: "array",
        items: {
          type: "object",
          properties: {
            PropertyFileName: { type: "string" },
            OutputName: { type: "string" },
            FilePath: { type: "string" },
          },
          required: ["PropertyFileName", "OutputName", "FilePath"],
          additionalProperties: false,
        },
      },
    },
    evidence: "gated_xgboost.json Steps[3].PropertyFiles; gated_pytorch.json Steps[3]",
  },
  // A comparison's operands are rendered as given (ConditionComparison.to_request,
  // workflow/conditions.py:78-84): a JsonGet of an evaluation report on either side.
  {
    id: "condition-json-get-left",
    at: "/definitions/BinaryCondition/properties/LeftValue",
    op: "allowAlso",
    schema: JSON_GET,
    evidence: "gated_xgboost.json Steps[4].Arguments.Conditions[0].LeftValue",
  },
  {
    id: "condition-json-get-right",
    at: "/definitions/BinaryCondition/properties/RightValue",
    op: "allowAlso",
    schema: JSON_GET,
    evidence: "gated_pytorch.json Steps[4].Arguments.Conditions[0].Conditions[1].RightValue",
  },
  // ConditionIn.to_request renders `{"Type": "In", "QueryValue", "Values"}`
  // (workflow/conditions.py:236-242); upstream's InCondition has `Value` and `In`.
  {
    id: "condition-in-query-value",
    at: "/definitions/InCondition",
    op: "allowAlso",
    schema: {
      type: "object",
      properties: {
        Type: { type: "string", enum: ["In"] },
        QueryValue: OPERAND,
        Values: { type: "array", items: OPERAND },
      },
      required: ["Type", "QueryValue", "Values"],
      additionalProperties: false,
    },
    evidence:
      "gated_xgboost.json Steps[4].Arguments.Conditions[1].Conditions[1..2] (a Get, a JsonGet); nested_conditions.json Steps[0].Arguments.Conditions[0]",
  },
  // ConditionNot renders `{"Type": "Not", "Condition": …}` (workflow/conditions.py:263-265),
  // which upstream does not know: at the top of a condition step's list, and inside an Or.
  {
    id: "condition-not",
    at: `${CONDITION}/Conditions/items`,
    op: "allowAlso",
    schema: NOT_CONDITION,
    evidence:
      "gated_pytorch.json Steps[4].Arguments.Conditions[1] (Not of Equals); nested_conditions.json CheckRetries Conditions[1] (Not of Or)",
  },
  // ConditionOr renders its conditions as given (workflow/conditions.py:283-288): a Not or another
  // Or inside an Or, which upstream's OrCondition (Binary or In only) refuses.
  {
    id: "condition-or-nesting",
    at: "/definitions/OrCondition/properties/Conditions/items",
    op: "allowAlso",
    schema: { anyOf: [NOT_CONDITION, ref("OrCondition")] },
    evidence:
      "gated_xgboost.json Steps[4].Arguments.Conditions[1].Conditions[0] (Not in Or); nested_conditions.json CheckStrict Conditions[0].Conditions[1] (Or in Or)",
  },
  // ConditionStep(if_steps, else_steps) renders every step of the branches in full
  // (workflow/condition_step.py:100-106): a ModelStep's CreateModel step, and nested conditions.
  {
    id: "condition-if-steps-model-and-condition",
    at: `${CONDITION}/IfSteps/items`,
    op: "allowAlso",
    schema: { anyOf: [ref("CreateModelStep"), ref("ConditionStep")] },
    evidence:
      "gated_xgboost.json Steps[4].Arguments.IfSteps[1] (Model); nested_conditions.json Steps[0].Arguments.IfSteps[0] (Condition)",
  },
  {
    id: "condition-else-steps-model-and-condition",
    at: `${CONDITION}/ElseSteps/items`,
    op: "allowAlso",
    schema: { anyOf: [ref("CreateModelStep"), ref("ConditionStep")] },
    evidence:
      "gated_pytorch.json Steps[4].Arguments.ElseSteps[3] (Model); nested_conditions.json Steps[0].Arguments.ElseSteps[0] (Condition)",
  },
  // FailStep(error_message=Join(on="", values=[...])) renders the Join (workflow/fail_step.py:77,
  // functions.py:64-75), whose values are rendered as given: strings, numbers, parameters, JsonGet.
  {
    id: "fail-error-message-join",
    at: "/definitions/FailStep/properties/Arguments/properties/ErrorMessage",
    op: "allowAlso",
    schema: {
      type: "object",
      properties: {
        "Std:Join": {
          type: "object",
          properties: {
            On: { type: "string" },
            Values: {
              type: "array",
              items: {
                anyOf: [{ type: ["string", "number", "boolean"] }, ref("GetFunction"), JSON_GET],
              },
            },
          },
          required: ["On", "Values"],
          additionalProperties: false,
        },
      },
      required: ["Std:Join"],
      additionalProperties: false,
    },
    evidence:
      "gated_xgboost.json ElseSteps[0].Arguments.ErrorMessage (a JsonGet and a Float parameter); nested_conditions.json TooManyRetries (Integer and Boolean parameters, 3.5)",
  },
  // model.register() renders what get_create_model_package_request builds (session.py:7946-8116):
  // `CustomerMetadataProperties`, `ModelApprovalStatus` and `SkipModelValidation` ("None" by
  // default), none of which upstream's RegisterModelStep has.
  {
    id: "register-model-arguments",
    at: REGISTER,
    op: "addProperties",
    schema: {
      CustomerMetadataProperties: { type: "object", additionalProperties: { type: "string" } },
      ModelApprovalStatus: STRING_OR_GET,
      SkipModelValidation: { type: "string", enum: ["All", "None"] },
    },
    evidence: "gated_xgboost.json Steps[4].Arguments.IfSteps[0].Arguments (all three)",
  },
  // The container is FrameworkModel.prepare_container_def (Environment, model.py:742-760) plus
  // update_container_with_inference_params (`Framework`, PyTorch's `FrameworkVersion`;
  // utils.py:1111-1142).
  {
    id: "register-model-container",
    at: `${REGISTER}/InferenceSpecification/properties/Containers/items/properties`,
    op: "addProperties",
    schema: {
      Environment: { type: "object", patternProperties: { ".*": STRING_OR_GET } },
      Framework: STRING_OR_GET,
      FrameworkVersion: STRING_OR_GET,
    },
    evidence:
      "gated_xgboost.json IfSteps[0] InferenceSpecification.Containers[0] (Environment, Framework); gated_pytorch.json ElseSteps[1] (FrameworkVersion too)",
  },
  // The repacked model's data is the repack step's ModelArtifacts, a Get — upstream already takes
  // that; the model metrics' report is `Join("/", [<evaluation output>, reportFile])`
  // (model_metrics.py:123-128 renders the s3_uri as given).
  {
    id: "std-join-model-metrics-s3-uri",
    at: `${REGISTER}/ModelMetrics/properties/ModelQuality/properties/Statistics/properties/S3Uri`,
    op: "allowAlso",
    schema: JOIN,
    evidence: "gated_xgboost.json IfSteps[0].Arguments.ModelMetrics.ModelQuality.Statistics.S3Uri",
  },
  // transformer.transform(data=Join("/", [<processed data>, "test/"])) renders the Join as the
  // transform input's S3 URI (transformer.py, session.py:4089).
  {
    id: "std-join-transform-input-s3-uri",
    at: `${TRANSFORM}/TransformInput/properties/DataSource/properties/S3DataSource/properties/S3Uri`,
    op: "allowAlso",
    schema: JOIN,
    evidence: "gated_xgboost.json Steps[4].Arguments.IfSteps[2].Arguments.TransformInput",
  },
];

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The parent object and key a JSON pointer names; throws when the path does not exist. */
function locate(root: SchemaNode, pointer: string): { parent: SchemaNode; key: string } {
  const segments = pointer.split("/").slice(1).map(unescapePointer);
  const key = segments.pop();
  if (key === undefined) throw new Error(`overlay: "${pointer}" names the root`);
  let node: unknown = root;
  for (const segment of segments) {
    node = (node as SchemaNode | undefined)?.[segment];
    if (!node || typeof node !== "object")
      throw new Error(`overlay: "${pointer}" does not exist in the schema`);
  }
  return { parent: node as SchemaNode, key };
}

function applyEntry(schema: SchemaNode, entry: OverlayEntry): void {
  const { parent, key } = locate(schema, entry.at);
  const current = parent[key];
  if (!current || typeof current !== "object")
    throw new Error(`overlay ${entry.id}: "${entry.at}" does not exist in the schema`);
  const copy = structuredClone(entry.schema);
  switch (entry.op) {
    case "addProperties":
      for (const [name, value] of Object.entries(copy)) {
        if (name in current)
          throw new Error(`overlay ${entry.id}: "${entry.at}" already has "${name}"`);
        (current as SchemaNode)[name] = value;
      }
      return;
    case "allowAlso":
      parent[key] = { anyOf: [current, copy] };
      return;
    case "replace":
      parent[key] = copy;
      return;
  }
}

/**
 * A deep copy of the upstream schema with the overlay applied (`entries` defaults to all of it;
 * the tests pass all but one). The upstream object is never modified.
 */
export function applyOverlay(
  upstream: SchemaNode,
  entries: readonly OverlayEntry[] = OVERLAY,
): SchemaNode {
  const schema = structuredClone(upstream);
  schema.$schema = DRAFT_07;
  for (const entry of entries) applyEntry(schema, entry);
  return schema;
}
