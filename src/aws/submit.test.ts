import { describe, expect, it } from "vitest";
import { FakePipelineClient } from "../../tests/support/fakePipelineClient";
import { compile } from "../compiler";
import { loadDesign, type Design } from "../model";
import pytorchTabular from "../../examples/pytorch-tabular.pipeline.json";
import type { ConnectionConfig } from "./config";
import {
  clientRequestToken,
  planSubmission,
  submitPipeline,
  SubmitError,
  type Progress,
} from "./submit";

const example = (): Design => {
  const loaded = loadDesign(pytorchTabular);
  if (loaded.kind !== "ok") throw new Error("example does not load");
  return loaded.design;
};

const config = (design: Design): ConnectionConfig => ({
  region: design.pipeline.region,
  userPoolId: "us-east-1_Pool1",
  userPoolClientId: "client1",
  identityPoolId: "us-east-1:0000-1111",
  bucket: design.pipeline.bucket,
  roleArn: design.pipeline.roleArn,
});

function compiled(design: Design) {
  const result = compile(design);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

async function submitOnce(
  client: FakePipelineClient,
  design: Design,
  clickId = "click-1",
  parameters = {},
) {
  const result = compiled(design);
  const plan = await planSubmission(client, design, result, config(design));
  const progress: Progress[] = [];
  const submitted = await submitPipeline(
    client,
    { plan, uploads: result.uploads, design, parameters, clickId },
    (event) => progress.push(event),
  );
  return { plan, progress, submitted, result };
}

describe("planSubmission", () => {
  it("plans a create with every upload when nothing is deployed", async () => {
    const design = example();
    const client = new FakePipelineClient();
    const result = compiled(design);
    const plan = await planSubmission(client, design, result, config(design));
    expect(plan.mode).toBe("create");
    expect(plan.diff).toBeNull();
    expect(plan.definition).toBe(result.json);
    expect(plan.uploads.length).toBeGreaterThan(0);
    expect(plan.uploads.every((upload) => !upload.present && upload.size > 0)).toBe(true);
    expect(plan.mismatches).toEqual([]);
  });

  it("names every setting that differs from the connected account", async () => {
    const design = example();
    const plan = await planSubmission(new FakePipelineClient(), design, compiled(design), {
      ...config(design),
      bucket: "other-bucket",
      region: "eu-west-1",
    });
    expect(plan.mismatches.join(" ")).toMatch(/bucket my-ml-bucket.*other-bucket/);
    expect(plan.mismatches.join(" ")).toMatch(/eu-west-1/);
  });

  it("plans an update with the step-level diff once deployed", async () => {
    const design = example();
    const client = new FakePipelineClient();
    await submitOnce(client, design);
    const edited: Design = {
      ...design,
      steps: design.steps.map((step) =>
        step.type === "PyTorchTraining"
          ? { ...step, config: { ...step.config, instanceCount: 2 } }
          : step,
      ),
    };
    const plan = await planSubmission(client, edited, compiled(edited), config(edited));
    expect(plan.mode).toBe("update");
    expect(plan.uploads.every((upload) => upload.present)).toBe(true);
    const training = edited.steps.find((step) => step.type === "PyTorchTraining")!;
    expect(plan.diff?.steps).toEqual([
      {
        name: training.name,
        change: "changed",
        details: [{ path: "Arguments.ResourceConfig.InstanceCount", before: "1", after: "2" }],
      },
    ]);
  });
});

describe("submitPipeline", () => {
  it("uploads, creates and starts, reporting each stage", async () => {
    const design = example();
    const client = new FakePipelineClient();
    const { plan, progress, submitted, result } = await submitOnce(client, design);
    expect(submitted.uploaded).toBe(plan.uploads.length);
    expect(client.pipelines.get(design.pipeline.name)?.definition).toBe(result.json);
    expect(client.executions).toHaveLength(1);
    expect(progress.filter((event) => event.state === "done").map((event) => event.stage)).toEqual([
      "upload",
      "pipeline",
      "start",
    ]);
    for (const upload of result.uploads)
      expect(client.objects.get(upload.uri.replace("s3://", ""))?.sha256).toBe(upload.hash);
  });

  it("a second submit of the same design updates, skips present objects and starts a new run", async () => {
    const design = example();
    const client = new FakePipelineClient();
    await submitOnce(client, design, "click-1");
    const second = await submitOnce(client, design, "click-2");
    expect(second.submitted.uploaded).toBe(0);
    expect(second.submitted.skipped).toBe(second.plan.uploads.length);
    expect(client.count("createPipeline")).toBe(1);
    expect(client.count("updatePipeline")).toBe(1);
    expect(client.pipelines.size).toBe(1);
    expect(client.executions).toHaveLength(2);
  });

  it("the same click retried never starts a second execution", async () => {
    const design = example();
    const client = new FakePipelineClient();
    const first = await submitOnce(client, design, "same-click");
    const again = await submitOnce(client, design, "same-click");
    expect(again.submitted.executionArn).toBe(first.submitted.executionArn);
    expect(client.executions).toHaveLength(1);
  });

  it("stops at a failed upload with the service message; nothing after it is attempted", async () => {
    const design = example();
    const before = JSON.stringify(design);
    const client = new FakePipelineClient();
    client.failNext("putObject", "InternalError", "We encountered an internal error.");
    const error = await submitOnce(client, design).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SubmitError);
    expect((error as SubmitError).stage).toBe("upload");
    expect((error as SubmitError).problem).toMatchObject({
      code: "InternalError",
      message: "We encountered an internal error.",
    });
    expect(client.count("createPipeline")).toBe(0);
    expect(client.count("startExecution")).toBe(0);
    expect(JSON.stringify(design)).toBe(before);
  });

  it("a create whose answer was lost is retried into the same pipeline and one execution", async () => {
    const design = example();
    const client = new FakePipelineClient();
    client.failNext("createPipeline", "NetworkError", "connection reset", { after: true });
    await expect(submitOnce(client, design, "click-9")).rejects.toBeInstanceOf(SubmitError);
    expect(client.pipelines.size).toBe(1);
    await submitOnce(client, design, "click-9");
    expect(client.pipelines.size).toBe(1);
    expect(client.executions).toHaveLength(1);
  });

  it("a start whose answer was lost, retried with the same click, gives the same execution", async () => {
    const design = example();
    const client = new FakePipelineClient();
    client.failNext("startExecution", "NetworkError", "connection reset", { after: true });
    await expect(submitOnce(client, design, "click-3")).rejects.toMatchObject({ stage: "start" });
    await submitOnce(client, design, "click-3");
    expect(client.executions).toHaveLength(1);
  });

  it("falls back to an update when the pipeline appeared after the review", async () => {
    const design = example();
    const client = new FakePipelineClient();
    const result = compiled(design);
    const plan = await planSubmission(client, design, result, config(design));
    await submitOnce(client, design, "other-tab");
    // Described as absent once more (the race), then CreatePipeline says it exists.
    const describe = client.describePipeline.bind(client);
    let first = true;
    client.describePipeline = async (name) => {
      if (first) {
        first = false;
        return null;
      }
      return describe(name);
    };
    await submitPipeline(
      client,
      { plan, uploads: result.uploads, design, parameters: {}, clickId: "mine" },
      () => undefined,
    );
    expect(client.pipelines.size).toBe(1);
    expect(client.count("updatePipeline")).toBe(1);
  });

  it("passes parameter overrides and drops empty ones", async () => {
    const design = example();
    const client = new FakePipelineClient();
    await submitOnce(client, design, "click-p", { TrainInstanceType: "ml.g5.2xlarge", Other: "" });
    expect(client.executions[0]!.parameters).toEqual({ TrainInstanceType: "ml.g5.2xlarge" });
  });
});

describe("clientRequestToken", () => {
  it("depends on definition, parameters and click, not on parameter order", () => {
    const a = clientRequestToken("start", "{}", { A: "1", B: "2" }, "c");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(clientRequestToken("start", "{}", { B: "2", A: "1" }, "c")).toBe(a);
    expect(clientRequestToken("start", "{}", { A: "1", B: "2" }, "d")).not.toBe(a);
    expect(clientRequestToken("start", "{ }", { A: "1", B: "2" }, "c")).not.toBe(a);
  });
});
