// fast-check arbitraries for the parts of a design: settings, code, values that may be bound to
// pipeline parameters, hyperparameters, metrics. generate.ts assembles them into whole designs.
import fc from "fast-check";
import {
  frameworkVersions,
  JOB_EXCEPTION_TYPES,
  pyVersionsFor,
  STEP_EXCEPTION_TYPES,
  XGBOOST_OFFERED_VERSIONS,
  type Framework,
} from "../../src/catalog";
import type { ParameterType } from "../../src/model";

/** A value to bind to a new pipeline parameter of this type (generate.ts names and declares it). */
export class Bind {
  constructor(
    readonly type: ParameterType,
    readonly fallback?: string | number | boolean,
  ) {}
}

/** `arb`, or (weight 1 in `1 + plain`; always when `plain` is 0) the value bound to a parameter. */
export function orBind<T>(
  arb: fc.Arbitrary<T>,
  type: ParameterType,
  plain = 3,
  withoutDefault = false,
): fc.Arbitrary<T | Bind> {
  const bound = fc
    .tuple(arb, withoutDefault ? fc.boolean() : fc.constant(true))
    .map(
      ([value, keep]) => new Bind(type, keep ? (value as string | number | boolean) : undefined),
    );
  return plain === 0
    ? bound
    : fc.oneof({ arbitrary: arb, weight: plain }, { arbitrary: bound, weight: 1 });
}

/**
 * Record keys named like Object.prototype members (issue 14): user data like any other key, which
 * a record built by assignment would lose or a lookup would misread. Hyperparameters, env, inline
 * file names, tags and parameter names draw them now and then.
 */
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;
export const prototypeKey = fc.constantFrom(...PROTOTYPE_KEYS);

/** Maybe absent (the catalog default then applies): `undefined` with weight 1 in `1 + present`. */
export const maybe = <T>(arb: fc.Arbitrary<T>, present = 1) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: arb, weight: present });

export const REGIONS = fc.oneof(
  { arbitrary: fc.constant("us-east-1"), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      "us-west-2",
      "eu-west-1",
      "eu-central-1",
      "ap-northeast-1",
      "eu-central-2", // no Experiments, no Debugger/Profiler
      "ap-southeast-3", // Experiments, but no Debugger/Profiler
      "me-central-1",
      "il-central-1",
      "af-south-1",
      "cn-north-1",
    ),
    weight: 4,
  },
);

const CPU = [
  "ml.m5.large",
  "ml.m5.xlarge",
  "ml.m5.2xlarge",
  "ml.m5.4xlarge",
  "ml.c5.2xlarge",
  "ml.r5.xlarge",
  "ml.m4.xlarge",
  "ml.t3.medium",
];
const GPU = [
  "ml.g4dn.xlarge",
  "ml.g5.2xlarge",
  "ml.g5.12xlarge",
  "ml.p3.2xlarge",
  "ml.g6.xlarge",
  "ml.p5.48xlarge",
];
// Families where SageMaker's image choice has special rules (AMD GPU, container-version
// auto-selection on p4d, Graviton inference images, Inferentia/Trainium).
const SPECIAL = [
  "ml.g4ad.xlarge",
  "ml.p4d.24xlarge",
  "ml.c6g.xlarge",
  "ml.c7g.2xlarge",
  "ml.m6g.large",
  "ml.inf2.xlarge",
  "ml.trn1.2xlarge",
];

export const instanceType = fc.oneof(
  { arbitrary: fc.constantFrom(...CPU), weight: 15 },
  { arbitrary: fc.constantFrom(...GPU), weight: 12 },
  { arbitrary: fc.constantFrom(...SPECIAL), weight: 1 },
);
export const cpuInstanceType = fc.constantFrom(...CPU);

const bucketName = fc.constantFrom("my-ml-bucket", "ml-data.prod-01", "team-bucket-7");
const keyPath = fc.array(fc.stringMatching(/^[A-Za-z0-9_.=-]{1,12}$/), {
  minLength: 1,
  maxLength: 3,
});

