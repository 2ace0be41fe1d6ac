// Compiled definitions against the official SageMaker pipeline definition schema
// (src/compiler/schema/pipeline-definition.schema.json, vendored untouched) plus overlay.ts: every
// example and fixture is valid, each overlay entry is needed by an SDK-rendered definition (and
// by our own output where the compiler emits it), and what the schema must still refuse is
// refused with a located message.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaDiagnostics } from "../../src/compiler/schema";
import * as compilerApi from "../../src/compiler";
import { compile, type PipelineDefinition } from "../../src/compiler";
import {
  applyOverlay,
  createDefinitionValidator,
  OVERLAY,
  pipelineDefinitionSchema,
  validateDefinitionSchema,
  type SchemaNode,
} from "../../src/compiler/schema";
import upstream from "../../src/compiler/schema/pipeline-definition.schema.json";
import { loadDesignText, type Design } from "../../src/model";

const root = join(import.meta.dirname, "..", "..");
const fixtures = join(root, "tests", "fixtures");
const sdkDir = join(fixtures, "sdk");
const designFiles = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith(".pipeline.json"))
    .map((file) => join(dir, file));

function loadDesignFile(file: string): Design {
  const loaded = loadDesignText(readFileSync(file, "utf8"));
  if (loaded.kind !== "ok") throw new Error(`${file} does not load`);
  return loaded.design;
}

function compiled(file: string): PipelineDefinition {
  const result = compile(loadDesignFile(file));
  if (!result.ok) throw new Error(`${file} does not compile: ${JSON.stringify(result.errors)}`);
  return result.definition;
}

/** `example:x`, `fixture:x`, `design:x` (a design in tests/fixtures/sdk, compiled by us) or `sdk:x.json`. */
function definitionOf(name: string): unknown {
  const [kind, stem] = name.split(":") as [string, string];
  switch (kind) {
    case "example":
      return compiled(join(root, "examples", `${stem}.pipeline.json`));
    case "fixture":
      return compiled(join(fixtures, `${stem}.pipeline.json`));
    case "design":
      return compiled(join(sdkDir, `${stem}.pipeline.json`));
    case "sdk":
      return JSON.parse(readFileSync(join(sdkDir, stem), "utf8"));
  }
  throw new Error(`unknown case ${name}`);
}

// `*.objects.json` describe what the SDK uploaded for a rendering (tests/unit/gatedSdk.test.ts).
const sdkRenderings = readdirSync(sdkDir).filter(
  (file) =>
    file.endsWith(".json") && !file.endsWith(".pipeline.json") && !file.endsWith(".objects.json"),
);
const ourDesigns = [
  ...designFiles(join(root, "examples")),
  ...designFiles(fixtures),
  ...designFiles(sdkDir),
];

