// The seeded design generator: random but valid `*.pipeline.json` documents covering every step
// type, both frameworks, every framework/py version pair of the image tables, GPU and CPU
// instances, parameters bound to fields, cache on/off, custom metrics, environment, checkpoints
// and several training steps; record keys and parameter names such as `__proto__`,
// `constructor` and `prototype` among the others. Validity is decided by our own compiler
// (`accept`).
import fc from "fast-check";
import {
  frameworkVersions,
  OUTPUT_FORMATS,
  PROCESSING_JOB_TYPES,
  pyVersionsFor,
  type Framework,
} from "../../src/catalog";
import {
  Bind,
  code,
  cpuInstanceType,
  env,
  instanceType,
  maybe,
  metricDefinitions,
  orBind,
  PROTOTYPE_KEYS,
  pytorchHyperparameters,
  s3Uri,
  settings,
  tags,
  versionPairs,
  xgboostHyperparameters,
} from "./arbitraries";

const jobType = fc.constantFrom(...PROCESSING_JOB_TYPES.values);
const ratio = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);
const link = fc.nat({ max: 1000 });

const processingFields = (entry: string, outputs: string[]) => ({
  jobType: maybe(jobType, 3),
  code: code(entry),
  instanceType: maybe(orBind(fc.oneof(cpuInstanceType, instanceType), "String")),
  instanceCount: maybe(orBind(fc.integer({ min: 1, max: 10 }), "Integer", 3, true)),
  volumeSizeGb: maybe(orBind(fc.integer({ min: 10, max: 1000 }), "Integer", 3, true)),
  frameworkVersion: maybe(fc.constantFrom(...frameworkVersions("sklearn", "training"))),
  outputFormat: maybe(fc.constantFrom(...OUTPUT_FORMATS)),
  outputUris: maybe(
    fc.dictionary(fc.constantFrom(...outputs), orBind(s3Uri, "String"), { maxKeys: 2 }),
  ),
  env: maybe(env(["OUTPUT_FORMAT", "LABEL_FIELD"])),
  dependsOn: fc.option(link),
});

const dataLoad = fc.record({
  ...processingFields("data_loading.py", ["DATA", "METADATA", "SIGNATURE"]),
  inputDataUri: maybe(orBind(s3Uri, "String")),
});

const preprocessing = fc.record({
  ...processingFields("tabular_preprocessing.py", ["processed_data"]),
  labelName: fc.constantFrom("target", "label", "is_fraud"),
  trainRatio: maybe(ratio),
  testValRatio: maybe(ratio),
  data: link,
  signature: fc.option(link),
  secondary: fc.option(link),
});

const checkpoint = fc.oneof(
  fc.record({ enabled: fc.boolean() }),
  fc.record({ enabled: fc.constant(true), s3Uri }),
  fc.record({ enabled: fc.constant(true), localPath: fc.constantFrom("/opt/ml/ckpt", "/tmp/c") }),
);

const training = (framework: Framework) =>
  fc.record({
    framework: fc.constant(framework),
    versions: maybe(fc.constantFrom(...versionPairs(framework)), 6),
    code: code(framework === "pytorch" ? "train.py" : "xgboost_training.py"),
    hyperparameters: framework === "pytorch" ? pytorchHyperparameters : xgboostHyperparameters,
    instanceType: maybe(orBind(instanceType, "String"), 4),
    instanceCount: maybe(orBind(fc.integer({ min: 1, max: 4 }), "Integer", 3, true)),
    volumeSizeGb: maybe(orBind(fc.integer({ min: 1, max: 500 }), "Integer", 3, true)),
    maxRuntimeSeconds: maybe(orBind(fc.integer({ min: 1, max: 2419200 }), "Integer", 3, true)),
    outputPath: maybe(orBind(s3Uri, "String")),
    checkpoint: maybe(checkpoint),
    profiler: maybe(
      fc.oneof(
        fc.constant({}),
        fc.record({
          systemMonitorIntervalMillis: fc.constantFrom(100, 200, 500, 1000, 5000, 60000),
        }),
      ),
      1,
    ),
    metricDefinitions,
    env: maybe(env()),
    input: link,
    dependsOn: fc.option(link),
  });

