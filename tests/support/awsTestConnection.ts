// What the src/aws unit tests share: a connection config, and identity-pool keys issued in memory
// (`vi.mock("@aws-sdk/credential-providers", () => import("…/awsTestConnection").then((m) => m.fakeCredentialProviders))`).

export const TEST_CONNECTION = {
  region: "us-east-1",
  userPoolId: "us-east-1_Pool1",
  userPoolClientId: "client1",
  identityPoolId: "us-east-1:0000-1111",
  bucket: "my-ml-bucket",
  roleArn: "arn:aws:iam::123456789012:role/R",
};

/** How many keys the fake identity pool has handed out; a test resets it. */
export const issued = { count: 0 };

/** Each call gets new keys (`ASIAKEY1`, `ASIAKEY2`, …), valid for an hour. */
export const fakeCredentialProviders = {
  fromCognitoIdentityPool: () => async () => {
    issued.count += 1;
    return {
      accessKeyId: `ASIAKEY${issued.count}`,
      secretAccessKey: "secret",
      sessionToken: "session",
      expiration: new Date(Date.now() + 60 * 60_000),
    };
  },
};
