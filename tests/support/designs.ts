import { DESIGN_FORMAT, type Design, type Edge, type Step } from "../../src/model";

/** A minimal valid design around the given steps and edges, for tests of the model and resolver. */
export function testDesign(steps: Step[], edges: Edge[] = []): Design {
  return {
    format: DESIGN_FORMAT,
    version: 1,
    pipeline: {
      name: "test-pipeline",
      description: "",
      region: "us-east-1",
      roleArn: "arn:aws:iam::123456789012:role/R",
      bucket: "bucket",
      s3Prefix: "",
      parameters: [],
      cache: { enabled: false, expireAfter: "P30D" },
      tags: {},
    },
    steps,
    edges,
  };
}
