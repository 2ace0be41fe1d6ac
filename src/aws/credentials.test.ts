import { afterEach, describe, expect, it, vi } from "vitest";
import { ListPipelinesCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";

vi.mock("@aws-sdk/credential-providers", () =>
  import("../../tests/support/awsTestConnection").then((m) => m.fakeCredentialProviders),
);

import { issued, TEST_CONNECTION } from "../../tests/support/awsTestConnection";
import { identityPoolCredentials } from "./credentials";

const config = TEST_CONNECTION;

/** A SageMaker client whose requests never leave the process; returns the key each was signed with. */
function recordingClient(credentials: ReturnType<typeof identityPoolCredentials>) {
  const signedWith: string[] = [];
  const client = new SageMakerClient({
    region: "us-east-1",
    credentials,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        signedWith.push(/Credential=([^/]+)/.exec(request.headers.authorization ?? "")?.[1] ?? "");
        const body = new TextEncoder().encode(JSON.stringify({ PipelineSummaries: [] }));
        return { response: { statusCode: 200, headers: {}, body } };
      },
    },
  });
  return { client, signedWith };
}

describe("identityPoolCredentials", () => {
  afterEach(() => (issued.count = 0));

  it("keeps keys for their lifetime, and an SDK client signs with new ones after invalidate()", async () => {
    const credentials = identityPoolCredentials(config, async () => "id-token");
    const { client, signedWith } = recordingClient(credentials);
    await client.send(new ListPipelinesCommand({}));
    await client.send(new ListPipelinesCommand({}));
    // A service said the keys expired (clock skew): the retry must not carry the refused keys.
    credentials.invalidate();
    await client.send(new ListPipelinesCommand({}));
    expect(signedWith).toEqual(["ASIAKEY1", "ASIAKEY1", "ASIAKEY2"]);
  });

  it("fetches once for concurrent requests", async () => {
    const credentials = identityPoolCredentials(config, async () => "id-token");
    const keys = await Promise.all([credentials(), credentials(), credentials()]);
    expect(keys.map((key) => key.accessKeyId)).toEqual(["ASIAKEY1", "ASIAKEY1", "ASIAKEY1"]);
    expect(issued.count).toBe(1);
  });
});
