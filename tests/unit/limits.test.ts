// SageMaker's API limits, refused before submission: one test per limit shows its diagnostic
// (code, located path, message) and that the value right at the limit passes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pyVersionsFor } from "../../src/catalog";
import { compile, validate } from "../../src/compiler";
import { CHANNEL_NAME_PATTERN, SAGEMAKER_LIMITS } from "../../src/compiler/limits";
import { loadDesignText, type Design, type PipelineParameter } from "../../src/model";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const EXAMPLES = {
  pytorch: read("examples/pytorch-tabular.pipeline.json"),
  xgboost: read("examples/xgboost-tabular.pipeline.json"),
};

function load(text: string, file = "design"): Design {
  const loaded = loadDesignText(text);
  if (loaded.kind !== "ok") throw new Error(`${file} does not load: ${JSON.stringify(loaded)}`);
  return loaded.design;
}

/** An example, changed by `mutate`. */
function design(example: keyof typeof EXAMPLES, mutate: (draft: Design) => void): Design {
  const draft = load(EXAMPLES[example]);
  mutate(draft);
  return draft;
}

const config = (draft: Design, id: string) => draft.steps.find((step) => step.id === id)!.config;
const record = (draft: Design, id: string, key: string) =>
  (config(draft, id)[key] ??= {}) as Record<string, unknown>;
const addParameter = (draft: Design, parameter: PipelineParameter) =>
  draft.pipeline.parameters.push(parameter);

/** The design's diagnostics as `{ code, stepId, path, message }`. */
const problems = (draft: Design) =>
  validate(draft).map(({ code, stepId, path, message }) => ({ code, stepId, path, message }));

/** Expects exactly one diagnostic, with this code and location and a message containing `text`. */
function expectOne(
  draft: Design,
  code: string,
  where: { stepId?: string; path: string },
  text: string,
) {
  const found = problems(draft);
  expect(found).toEqual([
    { code, stepId: where.stepId, path: where.path, message: expect.any(String) },
  ]);
  expect(found[0]!.message).toContain(text);
}

const ok = (draft: Design) => expect(problems(draft)).toEqual([]);
const fill = <T>(count: number, make: (index: number) => [string, T]): Record<string, T> =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => make(index)));

describe("every example and fixture stays within SageMaker's limits", () => {
  const fixtures = readdirSync(join(root, "tests", "fixtures"))
    .filter((file) => file.endsWith(".pipeline.json"))
    .map((file) => `tests/fixtures/${file}`);
  const migrations = readdirSync(join(root, "tests", "fixtures", "migrations")).map(
    (file) => `tests/fixtures/migrations/${file}`,
  );
  for (const file of [
    "examples/pytorch-tabular.pipeline.json",
    "examples/xgboost-tabular.pipeline.json",
    ...fixtures,
    ...migrations,
  ]) {
    it(`${file} has no diagnostics`, () => expect(validate(load(read(file), file))).toEqual([]));
  }
});

