import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Step } from "../model";
import {
  defaultStepName,
  fieldRegistry,
  LABEL_STYLE_METRICS,
  LOGGER_STYLE_METRICS,
  retrieveImageUri,
  STEP_TYPES,
  stepType,
  validateStepConfig,
  type ImageRequest,
  type StepTypeDefinition,
  type StepTypeName,
} from "./index";

function definitionOf(type: StepTypeName): StepTypeDefinition<Record<string, unknown>> {
  const definition = stepType(type);
  if (!definition) throw new Error(`no step type ${type}`);
  return definition;
}

function shapeOf(definition: StepTypeDefinition<Record<string, unknown>>) {
  return (definition.configSchema as unknown as z.ZodObject).shape;
}

function stepOf(type: StepTypeName, config: Record<string, unknown>): Step {
  return { id: "s1", type, name: "S1", position: { x: 0, y: 0 }, config };
}

/** A config each type accepts without any diagnostic; the tests below break one thing at a time. */
const PYTORCH_HYPERPARAMETERS = {
  id_name: "customer_id",
  label_name: "target",
  full_field_list: ["customer_id", "target", "feature1", "feature2", "feature3"],
  tab_field_list: ["feature1", "feature2"],
  cat_field_list: ["feature3"],
  learning_rate: 0.001,
  batch_size: 64,
  epochs: 10,
};
const XGBOOST_HYPERPARAMETERS = {
  ...PYTORCH_HYPERPARAMETERS,
  num_round: 100,
  max_depth: 6,
};
const VALID_CONFIGS: Record<StepTypeName, Record<string, unknown>> = {
  DataLoad: { code: { files: { "data_loading.py": "print('load')\n" } } },
  TabularPreprocessing: {
    labelName: "target",
    code: { files: { "tabular_preprocessing.py": "print('prep')\n" } },
  },
  PyTorchTraining: {
    code: { files: { "train.py": "import torch\n" } },
    hyperparameters: PYTORCH_HYPERPARAMETERS,
  },
  XGBoostTraining: {
    code: { files: { "xgboost_training.py": "import xgboost\n" } },
    hyperparameters: XGBOOST_HYPERPARAMETERS,
  },
  XGBoostEvaluation: { code: { files: { "model_evaluation.py": "print('eval')\n" } } },
  PyTorchEvaluation: { code: { files: { "model_evaluation.py": "print('eval')\n" } } },
  Condition: {},
  Fail: {},
  PyTorchModel: {},
  XGBoostModel: {},
  PyTorchRegisterModel: { modelPackageGroupName: "fraud-models" },
  XGBoostRegisterModel: { modelPackageGroupName: "fraud-models" },
  BatchTransform: {},
};

function validate(type: StepTypeName, overrides: Record<string, unknown> = {}) {
  return validateStepConfig(
    definitionOf(type),
    stepOf(type, { ...VALID_CONFIGS[type], ...overrides }),
  );
}

function diagnosticsOf(type: StepTypeName, overrides: Record<string, unknown> = {}) {
  return validate(type, overrides).diagnostics.map(({ code, path }) => ({ code, path }));
}

function defaultsOf(type: StepTypeName): Record<string, unknown> {
  const result = validate(type);
  if (!result.config) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}

