import { describe, expect, it } from "vitest";
import { FakePipelineClient } from "../../tests/support/fakePipelineClient";
import { fetchDefinitionObjects } from "./definitionObjects";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("fetchDefinitionObjects", () => {
  it("fetches the code archives, runproc.sh and hyperparameter files a definition names, and says which are missing", async () => {
    const client = new FakePipelineClient();
    client.objects.set("bucket-a/p/code/Train/abc/sourcedir.tar.gz", {
      body: bytes("tgz"),
      sha256: "",
    });
    client.objects.set("bucket-a/p/hyperparameters/Train/hyperparameters.json", {
      body: bytes("{}"),
      sha256: "",
    });
    const definition = JSON.stringify({
      Steps: [
        {
          Arguments: {
            HyperParameters: {
              sagemaker_submit_directory: JSON.stringify(
                "s3://bucket-a/p/code/Train/abc/sourcedir.tar.gz",
              ),
              hyperparameters_s3_uri: JSON.stringify(
                "s3://bucket-a/p/hyperparameters/Train/hyperparameters.json",
              ),
            },
            OutputDataConfig: { S3OutputPath: "s3://bucket-a/p/pytorch_training" },
            ProcessingInputs: [{ S3Input: { S3Uri: "s3://bucket-a/p/code/Prep/def/runproc.sh" } }],
          },
        },
      ],
    });
    const { objects, failed } = await fetchDefinitionObjects(client, definition);
    expect([...objects.keys()].sort()).toEqual([
      "s3://bucket-a/p/code/Train/abc/sourcedir.tar.gz",
      "s3://bucket-a/p/hyperparameters/Train/hyperparameters.json",
    ]);
    // The output path is no object to read; the missing runproc.sh is reported, not thrown.
    expect(failed).toEqual([
      { uri: "s3://bucket-a/p/code/Prep/def/runproc.sh", reason: "not found" },
    ]);
    expect(client.count("getObject")).toBe(3);
  });

  it("reports a refused read and goes on", async () => {
    const client = new FakePipelineClient();
    client.failNext("getObject", "AccessDenied", "Access Denied");
    const { objects, failed } = await fetchDefinitionObjects(
      client,
      '"s3://bucket-a/x/sourcedir.tar.gz"',
    );
    expect(objects.size).toBe(0);
    expect(failed).toEqual([{ uri: "s3://bucket-a/x/sourcedir.tar.gz", reason: "Access Denied" }]);
  });

  it("reads at most 64 objects, whatever the definition names", async () => {
    const client = new FakePipelineClient();
    const uris = Array.from({ length: 100 }, (_, i) => `"s3://bucket-a/k${i}/sourcedir.tar.gz"`);
    await fetchDefinitionObjects(client, uris.join(","));
    expect(client.count("getObject")).toBe(64);
  });
});
