// The example designs as data; the scripts they carry inline are read from examples/scripts.
type ReadScript = (path: string) => string;

const ROLE = "arn:aws:iam::123456789012:role/SageMakerExecutionRole";
const FIELDS = {
  id_name: "customer_id",
  label_name: "target",
  full_field_list: ["customer_id", "target", "feature1", "feature2", "feature3"],
  tab_field_list: ["feature1", "feature2"],
  cat_field_list: ["feature3"],
};

function pipeline(name: string, description: string, parameters: object[]) {
  return {
    name,
    description,
    region: "us-east-1",
    roleArn: ROLE,
    bucket: "my-ml-bucket",
    s3Prefix: name,
    parameters,
    cache: { enabled: false, expireAfter: "P30D" },
    tags: {},
  };
}

function dataSteps(read: ReadScript) {
  return [
    {
      id: "load",
      type: "DataLoad",
      name: "DataLoad-Training",
      position: { x: 0, y: 80 },
      config: {
        jobType: "training",
        outputFormat: "CSV",
        code: { files: { "data_loading.py": read("data_load/data_loading.py") } },
      },
    },
    {
      id: "prep",
      type: "TabularPreprocessing",
      name: "TabularPreprocessing-Training",
      position: { x: 320, y: 80 },
      config: {
        jobType: "training",
        labelName: "target",
        code: {
          files: { "tabular_preprocessing.py": read("preprocess/tabular_preprocessing.py") },
        },
      },
    },
  ];
}

const edge = (fromStep: string, output: string, toStep: string, input: string) => ({
  from: { step: fromStep, output },
  to: { step: toStep, input },
});

const dataEdges = [
  edge("load", "DATA", "prep", "DATA"),
  edge("load", "SIGNATURE", "prep", "SIGNATURE"),
];

const AUC_THRESHOLD = { name: "AucThreshold", type: "Float", default: 0.7 };
const APPROVAL_STATUS = {
  name: "ModelApprovalStatus",
  type: "String",
  default: "PendingManualApproval",
};

interface Framework {
  /** "pytorch" or "xgboost": the scripts' folders and the pipeline's name. */
  key: "pytorch" | "xgboost";
  /** "PyTorch" or "XGBoost": the step types' prefix. */
  prefix: "PyTorch" | "XGBoost";
  training: object;
  parameters: object[];
}

/**
 * The gated pipeline (docs/gated-steps.md): load → preprocess → train → evaluate → condition
 * (AUC ≥ AucThreshold); if true register the model, create it and run a batch transform over the
 * test split, else fail with the AUC and the threshold.
 */
function gatedDesign(read: ReadScript, framework: Framework) {
  const { key, prefix } = framework;
  const inference = { files: { "inference.py": read(`${key}_inference/inference.py`) } };
  const auc = { metric: { step: "evaluate", name: "auc" } };
  return {
    format: "sagemaker-pipeline-design",
    version: 1,
    pipeline: pipeline(
      `fraud-${key}-gated`,
      `Data load → tabular preprocessing → ${prefix} training → evaluation → AUC ≥ AucThreshold ? register, create model and batch transform : fail`,
      framework.parameters,
    ),
    steps: [
      ...dataSteps(read),
      framework.training,
      {
        id: "evaluate",
        type: `${prefix}Evaluation`,
        name: `${prefix}Evaluation`,
        position: { x: 960, y: 80 },
        config: {
          code: {
            files: { "model_evaluation.py": read(`${key}_evaluation/model_evaluation.py`) },
          },
          metrics: [
            { name: "auc", jsonPath: "metrics.auc.value" },
            { name: "f1", jsonPath: "metrics.f1.value" },
          ],
        },
      },
      {
        id: "check",
        type: "Condition",
        name: "CheckAuc",
        position: { x: 1280, y: 80 },
        config: {
          conditions: [
            { type: "GreaterThanOrEqualTo", left: auc, right: { parameter: "AucThreshold" } },
          ],
        },
      },
      {
        id: "register",
        type: `${prefix}RegisterModel`,
        name: `${prefix}RegisterModel`,
        position: { x: 1600, y: 0 },
        config: {
          modelPackageGroupName: `fraud-${key}`,
          approvalStatus: { parameter: "ModelApprovalStatus" },
          code: inference,
        },
      },
      {
        id: "model",
        type: `${prefix}Model`,
        name: `${prefix}Model`,
        position: { x: 1600, y: 180 },
        config: { code: inference },
      },
      {
        id: "transform",
        type: "BatchTransform",
        name: "BatchTransform",
        position: { x: 1920, y: 180 },
        config: {},
      },
      {
        id: "fail",
        type: "Fail",
        name: "AucTooLow",
        position: { x: 1600, y: 360 },
        config: {
          errorMessage: ["AUC ", auc, " is below the threshold ", { parameter: "AucThreshold" }],
        },
      },
    ],
    edges: [
      ...dataEdges,
      edge("prep", "processed_data", "train", "input_path"),
      edge("train", "model_output", "evaluate", "model_input"),
      edge("prep", "processed_data", "evaluate", "processed_data"),
      edge("check", "if_true", "register", "branch"),
      edge("check", "if_true", "model", "branch"),
      edge("check", "if_false", "fail", "branch"),
      edge("train", "model_output", "register", "model_data"),
      edge("evaluate", "evaluation", "register", "evaluation"),
      edge("train", "model_output", "model", "model_data"),
      edge("model", "model_name", "transform", "model_name"),
      edge("prep", "processed_data", "transform", "input_data"),
    ],
  };
}