describe("STEP_TYPES", () => {
  it("has the thirteen types, in palette order, with the display names of DESIGN.md §6", () => {
    expect(STEP_TYPES.map((definition) => [definition.type, definition.displayName])).toEqual([
      ["DataLoad", "Data Load"],
      ["TabularPreprocessing", "Tabular Preprocessing"],
      ["PyTorchTraining", "PyTorch Training"],
      ["XGBoostTraining", "XGBoost Training"],
      ["XGBoostEvaluation", "XGBoost Evaluation"],
      ["PyTorchEvaluation", "PyTorch Evaluation"],
      ["Condition", "Condition"],
      ["Fail", "Fail"],
      ["PyTorchModel", "PyTorch Model"],
      ["XGBoostModel", "XGBoost Model"],
      ["PyTorchRegisterModel", "PyTorch Register Model"],
      ["XGBoostRegisterModel", "XGBoost Register Model"],
      ["BatchTransform", "Batch Transform"],
    ]);
  });

  it("finds types by name and nothing else", () => {
    expect(stepType("XGBoostModel")?.displayName).toBe("XGBoost Model");
    expect(stepType("Unknown")).toBeUndefined();
  });

  it.each(STEP_TYPES.map((definition) => [definition.type, definition] as const))(
    "%s accepts its valid config without diagnostics",
    (_type, definition) => {
      const result = validate(definition.type);
      expect(result.diagnostics).toEqual([]);
      expect(result.config).not.toBeNull();
    },
  );
});

describe("defaults (CATALOG.md)", () => {
  it("DataLoad", () => {
    expect(defaultsOf("DataLoad")).toMatchObject({
      jobType: "training",
      entryPoint: "data_loading.py",
      instanceType: "ml.m5.2xlarge",
      instanceCount: 1,
      volumeSizeGb: 500,
      frameworkVersion: "1.2-1",
      outputFormat: "CSV",
      env: {},
    });
  });

  it("TabularPreprocessing", () => {
    expect(defaultsOf("TabularPreprocessing")).toMatchObject({
      jobType: "training",
      entryPoint: "tabular_preprocessing.py",
      trainRatio: 0.7,
      testValRatio: 0.5,
      outputFormat: "CSV",
      instanceType: "ml.m5.2xlarge",
      instanceCount: 1,
      volumeSizeGb: 500,
      frameworkVersion: "1.2-1",
    });
  });

  it("PyTorchTraining", () => {
    const config = defaultsOf("PyTorchTraining");
    expect(config).toMatchObject({
      entryPoint: "train.py",
      frameworkVersion: "2.1.0",
      pyVersion: "py310",
      instanceType: "ml.g5.12xlarge",
      instanceCount: 1,
      volumeSizeGb: 30,
      maxRuntimeSeconds: 345600,
      checkpoint: { enabled: true, localPath: "/opt/ml/checkpoints" },
      profiler: { systemMonitorIntervalMillis: 1000 },
      env: {},
    });
    expect(config.outputPath).toBeUndefined();
    expect(config.metricDefinitions).toEqual(LOGGER_STYLE_METRICS);
  });

  it("XGBoostTraining", () => {
    const config = defaultsOf("XGBoostTraining");
    expect(config).toMatchObject({
      entryPoint: "xgboost_training.py",
      frameworkVersion: "1.7-1",
      pyVersion: "py3",
      instanceType: "ml.m5.4xlarge",
      instanceCount: 1,
      volumeSizeGb: 30,
      maxRuntimeSeconds: 86400,
    });
    expect(config.metricDefinitions).toEqual(LABEL_STYLE_METRICS);
  });

  it.each(["PyTorchModel", "XGBoostModel"] as const)("%s", (type) => {
    expect(defaultsOf(type)).toMatchObject({
      entryPoint: "inference.py",
      instanceType: "ml.m5.large",
    });
  });

  it.each([
    ["XGBoostEvaluation", "1.7-1", "py3"],
    ["PyTorchEvaluation", "2.1.0", "py310"],
  ] as const)("%s (docs/gated-steps.md)", (type, frameworkVersion, pyVersion) => {
    expect(defaultsOf(type)).toEqual({
      entryPoint: "model_evaluation.py",
      code: VALID_CONFIGS[type].code,
      frameworkVersion,
      pyVersion,
      instanceType: "ml.m5.xlarge",
      instanceCount: 1,
      volumeSizeGb: 30,
      propertyFileName: "EvaluationReport",
      reportFile: "evaluation.json",
      metrics: [{ name: "auc", jsonPath: "metrics.auc.value" }],
      env: {},
      dependsOn: [],
      retryPolicies: [],
    });
  });

  it("Condition and Fail start empty", () => {
    expect(defaultsOf("Condition")).toEqual({ conditions: [] });
    expect(defaultsOf("Fail")).toEqual({ errorMessage: [] });
  });

  it.each(["PyTorchRegisterModel", "XGBoostRegisterModel"] as const)("%s", (type) => {
    const config = defaultsOf(type);
    expect(config).toMatchObject({
      entryPoint: "inference.py",
      approvalStatus: "PendingManualApproval",
      contentTypes: ["text/csv"],
      responseTypes: ["text/csv"],
      inferenceInstanceTypes: ["ml.m5.large"],
      transformInstanceTypes: ["ml.m5.large"],
      customerMetadata: {},
      retryPolicies: [],
    });
    // Versions default to the upstream training step's, at compile time.
    expect(config.frameworkVersion).toBeUndefined();
    expect(config.code).toBeUndefined();
  });

  it("BatchTransform", () => {
    const config = defaultsOf("BatchTransform");
    expect(config).toMatchObject({
      inputFolder: "test/",
      contentType: "text/csv",
      splitType: "Line",
      instanceType: "ml.m5.large",
      instanceCount: 1,
      retryPolicies: [],
    });
    expect(config.outputPath).toBeUndefined();
  });

  it("the metric presets are logger style and label style, one numeric group each", () => {
    expect(LOGGER_STYLE_METRICS).toEqual([
      { name: "Train Loss", regex: "train_loss=([0-9\\.]+)" },
      { name: "Validation Loss", regex: "val_loss=([0-9\\.]+)" },
      { name: "Validation F1 Score", regex: "val/f1_score=([0-9\\.]+)" },
      { name: "Validation AUC ROC", regex: "val/auroc=([0-9\\.]+)" },
    ]);
    expect(LABEL_STYLE_METRICS).toEqual([
      { name: "Train Loss", regex: "Train Loss: ([0-9\\.]+)" },
      { name: "Validation Loss", regex: "Validation Loss: ([0-9\\.]+)" },
      { name: "Validation F1 Score", regex: "Validation F1 Score: ([0-9\\.]+)" },
      { name: "Validation AUC ROC", regex: "Validation AUC ROC: ([0-9\\.]+)" },
    ]);
    expect(new RegExp(LOGGER_STYLE_METRICS[2]?.regex ?? "").exec("val/f1_score=0.875")?.[1]).toBe(
      "0.875",
    );
    expect(new RegExp(LABEL_STYLE_METRICS[0]?.regex ?? "").exec("Train Loss: 0.12")?.[1]).toBe(
      "0.12",
    );
  });
});