export const s3Uri = fc
  .tuple(bucketName, keyPath, fc.boolean())
  .map(([bucket, parts, slash]) => `s3://${bucket}/${parts.join("/")}${slash ? "/" : ""}`);
export const s3Archive = fc
  .tuple(bucketName, keyPath)
  .map(([bucket, parts]) => `s3://${bucket}/${parts.join("/")}/sourcedir.tar.gz`);

export const settings = fc
  .record({
    name: fc.oneof(
      fc.constantFrom("fraud-pytorch", "fraud-xgboost", "risk"),
      fc.stringMatching(/^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,20}$/),
    ),
    region: REGIONS,
    roleArn: fc.constantFrom(
      "arn:aws:iam::123456789012:role/SageMakerExecutionRole",
      "arn:aws:iam::210987654321:role/service-role/AmazonSageMaker-ExecutionRole-1",
    ),
    bucket: bucketName,
    prefix: fc.oneof(
      { arbitrary: fc.constant("=name"), weight: 6 },
      { arbitrary: fc.constantFrom("", "teams/risk", "/ml/pipelines/"), weight: 2 },
      { arbitrary: keyPath.map((parts) => parts.join("/")), weight: 1 },
    ),
    cache: maybe(
      fc.record({
        enabled: fc.boolean(),
        expireAfter: fc.constantFrom("P30D", "PT12H", "P1Y", "P7D"),
      }),
      3,
    ),
  })
  .map(({ prefix, ...rest }) => ({ ...rest, s3Prefix: prefix === "=name" ? rest.name : prefix }));

/** Text with any Unicode (no lone surrogates: code files are written as UTF-8). */
const text = fc.string({ unit: "grapheme", maxLength: 40 });

/** Inline code whose entry point is among the files, or an S3 archive. */
export function code(defaultEntry: string, allowS3 = true, nestedEntry = true) {
  const entry = fc.oneof(
    { arbitrary: fc.constant(defaultEntry), weight: 4 },
    {
      arbitrary: nestedEntry
        ? fc.constantFrom("run.py", "src/main.py", "pkg/sub/entry_v2.py", "my-script.py")
        : fc.constantFrom("run.py", "my-script.py"),
      weight: 1,
    },
  );
  const extra = fc.dictionary(
    fc.oneof(
      {
        arbitrary: fc.constantFrom(
          "requirements.txt",
          "utils/helpers.py",
          "config.yaml",
          ".env",
          "README.md",
        ),
        weight: 5,
      },
      { arbitrary: prototypeKey, weight: 1 },
    ),
    text,
    { maxKeys: 3 },
  );
  const inline = fc.tuple(entry, text, extra).map(([entryPoint, body, files]) => ({
    entryPoint,
    code: { files: { ...files, [entryPoint]: body } },
  }));
  const s3 = s3Archive.map((s3Uri) => ({ entryPoint: defaultEntry, code: { s3Uri } }));
  return allowS3
    ? fc.oneof({ arbitrary: inline, weight: 4 }, { arbitrary: s3, weight: 1 })
    : inline;
}

/** Environment maps; `special` keys (ones the SDK also sets) turn up now and then. */
export const env = (special: string[] = []) =>
  fc.dictionary(
    fc.oneof(
      { arbitrary: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), weight: 30 },
      { arbitrary: fc.constantFrom("FOO", "LOG_LEVEL"), weight: 10 },
      { arbitrary: prototypeKey, weight: 3 },
      ...special.map((key) => ({ arbitrary: fc.constant(key), weight: 1 })),
    ),
    text,
    { maxKeys: 4 },
  );

/** (version, py version) pairs the image tables serve for a training framework. */
export function versionPairs(framework: Framework): [string, string][] {
  const versions =
    framework === "xgboost" ? XGBOOST_OFFERED_VERSIONS : frameworkVersions(framework, "training");
  return versions.flatMap((version) =>
    pyVersionsFor(framework, version, "training").map((py): [string, string] => [version, py]),
  );
}

const fieldName = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);

