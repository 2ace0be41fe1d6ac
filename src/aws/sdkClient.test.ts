import { beforeEach, describe, expect, it, vi } from "vitest";

const issued = vi.hoisted(() => ({ count: 0 }));
vi.mock("@aws-sdk/credential-providers", () => ({
  fromCognitoIdentityPool: () => async () => {
    issued.count += 1;
    return {
      accessKeyId: `ASIAKEY${issued.count}`,
      secretAccessKey: "secret",
      sessionToken: "session",
      expiration: new Date(Date.now() + 60 * 60_000),
    };
  },
}));

import { createSdkPipelineClient } from "./sdkClient";
import { toAwsProblem } from "./errors";

const config = {
  region: "us-east-1",
  userPoolId: "us-east-1_Pool1",
  userPoolClientId: "client1",
  identityPoolId: "us-east-1:0000-1111",
  bucket: "my-ml-bucket",
  roleArn: "arn:aws:iam::123456789012:role/R",
  endpoint: "http://127.0.0.1:1",
};

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