describe("specs and contracts", () => {
  const ALLOWED_ROOTS = [
    "/opt/ml/processing/",
    "/opt/ml/input/data",
    "/opt/ml/model",
    "/opt/ml/output/data",
    "/opt/ml/checkpoints",
  ];
  const underAllowedRoot = (path: string) =>
    ALLOWED_ROOTS.some((root) =>
      root.endsWith("/") ? path.startsWith(root) : path === root || path.startsWith(`${root}/`),
    );
  /** Contract entries driven by config rather than by a link. */
  const CONFIG_DRIVEN: Partial<Record<StepTypeName, string[]>> = {
    DataLoad: ["INPUT_DATA"],
    XGBoostTraining: ["hyperparameters_s3_uri"],
  };

  it.each(STEP_TYPES.map((definition) => [definition.type, definition] as const))(
    "%s: every output has a property path",
    (_type, definition) => {
      for (const output of definition.outputs) expect(output.propertyPath).toMatch(/^[A-Z]\S+$/);
    },
  );

  it("processing outputs expose ProcessingOutputConfig.Outputs['<name>'].S3Output.S3Uri", () => {
    for (const type of [
      "DataLoad",
      "TabularPreprocessing",
      "XGBoostEvaluation",
      "PyTorchEvaluation",
    ] as const) {
      for (const output of definitionOf(type).outputs)
        expect(output.propertyPath).toBe(
          `ProcessingOutputConfig.Outputs['${output.logicalName}'].S3Output.S3Uri`,
        );
    }
  });

  it.each(STEP_TYPES.map((definition) => [definition.type, definition] as const))(
    "%s: contract input paths name dependencies, output paths name outputs",
    (type, definition) => {
      const exempt = CONFIG_DRIVEN[type] ?? [];
      const dependencies = definition.dependencies.map((dependency) => dependency.logicalName);
      const outputs = definition.outputs.map((output) => output.logicalName);
      for (const name of Object.keys(definition.contract.inputPaths))
        if (!exempt.includes(name)) expect(dependencies).toContain(name);
      for (const name of Object.keys(definition.contract.outputPaths))
        expect(outputs).toContain(name);
    },
  );

  it.each(STEP_TYPES.map((definition) => [definition.type, definition] as const))(
    "%s: container paths lie under the allowed roots",
    (_type, definition) => {
      const paths = [
        ...Object.values(definition.contract.inputPaths),
        ...Object.values(definition.contract.outputPaths),
      ];
      for (const path of paths) expect(underAllowedRoot(path), path).toBe(true);
    },
  );

  it("the config-driven exemptions exist in the contracts they exempt", () => {
    expect(definitionOf("DataLoad").contract.inputPaths.INPUT_DATA).toBe(
      "/opt/ml/processing/input/data",
    );
    expect(definitionOf("XGBoostTraining").contract.inputPaths.hyperparameters_s3_uri).toBe(
      "/opt/ml/input/data/config/hyperparameters.json",
    );
  });

  it("the entry point default of the contract equals the config default (none without a container)", () => {
    for (const definition of STEP_TYPES)
      expect(defaultsOf(definition.type).entryPoint ?? "", definition.type).toBe(
        definition.contract.entryPointDefault,
      );
  });
});

