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
    test_val_ratio = float(os.environ.get("TEST_VAL_RATIO", "0.5"))
    output_format = os.environ.get("OUTPUT_FORMAT", "CSV")
    for split in ("train", "validation", "test"):
        (OUTPUT / split).mkdir(parents=True, exist_ok=True)
    # TODO: read every file under INPUT, drop rows without label, split by the ratios, write each split.
    print(f"job_type={args.job_type} label={label} train_ratio={train_ratio} test_val_ratio={test_val_ratio} format={output_format}")
`;

const PYTORCH_TRAIN = `"""Trains a PyTorch model on the \`data\` channel."""
import argparse
import json
import os
from pathlib import Path

import torch
from sklearn.metrics import f1_score, roc_auc_score
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
    hyperparameters = json.loads(os.environ.get("SM_HPS", "{}"))
    # TODO: load DATA / "train" and DATA / "validation"; this loop trains on random data.
    model = Model(features=4)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = nn.BCEWithLogitsLoss()
    x, y = torch.randn(64, 4), torch.randint(0, 2, (64, 1)).float()
    x_val, y_val = torch.randn(32, 4), torch.randint(0, 2, (32, 1)).float()
    for epoch in range(args.epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            logits = model(x_val)
        labels, probs = y_val.flatten().numpy(), torch.sigmoid(logits).flatten().numpy()
        print(f"train_loss={loss.item():.4f}")
        print(f"val_loss={loss_fn(logits, y_val).item():.4f}")
        print(f"val/f1_score={f1_score(labels, probs >= 0.5, zero_division=0):.4f}")
        print(f"val/auroc={roc_auc_score(labels, probs):.4f}")
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), MODEL_DIR / "model.pth")
    # The hyperparameters travel with the model, for inference to read back.
    (MODEL_DIR / "hyperparameters.json").write_text(json.dumps(hyperparameters))
`;

const XGBOOST_TRAIN = `"""Trains an XGBoost model on the train/validation channels."""
import json
import os
from pathlib import Path

import numpy as np
import xgboost as xgb
from sklearn.metrics import f1_score, roc_auc_score

CHANNELS = Path("/opt/ml/input/data")
HYPERPARAMETERS = CHANNELS / "config" / "hyperparameters.json"
MODEL_DIR = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))


def load_split(name):
    """The channel's first CSV as a DMatrix (label in the first column), or random rows when it has none."""
    files = sorted((CHANNELS / name).glob("*.csv"))
    # TODO: read your files; the random rows only let the starter run end to end.
    rows = np.loadtxt(files[0], delimiter=",", ndmin=2) if files else np.random.rand(64, 3).round()
    return xgb.DMatrix(rows[:, 1:], label=rows[:, 0])


if __name__ == "__main__":
    params = json.loads(HYPERPARAMETERS.read_text())
    train, validation, test = load_split("train"), load_split("validation"), load_split("test")
    booster_params = {"objective": params.get("objective", "binary:logistic"), "eval_metric": ["logloss", "auc"]}
    history = {}
    booster = xgb.train(booster_params, train, num_boost_round=int(params.get("num_round", 10)),
                        evals=[(train, "train"), (validation, "validation")], evals_result=history)
    labels, probs = validation.get_label(), booster.predict(validation)
    print(f"Train Loss: {history['train']['logloss'][-1]:.4f}")
    print(f"Validation Loss: {history['validation']['logloss'][-1]:.4f}")
    print(f"Validation F1 Score: {f1_score(labels, probs >= 0.5, zero_division=0):.4f}")
    print(f"Validation AUC ROC: {roc_auc_score(labels, probs):.4f}")
    print(f"Test rows: {test.num_row()}")
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(MODEL_DIR / "xgboost_model.bst"))
    # The hyperparameters travel with the model, for inference to read back.
    (MODEL_DIR / "hyperparameters.json").write_text(json.dumps(params))
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

