/**
 * The one interface the UI uses to reach SageMaker and S3 (DESIGN.md §1): real against the emulator
 * or AWS (sdkClient.ts), faked in unit tests. No AWS SDK types leak through it.
 */
export interface PipelineClient {
  /** The deployed pipeline and its definition, or null when no pipeline has this name. */
  describePipeline(name: string): Promise<DeployedPipeline | null>;
  /**
   * The SHA-256 recorded on the object when we uploaded it: null when the key is absent, "" when
   * the object exists without one (then it is uploaded again).
   */
  objectHash(bucket: string, key: string): Promise<string | null>;
  /** An object's bytes, or null when the key is absent. */
  getObject(bucket: string, key: string): Promise<Uint8Array | null>;
  putObject(object: {
    bucket: string;
    key: string;
    body: Uint8Array;
    contentType: string;
    sha256: string;
  }): Promise<void>;
  createPipeline(request: PipelineRequest & { clientRequestToken: string }): Promise<string>;
  updatePipeline(request: PipelineRequest): Promise<string>;
  startExecution(request: {
    pipelineName: string;
    parameters: Record<string, string>;
    clientRequestToken: string;
  }): Promise<string>;
  listExecutions(pipelineName: string): Promise<ExecutionSummary[]>;
  describeExecution(executionArn: string): Promise<ExecutionDetail>;
  executionParameters(executionArn: string): Promise<Record<string, string>>;
  listExecutionSteps(executionArn: string): Promise<ExecutionStep[]>;
  stopExecution(executionArn: string, clientRequestToken: string): Promise<void>;
  /** The definition an execution ran (DescribePipelineDefinitionForExecution). */
  executionDefinition(executionArn: string): Promise<string>;

  // The model registry.
  listModelPackageGroups(): Promise<ModelPackageGroup[]>;
  /** A group's versions, newest first. */
  listModelPackages(groupName: string): Promise<ModelPackageSummary[]>;
  describeModelPackage(arn: string): Promise<ModelPackageDetail>;
  /** Approves or rejects a version; `description` is recorded as its approval description. */
  updateModelPackage(request: {
    arn: string;
    approvalStatus: ApprovalStatus;
    description?: string;
  }): Promise<void>;
}

export interface PipelineRequest {
  name: string;
  definition: string;
  roleArn: string;
  description: string;
  tags: Record<string, string>;
}

export interface DeployedPipeline {
  arn: string;
  definition: string;
  lastModified?: Date;
}

export type ExecutionStatus = "Executing" | "Stopping" | "Stopped" | "Failed" | "Succeeded";
export type StepStatus = "Starting" | "Executing" | "Stopping" | "Stopped" | "Failed" | "Succeeded";

export interface ExecutionSummary {
  arn: string;
  status: ExecutionStatus;
  startTime?: Date;
  displayName?: string;
}

export interface ExecutionDetail extends ExecutionSummary {
  failureReason?: string;
}

export interface ExecutionStep {
  name: string;
  status: StepStatus;
  startTime?: Date;
  endTime?: Date;
  failureReason?: string;
  /** Training/processing/transform job, model or model package ARN the step made, when reported. */
  jobArn?: string;
  /** A Condition step's outcome once it has been evaluated: which branch runs. */
  conditionOutcome?: "True" | "False";
  /** The version a RegisterModel step created. */
  modelPackageArn?: string;
}

export const APPROVAL_STATUSES = ["PendingManualApproval", "Approved", "Rejected"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface ModelPackageGroup {
  name: string;
  arn: string;
  description?: string;
  creationTime?: Date;
}

export interface ModelPackageSummary {
  arn: string;
  groupName: string;
  version: number;
  approvalStatus: ApprovalStatus;
  /** Pending, InProgress, Completed, Failed, Deleting. */
  status?: string;
  creationTime?: Date;
  description?: string;
}

/** One report a version's ModelMetrics names, e.g. `ModelQuality.Statistics`. */
export interface MetricsReport {
  kind: string;
  uri: string;
  contentType?: string;
}

export interface ModelPackageDetail extends ModelPackageSummary {
  approvalDescription?: string;
  /** Every report of ModelMetrics (ModelQuality, ModelDataQuality, Bias, Explainability). */
  metricsReports: MetricsReport[];
  /** The model quality statistics (the evaluation report), when the version has one. */
  metricsUri?: string;
  customerMetadata: Record<string, string>;
  modelDataUrl?: string;
  image?: string;
  lastModifiedTime?: Date;
}

export const TERMINAL_STATUSES: readonly string[] = ["Stopped", "Failed", "Succeeded"];

/** An AWS error as the app shows it: the service's own code and message, never a stack. */
export interface AwsProblem {
  code: string;
  message: string;
  status?: number;
}
