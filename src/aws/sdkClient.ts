// Loaded on demand (see connection.ts): the AWS SDK never weighs on the designer's first load.
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  CreatePipelineCommand,
  DescribeModelPackageCommand,
  DescribePipelineCommand,
  DescribePipelineDefinitionForExecutionCommand,
  DescribePipelineExecutionCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListPipelineExecutionsCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineParametersForExecutionCommand,
  SageMakerClient,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  UpdateModelPackageCommand,
  UpdatePipelineCommand,
  type DescribeModelPackageCommandOutput,
  type ModelMetrics,
  type ModelPackageSummary as SdkModelPackageSummary,
  type PipelineExecutionStep,
} from "@aws-sdk/client-sagemaker";
import type { ConnectionConfig } from "./config";
import { EXPIRED_CREDENTIAL_CODES, identityPoolCredentials } from "./credentials";
import { isMissingResource, toAwsProblem } from "./errors";
import {
  APPROVAL_STATUSES,
  type ApprovalStatus,
  type AwsProblem,
  type ExecutionStatus,
  type ExecutionStep,
  type MetricsReport,
  type ModelPackageDetail,
  type ModelPackageGroup,
  type ModelPackageSummary,
  type PipelineClient,
  type StepStatus,
} from "./types";

type HttpHandlerOption = NonNullable<
  ConstructorParameters<typeof SageMakerClient>[0]
