import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@aws-sdk/credential-providers", () =>
  import("../../tests/support/awsTestConnection").then((m) => m.fakeCredentialProviders),
);

import { issued, TEST_CONNECTION } from "../../tests/support/awsTestConnection";
import { createSdkPipelineClient } from "./sdkClient";
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