describe("field labels (DESIGN.md §6)", () => {
  const LABELS: Record<string, string> = {
    jobType: "Job type",
    entryPoint: "Entry point",
    instanceType: "Instance type",
    instanceCount: "Instance count",
    volumeSizeGb: "Volume size (GB)",
    frameworkVersion: "Framework version",
    pyVersion: "Python version",
    maxRuntimeSeconds: "Max runtime (s)",
    outputPath: "Output path",
    labelName: "Label field",
    inputDataUri: "Input data URI",
  };
  const FIELDS_BY_TYPE: Record<StepTypeName, string[]> = {
    DataLoad: [
      "jobType",
      "entryPoint",
      "instanceType",
      "instanceCount",
      "volumeSizeGb",
      "frameworkVersion",
      "inputDataUri",
    ],
    TabularPreprocessing: [
      "jobType",
      "entryPoint",
      "instanceType",
      "instanceCount",
      "volumeSizeGb",
      "frameworkVersion",
      "labelName",
    ],
    PyTorchTraining: [
      "entryPoint",
      "instanceType",
      "instanceCount",
      "volumeSizeGb",
      "frameworkVersion",
      "pyVersion",
      "maxRuntimeSeconds",
      "outputPath",
    ],
    XGBoostTraining: [
      "entryPoint",
      "instanceType",
      "instanceCount",
      "volumeSizeGb",
      "frameworkVersion",
      "pyVersion",
      "maxRuntimeSeconds",
      "outputPath",
    ],
    XGBoostEvaluation: [
      "entryPoint",
      "instanceType",
      "instanceCount",
      "volumeSizeGb",
      "frameworkVersion",
      "pyVersion",
    ],
    PyTorchEvaluation: [
      "entryPoint",
      "instanceType",
      "instanceCount",
      "volumeSizeGb",
      "frameworkVersion",
      "pyVersion",
    ],
    Condition: [],
    Fail: [],
    PyTorchModel: ["entryPoint", "instanceType", "frameworkVersion", "pyVersion"],
    XGBoostModel: ["entryPoint", "instanceType", "frameworkVersion", "pyVersion"],
    PyTorchRegisterModel: ["entryPoint", "frameworkVersion", "pyVersion"],
    XGBoostRegisterModel: ["entryPoint", "frameworkVersion", "pyVersion"],
    BatchTransform: ["instanceType", "instanceCount", "outputPath"],
  };

  it.each(Object.entries(FIELDS_BY_TYPE))("%s has the contract labels", (type, fields) => {
    const shape = shapeOf(definitionOf(type as StepTypeName));
    for (const key of fields) {
      const schema = shape[key];
      expect(schema, key).toBeDefined();
      expect(schema && fieldRegistry.get(schema)?.label, key).toBe(LABELS[key]);
    }
  });

  it.each(STEP_TYPES.map((definition) => [definition.type, definition] as const))(
    "%s: every config field has a sentence-case label",
    (_type, definition) => {
      for (const [key, schema] of Object.entries(shapeOf(definition))) {
        const label = fieldRegistry.get(schema)?.label;
        expect(label, key).toBeDefined();
        const rest = (label ?? "").replace(/\b(GB|URI|S3)\b/g, "").slice(1);
        expect(label, key).toMatch(/^[A-Z]/);
        expect(rest, key).not.toMatch(/[A-Z]/);
      }
    },
  );
});