describe("the vendored schema", () => {
  it("is the upstream file, untouched", () => {
    const bytes = readFileSync(
      join(root, "src", "compiler", "schema", "pipeline-definition.schema.json"),
    );
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(
      "35633f4376dda695d1847bd16d72d3b3d9201f0106e75107eafbeef11ef5ce30",
    );
  });

  it("is overlaid on a deep copy, pinned to draft-07", () => {
    const before = JSON.stringify(upstream);
    const schema = pipelineDefinitionSchema();
    expect(JSON.stringify(upstream)).toBe(before);
    expect((upstream as SchemaNode).$schema).toBe("http://json-schema.org/schema#");
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it("has no unknown keyword except one upstream mistake outside our step types", () => {
    // RegisterModelStep nests "ModelPackageName" next to `properties` instead of inside it; the
    // overlay's join repair removes the other mistake (`Values` directly inside `Std:Join`).
    const overlaid = createDefinitionValidator(pipelineDefinitionSchema());
    expect(new Set(overlaid.schemaWarnings)).toEqual(
      new Set([
        'unknown keyword "ModelPackageName" at #/definitions/RegisterModelStep/properties/Arguments',
      ]),
    );
    // Upstream's JoinFunction is referenced by nothing, so only the overlay's references reach it.
    const unrepaired = createDefinitionValidator(
      applyOverlay(
        upstream as SchemaNode,
        OVERLAY.filter((entry) => entry.id !== "join-function-shape"),
      ),
    );
    expect(new Set(unrepaired.schemaWarnings)).toEqual(
      new Set([
        'unknown keyword "ModelPackageName" at #/definitions/RegisterModelStep/properties/Arguments',
        'unknown keyword "Values" at #/definitions/JoinFunction/properties/Std:Join',
      ]),
    );
  });
});

describe("every definition we compile is schema-valid", () => {
  it("has examples, fixtures and SDK designs", () =>
    expect(ourDesigns.length).toBeGreaterThanOrEqual(7));

  for (const file of ourDesigns) {
    it(relative(root, file), () => {
      expect(validateDefinitionSchema(compiled(file))).toEqual({ valid: true });
    });
  }
});

describe("every SDK rendering in tests/fixtures/sdk is schema-valid", () => {
  it("has renderings", () => expect(sdkRenderings.length).toBeGreaterThanOrEqual(7));

  for (const file of sdkRenderings) {
    it(file, () =>
      expect(validateDefinitionSchema(definitionOf(`sdk:${file}`))).toEqual({ valid: true }),
    );
  }
});

/**
 * Each overlay entry: the definitions that are invalid without it (at least one SDK rendering;
 * our own compiled output wherever the compiler emits that shape) and where the error lands.
 */
const NEEDED_BY: Record<string, { cases: string[]; at: RegExp }> = {
  "pipeline-experiment-config": {
    cases: ["sdk:pytorch.json", "sdk:no_experiments_region.json", "example:pytorch-tabular"],
    at: /^PipelineExperimentConfig$/,
  },
  "string-parameter-enum-values": {
    cases: ["sdk:pytorch_params.json", "fixture:options-eu-central-2"],
    at: /^Parameters\[\d+\]\(\w+\)\.EnumValues$/,
  },
  "processing-input-app-managed": {
    cases: ["sdk:pytorch.json", "example:xgboost-tabular"],
    at: /\.ProcessingInputs\[\d+\]\.AppManaged$/,
  },
  "processing-output-app-managed": {
    cases: ["sdk:pytorch.json", "example:xgboost-tabular"],
    at: /\.ProcessingOutputConfig\.Outputs\[\d+\]\.AppManaged$/,
  },
  "join-function-shape": {
    cases: ["sdk:pytorch.json", "sdk:xgboost.json", "example:pytorch-tabular"],
    at: /\["Std:Join"\]\.(On|Values)$/,
  },
  "std-join-processing-output-s3-uri": {
    cases: ["sdk:pytorch.json", "example:pytorch-tabular"],
    at: /\.Outputs\[\d+\]\.S3Output\.S3Uri$/,
  },
  "std-join-hyperparameters": {
    cases: ["sdk:hp_param_types.json", "sdk:pytorch.json", "fixture:pytorch-reference"],
    at: /\.Arguments\.HyperParameters\.(epochs|learning_rate|use_foo|joined|model_archive)$/,
  },
  "std-join-channel-s3-uri": {
    cases: ["sdk:xgboost.json", "example:xgboost-tabular"],
    at: /\.InputDataConfig\[\d+\]\.DataSource\.S3DataSource\.S3Uri$/,
  },
  "std-join-checkpoint-s3-uri": {
    cases: ["sdk:checkpoint_join.json", "design:checkpoint_join"],
    at: /\.Arguments\.CheckpointConfig\.S3Uri$/,
  },
  "training-environment": {
    cases: ["sdk:pytorch.json", "fixture:pytorch-reference"],
    at: /^Steps\[\d+\]\(\w+\)\.Arguments\.Environment$/,
  },
  "training-profiler-config": {
    cases: ["sdk:pytorch.json", "sdk:xgboost.json", "example:pytorch-tabular"],
    at: /^Steps\[\d+\]\([\w-]+\)\.Arguments\.ProfilerConfig$/,
  },
  "model-data-url-get": {
    cases: ["sdk:pytorch.json", "sdk:xgboost.json", "example:xgboost-tabular"],
    at: /\.Arguments\.PrimaryContainer\.ModelDataUrl$/,
  },
  "retry-policy-exception-type-array": {
    cases: ["sdk:retry_policies.json", "fixture:gated-xgboost"],
    at: /^Steps\[\d+\]\([\w-]+\)\.RetryPolicies\[\d+\]\.ExceptionType$/,
  },
  "processing-property-files": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:gated_pytorch.json",
      "fixture:gated-xgboost",
      "fixture:gated-pytorch",
    ],
    at: /^Steps\[\d+\]\([\w-]+\)\.PropertyFiles$/,
  },
  "condition-json-get-left": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:gated_pytorch.json",
      "fixture:gated-xgboost",
      "fixture:gated-pytorch",
    ],
    at: /\.Conditions\[\d+\](\.Conditions\[\d+\])?(\.Condition)?\.LeftValue$/,
  },
  "condition-json-get-right": {
    cases: ["sdk:gated_pytorch.json", "fixture:gated-pytorch"],
    at: /\.Conditions\[\d+\]\.Conditions\[\d+\]\.RightValue$/,
  },
  "condition-in-query-value": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:nested_conditions.json",
      "fixture:gated-xgboost",
      "design:nested_conditions",
    ],
    at: /\.Arguments\.Conditions\[\d+\](\.Conditions\[\d+\])?$/,
  },
  "condition-not": {
    // In nested_conditions the Not is in a nested condition step, so its branch step fails to match.
    cases: [
      "sdk:gated_pytorch.json",
      "sdk:nested_conditions.json",
      "fixture:gated-pytorch",
      "design:nested_conditions",
    ],
    at: /(\.Arguments\.Conditions\[\d+\]|\.IfSteps\[\d+\]\.Type)$/,
  },
  "condition-or-nesting": {
    // In nested_conditions the Or in an Or is in a nested condition step: its branch step fails.
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:nested_conditions.json",
      "fixture:gated-xgboost",
      "design:nested_conditions",
    ],
    at: /(\.Conditions\[\d+\]\.Conditions\[\d+\]|\.ElseSteps\[\d+\]\.Type)$/,
  },
  "condition-if-steps-model-and-condition": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:nested_conditions.json",
      "fixture:gated-xgboost",
      "design:nested_conditions",
    ],
    at: /\.Arguments\.IfSteps\[\d+\]\.Type$/,
  },
  "condition-else-steps-model-and-condition": {
    cases: [
      "sdk:gated_pytorch.json",
      "sdk:nested_conditions.json",
      "fixture:gated-pytorch",
      "design:nested_conditions",
    ],
    at: /\.Arguments\.ElseSteps\[\d+\]\.Type$/,
  },
  "fail-error-message-join": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:nested_conditions.json",
      "fixture:gated-xgboost",
      "design:nested_conditions",
    ],
    at: /(\.Arguments\.ErrorMessage|Steps\[\d+\]\.Type)$/,
  },
  // The register step sits in a branch, whose items are a oneOf of step kinds: the error lands on
  // the branch step rather than inside it.
  "register-model-arguments": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:gated_pytorch.json",
      "fixture:gated-xgboost",
      "fixture:gated-pytorch",
    ],
    at: /\.(IfSteps|ElseSteps)\[\d+\]\.Type$/,
  },
  "register-model-container": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:gated_pytorch.json",
      "fixture:gated-xgboost",
      "fixture:gated-pytorch",
    ],
    at: /\.(IfSteps|ElseSteps)\[\d+\]\.Type$/,
  },
  "std-join-model-metrics-s3-uri": {
    cases: [
      "sdk:gated_xgboost.json",
      "sdk:gated_pytorch.json",
      "fixture:gated-xgboost",
      "fixture:gated-pytorch",
    ],
    at: /\.Arguments\.ModelMetrics\.ModelQuality\.Statistics\.S3Uri$/,
  },
  "std-join-transform-input-s3-uri": {
    cases: ["sdk:gated_xgboost.json", "fixture:gated-xgboost"],
    at: /\.Arguments\.TransformInput\.DataSource\.S3DataSource\.S3Uri$/,
  },
};