// Both evaluation starters unpack the archive the training starter saves (model.tar.gz holds what
// it wrote under /opt/ml/model), score the test/ split and write the report conditions read.
const XGBOOST_EVALUATION = `"""Scores the trained XGBoost model on the test split and writes evaluation.json."""
import json
import os
import tarfile
from pathlib import Path

import numpy as np
import xgboost as xgb
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

MODEL_DIR = Path("/opt/ml/processing/input/model")
TEST_DIR = Path("/opt/ml/processing/input/eval_data") / "test"
REPORT_DIR = Path("/opt/ml/processing/output/evaluation")


def load_test():
    """The test split's first CSV (label in the first column), or random rows when it has none."""
    files = sorted(TEST_DIR.glob("*.csv"))
    # TODO: read your files as training does; the random rows only let the starter run end to end.
    rows = np.loadtxt(files[0], delimiter=",", ndmin=2) if files else np.random.rand(64, 3).round()
    return rows[:, 1:], rows[:, 0]


if __name__ == "__main__":
    # The model input is the training job's model.tar.gz: unpack it next to itself.
    with tarfile.open(MODEL_DIR / "model.tar.gz") as archive:
        archive.extractall(MODEL_DIR)
    booster = xgb.Booster()
    booster.load_model(str(MODEL_DIR / "xgboost_model.bst"))
    features, labels = load_test()
    probs = booster.predict(xgb.DMatrix(features))
    predictions = probs >= 0.5
    # AUC is undefined for a single-class test set: report chance level.
    auc = roc_auc_score(labels, probs) if len(np.unique(labels)) > 1 else 0.5
    report = {
        "metrics": {
            "auc": {"value": float(auc)},
            "f1": {"value": float(f1_score(labels, predictions, zero_division=0))},
            "accuracy": {"value": float(accuracy_score(labels, predictions))},
        }
    }
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    with open(REPORT_DIR / "evaluation.json", "w") as f:
        json.dump(report, f)
    for name in os.environ.get("EVAL_METRIC_CHOICES", "auc").split(","):
        print(f"{name}={report['metrics'][name.strip()]['value']:.4f}")
`;

const PYTORCH_EVALUATION = `"""Scores the trained PyTorch model on the test split and writes evaluation.json."""
import json
import os
import tarfile
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from torch import nn

MODEL_DIR = Path("/opt/ml/processing/input/model")
TEST_DIR = Path("/opt/ml/processing/input/eval_data") / "test"
REPORT_DIR = Path("/opt/ml/processing/output/evaluation")


class Model(nn.Module):
    """The training script's model: keep the two alike."""

    def __init__(self, features: int):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(features, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):
        return self.layers(x)


def load_test():
    """The test split's first CSV (label in the first column), or random rows when it has none."""
    files = sorted(TEST_DIR.glob("*.csv"))
    # TODO: read your files as training does; the random rows only let the starter run end to end.
    if files:
        rows = np.loadtxt(files[0], delimiter=",", ndmin=2)
        return rows[:, 1:], rows[:, 0]
    return np.random.randn(64, 4), np.random.randint(0, 2, 64)


if __name__ == "__main__":
    # The model input is the training job's model.tar.gz: unpack it next to itself.
    with tarfile.open(MODEL_DIR / "model.tar.gz") as archive:
        archive.extractall(MODEL_DIR)
    model = Model(features=4)
    model.load_state_dict(torch.load(MODEL_DIR / "model.pth", map_location="cpu"))
    model.eval()
    features, labels = load_test()
    with torch.no_grad():
        logits = model(torch.tensor(features, dtype=torch.float32))
    probs = torch.sigmoid(logits).flatten().numpy()
    predictions = probs >= 0.5
    # AUC is undefined for a single-class test set: report chance level.
    auc = roc_auc_score(labels, probs) if len(np.unique(labels)) > 1 else 0.5
    report = {
        "metrics": {
            "auc": {"value": float(auc)},
            "f1": {"value": float(f1_score(labels, predictions, zero_division=0))},
            "accuracy": {"value": float(accuracy_score(labels, predictions))},
        }
    }
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    with open(REPORT_DIR / "evaluation.json", "w") as f:
        json.dump(report, f)
    for name in os.environ.get("EVAL_METRIC_CHOICES", "auc").split(","):
        print(f"{name}={report['metrics'][name.strip()]['value']:.4f}")
`;

/**
 * Each step type's starter files, keyed by type: a script for every step with a container, none
 * for Condition, Fail and Batch Transform (they run no code of the user's).
 */
export const STARTER_FILES: { readonly [T in StepTypeName]: Readonly<Record<string, string>> } = {
  DataLoad: { "data_loading.py": DATA_LOAD },
  TabularPreprocessing: { "tabular_preprocessing.py": PREPROCESSING },
  PyTorchTraining: { "train.py": PYTORCH_TRAIN },
  XGBoostTraining: { "xgboost_training.py": XGBOOST_TRAIN },
  XGBoostEvaluation: { "model_evaluation.py": XGBOOST_EVALUATION },
  PyTorchEvaluation: { "model_evaluation.py": PYTORCH_EVALUATION },
  Condition: {},
  Fail: {},
  PyTorchModel: { "inference.py": INFERENCE },
  XGBoostModel: { "inference.py": INFERENCE },
  PyTorchRegisterModel: { "inference.py": INFERENCE },
  XGBoostRegisterModel: { "inference.py": INFERENCE },
  BatchTransform: {},
};
