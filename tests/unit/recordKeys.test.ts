// Issue 14: a user-keyed record (hyperparameters, env, tags, inline file names, processing
// outputUris, pipeline parameter names) keeps a key named `__proto__`, `constructor` or
// `prototype` as data, from the design file through the compile, the uploads, the submission,
// the definition importer and back — it never reaches a prototype and is never dropped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "fflate";
import { parseTar } from "nanotar";
import { describe, expect, it } from "vitest";
import { planSubmission, submitPipeline } from "../../src/aws/submit";
import { runImport } from "../../src/cli/importCommand";
import {
  compile,
  importDefinition,
  validateDesign,
  type CompileResult,
  type Upload,
} from "../../src/compiler";
import { z } from "zod";
import { EnvSchema, HyperparametersSchema, stepType } from "../../src/catalog";
import { loadDesignText, userRecord, type Design } from "../../src/model";
import { getAtPath, setAtPath } from "../../src/store/configPath";
import { createDesignStore } from "../../src/store/designStore";
import { recordFromRows } from "../../src/ui/inspector/fieldValues";
import { formFields, type StepDefinition } from "../../src/ui/inspector/schemaFields";
import { FakePipelineClient } from "../support/fakePipelineClient";

const KEYS = ["__proto__", "constructor", "prototype"] as const;
const root = join(import.meta.dirname, "..", "..");

type Json = Record<string, unknown>;
type Compiled = Extract<CompileResult, { ok: true }>;

/** A fixture as plain JSON (JSON.parse keeps a `__proto__` key as an own property). */
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(join(root, "tests", "fixtures", name), "utf8")) as Json;

/** `record` with `entries` added as own data properties, whatever their names. */
function withEntries(record: unknown, entries: [string, unknown][]): Json {
  return Object.fromEntries([...Object.entries((record ?? {}) as Json), ...entries]);
}

/** Own property or nothing: `record[key]` would read `Object.prototype` for these keys. */
function own(record: unknown, key: string): unknown {
  expect(record !== null && typeof record === "object").toBe(true);
  expect(Object.hasOwn(record as object, key)).toBe(true);
  return (record as Json)[key];
}

const stepOf = (design: Json, type: string): Json & { config: Json } => {
  const step = (design.steps as (Json & { config: Json })[]).find((s) => s.type === type);
  if (!step) throw new Error(`no ${type} step`);
  return step;
};

/** Loads a design document through its text, as a file is opened. */
function load(document: Json): Design {
  const loaded = loadDesignText(JSON.stringify(document));
  if (loaded.kind !== "ok") throw new Error(JSON.stringify(loaded));
  return loaded.design;
}

