import { describe, expect, it } from "vitest";
import { FakePipelineClient } from "../../tests/support/fakePipelineClient";
import { loadGroupVersions, metricsOf, parseS3Uri, readMetrics } from "./registry";
import { toAwsProblem } from "./errors";

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const REPORT_URI = "s3://my-ml-bucket/p/exec1/Evaluate/output/evaluation/evaluation.json";

describe("metricsOf", () => {
  it("reads SageMaker's { value, standard_deviation } metrics by their key", () => {
    expect(
      metricsOf({
        binary_classification_metrics: {
          auc: { value: 0.91, standard_deviation: 0.01 },
          accuracy: { value: 0.88 },
        },
      }),
    ).toEqual([
      {
        name: "auc",
        path: "binary_classification_metrics.auc.value",
        value: 0.91,
        standardDeviation: 0.01,
      },
      { name: "accuracy", path: "binary_classification_metrics.accuracy.value", value: 0.88 },
    ]);
  });

  it("takes other scalar leaves as metrics and spells out names two sections share", () => {
    expect(
      metricsOf({ train: { loss: 0.2 }, test: { loss: 0.3 }, rows: 120, tags: ["a"] }),
    ).toEqual([
      { name: "train.loss", path: "train.loss", value: 0.2 },
      { name: "test.loss", path: "test.loss", value: 0.3 },
      { name: "rows", path: "rows", value: 120 },
      { name: "0", path: "tags.0", value: "a" },
    ]);
    expect(metricsOf(null)).toEqual([]);
    expect(metricsOf(0.5)).toEqual([]);
  });
});

describe("parseS3Uri", () => {
  it("splits s3:// URIs and refuses the rest", () => {
    expect(parseS3Uri("s3://bucket/a/b.json")).toEqual({ bucket: "bucket", key: "a/b.json" });
    expect(parseS3Uri("https://bucket.s3.amazonaws.com/a")).toBeNull();
    expect(parseS3Uri("s3://bucket")).toBeNull();
  });
});

describe("readMetrics", () => {
  it("reads the report through S3 GetObject", async () => {
    const client = new FakePipelineClient();
    client.objects.set("my-ml-bucket/p/exec1/Evaluate/output/evaluation/evaluation.json", {
      body: json({ metrics: { auc: { value: 0.87 } } }),
      sha256: "",
    });
    expect(await readMetrics(client, REPORT_URI)).toEqual([
      { name: "auc", path: "metrics.auc.value", value: 0.87 },
    ]);
    expect(client.calls.at(-1)).toEqual({
      method: "getObject",
      argument: {
        bucket: "my-ml-bucket",
        key: "p/exec1/Evaluate/output/evaluation/evaluation.json",
      },
    });
  });

  it("says what is wrong with a missing, unreadable or non-S3 report", async () => {
    const client = new FakePipelineClient();
    const problem = async (uri: string) =>
      toAwsProblem(await readMetrics(client, uri).catch((error: unknown) => error));
    expect(await problem(REPORT_URI)).toEqual({
      code: "NoSuchKey",
      message: `No report at ${REPORT_URI}.`,
      status: 404,
    });
    client.objects.set("b/r.json", { body: new TextEncoder().encode("{oops"), sha256: "" });
    expect((await problem("s3://b/r.json")).message).toBe(
      "The report at s3://b/r.json is not JSON.",
    );
    expect((await problem("file:///r.json")).message).toBe(
      "The metrics URI file:///r.json is not an s3:// URI.",
    );
  });
});

describe("loadGroupVersions", () => {
  it("lists a group's versions newest first with their details and metrics", async () => {
    const client = new FakePipelineClient();
    client.addModelPackage("fraud", { metricsUri: REPORT_URI, customerMetadata: { team: "a" } });
    client.addModelPackage("fraud", { approvalStatus: "Approved" });
    client.addModelPackage("other");
    client.objects.set("my-ml-bucket/p/exec1/Evaluate/output/evaluation/evaluation.json", {
      body: json({ metrics: { auc: { value: 0.91 } } }),
      sha256: "",
    });
    const { versions, total } = await loadGroupVersions(client, "fraud");
    expect(total).toBe(2);
    expect(versions.map((version) => version.summary.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      summary: { approvalStatus: "Approved" },
      metrics: null,
      problem: null,
    });
    expect(versions[1]).toMatchObject({
      detail: { customerMetadata: { team: "a" } },
      metrics: [{ name: "auc", value: 0.91 }],
      problem: null,
    });
  });

  it("lists a version whose details or report cannot be read with the service's message", async () => {
    const client = new FakePipelineClient();
    client.addModelPackage("fraud", { metricsUri: REPORT_URI });
    client.addModelPackage("fraud");
    client.failNext("describeModelPackage", "ThrottlingException", "Rate exceeded");
    const { versions } = await loadGroupVersions(client, "fraud");
    const problems = versions.map((version) => version.problem).sort();
    expect(problems).toEqual([
      `NoSuchKey: No report at ${REPORT_URI}.`,
      "ThrottlingException: Rate exceeded",
    ]);
  });

  it("throws when the versions cannot be listed", async () => {
    const client = new FakePipelineClient();
    client.failNext("listModelPackages", "AccessDeniedException", "not allowed");
    await expect(loadGroupVersions(client, "fraud")).rejects.toThrow("not allowed");
  });
});

describe("updateModelPackage (fake)", () => {
  it("approves with a description", async () => {
    const client = new FakePipelineClient();
    const added = client.addModelPackage("fraud");
    await client.updateModelPackage({
      arn: added.arn,
      approvalStatus: "Approved",
      description: "looks good",
    });
    expect(await client.describeModelPackage(added.arn)).toMatchObject({
      approvalStatus: "Approved",
      approvalDescription: "looks good",
    });
  });
});
