import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@aws-sdk/credential-providers", () =>
  import("../../tests/support/awsTestConnection").then((m) => m.fakeCredentialProviders),
);

import { issued, TEST_CONNECTION } from "../../tests/support/awsTestConnection";
import { createSdkPipelineClient, toExecutionStep } from "./sdkClient";
import { toAwsProblem } from "./errors";

const config = { ...TEST_CONNECTION, endpoint: "http://127.0.0.1:1" };

interface Answer {
  statusCode: number;
  headers?: Record<string, string>;
}

/** A client whose HEAD requests get the given answers in turn; records the key each was signed with. */
function clientAnswering(answers: Answer[]) {
  const signedWith: string[] = [];
  const requestHandler = {
    handle: async (request: { headers: Record<string, string> }) => {
      signedWith.push(/Credential=([^/]+)/.exec(request.headers.authorization ?? "")?.[1] ?? "");
      const answer = answers.shift() ?? { statusCode: 500 };
      return {
        response: {
          statusCode: answer.statusCode,
          headers: answer.headers ?? {},
          body: new Uint8Array(),
        },
      };
    },
  };
  const client = createSdkPipelineClient(config, async () => "id-token", requestHandler);
  return { client, signedWith };
}

describe("objectHash (S3 HeadObject)", () => {
  beforeEach(() => (issued.count = 0));

  it("takes a bare 400 as possibly expired keys: asks again with new ones", async () => {
    const { client, signedWith } = clientAnswering([
      { statusCode: 400 },
      { statusCode: 200, headers: { "x-amz-meta-sha256": "abc" } },
    ]);
    expect(await client.objectHash("my-ml-bucket", "p/code.tar.gz")).toBe("abc");
    expect(signedWith).toEqual(["ASIAKEY1", "ASIAKEY2"]);
  });

  it("says what to check when S3 keeps refusing without a reason", async () => {
    const { client, signedWith } = clientAnswering([{ statusCode: 403 }, { statusCode: 403 }]);
    const problem = toAwsProblem(
      await client.objectHash("my-ml-bucket", "p/code.tar.gz").catch((error: unknown) => error),
    );
    expect(problem).toEqual({
      code: "AccessDenied",
      status: 403,
      message:
        "S3 refused to read s3://my-ml-bucket/p/code.tar.gz (HTTP 403, no detail): the credentials expired, or the identity pool's role may not s3:GetObject in this bucket.",
    });
    expect(signedWith).toEqual(["ASIAKEY1", "ASIAKEY2"]);
  });

  it("reads a missing object as absent, without asking again", async () => {
    const { client, signedWith } = clientAnswering([{ statusCode: 404 }]);
    expect(await client.objectHash("my-ml-bucket", "p/code.tar.gz")).toBeNull();
    expect(signedWith).toHaveLength(1);
  });
});