const model = fc.record({
  code: maybe(code("inference.py"), 3),
  version: maybe(link),
  instanceType: maybe(instanceType),
  env: maybe(env(["SAGEMAKER_PROGRAM", "SAGEMAKER_REGION"])),
  training: link,
  dependsOn: fc.option(link),
});

const extraParameter = fc.oneof(
  fc.record({ type: fc.constant("String"), default: fc.string({ maxLength: 8 }) }),
  fc.record({
    type: fc.constant("String"),
    default: fc.constant("a"),
    enumValues: fc.constant(["a", "b"]),
  }),
  fc.record({
    type: fc.constant("Float"),
    default: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }),
  fc.record({ type: fc.constant("Boolean"), default: fc.boolean() }),
  fc.record({ type: fc.constant("Integer") }),
);

export const designRecipe = fc.record({
  settings,
  loads: fc.array(dataLoad, { minLength: 1, maxLength: 2 }),
  preps: fc.array(preprocessing, { maxLength: 2 }),
  trainings: fc.array(fc.oneof(training("pytorch"), training("xgboost")), {
    minLength: 1,
    maxLength: 3,
  }),
  models: fc.array(model, { maxLength: 3 }),
  extraParameters: fc.array(extraParameter, { maxLength: 2 }),
  /** Names the first parameters (bound ones, then extras) take instead of P1String, Extra1, … */
  parameterNames: fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.shuffledSubarray([...PROTOTYPE_KEYS], { minLength: 1 }), weight: 1 },
  ),
  tags: fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: tags, weight: 1 }),
  namedSteps: fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), { maxLength: 10 }),
  order: fc.option(fc.array(fc.double({ noNaN: true }), { minLength: 10, maxLength: 10 })),
});
type Recipe = typeof designRecipe extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;
const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface DraftStep {
  id: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
}