/** The base hyperparameters every training script needs, consistent with each other. */
export const baseHyperparameters = fc
  .uniqueArray(fieldName, { minLength: 3, maxLength: 7 })
  .chain((fields) =>
    fc.record({
      id_name: fc.constant(fields[0] as string),
      label_name: fc.constant(fields[1] as string),
      full_field_list: fc.constant(fields),
      tab_field_list: fc.subarray(fields.slice(2)),
      cat_field_list: fc.subarray(fields.slice(2)),
    }),
  );

/** Numbers whose JSON text and Python repr are interesting: floats, exponents, big integers. */
export const number = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }),
  fc.constantFrom(0.001, 3e-5, 1e-7, 0.1, 2.5, 1e16, 1e21, 123456789012345680000, 2 ** 60),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value a user might put in a hyperparameter. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string({ unit: "binary", maxLength: 12 }),
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(
        { arbitrary: fc.string({ maxLength: 6 }), weight: 4 },
        { arbitrary: prototypeKey, weight: 1 },
      ),
      tie("value"),
      { maxKeys: 3 },
    ),
  ),
})).value;

/** PyTorch hyperparameters: the base, known keys, any extra keys, some bound to parameters. */
export const pytorchHyperparameters = fc
  .tuple(
    baseHyperparameters,
    fc.record(
      {
        lr: orBind(fc.constantFrom(3e-5, 0.001, 0.1), "Float"),
        batch_size: orBind(fc.integer({ min: 1, max: 1024 }), "Integer"),
        max_epochs: orBind(fc.integer({ min: 1, max: 10 }), "Integer"),
        optimizer: orBind(fc.constantFrom("SGD", "Adam", "AdamW"), "String"),
        metric_choices: fc.constant(["f1_score", "auroc"]),
        device: fc.integer({ min: -1, max: 7 }),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(
      fc.oneof(
        { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 }), weight: 4 },
        { arbitrary: prototypeKey, weight: 1 },
      ),
      fc.oneof(
        { arbitrary: jsonValue, weight: 4 },
        {
          arbitrary: fc.oneof(
            orBind(text, "String", 0),
            orBind(fc.integer({ min: 0, max: 100 }), "Integer", 0, true),
            orBind(fc.double({ noNaN: true, noDefaultInfinity: true }), "Float", 0),
            orBind(fc.boolean(), "Boolean", 0, true),
          ),
          weight: 1,
        },
      ),
      { maxKeys: 4 },
    ),
  )
  .map(([base, known, extra]) => ({ ...extra, ...base, ...known }));

/** XGBoost hyperparameters (they travel as a file, so none is bound to a parameter). */
export const xgboostHyperparameters = fc
  .tuple(
    baseHyperparameters,
    fc.record({
      num_round: fc.integer({ min: 1, max: 500 }),
      max_depth: fc.integer({ min: 0, max: 12 }),
    }),
    fc.record(
      {
        eta: fc.constantFrom(0.3, 0.1, 0.05),
        subsample: fc.constantFrom(0.8, 1),
        early_stopping_rounds: fc.integer({ min: 1, max: 20 }),
        tree_method: fc.constantFrom("auto", "hist"),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(
      fc.oneof(
        { arbitrary: fieldName.map((key) => `x_${key}`), weight: 3 },
        { arbitrary: prototypeKey, weight: 1 },
      ),
      jsonValue,
      { maxKeys: 2 },
    ),
  )
  .map(([base, required, known, extra]) => ({ ...extra, ...base, ...required, ...known }));

/** Pipeline tags (they go with the create/update request, not into the definition). */
export const tags = fc.dictionary(
  fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:/=+@-]{0,15}$/), weight: 2 },
    { arbitrary: prototypeKey, weight: 1 },
  ),
  fc.stringMatching(/^[A-Za-z0-9_.:/=+@ -]{0,20}$/),
  { maxKeys: 3 },
);