describe("pipeline-level limits", () => {
  it("PD308 more than 200 parameters (200 pass)", () => {
    const withParameters = (count: number) =>
      design("xgboost", (d) => {
        for (let i = 0; i < count; i++)
          addParameter(d, { name: `P${i}`, type: "Integer", default: i });
      });
    ok(withParameters(SAGEMAKER_LIMITS.parameters));
    expectOne(
      withParameters(201),
      "PD308",
      { path: "pipeline.parameters" },
      "declares 201 parameters; SageMaker accepts at most 200 — remove 1",
    );
  });

  it("PD304 a parameter name over 64 characters, which still loads (64 pass)", () => {
    // Through the file loader: the name's length is SageMaker's rule, not the file format's.
    const named = (length: number) =>
      load(
        JSON.stringify(
          design("xgboost", (d) => addParameter(d, { name: "N".repeat(length), type: "String" })),
        ),
      );
    ok(named(64));
    expectOne(
      named(65),
      "PD304",
      { path: "pipeline.parameters[0].name" },
      "is 65 characters; SageMaker accepts at most 64",
    );
  });

  it("PD304 a String default over 4096 characters (4096 pass)", () => {
    const withDefault = (length: number) =>
      design("xgboost", (d) =>
        addParameter(d, { name: "Note", type: "String", default: "x".repeat(length) }),
      );
    ok(withDefault(4096));
    expectOne(
      withDefault(4097),
      "PD304",
      { path: "pipeline.parameters[0].default" },
      'parameter "Note" has a 4097-character default; SageMaker accepts at most 4096',
    );
  });

  it("PD303 a pipeline name over 256 characters (256 pass)", () => {
    ok(design("xgboost", (d) => void (d.pipeline.name = "p".repeat(256))));
    expectOne(
      design("xgboost", (d) => void (d.pipeline.name = "p".repeat(257))),
      "PD303",
      { path: "pipeline.name" },
      "must be 1–256 letters, digits and single hyphens",
    );
  });

  it("PD302 a step name over 64 characters (64 pass)", () => {
    // The XGBoost model step repacks nothing, so its SageMaker name is `{name}-CreateModel`.
    ok(design("xgboost", (d) => void (d.steps[0]!.name = "s".repeat(64))));
    expectOne(
      design("xgboost", (d) => void (d.steps[0]!.name = "s".repeat(65))),
      "PD302",
      { stepId: "load", path: "name" },
      "must be 1–64 letters, digits, '-' or '_'",
    );
  });

  it("channel names are fixed by the step types and all fit SageMaker's ChannelName", () => {
    for (const example of ["pytorch", "xgboost"] as const) {
      const result = compile(load(EXAMPLES[example]));
      if (!result.ok) throw new Error("example does not compile");
      const names = result.definition.Steps.flatMap(
        (step) =>
          (step.Arguments.InputDataConfig as { ChannelName: string }[] | undefined)?.map(
            (channel) => channel.ChannelName,
          ) ?? [],
      );
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name).toMatch(CHANNEL_NAME_PATTERN);
    }
  });
});

describe("PD306 metric definitions", () => {
  const metric = (index: number) => ({ name: `m${index}`, regex: `m${index}=([0-9.]+)` });

  it("more than 40 (40 pass)", () => {
    const metrics = (count: number) =>
      design("pytorch", (d) => {
        config(d, "train").metricDefinitions = Array.from({ length: count }, (_, i) => metric(i));
      });
    ok(metrics(40));
    expectOne(
      metrics(41),
      "PD306",
      { stepId: "train", path: "metricDefinitions" },
      "41 metric definitions; SageMaker accepts at most 40 — remove 1",
    );
  });

  it("a name over 255 or a regex over 500 characters (255 and 500 pass)", () => {
    const sized = (name: number, regex: number) =>
      design("pytorch", (d) => {
        config(d, "train").metricDefinitions = [
          { name: "n".repeat(name), regex: `${"r".repeat(regex - 8)}([0-9]+)` },
        ];
      });
    ok(sized(255, 500));
    expectOne(
      sized(256, 500),
      "PD306",
      { stepId: "train", path: "metricDefinitions[0].name" },
      "its name is 256 characters; SageMaker accepts at most 255",
    );
    expectOne(
      sized(255, 501),
      "PD306",
      { stepId: "train", path: "metricDefinitions[0].regex" },
      "its regex is 501 characters; SageMaker accepts at most 500",
    );
  });
});

