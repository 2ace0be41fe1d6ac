import type { CompileContext } from "../context";
import { join, valueOf, type Expression } from "../expressions";
import type { ResolvedStep } from "../validate";
import { MODEL_FRAMEWORK, modelContainer, modelVersions, type RegisterType } from "./model";
import type { RenderedStep } from "./shared";

/** The content type of the evaluation report stored as the version's model quality statistics. */
export const MODEL_METRICS_CONTENT_TYPE = "application/json";

/**
 * `ModelMetrics(model_statistics=MetricsSource(s3_uri=Join("/", [<evaluation output>, reportFile]),
 * content_type="application/json"))._to_request_dict()` (model_metrics.py:64): the SDK always adds
 * the empty `Bias` and `Explainability`.
 */
function modelMetrics(context: CompileContext, resolved: ResolvedStep<RegisterType>) {
  const output = context.inputExpression(resolved.step.id, "evaluation");
  const source = context.inputSource(resolved.step.id, "evaluation");
  if (output === undefined || !source) return undefined;
  const reportFile =
    source.type === "XGBoostEvaluation" || source.type === "PyTorchEvaluation"
      ? source.config.reportFile
      : undefined;
  // validate (gatedRules.ts) refuses an evaluation input fed by anything but an evaluation step.
  if (reportFile === undefined) return undefined;
  const uri: Expression = join("/", [output, reportFile]);
  return {
    ModelQuality: { Statistics: { ContentType: MODEL_METRICS_CONTENT_TYPE, S3Uri: uri } },
    Bias: {},
    Explainability: {},
  };
}

/**
 * A register step as `ModelStep(name, step_args=PyTorchModel/XGBoostModel(...).register(...))`
 * renders it: `{name}-RepackModel-0` where the SDK repacks (as for a created model), then
 * `{name}-RegisterModel` with the arguments of `get_create_model_package_request`
 * (session.py:7946) in its key order. The image is picked for the first inference instance type
 * (`PyTorchModel.register`: `instance_type = inference_instances[0]`); PyTorch sets
 * `FrameworkVersion` on the container, XGBoost does not (xgboost/model.py passes
 * `framework_version=framework_version`, pytorch/model.py `framework_version or
 * self.framework_version`).
 */
export function renderRegisterModelStep(
  context: CompileContext,
  resolved: ResolvedStep<RegisterType>,
): RenderedStep[] {
  const { step, config } = resolved;
  const framework = MODEL_FRAMEWORK[resolved.type];
  const { repack, ...container } = modelContainer(
    context,
    resolved,
    config.inferenceInstanceTypes[0] ?? "",
    "inferenceInstanceTypes[0]",
  );
  const packageContainer: Record<string, unknown> = {
    ...container,
    // update_container_with_inference_params (utils.py:1068): framework upper-cased by register().
    Framework: framework.toUpperCase(),
  };
  if (framework === "pytorch")
    packageContainer.FrameworkVersion = modelVersions(context, resolved).frameworkVersion;

  const args: Record<string, unknown> = {
    ModelPackageGroupName: valueOf(config.modelPackageGroupName),
  };
  const metrics = modelMetrics(context, resolved);
  if (metrics) args.ModelMetrics = metrics;
  // An empty map is not passed (None): the SDK would render `"CustomerMetadataProperties": {}`.
  if (Object.keys(config.customerMetadata).length > 0)
    args.CustomerMetadataProperties = { ...config.customerMetadata };
  args.InferenceSpecification = {
    Containers: [packageContainer],
    SupportedContentTypes: [...config.contentTypes],
    SupportedResponseMIMETypes: [...config.responseTypes],
    SupportedRealtimeInferenceInstanceTypes: [...config.inferenceInstanceTypes],
    SupportedTransformInstanceTypes: [...config.transformInstanceTypes],
  };
  args.ModelApprovalStatus = valueOf(config.approvalStatus);
  // get_create_model_package_request's default, which register() leaves in place.
  args.SkipModelValidation = "None";
  return [
    ...(repack ? [repack] : []),
    { Name: `${step.name}-RegisterModel`, Type: "RegisterModel", Arguments: args },
  ];
}