const metricName = fc.oneof(
  fc.constantFrom("Train Loss", "val:auc", "épreuve"),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const regexPrefix = fc.stringMatching(/^[A-Za-z_ :=/-]{1,16}$/);

/** Metric definitions: default (absent), none, or custom ones with one capture group each. */
export const metricDefinitions = maybe(
  fc.oneof(
    fc.constant([]),
    fc
      .uniqueArray(metricName, { minLength: 1, maxLength: 5 })
      .chain((names) =>
        fc
          .tuple(...names.map(() => regexPrefix))
          .map((prefixes) =>
            names.map((name, i) => ({ name, regex: `${prefixes[i] ?? ""}([0-9\\.]+)` })),
          ),
      ),
  ),
);

// -- the gated steps (docs/gated-steps.md) --------------------------------------------------------

/**
 * An operand before assembly: literals and parameters are final (a parameter is a `Bind`, so the
 * assembler declares it like any bound field); metrics and properties name an evaluation / an
 * upstream step by index, resolved against the design being assembled.
 */
export type OperandRecipe =
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "parameter"; bind: Bind }
  | { kind: "metric"; evaluation: number; metric: number }
  | { kind: "property"; step: number; path: number; numeric: boolean };

/** Values whose JSON and Python spellings agree (JSON has no -0 or NaN). */
const literalNumber = fc.oneof(
  fc.constantFrom(0.7, 0.85, 0.5, 1, 0, -1, 100, 0.001, 3e-5, 1e21, 2 ** 60),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
);
const literalString = fc.oneof(
  fc.constantFrom("Completed", "Failed", "a", "b", "PendingManualApproval", "épreuve", ""),
  fc.string({ unit: "grapheme", maxLength: 12 }),
);

const metricOperand = fc.record({
  kind: fc.constant("metric" as const),
  evaluation: fc.nat({ max: 1000 }),
  metric: fc.nat({ max: 1000 }),
});
const propertyOperand = (numeric: boolean) =>
  fc.record({
    kind: fc.constant("property" as const),
    step: fc.nat({ max: 1000 }),
    path: fc.nat({ max: 1000 }),
    numeric: fc.constant(numeric),
  });
const parameterOperand = (types: ("String" | "Integer" | "Float" | "Boolean")[]) =>
  fc.constantFrom(...types).chain((type) => {
    const fallback: fc.Arbitrary<string | number | boolean> =
      type === "String"
        ? literalString
        : type === "Integer"
          ? fc.integer({ min: -10, max: 1000 })
          : type === "Float"
            ? fc.constantFrom(0.7, 0.5, 0.9, 1, 2.5)
            : fc.boolean();
    return fc.tuple(fallback, fc.boolean()).map(([value, keep]) => ({
      kind: "parameter" as const,
      bind: new Bind(type, keep ? value : undefined),
    }));
  });

/** An operand an ordering comparison takes (numbers, numeric parameters, metrics, numeric properties). */
export const numericOperand: fc.Arbitrary<OperandRecipe> = fc.oneof(
  { arbitrary: literalNumber.map((value) => ({ kind: "literal" as const, value })), weight: 3 },
  { arbitrary: parameterOperand(["Float", "Integer"]), weight: 2 },
  { arbitrary: metricOperand, weight: 4 },
  { arbitrary: propertyOperand(true), weight: 1 },
);

/** Any operand: also strings, booleans, String/Boolean parameters and any property. */
export const anyOperand: fc.Arbitrary<OperandRecipe> = fc.oneof(
  {
    arbitrary: fc
      .oneof(literalNumber, literalString, fc.boolean())
      .map((value) => ({ kind: "literal" as const, value })),
    weight: 3,
  },
  { arbitrary: parameterOperand(["String", "Integer", "Float", "Boolean"]), weight: 2 },
  { arbitrary: metricOperand, weight: 2 },
  { arbitrary: propertyOperand(false), weight: 2 },
);

const ORDERING = ["GreaterThan", "GreaterThanOrEqualTo", "LessThan", "LessThanOrEqualTo"] as const;

export type ConditionRecipe =
  | { type: (typeof ORDERING)[number] | "Equals"; left: OperandRecipe; right: OperandRecipe }
  | { type: "In"; value: OperandRecipe; values: OperandRecipe[] }
  | { type: "Not"; condition: ConditionRecipe }
  | { type: "Or"; conditions: ConditionRecipe[] };