describe("validateStepConfig", () => {
  it("PD103 for a missing required field, at its path", () => {
    const { labelName: _labelName, ...rest } = VALID_CONFIGS.TabularPreprocessing;
    const result = validateStepConfig(
      definitionOf("TabularPreprocessing"),
      stepOf("TabularPreprocessing", rest),
    );
    expect(result.config).toBeNull();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "PD103",
        path: "labelName",
        stepId: "s1",
        severity: "error",
      }),
    ]);
  });

  it("PD103 for missing required code (CATALOG.md: PyTorch `code` is required)", () => {
    const { code: _code, ...rest } = VALID_CONFIGS.PyTorchTraining;
    const result = validateStepConfig(
      definitionOf("PyTorchTraining"),
      stepOf("PyTorchTraining", rest),
    );
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "PD103", path: "code" },
    ]);
  });

  it("PD102 for an unknown field, naming it", () => {
    const result = validate("DataLoad", { colour: "blue" });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "PD102" });
    expect(result.diagnostics[0]?.message).toContain("colour");
  });

  it("PD102 for a value out of range, at its path", () => {
    expect(diagnosticsOf("DataLoad", { volumeSizeGb: 5 })).toEqual([
      { code: "PD102", path: "volumeSizeGb" },
    ]);
    expect(diagnosticsOf("DataLoad", { instanceCount: 11 })).toEqual([
      { code: "PD102", path: "instanceCount" },
    ]);
  });

  it("accepts a parameter reference where a field allows one", () => {
    expect(
      diagnosticsOf("PyTorchTraining", { instanceType: { parameter: "TrainInstanceType" } }),
    ).toEqual([]);
  });

  it("PD104 when the entry point is not among the inline files", () => {
    const result = validate("DataLoad", { code: { files: { "load.py": "" } } });
    expect(result.diagnostics.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "PD104", path: "entryPoint" },
    ]);
    expect(result.diagnostics[0]?.message).toContain("data_loading.py");
    expect(result.diagnostics[0]?.message).toContain("load.py");
  });

  it("no PD104 for code in S3", () => {
    expect(
      diagnosticsOf("DataLoad", { code: { s3Uri: "s3://my-ml-bucket/code/sourcedir.tar.gz" } }),
    ).toEqual([]);
  });

  it("PD105 over 1 MB of inline code, counted in UTF-8 bytes", () => {
    const exactlyOneMb = "x".repeat(1024 * 1024 - 5);
    expect(
      diagnosticsOf("DataLoad", {
        code: { files: { "data_loading.py": exactlyOneMb, "r.txt": "12345" } },
      }),
    ).toEqual([]);
    expect(
      diagnosticsOf("DataLoad", {
        code: { files: { "data_loading.py": exactlyOneMb, "r.txt": "123456" } },
      }),
    ).toEqual([{ code: "PD105", path: "code" }]);
    // 524 289 characters, but 1 048 578 bytes.
    expect(
      diagnosticsOf("DataLoad", { code: { files: { "data_loading.py": "é".repeat(524289) } } }),
    ).toEqual([{ code: "PD105", path: "code" }]);
  });

  it("PD106 for a framework version without an image", () => {
    expect(diagnosticsOf("PyTorchTraining", { frameworkVersion: "9.9.9" })).toEqual([
      { code: "PD106", path: "frameworkVersion" },
    ]);
    expect(diagnosticsOf("PyTorchModel", { frameworkVersion: "9.9.9" })).toEqual([
      { code: "PD106", path: "frameworkVersion" },
    ]);
  });

  it("PD106 for an XGBoost version the catalog does not offer", () => {
    expect(diagnosticsOf("XGBoostTraining", { frameworkVersion: "0.90-1" })).toEqual([
      { code: "PD106", path: "frameworkVersion" },
    ]);
  });

  it("PD107 for a Python version the framework version does not run", () => {
    expect(diagnosticsOf("PyTorchTraining", { pyVersion: "py38" })).toEqual([
      { code: "PD107", path: "pyVersion" },
    ]);
    expect(diagnosticsOf("PyTorchModel", { frameworkVersion: "2.1.0", pyVersion: "py38" })).toEqual(
      [{ code: "PD107", path: "pyVersion" }],
    );
  });

  describe("PD109 hyperparameter rules", () => {
    const pytorch = (hyperparameters: Record<string, unknown>) =>
      diagnosticsOf("PyTorchTraining", { hyperparameters });
    const xgboost = (hyperparameters: Record<string, unknown>) =>
      diagnosticsOf("XGBoostTraining", { hyperparameters });

    it("missing tab_field_list", () => {
      const { tab_field_list: _tab, ...rest } = PYTORCH_HYPERPARAMETERS;
      expect(pytorch(rest)).toEqual([{ code: "PD109", path: "hyperparameters.tab_field_list" }]);
    });

    it("a cat_field_list entry not in full_field_list", () => {
      const result = validate("PyTorchTraining", {
        hyperparameters: { ...PYTORCH_HYPERPARAMETERS, cat_field_list: ["feature3", "region"] },
      });
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({
        code: "PD109",
        path: "hyperparameters.cat_field_list",
      });
      expect(result.diagnostics[0]?.message).toContain('"region"');
    });

    it("batch_size 2000 is above 1024", () => {
      expect(pytorch({ ...PYTORCH_HYPERPARAMETERS, batch_size: 2000 })).toEqual([
        { code: "PD109", path: "hyperparameters.batch_size" },
      ]);
      expect(pytorch({ ...PYTORCH_HYPERPARAMETERS, batch_size: 1024 })).toEqual([]);
    });

    it("class_weights length must match multiclass_categories", () => {
      expect(
        pytorch({
          ...PYTORCH_HYPERPARAMETERS,
          multiclass_categories: [0, 1, 2],
          class_weights: [1, 2],
        }),
      ).toEqual([{ code: "PD109", path: "hyperparameters.class_weights" }]);
      expect(
        pytorch({
          ...PYTORCH_HYPERPARAMETERS,
          multiclass_categories: [0, 1, 2],
          class_weights: [1, 2, 3],
        }),
      ).toEqual([]);
    });

    it("XGBoost requires max_depth", () => {
      const { max_depth: _depth, ...rest } = XGBOOST_HYPERPARAMETERS;
      expect(xgboost(rest)).toEqual([{ code: "PD109", path: "hyperparameters.max_depth" }]);
    });

    it("an XGBoost hyperparameter cannot be bound to a pipeline parameter", () => {
      expect(xgboost({ ...XGBOOST_HYPERPARAMETERS, num_round: { parameter: "Rounds" } })).toEqual([
        { code: "PD109", path: "hyperparameters.num_round" },
      ]);
    });

    it("a PyTorch hyperparameter may be bound to a pipeline parameter", () => {
      expect(
        pytorch({ ...PYTORCH_HYPERPARAMETERS, batch_size: { parameter: "BatchSize" } }),
      ).toEqual([]);
    });
  });
});

