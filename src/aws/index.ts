// What the UI imports from src/aws: light modules only; the SDK and Amplify load on demand.
export { AwsConnection, type ConnectionState, type SignInOutcome } from "./connection";
export {
  CONNECTION_FIELDS,
  ConnectionConfigSchema,
  loadConnectionConfig,
  parseConnectionConfig,
  saveConnectionConfig,
  type ConfigResult,
  type ConnectionConfig,
} from "./config";
export { isMissingResource, locateProblem, toAwsProblem, type ProblemLocation } from "./errors";
export { fetchDefinitionObjects, type DefinitionObjects } from "./definitionObjects";
export { stepNotRun, stepRunFor, stepsNotRun, watchExecution, type RunSnapshot } from "./runs";
export {
  VERSION_LIMIT,
  loadGroupVersions,
  loadVersion,
  metricsOf,
  parseS3Uri,
  readMetrics,
  type ModelMetric,
  type RegistryVersion,
} from "./registry";
export {
  STAGES,
  SubmitError,
  planSubmission,
  submitPipeline,
  type PlannedUpload,
  type Progress,
  type Stage,
  type SubmissionPlan,
  type SubmitResult,
} from "./submit";
export type * from "./types";
export { APPROVAL_STATUSES, TERMINAL_STATUSES } from "./types";