/** Conditions of every kind, Not/Or nesting up to three levels. */
export const conditionRecipe: fc.Arbitrary<ConditionRecipe> = fc.letrec<{
  condition: ConditionRecipe;
}>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 3, depthSize: "small", depthIdentifier: "condition" },
    {
      arbitrary: fc.record({
        type: fc.constantFrom(...ORDERING),
        left: numericOperand,
        right: numericOperand,
      }),
      weight: 5,
    },
    {
      arbitrary: fc.record({
        type: fc.constant("Equals" as const),
        left: anyOperand,
        right: anyOperand,
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        type: fc.constant("In" as const),
        value: anyOperand,
        values: fc.array(anyOperand, { minLength: 1, maxLength: 3 }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({ type: fc.constant("Not" as const), condition: tie("condition") }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant("Or" as const),
        conditions: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }),
      }),
      weight: 1,
    },
  ),
})).condition;

/** A fail message: none, one plain string, or literal text and operands joined. */
export const messageRecipe: fc.Arbitrary<(string | OperandRecipe)[]> = fc.oneof(
  { arbitrary: fc.constant<(string | OperandRecipe)[]>([]), weight: 1 },
  { arbitrary: text.map((line) => [line]), weight: 3 },
  {
    arbitrary: fc.array(
      fc.oneof({ arbitrary: text, weight: 2 }, { arbitrary: anyOperand, weight: 2 }),
      { minLength: 1, maxLength: 5 },
    ),
    weight: 5,
  },
);

/**
 * `StepRetryPolicy` / `SageMakerJobStepRetryPolicy` designs: max attempts or expire after, step
 * and job policies weighted (a step that starts no job takes no job policy).
 */
export const retryPolicies = (stepWeight = 1, jobWeight = 1) =>
  fc.array(
    fc
      .tuple(
        fc.oneof(
          {
            arbitrary: fc.record({
              kind: fc.constant("step" as const),
              exceptionTypes: fc.uniqueArray(fc.constantFrom(...STEP_EXCEPTION_TYPES), {
                minLength: 1,
              }),
            }),
            weight: stepWeight,
          },
          {
            arbitrary: fc.record({
              kind: fc.constant("job" as const),
              exceptionTypes: fc.uniqueArray(fc.constantFrom(...JOB_EXCEPTION_TYPES), {
                minLength: 1,
              }),
            }),
            weight: jobWeight,
          },
        ),
        fc.record(
          {
            intervalSeconds: fc.integer({ min: 0, max: 300 }),
            backoffRate: fc.constantFrom(0, 1, 1.5, 2, 3),
          },
          { requiredKeys: [] },
        ),
        fc.oneof(
          fc.record({ maxAttempts: fc.integer({ min: 1, max: 20 }) }),
          fc.record({ expireAfterMinutes: fc.integer({ min: 1, max: 14400 }) }),
        ),
      )
      .map(([kind, timing, limit]) => ({ ...kind, ...timing, ...limit })),
    { minLength: 1, maxLength: 3 },
  );

/** Evaluation report metrics: names conditions refer to, JSON paths into evaluation.json. */
export const reportMetrics = fc.uniqueArray(
  fc.record({
    name: fc.oneof(
      fc.constantFrom("auc", "f1", "accuracy", "mse", "roc-auc_2"),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
    ),
    jsonPath: fc.oneof(
      fc.constantFrom(
        "metrics.auc.value",
        "metrics.f1.value",
        "classification_metrics.accuracy.value",
        "regression_metrics.mse.value",
        "metrics.auc.values[0]",
        "auc",
      ),
      fc
        .array(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/), { minLength: 1, maxLength: 4 })
        .map((parts) => parts.join(".")),
    ),
  }),
  { minLength: 1, maxLength: 4, selector: (metric) => metric.name },
);

/** Model package group names (1–63 letters, digits, single hyphens inside). */
export const packageGroupName = fc.oneof(
  fc.constantFrom("fraud-models", "risk", "FraudXGB2"),
  fc.stringMatching(/^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,20}$/),
);

export const mimeTypes = fc.uniqueArray(
  fc.constantFrom("text/csv", "application/json", "application/x-npy", "text/libsvm"),
  { minLength: 1, maxLength: 3 },
);