>["requestHandler"];

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** PipelineClient over AWS SDK v3, signed with the user's identity-pool credentials. */
export function createSdkPipelineClient(
  config: ConnectionConfig,
  idToken: () => Promise<string>,
  /** For tests: answers requests instead of the network. */
  requestHandler?: HttpHandlerOption,
): PipelineClient {
  const credentials = identityPoolCredentials(config, idToken);
  const common = { region: config.region, endpoint: config.endpoint, credentials, requestHandler };
  const sagemaker = new SageMakerClient(common);
  // The emulator serves buckets by path; real S3 uses virtual-hosted buckets.
  const s3 = new S3Client({
    ...common,
    forcePathStyle: Boolean(config.endpoint),
    requestChecksumCalculation: "WHEN_REQUIRED",
  });

  /** Runs a call; when the service says the credentials expired, fetches new ones and retries once. */
  async function call<T>(
    run: () => Promise<T>,
    mayBeExpired = (problem: AwsProblem) => EXPIRED_CREDENTIAL_CODES.includes(problem.code),
  ): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!mayBeExpired(toAwsProblem(error))) throw error;
      credentials.invalidate();
      return run();
    }
  }

  return {
    async describePipeline(name) {
      try {
        const found = await call(() =>
          sagemaker.send(new DescribePipelineCommand({ PipelineName: name })),
        );
        return {
          arn: found.PipelineArn ?? "",
          definition: found.PipelineDefinition ?? "",
          lastModified: found.LastModifiedTime,
        };
      } catch (error) {
        if (isMissingResource(toAwsProblem(error))) return null;
        throw error;
      }
    },
    async objectHash(bucket, key) {
      try {
        // S3 answers a HEAD without a body, so an expired-credentials refusal comes as a bare 400
        // or 403: fetch new keys and ask once more (a HEAD changes nothing).
        const head = await call(
          () => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
          (problem) => problem.status === 400 || problem.status === 403,
        );
        return head.Metadata?.sha256 ?? "";
      } catch (error) {
        const problem = toAwsProblem(error);
        if (problem.status === 404) return null;
        if (problem.status === 400 || problem.status === 403)
          throw bodilessRefusal(problem, bucket, key);
        throw error;
      }
    },
    async getObject(bucket, key) {
      try {
        const found = await call(() => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
        return found.Body ? await found.Body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        const problem = toAwsProblem(error);
        if (problem.status === 404 || problem.code === "NoSuchKey") return null;
        throw error;
      }
    },
    async putObject({ bucket, key, body, contentType, sha256 }) {
      await call(() =>
        s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            Metadata: { sha256 },
          }),
        ),
      );
    },
    async createPipeline(request) {
      const created = await call(() =>
        sagemaker.send(
          new CreatePipelineCommand({
            PipelineName: request.name,
            PipelineDefinition: request.definition,
            PipelineDescription: request.description || undefined,
            RoleArn: request.roleArn,
            ClientRequestToken: request.clientRequestToken,
            Tags: Object.keys(request.tags).length ? tagList(request.tags) : undefined,
          }),
        ),
      );
      return created.PipelineArn ?? "";
    },
    async updatePipeline(request) {
      const updated = await call(() =>
        sagemaker.send(
          new UpdatePipelineCommand({
            PipelineName: request.name,
            PipelineDefinition: request.definition,
            PipelineDescription: request.description || undefined,
            RoleArn: request.roleArn,
          }),
        ),
      );
      return updated.PipelineArn ?? "";
    },
    async startExecution({ pipelineName, parameters, clientRequestToken }) {
      const started = await call(() =>
        sagemaker.send(
          new StartPipelineExecutionCommand({
            PipelineName: pipelineName,
            ClientRequestToken: clientRequestToken,
            PipelineParameters: Object.entries(parameters).map(([Name, Value]) => ({
              Name,
              Value,
            })),
          }),
        ),
      );
      return started.PipelineExecutionArn ?? "";
    },
    async listExecutions(pipelineName) {
      const listed = await call(() =>
        sagemaker.send(
          new ListPipelineExecutionsCommand({
            PipelineName: pipelineName,
            SortBy: "CreationTime",
            SortOrder: "Descending",
            MaxResults: 50,
          }),
        ),
      );
      return (listed.PipelineExecutionSummaries ?? []).map((summary) => ({
        arn: summary.PipelineExecutionArn ?? "",
        status: (summary.PipelineExecutionStatus ?? "Executing") as ExecutionStatus,
        startTime: summary.StartTime,
        displayName: summary.PipelineExecutionDisplayName,
      }));
    },
    async describeExecution(executionArn) {
      const found = await call(() =>
        sagemaker.send(
          new DescribePipelineExecutionCommand({ PipelineExecutionArn: executionArn }),
        ),
      );
      return {
        arn: found.PipelineExecutionArn ?? executionArn,
        status: (found.PipelineExecutionStatus ?? "Executing") as ExecutionStatus,
        startTime: found.CreationTime,
        displayName: found.PipelineExecutionDisplayName,
        failureReason: found.FailureReason,
      };
    },
    async executionParameters(executionArn) {
      const listed = await call(() =>
        sagemaker.send(
          new ListPipelineParametersForExecutionCommand({ PipelineExecutionArn: executionArn }),
        ),
      );
      return Object.fromEntries(
        (listed.PipelineParameters ?? []).map((parameter) => [
          parameter.Name ?? "",
          parameter.Value ?? "",
        ]),
      );
    },
    async listExecutionSteps(executionArn) {
      const steps: ExecutionStep[] = [];
      let nextToken: string | undefined;
      do {
        const page = await call(() =>
          sagemaker.send(
            new ListPipelineExecutionStepsCommand({
              PipelineExecutionArn: executionArn,
              NextToken: nextToken,
              MaxResults: 100,
            }),
          ),
        );
        steps.push(...(page.PipelineExecutionSteps ?? []).map(toExecutionStep));
        nextToken = page.NextToken;
      } while (nextToken);
      return steps;
    },
    async stopExecution(executionArn, clientRequestToken) {
      await call(() =>
        sagemaker.send(
          new StopPipelineExecutionCommand({
            PipelineExecutionArn: executionArn,
            ClientRequestToken: clientRequestToken,
          }),
        ),
      );
    },
    async executionDefinition(executionArn) {
      const found = await call(() =>
        sagemaker.send(
          new DescribePipelineDefinitionForExecutionCommand({
            PipelineExecutionArn: executionArn,
          }),
        ),
      );
      return found.PipelineDefinition ?? "";
    },
    async listModelPackageGroups() {
      const groups: ModelPackageGroup[] = [];
      let nextToken: string | undefined;
      do {
        const page = await call(() =>
          sagemaker.send(
            new ListModelPackageGroupsCommand({
              SortBy: "CreationTime",
              SortOrder: "Descending",
              MaxResults: 100,
              NextToken: nextToken,
            }),
          ),
        );
        for (const group of page.ModelPackageGroupSummaryList ?? [])
          groups.push({
            name: group.ModelPackageGroupName ?? "",
            arn: group.ModelPackageGroupArn ?? "",
            description: group.ModelPackageGroupDescription,
            creationTime: group.CreationTime,
          });
        nextToken = page.NextToken || undefined;
      } while (nextToken);
      return groups;
    },
    async listModelPackages(groupName) {
      const packages: ModelPackageSummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await call(() =>
          sagemaker.send(
            new ListModelPackagesCommand({
              ModelPackageGroupName: groupName,
              SortBy: "CreationTime",
              SortOrder: "Descending",
              MaxResults: 100,
              NextToken: nextToken,
            }),
          ),
        );
        packages.push(...(page.ModelPackageSummaryList ?? []).map(toPackageSummary));
        nextToken = page.NextToken || undefined;
      } while (nextToken);
      // Newest first, whatever order the service kept (versions grow with time).
      return packages.sort((a, b) => b.version - a.version);
    },
    async describeModelPackage(arn) {
      const found = await call(() =>
        sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn })),
      );
      return toPackageDetail(found);
    },
    async updateModelPackage({ arn, approvalStatus, description }) {
      await call(() =>
        sagemaker.send(
          new UpdateModelPackageCommand({
            ModelPackageArn: arn,
            ModelApprovalStatus: approvalStatus,
            ApprovalDescription: description?.trim() || undefined,
          }),
        ),
      );
    },
  };
}