describe("PD309 hyperparameters (PyTorch sends them as HyperParameters)", () => {
  it("more than 100 with the estimator's four sagemaker_* ones (96 of the user's pass)", () => {
    const count = (own: number) =>
      design("pytorch", (d) => {
        const hyperparameters = record(d, "train", "hyperparameters");
        const extra = own - Object.keys(hyperparameters).length;
        Object.assign(
          hyperparameters,
          fill(extra, (i) => [`extra_${i}`, i]),
        );
      });
    ok(count(96));
    expectOne(
      count(97),
      "PD309",
      { stepId: "train", path: "hyperparameters" },
      "97 hyperparameters plus the 4 the estimator adds (sagemaker_program, …) make 101; SageMaker accepts at most 100 — remove 1",
    );
  });

  it("a key over 256 characters (256 pass)", () => {
    const keyed = (length: number) =>
      design(
        "pytorch",
        (d) => void (record(d, "train", "hyperparameters")["k".repeat(length)] = 1),
      );
    ok(keyed(256));
    expectOne(
      keyed(257),
      "PD309",
      { stepId: "train", path: `hyperparameters.${"k".repeat(257)}` },
      "is 257 characters; SageMaker accepts at most 256",
    );
  });

  it("a value over 2500 characters as sent, JSON-encoded (2500 pass)", () => {
    // A string is sent as JSON text: its quotes count.
    const valued = (length: number) =>
      design(
        "pytorch",
        (d) => void (record(d, "train", "hyperparameters").notes = "v".repeat(length - 2)),
      );
    ok(valued(2500));
    expectOne(
      valued(2501),
      "PD309",
      { stepId: "train", path: "hyperparameters.notes" },
      'hyperparameter "notes" is 2501 characters as sent; SageMaker accepts at most 2500',
    );
  });

  it("a value bound to a parameter is checked on the parameter's default", () => {
    const bound = (length: number) =>
      design("pytorch", (d) => {
        addParameter(d, { name: "Notes", type: "String", default: "v".repeat(length) });
        record(d, "train", "hyperparameters").notes = { parameter: "Notes" };
      });
    ok(bound(2500));
    expectOne(
      bound(2501),
      "PD309",
      { stepId: "train", path: "hyperparameters.notes" },
      '(the default of parameter "Notes") is 2501 characters as sent',
    );
  });

  it("XGBoost's travel in a file, so none of these limits apply", () => {
    ok(
      design("xgboost", (d) => {
        const hyperparameters = record(d, "train", "hyperparameters");
        Object.assign(
          hyperparameters,
          fill(120, (i) => [`extra_${i}`, "v".repeat(3000)]),
        );
      }),
    );
  });
});

describe("PD310 environment variables, per kind of job", () => {
  const KEY = "K";
  const cases = [
    // id, example step, count the user may add, key and value limits
    { kind: "training", id: "train", own: 100, key: 512, value: 512 },
    // DataLoad sets OUTPUT_FORMAT itself.
    { kind: "processing", id: "load", own: 99, key: 256, value: 256 },
    // The model container also gets SAGEMAKER_PROGRAM, _SUBMIT_DIRECTORY, _CONTAINER_LOG_LEVEL, _REGION.
    { kind: "model", id: "model", own: 96, key: 1024, value: 1024 },
  ] as const;

  for (const { kind, id, own, key, value } of cases) {
    it(`${kind}: at most ${own} of the user's, keys ≤ ${key}, values ≤ ${value}`, () => {
      const withEnv = (env: Record<string, string>) =>
        design("pytorch", (d) => void (config(d, id).env = env));
      ok(withEnv(fill(own, (i) => [`V${i}`, "x"])));
      expectOne(
        withEnv(fill(own + 1, (i) => [`V${i}`, "x"])),
        "PD310",
        { stepId: id, path: "env" },
        `environment variables`,
      );
      ok(withEnv({ [KEY.repeat(key)]: "x", LONG: "v".repeat(value) }));
      expectOne(
        withEnv({ [KEY.repeat(key + 1)]: "x" }),
        "PD310",
        { stepId: id, path: `env.${KEY.repeat(key + 1)}` },
        `is ${key + 1} characters; SageMaker accepts at most ${key}`,
      );
      expectOne(
        withEnv({ LONG: "v".repeat(value + 1) }),
        "PD310",
        { stepId: id, path: "env.LONG" },
        `the value of LONG is ${value + 1} characters; SageMaker accepts at most ${value}`,
      );
    });
  }

  it("processing: a label field the step sends as LABEL_FIELD is held to 256 too", () => {
    ok(design("pytorch", (d) => void (config(d, "prep").labelName = "l".repeat(256))));
    expectOne(
      design("pytorch", (d) => void (config(d, "prep").labelName = "l".repeat(257))),
      "PD310",
      { stepId: "prep", path: "labelName" },
      "labelName (sent as LABEL_FIELD) is 257 characters; SageMaker accepts at most 256",
    );
  });
});