/** A recipe → a design document (plain JSON, as a file holds it). */
export function assemble(recipe: Recipe): unknown {
  const parameters: Record<string, unknown>[] = [];
  const steps: DraftStep[] = [];
  const edges: unknown[] = [];
  const names = new Set<string>();

  /** Replaces Bind markers by parameter references, declaring each parameter. */
  const bindAll = (value: unknown): unknown => {
    if (value instanceof Bind) {
      const name =
        recipe.parameterNames[parameters.length] ?? `P${parameters.length + 1}${value.type}`;
      parameters.push({
        name,
        type: value.type,
        ...(value.fallback === undefined ? {} : { default: value.fallback }),
      });
      return { parameter: name };
    }
    if (Array.isArray(value)) return value.map(bindAll);
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bindAll(v)]));
    return value;
  };
  const unique = (wanted: string) => {
    let name = wanted;
    for (let n = 2; names.has(name); n++) name = `${wanted}-${n}`;
    names.add(name);
    return name;
  };
  const add = (type: string, fields: Record<string, unknown>, defaultName: string) => {
    const { dependsOn, ...config } = fields;
    const custom = recipe.namedSteps[steps.length];
    const id = `s${steps.length + 1}`;
    const earlier = steps.map((step) => step.id);
    const draft: DraftStep = {
      id,
      type,
      name: unique(custom ?? defaultName),
      config: Object.fromEntries(
        Object.entries(bindAll(config) as Record<string, unknown>).filter(
          ([, v]) => v !== undefined,
        ),
      ),
    };
    if (typeof dependsOn === "number" && earlier.length > 0)
      draft.config.dependsOn = [pick(earlier, dependsOn)];
    steps.push(draft);
    return draft;
  };
  const edge = (from: DraftStep, output: string, to: DraftStep, input: string) =>
    edges.push({ from: { step: from.id, output }, to: { step: to.id, input } });
  const processing = (fields: Record<string, unknown>) => {
    const { code: source, ...rest } = fields as { code: { entryPoint: string; code: unknown } };
    return { ...rest, entryPoint: source.entryPoint, code: source.code };
  };

  const loads = recipe.loads.map(({ ...fields }) =>
    add("DataLoad", processing(fields), `DataLoad-${cap(fields.jobType ?? "training")}`),
  );
  const preps = recipe.preps.map(({ data, signature, secondary, ...fields }) => {
    const step = add(
      "TabularPreprocessing",
      processing(fields),
      `TabularPreprocessing-${cap(fields.jobType ?? "training")}`,
    );
    edge(pick(loads, data), "DATA", step, "DATA");
    if (signature !== null) edge(pick(loads, signature), "SIGNATURE", step, "SIGNATURE");
    if (secondary !== null) edge(pick(loads, secondary), "METADATA", step, "DATA_SECONDARY");
    return step;
  });
  const sources: [DraftStep, string][] = [
    ...preps.map((step): [DraftStep, string] => [step, "processed_data"]),
    ...loads.map((step): [DraftStep, string] => [step, "DATA"]),
  ];
  const trainings = recipe.trainings.map(
    ({ framework, versions, input, code: source, ...fields }) => {
      const type = framework === "pytorch" ? "PyTorchTraining" : "XGBoostTraining";
      const [frameworkVersion, pyVersion] = versions ?? [];
      const step = add(
        type,
        {
          ...fields,
          frameworkVersion,
          pyVersion,
          entryPoint: source.entryPoint,
          code: source.code,
        },
        type,
      );
      const [from, output] = pick(sources, input);
      edge(from, output, step, "input_path");
      return { step, framework };
    },
  );
  recipe.models.forEach(({ training: index, version, code: source, ...fields }) => {
    const upstream = pick(trainings, index);
    const framework = upstream.framework;
    const type = framework === "pytorch" ? "PyTorchModel" : "XGBoostModel";
    const config: Record<string, unknown> = { ...fields };
    // A PyTorch model's code must be inline (it is repacked); an S3 archive becomes "no code".
    if (source && !(framework === "pytorch" && "s3Uri" in source.code))
      Object.assign(config, { entryPoint: source.entryPoint, code: source.code });
    if (version !== undefined) {
      const frameworkVersion = pick(frameworkVersions(framework, "inference"), version);
      const py = pyVersionsFor(framework, frameworkVersion, "inference");
      Object.assign(config, { frameworkVersion, pyVersion: pick(py, version) });
    }
    const step = add(type, config, type);
    edge(upstream.step, "model_output", step, "model_data");
  });

  const ordered = recipe.order
    ? steps
        .map((step, index) => ({ step, key: recipe.order?.[index] ?? 0 }))
        .sort((a, b) => a.key - b.key)
        .map(({ step }) => step)
    : steps;
  const extras = recipe.extraParameters.map((parameter, index) => ({
    name: recipe.parameterNames[parameters.length + index] ?? `Extra${index + 1}`,
    ...parameter,
  }));
  const { cache, ...pipeline } = recipe.settings;
  return {
    format: "sagemaker-pipeline-design",
    version: 1,
    pipeline: {
      ...pipeline,
      description: "generated by tests/oracle/generate.ts",
      parameters: [...parameters, ...extras],
      ...(cache ? { cache } : {}),
      tags: Object.fromEntries(Object.entries(recipe.tags)),
    },
    steps: ordered.map((step, index) => ({ ...step, position: { x: index * 300, y: 0 } })),
    edges,
  };
}

/**
 * `count` valid designs from `seed`: recipes are drawn in batches until our compiler accepted
 * `count` of them (or 20 × count were tried). `attempts` is how many were drawn.
 */
export function generateDesigns(
  seed: number,
  count: number,
  accept: (design: unknown) => boolean,
): { designs: unknown[]; attempts: number } {
  const designs: unknown[] = [];
  let attempts = 0;
  for (let batch = 0; designs.length < count && attempts < count * 20; batch++) {
    const size = Math.max(10, count - designs.length);
    for (const recipe of fc.sample(designRecipe, { seed: seed + batch, numRuns: size })) {
      attempts++;
      const design = assemble(recipe);
      if (accept(design)) designs.push(design);
      if (designs.length === count) break;
    }
  }
  return { designs, attempts };
}