function pytorchTraining(read: ReadScript) {
  return {
    id: "train",
    type: "PyTorchTraining",
    name: "PyTorchTraining",
    position: { x: 640, y: 80 },
    config: {
      code: { files: { "train.py": read("pytorch_train/train.py") } },
      instanceType: { parameter: "TrainInstanceType" },
      hyperparameters: { ...FIELDS, learning_rate: 0.001, batch_size: 64, epochs: 10 },
    },
  };
}

function xgboostTraining(read: ReadScript) {
  return {
    id: "train",
    type: "XGBoostTraining",
    name: "XGBoostTraining",
    position: { x: 640, y: 80 },
    config: {
      code: { files: { "xgboost_training.py": read("xgboost_train/xgboost_training.py") } },
      hyperparameters: {
        ...FIELDS,
        num_round: 100,
        max_depth: 6,
        eta: 0.3,
        subsample: 0.8,
        early_stopping_rounds: 10,
        seed: 42,
      },
    },
  };
}

const TRAIN_INSTANCE_TYPE = {
  name: "TrainInstanceType",
  type: "String",
  default: "ml.g5.12xlarge",
};

export function exampleDesigns(read: ReadScript): Record<string, object> {
  return {
    "pytorch-gated.pipeline.json": gatedDesign(read, {
      key: "pytorch",
      prefix: "PyTorch",
      training: pytorchTraining(read),
      parameters: [TRAIN_INSTANCE_TYPE, AUC_THRESHOLD, APPROVAL_STATUS],
    }),
    "xgboost-gated.pipeline.json": gatedDesign(read, {
      key: "xgboost",
      prefix: "XGBoost",
      training: xgboostTraining(read),
      parameters: [AUC_THRESHOLD, APPROVAL_STATUS],
    }),
    "pytorch-tabular.pipeline.json": {
      format: "sagemaker-pipeline-design",
      version: 1,
      pipeline: pipeline(
        "fraud-pytorch",
        "Data load → tabular preprocessing → PyTorch training → PyTorch model",
        [TRAIN_INSTANCE_TYPE],
      ),
      steps: [
        ...dataSteps(read),
        pytorchTraining(read),
        {
          id: "model",
          type: "PyTorchModel",
          name: "PyTorchModel",
          position: { x: 960, y: 80 },
          config: { code: { files: { "inference.py": read("pytorch_inference/inference.py") } } },
        },
      ],
      edges: [
        ...dataEdges,
        edge("prep", "processed_data", "train", "input_path"),
        edge("train", "model_output", "model", "model_data"),
      ],
    },
    "xgboost-tabular.pipeline.json": {
      format: "sagemaker-pipeline-design",
      version: 1,
      pipeline: pipeline(
        "fraud-xgboost",
        "Data load → tabular preprocessing → XGBoost training → XGBoost model",
        [],
      ),
      steps: [
        ...dataSteps(read),
        xgboostTraining(read),
        {
          id: "model",
          type: "XGBoostModel",
          name: "XGBoostModel",
          position: { x: 960, y: 80 },
          config: { code: { files: { "inference.py": read("xgboost_inference/inference.py") } } },
        },
      ],
      edges: [
        ...dataEdges,
        edge("prep", "processed_data", "train", "input_path"),
        edge("train", "model_output", "model", "model_data"),
      ],
    },
  };
}