const withoutEntry = new Map<string, ReturnType<typeof createDefinitionValidator>>();
function validatorWithout(id: string) {
  let validate = withoutEntry.get(id);
  if (!validate) {
    validate = createDefinitionValidator(
      applyOverlay(
        upstream as SchemaNode,
        OVERLAY.filter((entry) => entry.id !== id),
      ),
    );
    withoutEntry.set(id, validate);
  }
  return validate;
}

describe("each overlay entry is needed", () => {
  it("the table covers exactly the overlay's entries", () => {
    expect(Object.keys(NEEDED_BY).sort()).toEqual(OVERLAY.map((entry) => entry.id).sort());
  });

  it("each entry cites an SDK rendering that exists", () => {
    for (const { cases } of Object.values(NEEDED_BY)) {
      const sdk = cases.filter((name) => name.startsWith("sdk:"));
      expect(sdk.length).toBeGreaterThan(0);
      for (const name of sdk) expect(sdkRenderings).toContain(name.slice(4));
    }
  });

  for (const entry of OVERLAY) {
    const needed = NEEDED_BY[entry.id];
    if (!needed) continue;
    for (const name of needed.cases) {
      it(`without ${entry.id}, ${name} is invalid`, () => {
        const validate = validatorWithout(entry.id);
        const definition = definitionOf(name);
        expect(validateDefinitionSchema(definition)).toEqual({ valid: true });
        const result = validate(definition);
        expect(result.valid).toBe(false);
        if (result.valid) return;
        expect(result.errors.map((error) => error.path)).toContainEqual(
          expect.stringMatching(needed.at),
        );
      });
    }
  }
});

