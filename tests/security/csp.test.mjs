import assert from "node:assert/strict";
import { test } from "node:test";
import { awsOrigins, contentSecurityPolicy } from "../../scripts/csp.mjs";

const directive = (policy, name) =>
  policy
    .split("; ")
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);

test("connect-src: a config pins its region's endpoints and bucket; the emulator is one origin", () => {
  assert.deepEqual(awsOrigins({ region: "eu-west-1", bucket: "my-ml-bucket" }), [
    "https://cognito-idp.eu-west-1.amazonaws.com",
    "https://cognito-identity.eu-west-1.amazonaws.com",
    "https://api.sagemaker.eu-west-1.amazonaws.com",
    "https://my-ml-bucket.s3.eu-west-1.amazonaws.com",
  ]);
  // A dotted bucket cannot be a TLS host name: the SDK addresses it by path.
  assert.equal(
    awsOrigins({ region: "us-east-1", bucket: "a.b" })[3],
    "https://s3.us-east-1.amazonaws.com",
  );
  assert.deepEqual(awsOrigins({ region: "us-east-1", endpoint: "http://127.0.0.1:4566/" }), [
    "http://127.0.0.1:4566",
  ]);
  assert.equal(awsOrigins(null), null);
});

test("the policy: no inline script or eval anywhere, nothing reachable but itself and the AWS origins", () => {
  const pinned = contentSecurityPolicy({ connect: ["http://127.0.0.1:4566"] });
  const open = contentSecurityPolicy();
  assert.equal(directive(pinned, "connect-src"), "'self' http://127.0.0.1:4566");
  assert.doesNotMatch(directive(pinned, "script-src"), /unsafe-inline|\*|data:|blob:/);
  // No eval: the schema check interprets the schema; WASM compiling is the one thing allowed.
  assert.equal(directive(pinned, "script-src"), "'self' 'wasm-unsafe-eval'");
  assert.doesNotMatch(pinned, /'unsafe-eval'/);
  assert.equal(directive(open, "script-src"), "'self' 'wasm-unsafe-eval'");
  assert.equal(directive(pinned, "object-src"), "'none'");
  assert.equal(directive(pinned, "frame-ancestors"), "'none'");
  assert.equal(directive(pinned, "style-src-attr"), "'none'");
  assert.equal(directive(open, "connect-src"), "'self' https://*.amazonaws.com");
  // A meta tag cannot carry frame-ancestors (browsers ignore it there).
  assert.equal(
    directive(contentSecurityPolicy({ headerOnly: false }), "frame-ancestors"),
    undefined,
  );
});
