import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DESIGN_FORMAT, loadDesign, type Design, type Edge, type Step } from "../../src/model";

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

/** The PyTorch reference fixture (tests/fixtures/pytorch-reference.pipeline.json), loaded afresh. */
export function referenceDesign(): Design {
  const path = join(import.meta.dirname, "..", "fixtures", "pytorch-reference.pipeline.json");
  const loaded = loadDesign(JSON.parse(readFileSync(path, "utf8")));
  if (loaded.kind !== "ok") throw new Error("the reference fixture does not load");
  return loaded.design;
}
