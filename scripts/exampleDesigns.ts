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

export function exampleDesigns(read: ReadScript): Record<string, object> {
  return {
    "pytorch-tabular.pipeline.json": {
      format: "sagemaker-pipeline-design",
      version: 1,
      pipeline: pipeline(
        "fraud-pytorch",
        "Data load → tabular preprocessing → PyTorch training → PyTorch model",
        [{ name: "TrainInstanceType", type: "String", default: "ml.g5.12xlarge" }],
      ),
      steps: [
        ...dataSteps(read),
        {
          id: "train",
          type: "PyTorchTraining",
          name: "PyTorchTraining",
          position: { x: 640, y: 80 },
          config: {
            code: { files: { "train.py": read("pytorch_train/train.py") } },
            instanceType: { parameter: "TrainInstanceType" },
            hyperparameters: { ...FIELDS, learning_rate: 0.001, batch_size: 64, epochs: 10 },
          },
        },
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
        {
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
        },
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