describe("the schema still refuses", () => {
  const valid = () =>
    structuredClone(definitionOf("example:pytorch-tabular")) as PipelineDefinition;
  const step = (definition: PipelineDefinition, name: string) =>
    definition.Steps.find((candidate) => candidate.Name === name) as unknown as Record<
      string,
      Record<string, unknown>
    >;
  const errorsOf = (definition: unknown) => {
    const result = validateDefinitionSchema(definition);
    expect(result.valid).toBe(false);
    return result.valid ? [] : result.errors;
  };

  it("a step name outside the pattern", () => {
    const definition = valid();
    definition.Steps[2]!.Name = "PyTorch Training!";
    expect(errorsOf(definition)).toEqual([
      {
        path: "Steps[2](PyTorch Training!).Name",
        message: 'must match pattern "^[A-Za-z0-9\\-_]{1,64}$"',
      },
    ]);
  });

  it("a step name longer than 64 characters", () => {
    const definition = valid();
    definition.Steps[0]!.Name = "a".repeat(65);
    expect(errorsOf(definition)).toEqual([
      expect.objectContaining({ path: `Steps[0](${"a".repeat(65)}).Name` }),
    ]);
  });

  it("an unknown step type, naming the known ones", () => {
    const definition = valid();
    (definition.Steps[2] as { Type: string }).Type = "Trainer";
    const [error, ...rest] = errorsOf(definition);
    expect(rest).toEqual([]);
    expect(error?.path).toBe("Steps[2](PyTorchTraining).Type");
    expect(error?.message).toMatch(/^unknown step type "Trainer"; the schema knows .*"Training"/);
  });

  it("a missing required Arguments field, and missing Arguments", () => {
    const definition = valid();
    delete step(definition, "PyTorchModel-CreateModel").Arguments!.ExecutionRoleArn;
    delete (step(definition, "DataLoad-Training") as Record<string, unknown>).Arguments;
    expect(errorsOf(definition)).toEqual([
      { path: "Steps[0](DataLoad-Training).Arguments", message: "is required" },
      {
        path: "Steps[4](PyTorchModel-CreateModel).Arguments.ExecutionRoleArn",
        message: "is required",
      },
    ]);
  });

  it("properties the overlay does not admit, even next to ones it does", () => {
    const definition = valid();
    const training = step(definition, "PyTorchTraining").Arguments!;
    (training.ProfilerConfig as Record<string, unknown>).ProfilingParameters = {};
    training.RetryStrategy = { MaximumRetryAttempts: 2 };
    expect(errorsOf(definition)).toEqual([
      {
        path: "Steps[2](PyTorchTraining).Arguments.RetryStrategy",
        message: "is not allowed here by the schema",
      },
      {
        path: "Steps[2](PyTorchTraining).Arguments.ProfilerConfig.ProfilingParameters",
        message: "is not allowed here by the schema",
      },
    ]);
  });

  it("a Std:Join where the overlay does not admit one, as one readable message", () => {
    const definition = valid();
    step(definition, "PyTorchTraining").Arguments!.RoleArn = {
      "Std:Join": { On: "", Values: ["arn:aws:iam::123456789012:role/", "R"] },
    };
    expect(errorsOf(definition)).toEqual([
      {
        path: "Steps[2](PyTorchTraining).Arguments.RoleArn",
        message: 'must be string or {"Get": …}; found an object with "Std:Join"',
      },
    ]);
  });

  it("a wrong value inside an expression, at the value", () => {
    const definition = valid();
    const args = step(definition, "PyTorchTraining").Arguments!;
    (args.ResourceConfig as Record<string, unknown>).InstanceCount = "1";
    (args.ResourceConfig as Record<string, unknown>).InstanceType = { Get: 5 };
    const output = (
      step(definition, "DataLoad-Training").Arguments!.ProcessingOutputConfig as {
        Outputs: { S3Output: { S3Uri: { "Std:Join": { Values: unknown[] } } } }[];
      }
    ).Outputs[0]!;
    output.S3Output.S3Uri["Std:Join"].Values[1] = 7;
    expect(errorsOf(definition)).toEqual([
      {
        path: 'Steps[0](DataLoad-Training).Arguments.ProcessingOutputConfig.Outputs[0].S3Output.S3Uri["Std:Join"].Values[1]',
        message: 'must be string or {"Get": …}; found 7',
      },
      {
        path: "Steps[2](PyTorchTraining).Arguments.ResourceConfig.InstanceCount",
        message: 'must be integer or {"Get": …}; found "1"',
      },
      {
        path: "Steps[2](PyTorchTraining).Arguments.ResourceConfig.InstanceType.Get",
        message: "must be string, found integer",
      },
    ]);
  });

  it("parameters: a wrong default, an unknown type, a default over 4096 characters", () => {
    const definition = valid();
    definition.Parameters = [
      { Name: "Epochs", Type: "Integer", DefaultValue: "ten" },
      { Name: "Mode", Type: "Text" },
      { Name: "Note", Type: "String", DefaultValue: "x".repeat(4097) },
    ];
    expect(errorsOf(definition)).toEqual([
      { path: "Parameters[0](Epochs).DefaultValue", message: "must be integer, found string" },
      {
        path: "Parameters[1](Mode).Type",
        message:
          'unknown parameter type "Text"; the schema knows "String", "Integer", "Float", "Boolean"',
      },
      {
        path: "Parameters[2](Note).DefaultValue",
        message: "must NOT have more than 4096 characters",
      },
    ]);
  });

  it("top-level keys it does not know, and a document that is not an object", () => {
    expect(errorsOf({ ...valid(), Foo: 1 })).toEqual([
      { path: "Foo", message: "is not allowed here by the schema" },
    ]);
    expect(errorsOf({ Version: "2020-12-01" })).toEqual([
      { path: "Steps", message: "is required" },
    ]);
    expect(errorsOf([])).toEqual([{ path: "definition", message: "must be object, found array" }]);
  });
});