describe("PD311 instance types not offered for the kind of job", () => {
  it("training, processing and model hosting each have their own list", () => {
    const typed = (id: string, instanceType: string) =>
      design("xgboost", (d) => void (config(d, id).instanceType = instanceType));
    ok(typed("train", "ml.p4d.24xlarge"));
    expectOne(
      typed("train", "ml.inf2.xlarge"),
      "PD311",
      { stepId: "train", path: "instanceType" },
      "ml.inf2.xlarge is not an instance type SageMaker offers for training jobs",
    );
    expectOne(
      typed("load", "ml.p4d.24xlarge"),
      "PD311",
      { stepId: "load", path: "instanceType" },
      "is not an instance type SageMaker offers for processing jobs",
    );
    expectOne(
      typed("model", "ml.t3.medium"),
      "PD311",
      { stepId: "model", path: "instanceType" },
      "ml.t3.medium is not an instance type SageMaker offers for model hosting; families offered: c4, c5, ",
    );
    expectOne(
      typed("load", "ml.m5.huge"),
      "PD311",
      { stepId: "load", path: "instanceType" },
      "ml.m5 comes as large, xlarge, 2xlarge",
    );
  });

  it("a bound instance type is checked on the parameter's default", () => {
    expectOne(
      design("pytorch", (d) => void (d.pipeline.parameters[0]!.default = "ml.inf2.xlarge")),
      "PD311",
      { stepId: "train", path: "instanceType" },
      'ml.inf2.xlarge (the default of parameter "TrainInstanceType") is not an instance type',
    );
  });
});

describe("PD312 instance count, volume size and max runtime bounds", () => {
  it("training volume 1–16384 GB (16384 pass)", () => {
    const sized = (gb: number) =>
      design("pytorch", (d) => void (config(d, "train").volumeSizeGb = gb));
    ok(sized(16384));
    expectOne(
      sized(16385),
      "PD312",
      { stepId: "train", path: "volumeSizeGb" },
      "volume size 16385 GB is out of bounds: SageMaker accepts 1–16384 GB for training jobs",
    );
  });

  it("training max runtime 1 s – 28 days (both ends pass)", () => {
    const runtime = (seconds: number) =>
      design("pytorch", (d) => void (config(d, "train").maxRuntimeSeconds = seconds));
    ok(runtime(1));
    ok(runtime(2419200));
    expectOne(
      runtime(2419201),
      "PD312",
      { stepId: "train", path: "maxRuntimeSeconds" },
      "max runtime 2419201 s is out of bounds: SageMaker accepts 1–2419200 s for training jobs",
    );
    expectOne(
      runtime(0),
      "PD312",
      { stepId: "train", path: "maxRuntimeSeconds" },
      "max runtime 0 s",
    );
  });

  it("bound values are checked on the parameter's default: processing count 1–100, volume 1–16384", () => {
    const bound = (key: string, fallback: number) =>
      design("pytorch", (d) => {
        addParameter(d, { name: "Value", type: "Integer", default: fallback });
        config(d, "load")[key] = { parameter: "Value" };
      });
    ok(bound("instanceCount", 100));
    expectOne(
      bound("instanceCount", 101),
      "PD312",
      { stepId: "load", path: "instanceCount" },
      `instance count 101 (the default of parameter "Value") is out of bounds: SageMaker accepts 1–100 for processing jobs`,
    );
    ok(bound("volumeSizeGb", 16384));
    expectOne(
      bound("volumeSizeGb", 16385),
      "PD312",
      { stepId: "load", path: "volumeSizeGb" },
      "SageMaker accepts 1–16384 GB for processing jobs",
    );
  });

  it("a training instance count bound to a parameter defaulting to 0", () => {
    expectOne(
      design("pytorch", (d) => {
        addParameter(d, { name: "Count", type: "Integer", default: 0 });
        config(d, "train").instanceCount = { parameter: "Count" };
      }),
      "PD312",
      { stepId: "train", path: "instanceCount" },
      "SageMaker accepts at least 1 for training jobs",
    );
  });
});