describe("retrieveImageUri", () => {
  const request = (overrides: Partial<ImageRequest>): ImageRequest => ({
    framework: "pytorch",
    scope: "training",
    version: "2.1.0",
    pyVersion: "py310",
    region: "us-east-1",
    instanceType: "ml.g5.12xlarge",
    ...overrides,
  });
  const uriOf = (overrides: Partial<ImageRequest>) => retrieveImageUri(request(overrides));

  it.each([
    [
      "PyTorch training on a GPU instance",
      {},
      "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310",
    ],
    [
      "PyTorch training on a CPU instance",
      { instanceType: "ml.m5.xlarge" },
      "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-cpu-py310",
    ],
    [
      "XGBoost (no processor or py version in the tag)",
      { framework: "xgboost", version: "1.7-1", pyVersion: "py3", instanceType: "ml.m5.4xlarge" },
      "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
    ],
    [
      "SKLearn processing",
      { framework: "sklearn", version: "1.2-1", pyVersion: "py3", instanceType: "ml.m5.2xlarge" },
      "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
    ],
    [
      "PyTorch inference on a CPU instance",
      { scope: "inference", instanceType: "ml.m5.large" },
      "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310",
    ],
    // The rows below are what sagemaker 2.257.7's image_uris.retrieve returns for the same request.
    [
      "PyTorch inference on Graviton (arm64 table, container version + -sagemaker)",
      { scope: "inference", instanceType: "ml.c6g.xlarge" },
      "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference-graviton:2.1.0-cpu-py310-ubuntu20.04-sagemaker",
    ],
    [
      "XGBoost inference on Graviton",
      {
        framework: "xgboost",
        scope: "inference",
        version: "1.5-1",
        pyVersion: undefined,
        instanceType: "ml.c7g.large",
      },
      "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.5-1-arm64",
    ],
    [
      "PyTorch 1.6.0 training on p4d (auto-selected CUDA 11 container)",
      { version: "1.6.0", pyVersion: "py3", instanceType: "ml.p4d.24xlarge" },
      "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:1.6.0-gpu-py3-cu110-ubuntu18.04",
    ],
    [
      "PyTorch 2.1.0 training on p4d (no container suffix)",
      { instanceType: "ml.p4d.24xlarge" },
      "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310",
    ],
  ] as const)("%s", (_label, overrides, uri) => {
    expect(uriOf(overrides)).toEqual({ ok: true, uri });
  });

  it("uses the .com.cn domain in China regions", () => {
    const result = uriOf({ region: "cn-north-1" });
    expect(result.ok && result.uri).toMatch(
      /\.dkr\.ecr\.cn-north-1\.amazonaws\.com\.cn\/pytorch-training:/,
    );
  });

  it("defaults the Python version when the table offers exactly one, as the SDK does", () => {
    // sagemaker.image_uris._validate_py_version_and_set_if_needed picks the only py version.
    expect(
      uriOf({
        framework: "sklearn",
        version: "1.2-1",
        pyVersion: undefined,
        instanceType: "ml.m5.xlarge",
      }),
    ).toEqual({
      ok: true,
      uri: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
    });
  });

  it.each([
    ["an unknown version", { version: "9.9.9" }, "version"],
    ["a Python version the version does not run", { pyVersion: "py38" }, "pyVersion"],
    ["an Inferentia instance type", { instanceType: "ml.inf2.xlarge" }, "instanceType"],
    ["a Trainium instance type", { instanceType: "ml.trn1.2xlarge" }, "instanceType"],
    ["a malformed instance type", { instanceType: "m5.xlarge" }, "instanceType"],
    [
      "a GPU instance for a CPU-only image",
      { framework: "sklearn", version: "1.2-1", pyVersion: "py3" },
      "instanceType",
    ],
    [
      "a region without the image",
      { framework: "xgboost", version: "1.7-1", pyVersion: "py3", region: "ap-southeast-7" },
      "region",
    ],
    ["an unknown region", { region: "mars-north-1" }, "region"],
    [
      "an AMD GPU instance (CUDA images cannot use it)",
      { instanceType: "ml.g4ad.xlarge" },
      "instanceType",
    ],
    ["training on Graviton", { instanceType: "ml.c6g.xlarge" }, "instanceType"],
    [
      "processing on Graviton",
      { framework: "sklearn", version: "1.2-1", pyVersion: "py3", instanceType: "ml.m6g.large" },
      "instanceType",
    ],
    [
      "inference on a Graviton family without arm64 images",
      { scope: "inference", instanceType: "ml.m7g.large" },
      "instanceType",
    ],
    [
      "a version without a Graviton image",
      { scope: "inference", version: "1.10", pyVersion: "py38", instanceType: "ml.c6g.xlarge" },
      "version",
    ],
  ] as const)("refuses %s", (_label, overrides, reason) => {
    const result = uriOf(overrides);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message.length).toBeGreaterThan(0);
  });
});

