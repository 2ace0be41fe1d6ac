import type {
  ApprovalStatus,
  DeployedPipeline,
  ExecutionStep,
  ModelPackageDetail,
  ModelPackageGroup,
  PipelineClient,
  PipelineRequest,
} from "../../src/aws/types";

type Method = keyof PipelineClient;

/**
 * An in-memory account with AWS's idempotence rules (ClientRequestToken), for unit tests of the
 * submission flow. `failNext` makes the next calls of a method throw an AWS-shaped error.
 */
export class FakePipelineClient implements PipelineClient {
  readonly objects = new Map<string, { body: Uint8Array; sha256: string }>();
  readonly pipelines = new Map<string, PipelineRequest & { arn: string }>();
  readonly executions: { arn: string; pipelineName: string; parameters: Record<string, string> }[] =
    [];
  readonly calls: { method: Method; argument: unknown }[] = [];
  private readonly tokens = new Map<string, string>();
  private readonly failures: { method: Method; error: Error; after: boolean }[] = [];

  failNext(method: Method, code: string, message: string, options: { after?: boolean } = {}) {
    const error = Object.assign(new Error(message), {
      name: code,
      $metadata: { httpStatusCode: 500 },
    });
    this.failures.push({ method, error, after: options.after ?? false });
  }

  count(method: Method): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  private async run<T>(method: Method, argument: unknown, body: () => T): Promise<T> {
    this.calls.push({ method, argument });
    const index = this.failures.findIndex((failure) => failure.method === method);
    const failure = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (failure && !failure.after) throw failure.error;
    const result = body();
    if (failure) throw failure.error;
    return result;
  }

  describePipeline(name: string): Promise<DeployedPipeline | null> {
    return this.run("describePipeline", name, () => {
      const found = this.pipelines.get(name);
      return found ? { arn: found.arn, definition: found.definition } : null;
    });
  }

  getObject(bucket: string, key: string) {
    return this.run(
      "getObject",
      { bucket, key },
      () => this.objects.get(`${bucket}/${key}`)?.body ?? null,
    );
  }

  objectHash(bucket: string, key: string) {
    return this.run("objectHash", { bucket, key }, () => {
      const found = this.objects.get(`${bucket}/${key}`);
      return found ? found.sha256 : null;
    });
  }

  putObject(object: {
    bucket: string;
    key: string;
    body: Uint8Array;
    contentType: string;
    sha256: string;
  }) {
    return this.run("putObject", object, () => {
      this.objects.set(`${object.bucket}/${object.key}`, object);
    });
  }

  createPipeline(request: PipelineRequest & { clientRequestToken: string }) {
    return this.run("createPipeline", request, () => {
      const repeated = this.tokens.get(`create:${request.clientRequestToken}`);
      if (repeated) return repeated;
      if (this.pipelines.has(request.name))
        throw Object.assign(new Error(`Pipeline ${request.name} already exists`), {
          name: "ResourceInUse",
        });
      const arn = `arn:aws:sagemaker:us-east-1:123456789012:pipeline/${request.name}`;
      this.pipelines.set(request.name, { ...request, arn });
      this.tokens.set(`create:${request.clientRequestToken}`, arn);
      return arn;
    });
  }

  updatePipeline(request: PipelineRequest) {
    return this.run("updatePipeline", request, () => {
      const found = this.pipelines.get(request.name);
      if (!found) throw Object.assign(new Error("does not exist"), { name: "ResourceNotFound" });
      this.pipelines.set(request.name, { ...request, arn: found.arn });
      return found.arn;
    });
  }

  startExecution(request: {
    pipelineName: string;
    parameters: Record<string, string>;
    clientRequestToken: string;
  }) {
    return this.run("startExecution", request, () => {
      const repeated = this.tokens.get(`start:${request.clientRequestToken}`);
      if (repeated) return repeated;
      const arn = `arn:aws:sagemaker:us-east-1:123456789012:pipeline/${request.pipelineName}/execution/${this.executions.length + 1}`;
      this.executions.push({
        arn,
        pipelineName: request.pipelineName,
        parameters: request.parameters,
      });
      this.tokens.set(`start:${request.clientRequestToken}`, arn);
      return arn;
    });
  }