const approvalStatus = (status: string | undefined): ApprovalStatus =>
  (APPROVAL_STATUSES as readonly string[]).includes(status ?? "")
    ? (status as ApprovalStatus)
    : "PendingManualApproval";

function toPackageSummary(
  summary: SdkModelPackageSummary | DescribeModelPackageCommandOutput,
): ModelPackageSummary {
  return {
    arn: summary.ModelPackageArn ?? "",
    groupName: summary.ModelPackageGroupName ?? "",
    version: summary.ModelPackageVersion ?? 0,
    approvalStatus: approvalStatus(summary.ModelApprovalStatus),
    status: summary.ModelPackageStatus,
    creationTime: summary.CreationTime,
    description: summary.ModelPackageDescription,
  };
}

/** Every report ModelMetrics names, as `Kind.Part` (e.g. `ModelQuality.Statistics`) with its URI. */
function metricsReports(metrics: ModelMetrics | undefined): MetricsReport[] {
  const reports: MetricsReport[] = [];
  for (const [kind, parts] of Object.entries(metrics ?? {}))
    for (const [part, source] of Object.entries((parts ?? {}) as Record<string, unknown>)) {
      const { S3Uri, ContentType } = (source ?? {}) as { S3Uri?: string; ContentType?: string };
      if (S3Uri) reports.push({ kind: `${kind}.${part}`, uri: S3Uri, contentType: ContentType });
    }
  return reports;
}

function toPackageDetail(found: DescribeModelPackageCommandOutput): ModelPackageDetail {
  const container = found.InferenceSpecification?.Containers?.[0];
  const reports = metricsReports(found.ModelMetrics);
  return {
    ...toPackageSummary(found),
    approvalDescription: found.ApprovalDescription,
    metricsReports: reports,
    metricsUri: reports.find((report) => report.kind === "ModelQuality.Statistics")?.uri,
    customerMetadata: { ...found.CustomerMetadataProperties },
    modelDataUrl: container?.ModelDataUrl,
    image: container?.Image,
    lastModifiedTime: found.LastModifiedTime,
  };
}

/** What a user can act on when S3 refused a HEAD without saying why. */
function bodilessRefusal(problem: AwsProblem, bucket: string, key: string): Error {
  const error = new Error(
    `S3 refused to read s3://${bucket}/${key} (HTTP ${problem.status}, no detail): the credentials ` +
      "expired, or the identity pool's role may not s3:GetObject in this bucket.",
  );
  return Object.assign(error, {
    name: problem.status === 403 ? "AccessDenied" : "BadRequest",
    $metadata: { httpStatusCode: problem.status },
  });
}

export function toExecutionStep(step: PipelineExecutionStep): ExecutionStep {
  const metadata = step.Metadata;
  const outcome = metadata?.Condition?.Outcome;
  return {
    name: step.StepName ?? "",
    status: (step.StepStatus ?? "Starting") as StepStatus,
    startTime: step.StartTime,
    endTime: step.EndTime,
    failureReason: step.FailureReason || metadata?.Fail?.ErrorMessage,
    jobArn:
      metadata?.TrainingJob?.Arn ??
      metadata?.ProcessingJob?.Arn ??
      metadata?.Model?.Arn ??
      metadata?.TransformJob?.Arn ??
      metadata?.RegisterModel?.Arn,
    conditionOutcome: outcome === "True" || outcome === "False" ? outcome : undefined,
    modelPackageArn: metadata?.RegisterModel?.Arn,
  };
}