describe("the CLI's PD401 diagnostics", () => {
  const design = loadDesignFile(join(root, "examples", "pytorch-tabular.pipeline.json"));

  const valid = () =>
    structuredClone(definitionOf("example:pytorch-tabular")) as PipelineDefinition;

  it("point at the design step a definition step came from", () => {
    const definition = valid();
    const create = definition.Steps.find(
      (candidate) => candidate.Name === "PyTorchModel-CreateModel",
    )!;
    delete create.Arguments.ExecutionRoleArn;
    const modelId = design.steps.find((candidate) => candidate.name === "PyTorchModel")!.id;
    expect(schemaDiagnostics(design, definition)).toEqual([
      {
        code: "PD401",
        severity: "error",
        stepId: modelId,
        message:
          "the compiled definition breaks the SageMaker pipeline definition schema at Steps[4](PyTorchModel-CreateModel).Arguments.ExecutionRoleArn: is required",
      },
    ]);
  });

  it("point at the design's parameter for a parameter, and are empty for a valid definition", () => {
    const definition = valid();
    expect(schemaDiagnostics(design, definition)).toEqual([]);
    definition.Parameters[0]!.DefaultValue = "x".repeat(4097);
    expect(schemaDiagnostics(design, definition)).toEqual([
      expect.objectContaining({ code: "PD401", path: "pipeline.parameters[0]" }),
    ]);
  });
});

describe("the browser bundle does not carry the schema check", () => {
  it("src/compiler/index.ts does not export it", () => {
    expect(Object.keys(compilerApi)).not.toContain("validateDefinitionSchema");
  });

  it("outside src/cli and src/compiler/schema it (and its validator) is only loaded lazily, with import()", () => {
    const src = join(root, "src");
    const schemaDir = join(src, "compiler", "schema");
    const offenders = (readdirSync(src, { recursive: true }) as string[])
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .filter((file) => !file.startsWith(`cli${sep}`) && !join(src, file).startsWith(schemaDir))
      .flatMap((file) =>
        [...readFileSync(join(src, file), "utf8").matchAll(/from\s*["']([^"']+)["']/g)]
          .map((match) => match[1] as string)
          .filter(
            (specifier) =>
              specifier === "@cfworker/json-schema" ||
              (specifier.startsWith(".") &&
                resolve(dirname(join(src, file)), specifier).startsWith(schemaDir)),
          )
          .map((specifier) => `${file}: ${specifier}`),
      );
    expect(offenders).toEqual([]);
  });
});