describe("PD313 S3 URIs", () => {
  const uri = (length: number) => {
    const base = "s3://my-ml-bucket/";
    return base + "k".repeat(length - base.length);
  };

  it("an S3 URI over 1024 characters (1024 pass)", () => {
    const output = (length: number) =>
      design("xgboost", (d) => void (config(d, "train").outputPath = uri(length)));
    ok(output(1024));
    expectOne(
      output(1025),
      "PD313",
      { stepId: "train", path: "outputPath" },
      "outputPath is 1025 characters; SageMaker accepts S3 URIs of at most 1024",
    );
  });

  it("the default checkpoint URI, {output path}/checkpoints, counts too", () => {
    const output = (length: number) =>
      design("pytorch", (d) => void (config(d, "train").outputPath = uri(length)));
    ok(output(1024 - "/checkpoints".length));
    expectOne(
      output(1024 - "/checkpoints".length + 1),
      "PD313",
      { stepId: "train", path: "outputPath" },
      "the checkpoint URI {output path}/checkpoints is 1025 characters",
    );
  });

  it("a bound URI is checked on the parameter's default: shape and length", () => {
    const bound = (fallback: string) =>
      design("pytorch", (d) => {
        addParameter(d, { name: "Input", type: "String", default: fallback });
        config(d, "load").inputDataUri = { parameter: "Input" };
      });
    ok(bound("s3://my-ml-bucket/raw/"));
    ok(bound(uri(1024)));
    expectOne(
      bound("data/raw"),
      "PD313",
      { stepId: "load", path: "inputDataUri" },
      'inputDataUri (the default of parameter "Input") is not an S3 URI',
    );
    expectOne(
      bound(uri(1025)),
      "PD313",
      { stepId: "load", path: "inputDataUri" },
      "1025 characters",
    );
  });

  it("URIs the compiler derives from the S3 prefix (here a code archive) fit in 1024", () => {
    // The longest is TabularPreprocessing-Training's code: {location}/code/{name}/{sha256}/sourcedir.tar.gz.
    const prefixed = (length: number) =>
      design("pytorch", (d) => void (d.pipeline.s3Prefix = "p".repeat(length)));
    const longest =
      1024 -
      "s3://my-ml-bucket/".length -
      "/code/TabularPreprocessing-Training/".length -
      64 -
      "/sourcedir.tar.gz".length;
    const fits = compile(prefixed(longest));
    if (!fits.ok) throw new Error(JSON.stringify(fits.errors));
    expect(Math.max(...fits.uploads.map((upload) => upload.uri.length))).toBe(1024);
    expectOne(
      prefixed(longest + 1),
      "PD313",
      { path: "pipeline.s3Prefix" },
      "the S3 URI of TabularPreprocessing-Training's code under s3://my-ml-bucket/",
    );
  });
});

describe("framework and Python versions from the image tables", () => {
  it("PD106 a processing step's SKLearn version without an image (was PD108 on the instance type)", () => {
    ok(design("pytorch", (d) => void (config(d, "load").frameworkVersion = "1.4-2")));
    expectOne(
      design("pytorch", (d) => void (config(d, "load").frameworkVersion = "0.99-1")),
      "PD106",
      { stepId: "load", path: "frameworkVersion" },
      "SKLearn 0.99-1 has no processing image; choose one of",
    );
  });

  it("PD106 a model inheriting a training version that has no inference image", () => {
    const py = pyVersionsFor("pytorch", "2.8.0", "training")[0]!;
    const trainedOn = (mutate: (d: Design) => void) =>
      design("pytorch", (d) => {
        Object.assign(config(d, "train"), { frameworkVersion: "2.8.0", pyVersion: py });
        mutate(d);
      });
    expectOne(
      trainedOn(() => {}),
      "PD106",
      { stepId: "model", path: "frameworkVersion" },
      'pytorch 2.8.0, taken from training step "PyTorchTraining", has no inference image',
    );
    ok(
      trainedOn((d) =>
        Object.assign(config(d, "model"), { frameworkVersion: "2.6.0", pyVersion: "py312" }),
      ),
    );
  });

  it("PD107 a model inheriting a Python version its inference image does not run", () => {
    // The example trains on PyTorch 2.1.0 with py310; 2.6.0 inference runs py312 only.
    const modelOn = (model: Record<string, string>) =>
      design("pytorch", (d) => void Object.assign(config(d, "model"), model));
    expectOne(
      modelOn({ frameworkVersion: "2.6.0" }),
      "PD107",
      { stepId: "model", path: "pyVersion" },
      'pytorch 2.6.0 inference runs py312, not py310 (taken from training step "PyTorchTraining")',
    );
    ok(modelOn({ frameworkVersion: "2.6.0", pyVersion: "py312" }));
  });

  it("PD106 and PD107 for a training step (catalog rules)", () => {
    expectOne(
      design("xgboost", (d) => void (config(d, "train").frameworkVersion = "0.9")),
      "PD106",
      { stepId: "train", path: "frameworkVersion" },
      "XGBoost 0.9 is not offered",
    );
    expectOne(
      design("pytorch", (d) => void (config(d, "train").pyVersion = "py27")),
      "PD107",
      { stepId: "train", path: "pyVersion" },
      "not py27",
    );
  });
});