  /** Scripted answers for run polling: each call of describe/list takes the next entry. */
  readonly script: {
    status: "Executing" | "Succeeded" | "Failed" | "Stopped";
    steps: ExecutionStep[];
  }[] = [];

  listExecutions(pipelineName: string) {
    return this.run("listExecutions", pipelineName, () =>
      this.executions
        .filter((execution) => execution.pipelineName === pipelineName)
        .map((execution) => ({ arn: execution.arn, status: "Executing" as const })),
    );
  }

  describeExecution(arn: string) {
    return this.run("describeExecution", arn, () => ({
      arn,
      status: (this.script[0] ?? { status: "Executing" }).status,
    }));
  }

  executionParameters(arn: string) {
    return this.run(
      "executionParameters",
      arn,
      () => this.executions.find((execution) => execution.arn === arn)?.parameters ?? {},
    );
  }

  listExecutionSteps(arn: string) {
    return this.run("listExecutionSteps", arn, () => {
      const next = this.script.length > 1 ? this.script.shift()! : this.script[0];
      return next?.steps ?? [];
    });
  }

  stopExecution(arn: string, clientRequestToken: string) {
    return this.run("stopExecution", { arn, clientRequestToken }, () => undefined);
  }

  /** Execution ARN → the definition it ran (executionDefinition); "" when not set. */
  readonly executionDefinitions = new Map<string, string>();

  executionDefinition(arn: string) {
    return this.run("executionDefinition", arn, () => this.executionDefinitions.get(arn) ?? "");
  }

  // The model registry: groups in creation order, each with its versions (oldest first).
  readonly groups: ModelPackageGroup[] = [];
  readonly packages: ModelPackageDetail[] = [];

  /** Adds a version to a group (created if missing), as a RegisterModel step would. */
  addModelPackage(
    groupName: string,
    fields: Partial<Omit<ModelPackageDetail, "arn" | "groupName" | "version">> = {},
  ): ModelPackageDetail {
    if (!this.groups.some((group) => group.name === groupName))
      this.groups.push({
        name: groupName,
        arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package-group/${groupName}`,
      });
    const version = this.packages.filter((found) => found.groupName === groupName).length + 1;
    const added: ModelPackageDetail = {
      arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/${groupName}/${version}`,
      groupName,
      version,
      approvalStatus: "PendingManualApproval",
      metricsReports: [],
      customerMetadata: {},
      ...fields,
    };
    this.packages.push(added);
    return added;
  }

  listModelPackageGroups() {
    return this.run("listModelPackageGroups", undefined, () => [...this.groups].reverse());
  }

  listModelPackages(groupName: string) {
    return this.run("listModelPackages", groupName, () =>
      this.packages
        .filter((found) => found.groupName === groupName)
        .map(({ arn, groupName: group, version, approvalStatus, status, creationTime }) => ({
          arn,
          groupName: group,
          version,
          approvalStatus,
          status,
          creationTime,
        }))
        .reverse(),
    );
  }

  describeModelPackage(arn: string) {
    return this.run("describeModelPackage", arn, () => {
      const found = this.packages.find((candidate) => candidate.arn === arn);
      if (!found)
        throw Object.assign(new Error(`Model package ${arn} not found`), {
          name: "ValidationException",
          $metadata: { httpStatusCode: 400 },
        });
      return structuredClone(found);
    });
  }

  updateModelPackage(request: {
    arn: string;
    approvalStatus: ApprovalStatus;
    description?: string;
  }) {
    return this.run("updateModelPackage", request, () => {
      const found = this.packages.find((candidate) => candidate.arn === request.arn);
      if (!found)
        throw Object.assign(new Error(`Model package ${request.arn} not found`), {
          name: "ValidationException",
          $metadata: { httpStatusCode: 400 },
        });
      found.approvalStatus = request.approvalStatus;
      if (request.description) found.approvalDescription = request.description;
    });
  }
}
