import type { StepTypeName } from "./types";

// The files a step starts with when it is added from the palette: short, runnable scripts that
// read and write exactly the paths the step's contract gives, for the user to fill in.

const DATA_LOAD = `"""Loads raw data for the pipeline."""
import argparse
import os
from pathlib import Path

INPUT = Path("/opt/ml/processing/input/data")
OUTPUT = Path("/opt/ml/processing/output/data")
METADATA = Path("/opt/ml/processing/output/metadata")
SIGNATURE = Path("/opt/ml/processing/output/signature")

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", required=True)
    args = parser.parse_args()
    output_format = os.environ.get("OUTPUT_FORMAT", "CSV")
    for folder in (OUTPUT, METADATA, SIGNATURE):
        folder.mkdir(parents=True, exist_ok=True)
    # TODO: read from INPUT (or your source) and write the data set to OUTPUT in output_format.
    print(f"job_type={args.job_type} format={output_format}")
`;

const PREPROCESSING = `"""Cleans tabular data and writes train/, validation/ and test/ splits."""
import argparse
import os
from pathlib import Path

INPUT = Path("/opt/ml/processing/input/data")
OUTPUT = Path("/opt/ml/processing/output")

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", required=True)
    args = parser.parse_args()
    label = os.environ["LABEL_FIELD"]
    train_ratio = float(os.environ.get("TRAIN_RATIO", "0.7"))
    for split in ("train", "validation", "test"):
        (OUTPUT / split).mkdir(parents=True, exist_ok=True)
    # TODO: read every file under INPUT, drop rows without label, split by train_ratio, write each split.
    print(f"job_type={args.job_type} label={label} train_ratio={train_ratio}")
`;

const PYTORCH_TRAIN = `"""Trains a PyTorch model on the \`data\` channel."""
import argparse
import os
from pathlib import Path

import torch
from torch import nn

DATA = Path("/opt/ml/input/data/data")
MODEL_DIR = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))


class Model(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(features, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):
        return self.layers(x)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning_rate", type=float, default=0.001)
    parser.add_argument("--epochs", type=int, default=10)
    args, _ = parser.parse_known_args()
    # TODO: load DATA / "train" and DATA / "validation"; this loop trains on random data.
    model = Model(features=4)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = nn.BCEWithLogitsLoss()
    x, y = torch.randn(64, 4), torch.randint(0, 2, (64, 1)).float()
    for epoch in range(args.epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        print(f"train_loss={loss.item():.4f}")
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), MODEL_DIR / "model.pth")
`;

const XGBOOST_TRAIN = `"""Trains an XGBoost model on the train/validation channels."""
import json
import os
from pathlib import Path

import xgboost as xgb

CHANNELS = Path("/opt/ml/input/data")
HYPERPARAMETERS = CHANNELS / "config" / "hyperparameters.json"
MODEL_DIR = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))

if __name__ == "__main__":
    params = json.loads(HYPERPARAMETERS.read_text())
    # TODO: load CHANNELS / "train" and CHANNELS / "validation" into DMatrix objects.
    train = xgb.DMatrix([[0.0, 1.0], [1.0, 0.0]], label=[0, 1])
    booster = xgb.train({"objective": params.get("objective", "binary:logistic")}, train, num_boost_round=int(params.get("num_round", 10)))
    print("Train Loss: 0.0")
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(MODEL_DIR / "xgboost_model.bst"))
`;

const INFERENCE = `"""Serving handlers: load the model, parse requests, predict."""
import json


def model_fn(model_dir):
    # TODO: load the model saved by the training script from model_dir.
    raise NotImplementedError


def input_fn(body, content_type):
    if content_type == "application/json":
        return json.loads(body)
    raise ValueError(f"unsupported content type {content_type}")


def predict_fn(data, model):
    return model(data)


def output_fn(prediction, accept):
    return json.dumps(prediction)
`;

export const STARTER_FILES: Record<StepTypeName, Record<string, string>> = {
  DataLoad: { "data_loading.py": DATA_LOAD },
  TabularPreprocessing: { "tabular_preprocessing.py": PREPROCESSING },
  PyTorchTraining: { "train.py": PYTORCH_TRAIN },
  XGBoostTraining: { "xgboost_training.py": XGBOOST_TRAIN },
  PyTorchModel: { "inference.py": INFERENCE },
  XGBoostModel: { "inference.py": INFERENCE },
};