function compiled(design: Design): Compiled {
  const result = compile(design);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const definitionStep = (result: Compiled, name: string): Json => {
  const step = (result.definition.Steps as unknown as Json[]).find((s) => s.Name === name);
  if (!step) throw new Error(`no step ${name} in the definition`);
  return step.Arguments as Json;
};

/** The file names inside an uploaded sourcedir.tar.gz. */
const archiveNames = (upload: Upload): string[] =>
  parseTar(gunzipSync(upload.bytes)).map((item) => item.name.replace(/^\.\//, ""));

const codeUpload = (result: Compiled, stepId: string): Upload => {
  const upload = result.uploads.find((u) => u.stepId === stepId && u.kind === "code");
  if (!upload) throw new Error(`no code upload for ${stepId}`);
  return upload;
};

/** The PyTorch reference design with every key in hyperparameters, env, files and parameters. */
function pytorchDesign(): Json {
  const design = fixture("pytorch-reference.pipeline.json");
  const pipeline = design.pipeline as Json;
  pipeline.parameters = [
    ...(pipeline.parameters as Json[]),
    ...KEYS.map((key) => ({ name: key, type: "String", default: `default-${key}` })),
  ];
  pipeline.tags = withEntries(
    pipeline.tags,
    KEYS.map((key) => [key, `tag-${key}`]),
  );
  const train = stepOf(design, "PyTorchTraining");
  train.config.hyperparameters = withEntries(train.config.hyperparameters, [
    ...KEYS.map((key): [string, unknown] => [key, `hp-${key}`]),
    ...KEYS.map((key, index): [string, unknown] => [`bound${index}`, { parameter: key }]),
    ["nested", Object.fromEntries(KEYS.map((key, index) => [key, index]))],
  ]);
  train.config.env = withEntries(
    train.config.env,
    KEYS.map((key) => [key, `env-${key}`]),
  );
  const code = train.config.code as { files: Json };
  code.files = withEntries(
    code.files,
    KEYS.map((key) => [key, `# file ${key}\n`]),
  );
  const load = stepOf(design, "DataLoad");
  load.config.env = withEntries(
    load.config.env,
    KEYS.map((key) => [key, `env-${key}`]),
  );
  load.config.outputUris = withEntries(
    load.config.outputUris,
    KEYS.map((key) => [key, `s3://my-ml-bucket/out/${key}`]),
  );
  return design;
}

/** The XGBoost reference design with every key in its (uploaded) hyperparameters. */
function xgboostDesign(): Json {
  const design = fixture("xgboost-reference.pipeline.json");
  const train = stepOf(design, "XGBoostTraining");
  train.config.hyperparameters = withEntries(
    train.config.hyperparameters,
    KEYS.map((key) => [key, `hp-${key}`]),
  );
  train.config.env = withEntries(
    train.config.env,
    KEYS.map((key) => [key, `env-${key}`]),
  );
  return design;
}

describe("userRecord", () => {
  const text = '{"__proto__": 1, "constructor": 2, "prototype": 3, "": 4, "x": "five"}';

  it("keeps every key as an own data property, in order, on a plain object", () => {
    const parsed = userRecord(z.string(), z.number()).parse(
      JSON.parse('{"__proto__": 1, "constructor": 2, "prototype": 3}'),
    );
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual([...KEYS]);
    for (const [index, key] of KEYS.entries()) expect(own(parsed, key)).toBe(index + 1);
  });

  it("locates issues as z.record does: the key at [key], the value at [key, …]", () => {
    const ours = userRecord(z.string().min(1), z.number()).safeParse(JSON.parse(text));
    const zods = z.record(z.string().min(1), z.number()).safeParse(JSON.parse(text));
    expect(ours.success || zods.success).toBe(false);
    expect(ours.error?.issues).toEqual(zods.error?.issues);
    expect(ours.error?.issues.map((issue) => issue.path)).toEqual([[""], ["x"]]);
    for (const input of [[], "text", null, new Map([["a", 1]])]) {
      const refused = userRecord(z.string(), z.number()).safeParse(input);
      expect(refused.error?.issues).toEqual(
        z.record(z.string(), z.number()).safeParse(input).error?.issues,
      );
    }
  });

  it("stays a user record through clones and wrappers, and keeps nested JSON keys", () => {
    const input = JSON.parse('{"__proto__": {"__proto__": [{"constructor": 1}]}}') as unknown;
    for (const schema of [
      HyperparametersSchema,
      HyperparametersSchema.describe("described"),
      HyperparametersSchema.optional(),
      HyperparametersSchema.default({}),
    ]) {
      const parsed = schema.parse(input);
      expect(JSON.stringify(parsed)).toBe(JSON.stringify(input));
      expect(Object.getPrototypeOf(own(parsed, "__proto__"))).toBe(Object.prototype);
    }
    expect(EnvSchema.safeParse(JSON.parse('{"__proto__": "a", "1X": "b"}')).error?.issues).toEqual([
      expect.objectContaining({ code: "invalid_key", path: ["1X"] }),
    ]);
  });

  it("introspects as a record field in the inspector, with its form kind", () => {
    const kinds = (type: string) =>
      Object.fromEntries(
        formFields(stepType(type) as StepDefinition).map((field) => [
          field.key,
          [field.valueType, field.meta.kind],
        ]),
      );
    expect(kinds("PyTorchTraining")).toMatchObject({
      hyperparameters: ["record", "hyperparameters"],
      env: ["record", "keyValue"],
    });
    expect(kinds("DataLoad")).toMatchObject({
      outputUris: ["record", "keyValue"],
      env: ["record", "keyValue"],
      code: ["other", "code"],
    });
  });
});

describe("record keys named like Object.prototype members stay data (issue 14)", () => {
  it("the design loads with every key kept", () => {
    const design = load(pytorchDesign());
    const train = design.steps.find((step) => step.type === "PyTorchTraining");
    for (const key of KEYS) {
      expect(own(design.pipeline.tags, key)).toBe(`tag-${key}`);
      expect(own(train?.config.hyperparameters, key)).toBe(`hp-${key}`);
      expect(design.pipeline.parameters.map((parameter) => parameter.name)).toContain(key);
    }
    expect(Object.getPrototypeOf(design.pipeline.tags)).toBe(Object.prototype);
  });

  it("PyTorch: hyperparameters, env, inline files and parameter names reach the definition", () => {
    const result = compiled(load(pytorchDesign()));
    const args = definitionStep(result, "PyTorchTraining");
    const hyperparameters = args.HyperParameters as Json;
    expect(Object.getPrototypeOf(hyperparameters)).toBe(Object.prototype);
    const names = result.definition.Parameters.map((parameter) => parameter.Name);
    const files = archiveNames(codeUpload(result, "train"));
    for (const [index, key] of KEYS.entries()) {
      expect(own(hyperparameters, key)).toBe(JSON.stringify(`hp-${key}`));
      expect(JSON.stringify(own(hyperparameters, `bound${index}`))).toContain(
        `"Parameters.${key}"`,
      );
      expect(own(args.Environment, key)).toBe(`env-${key}`);
      expect(names).toContain(key);
      expect(files).toContain(key);
    }
    expect(own(hyperparameters, "nested")).toBe(
      '{"__proto__": 0, "constructor": 1, "prototype": 2}',
    );
  });

  it("XGBoost: the keys are in the uploaded hyperparameters.json and the env", () => {
    const result = compiled(load(xgboostDesign()));
    const upload = result.uploads.find((u) => u.kind === "hyperparameters");
    if (!upload) throw new Error("no hyperparameters upload");
    const file = JSON.parse(new TextDecoder().decode(upload.bytes)) as Json;
    const args = definitionStep(result, "XGBoostTraining");
    for (const key of KEYS) {
      expect(own(file, key)).toBe(`hp-${key}`);
      expect(own(args.Environment, key)).toBe(`env-${key}`);
    }
  });

  it("processing: env reaches the definition and outputUris are checked under each key", () => {
    const design = load(pytorchDesign());
    const result = compiled(design);
    const args = definitionStep(result, "DataLoad-Training");
    const loadStep = validateDesign(design).resolved.get("load");
    const uris = loadStep?.type === "DataLoad" ? loadStep.config.outputUris : undefined;
    for (const key of KEYS) {
      expect(own(args.Environment, key)).toBe(`env-${key}`);
      expect(own(uris, key)).toBe(`s3://my-ml-bucket/out/${key}`);
    }
    // A bad URI under such a key is refused where it is, not dropped unseen.
    for (const key of KEYS) {
      const document = pytorchDesign();
      const step = stepOf(document, "DataLoad");
      step.config.outputUris = withEntries({}, [[key, "not-a-uri"]]);
      const refused = compile(load(document));
      expect(refused.ok).toBe(false);
      if (!refused.ok)
        expect(refused.errors.map((e) => [e.stepId, e.path])).toContainEqual([
          "load",
          `outputUris.${key}`,
        ]);
    }
  });

  it("a parameter reference to an undeclared parameter named like one is refused (PD110)", () => {
    for (const key of KEYS) {
      const document = fixture("pytorch-reference.pipeline.json");
      const train = stepOf(document, "PyTorchTraining");
      train.config.hyperparameters = withEntries(train.config.hyperparameters, [
        ["bound", { parameter: key }],
      ]);
      const result = compile(load(document));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.code)).toContain("PD110");
    }
  });

  it("tags reach the pipeline the submission creates", async () => {
    const design = load(pytorchDesign());
    const result = compiled(design);
    const client = new FakePipelineClient();
    const plan = await planSubmission(client, design, result, {
      region: design.pipeline.region,
      userPoolId: "us-east-1_Pool1",
      userPoolClientId: "client1",
      identityPoolId: "us-east-1:0000-1111",
      bucket: design.pipeline.bucket,
      roleArn: design.pipeline.roleArn,
    });
    const parameters = Object.fromEntries(KEYS.map((key) => [key, `run-${key}`]));
    await submitPipeline(
      client,
      { plan, uploads: result.uploads, design, parameters, clickId: "click" },
      () => undefined,
    );
    const created = client.pipelines.get(design.pipeline.name);
    for (const key of KEYS) {
      expect(own(created?.tags, key)).toBe(`tag-${key}`);
      expect(own(client.executions[0]?.parameters, key)).toBe(`run-${key}`);
    }
  });

  it.each([
    ["PyTorch", pytorchDesign],
    ["XGBoost", xgboostDesign],
  ])("%s: the importer keeps every key and compiles back to the same definition", (_, make) => {
    const first = compiled(load(make()));
    const objects = new Map(first.uploads.map((upload) => [upload.uri, upload.bytes]));
    const imported = importDefinition(JSON.parse(first.json), { read: (uri) => objects.get(uri) });
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
    expect(imported.notes).toEqual([]);
    const design = imported.design;
    const training = design.steps.find((step) => step.type.endsWith("Training"));
    const code = training?.config.code as { files: Json };
    for (const key of KEYS) {
      expect(own(training?.config.hyperparameters, key)).toBe(`hp-${key}`);
      expect(own(training?.config.env, key)).toBe(`env-${key}`);
    }
    if (make === pytorchDesign) {
      const load = design.steps.find((step) => step.type === "DataLoad");
      for (const key of KEYS) {
        expect(design.pipeline.parameters.map((parameter) => parameter.name)).toContain(key);
        expect(own(code.files, key)).toBe(`# file ${key}\n`);
        expect(own(load?.config.env, key)).toBe(`env-${key}`);
      }
    }
    expect(compiled(design).json).toBe(first.json);
    // Through the design file, as the CLI writes it and the designer opens it.
    const reopened = loadDesignText(JSON.stringify(design));
    expect(reopened.kind).toBe("ok");
    if (reopened.kind === "ok") expect(compiled(reopened.design).json).toBe(first.json);
  });

  it("the CLI's import takes a file named like one as the file, not as an option", () => {
    for (const name of KEYS) {
      const errors: string[] = [];
      const usages: string[] = [];
      const io = { stdout: () => undefined, stderr: (text: string) => errors.push(text) };
      const code = runImport([`${name}`], io, (message) => {
        usages.push(message);
        return 2;
      });
      expect(usages).toEqual([]);
      expect(code).toBe(2);
      expect(errors.join("")).toContain(`${name}: cannot read`);
    }
  });

  it("the designer's config edits set and read such keys as data", () => {
    let config: Record<string, unknown> = { hyperparameters: { lr: 0.1 } };
    for (const key of KEYS) {
      expect(getAtPath(config, ["hyperparameters", key])).toBeUndefined();
      expect(getAtPath(config, [key])).toBeUndefined();
      config = setAtPath(config, ["hyperparameters", key], `hp-${key}`);
      config = setAtPath(config, ["env", key], `env-${key}`);
    }
    for (const key of KEYS) {
      expect(own(config.hyperparameters, key)).toBe(`hp-${key}`);
      expect(own(config.env, key)).toBe(`env-${key}`);
      expect(getAtPath(config, ["hyperparameters", key])).toBe(`hp-${key}`);
    }
    expect(Object.getPrototypeOf(config.hyperparameters)).toBe(Object.prototype);
    for (const key of KEYS) config = setAtPath(config, ["hyperparameters", key], undefined);
    expect(config.hyperparameters).toEqual({ lr: 0.1 });
    expect(Object.keys(config.hyperparameters as object)).toEqual(["lr"]);

    const rows = recordFromRows(KEYS.map((key) => ({ key, value: `v-${key}` })));
    expect(rows.ok).toBe(true);
    if (rows.ok) {
      expect(Object.keys(rows.value ?? {})).toEqual([...KEYS]);
      for (const key of KEYS) expect(own(rows.value, key)).toBe(`v-${key}`);
    }
  });

  it("moving steps reads positions by own step id only", () => {
    const document = fixture("pytorch-reference.pipeline.json");
    const steps = document.steps as Json[];
    KEYS.forEach((key, index) => {
      const step = steps[index] as Json;
      const old = step.id as string;
      step.id = key;
      for (const edge of document.edges as { from: Json; to: Json }[]) {
        if (edge.from.step === old) edge.from.step = key;
        if (edge.to.step === old) edge.to.step = key;
      }
    });
    const store = createDesignStore(load(document));
    const before = store.getState().design;
    store.getState().moveSteps({ model: { x: 5, y: 6 } });
    const after = store.getState().design;
    for (const key of KEYS) {
      const step = after.steps.find((candidate) => candidate.id === key);
      expect(step?.position).toEqual(before.steps.find((s) => s.id === key)?.position);
    }
    expect(after.steps.find((step) => step.id === "model")?.position).toEqual({ x: 5, y: 6 });
    store.getState().moveSteps(Object.fromEntries(KEYS.map((key) => [key, { x: 1, y: 2 }])));
    for (const key of KEYS)
      expect(store.getState().design.steps.find((s) => s.id === key)?.position).toEqual({
        x: 1,
        y: 2,
      });
  });
});