/** A client whose SageMaker calls get JSON answers by operation; records each request body. */
function sagemakerAnswering(answers: Record<string, unknown[]>) {
  const requests: { operation: string; body: Record<string, unknown> }[] = [];
  const requestHandler = {
    handle: async (request: { headers: Record<string, string>; body?: unknown }) => {
      const operation = (request.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      const text =
        typeof request.body === "string"
          ? request.body
          : new TextDecoder().decode((request.body as Uint8Array | undefined) ?? new Uint8Array());
      requests.push({ operation, body: JSON.parse(text || "{}") });
      const answer = answers[operation]?.shift() ?? {};
      return {
        response: {
          statusCode: 200,
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: new TextEncoder().encode(JSON.stringify(answer)),
        },
      };
    },
  };
  const client = createSdkPipelineClient(config, async () => "id-token", requestHandler);
  return { client, requests };
}

describe("the model registry calls", () => {
  const arn = (version: number) =>
    `arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud/${version}`;

  it("lists a group's versions newest first across pages", async () => {
    const { client, requests } = sagemakerAnswering({
      ListModelPackages: [
        {
          ModelPackageSummaryList: [
            {
              ModelPackageArn: arn(1),
              ModelPackageGroupName: "fraud",
              ModelPackageVersion: 1,
              ModelApprovalStatus: "Approved",
              CreationTime: 1,
            },
          ],
          NextToken: "page2",
        },
        {
          ModelPackageSummaryList: [
            {
              ModelPackageArn: arn(2),
              ModelPackageGroupName: "fraud",
              ModelPackageVersion: 2,
              ModelApprovalStatus: "PendingManualApproval",
              ModelPackageStatus: "Completed",
              CreationTime: 2,
            },
          ],
        },
      ],
    });
    const listed = await client.listModelPackages("fraud");
    expect(listed.map((found) => [found.version, found.approvalStatus])).toEqual([
      [2, "PendingManualApproval"],
      [1, "Approved"],
    ]);
    expect(requests.map((request) => request.body)).toEqual([
      {
        ModelPackageGroupName: "fraud",
        SortBy: "CreationTime",
        SortOrder: "Descending",
        MaxResults: 100,
      },
      {
        ModelPackageGroupName: "fraud",
        SortBy: "CreationTime",
        SortOrder: "Descending",
        MaxResults: 100,
        NextToken: "page2",
      },
    ]);
  });

  it("lists the groups", async () => {
    const { client } = sagemakerAnswering({
      ListModelPackageGroups: [
        {
          ModelPackageGroupSummaryList: [
            {
              ModelPackageGroupName: "fraud",
              ModelPackageGroupArn: "arn:group/fraud",
              ModelPackageGroupStatus: "Completed",
              CreationTime: 1,
            },
          ],
        },
      ],
    });
    expect(await client.listModelPackageGroups()).toEqual([
      {
        name: "fraud",
        arn: "arn:group/fraud",
        description: undefined,
        creationTime: new Date(1000),
      },
    ]);
  });

  it("describes a version: its reports, the evaluation report's URI and its customer metadata", async () => {
    const { client } = sagemakerAnswering({
      DescribeModelPackage: [
        {
          ModelPackageArn: arn(3),
          ModelPackageGroupName: "fraud",
          ModelPackageVersion: 3,
          ModelApprovalStatus: "Rejected",
          ApprovalDescription: "too slow",
          ModelMetrics: {
            ModelQuality: {
              Statistics: { ContentType: "application/json", S3Uri: "s3://b/eval/evaluation.json" },
            },
            Bias: {},
            Explainability: {
              Report: { ContentType: "application/json", S3Uri: "s3://b/shap.json" },
            },
          },
          CustomerMetadataProperties: { team: "fraud" },
          InferenceSpecification: {
            Containers: [{ Image: "xgboost:1.7-1", ModelDataUrl: "s3://b/model.tar.gz" }],
          },
        },
      ],
    });
    expect(await client.describeModelPackage(arn(3))).toMatchObject({
      arn: arn(3),
      version: 3,
      approvalStatus: "Rejected",
      approvalDescription: "too slow",
      metricsUri: "s3://b/eval/evaluation.json",
      metricsReports: [
        {
          kind: "ModelQuality.Statistics",
          uri: "s3://b/eval/evaluation.json",
          contentType: "application/json",
        },
        { kind: "Explainability.Report", uri: "s3://b/shap.json", contentType: "application/json" },
      ],
      customerMetadata: { team: "fraud" },
      modelDataUrl: "s3://b/model.tar.gz",
      image: "xgboost:1.7-1",
    });
  });

  it("approves or rejects with an optional description", async () => {
    const { client, requests } = sagemakerAnswering({});
    await client.updateModelPackage({ arn: arn(1), approvalStatus: "Approved", description: "  " });
    await client.updateModelPackage({
      arn: arn(1),
      approvalStatus: "Rejected",
      description: "bias",
    });
    expect(requests.map((request) => request.body)).toEqual([
      { ModelPackageArn: arn(1), ModelApprovalStatus: "Approved" },
      { ModelPackageArn: arn(1), ModelApprovalStatus: "Rejected", ApprovalDescription: "bias" },
    ]);
  });

  it("reads the definition an execution ran", async () => {
    const { client, requests } = sagemakerAnswering({
      DescribePipelineDefinitionForExecution: [{ PipelineDefinition: '{"Steps":[]}' }],
    });
    expect(await client.executionDefinition("arn:run")).toBe('{"Steps":[]}');
    expect(requests[0]?.body).toEqual({ PipelineExecutionArn: "arn:run" });
  });
});

describe("execution steps", () => {
  it("carry a condition's outcome, a fail step's message and a registered version", () => {
    expect(
      toExecutionStep({
        StepName: "Check",
        StepStatus: "Succeeded",
        Metadata: { Condition: { Outcome: "False" } },
      }),
    ).toMatchObject({ name: "Check", conditionOutcome: "False" });
    expect(
      toExecutionStep({
        StepName: "Fail",
        StepStatus: "Failed",
        Metadata: { Fail: { ErrorMessage: "AUC too low" } },
      }),
    ).toMatchObject({ status: "Failed", failureReason: "AUC too low" });
    expect(
      toExecutionStep({
        StepName: "R-RegisterModel",
        StepStatus: "Succeeded",
        Metadata: { RegisterModel: { Arn: "arn:pkg/1" } },
      }),
    ).toMatchObject({ jobArn: "arn:pkg/1", modelPackageArn: "arn:pkg/1" });
  });
});