describe("defaultStepName", () => {
  it("adds the capitalised default job type for types that have job types", () => {
    expect(defaultStepName(definitionOf("TabularPreprocessing"))).toBe(
      "TabularPreprocessing-Training",
    );
    expect(defaultStepName(definitionOf("DataLoad"))).toBe("DataLoad-Training");
  });

  it("uses the given job type", () => {
    expect(defaultStepName(definitionOf("DataLoad"), "validation")).toBe("DataLoad-Validation");
  });

  it("is the bare type for types without job types", () => {
    expect(defaultStepName(definitionOf("PyTorchTraining"))).toBe("PyTorchTraining");
    expect(defaultStepName(definitionOf("XGBoostModel"))).toBe("XGBoostModel");
  });
});

describe("starter files", () => {
  it("give every step type with a container a script named as its default entry point, the others none", async () => {
    const { STARTER_FILES, STEP_TYPES } = await import("./index");
    for (const definition of STEP_TYPES) {
      const entryPoint = definition.contract.entryPointDefault;
      expect(Object.keys(STARTER_FILES[definition.type]), definition.type).toEqual(
        entryPoint ? [entryPoint] : [],
      );
      expect(definition.framework === null, definition.type).toBe(entryPoint === "");
    }
  });

  it("the evaluation starters unpack the model, read test/ and write evaluation.json with metrics.auc.value", async () => {
    const { STARTER_FILES } = await import("./index");
    for (const type of ["XGBoostEvaluation", "PyTorchEvaluation"] as const) {
      const script = STARTER_FILES[type]["model_evaluation.py"] ?? "";
      expect(script).toContain('tarfile.open(MODEL_DIR / "model.tar.gz")');
      expect(script).toContain('Path("/opt/ml/processing/input/eval_data") / "test"');
      expect(script).toContain('open(REPORT_DIR / "evaluation.json", "w")');
      expect(script).toContain('"auc": {"value": float(auc)}');
    }
  });
});
