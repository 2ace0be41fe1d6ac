"""Scores the tabular classifier trained by train.py on the held-out test split.

The model input is the archive the training job uploaded (model.tar.gz holding model.pth and
model_config.json). The report, evaluation.json, is what the pipeline's EvaluationReport property
file exposes to its condition: {"metrics": {"auc": {"value": ...}, ...}}. The model class and the
feature encoding are duplicated from train.py on purpose: this file ships in its own source archive.
"""
import json
import os
import tarfile
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import (accuracy_score, average_precision_score, f1_score, precision_score,
                             recall_score, roc_auc_score)
from torch import nn

MODEL_DIR = Path("/opt/ml/processing/input/model")
TEST_DIR = Path("/opt/ml/processing/input/eval_data") / "test"
REPORT_DIR = Path("/opt/ml/processing/output/evaluation")


class TabularClassifier(nn.Module):
    """Embeddings for categorical columns concatenated with numeric columns, then an MLP."""

    def __init__(self, cat_cardinalities, n_tab, hidden_dims=(64, 32), dropout=0.1):
        super().__init__()
        # Index 0 of every embedding is reserved for unseen or missing categories.
        self.embeddings = nn.ModuleList(nn.Embedding(n + 1, min(16, (n + 2) // 2)) for n in cat_cardinalities)
        layers, width = [], n_tab + sum(e.embedding_dim for e in self.embeddings)
        for hidden in hidden_dims:
            layers += [nn.Linear(width, hidden), nn.ReLU(), nn.Dropout(dropout)]
            width = hidden
        layers.append(nn.Linear(width, 1))
        self.mlp = nn.Sequential(*layers)

    def forward(self, x_cat, x_tab):
        parts = [emb(x_cat[:, i]) for i, emb in enumerate(self.embeddings)] + [x_tab]
        return self.mlp(torch.cat(parts, dim=1)).squeeze(1)


def encode_features(df, config):
    codes = [df[c].astype(str).map(config["vocab"][c]).fillna(0).astype("int64") for c in config["cat_fields"]]
    x_cat = np.stack(codes, axis=1) if codes else np.zeros((len(df), 0), dtype=np.int64)
    tab = df[config["tab_fields"]].astype(float).to_numpy()
    x_tab = np.nan_to_num((tab - np.array(config["tab_mean"])) / np.array(config["tab_std"]))
    return torch.from_numpy(x_cat), torch.tensor(x_tab, dtype=torch.float32)


def load_model():
    """Unpacks model.tar.gz next to itself and rebuilds the model from its config and weights."""
    with tarfile.open(MODEL_DIR / "model.tar.gz") as archive:
        archive.extractall(MODEL_DIR)
    config = json.loads((MODEL_DIR / "model_config.json").read_text())
    cardinalities = [len(config["vocab"][c]) for c in config["cat_fields"]]
    model = TabularClassifier(cardinalities, len(config["tab_fields"]), config["hidden_dims"])
    model.load_state_dict(torch.load(MODEL_DIR / "model.pth", map_location="cpu", weights_only=True))
    model.eval()
    return model, config


def read_test():
    files = sorted(TEST_DIR.glob("*.csv")) + sorted(TEST_DIR.glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"No csv/parquet files in {TEST_DIR}")
    frames = [pd.read_parquet(f) if f.suffix == ".parquet" else pd.read_csv(f) for f in files]
    return pd.concat(frames, ignore_index=True)


def score(labels, probs):
    predictions = (probs >= 0.5).astype(int)
    # AUC and average precision are undefined for a single-class test set: report chance level.
    both = len(np.unique(labels)) > 1
    return {
        "auc": {"value": float(roc_auc_score(labels, probs)) if both else 0.5},
        "average_precision": {"value": float(average_precision_score(labels, probs)) if both else 0.5},
        "accuracy": {"value": float(accuracy_score(labels, predictions))},
        "precision": {"value": float(precision_score(labels, predictions, zero_division=0))},
        "recall": {"value": float(recall_score(labels, predictions, zero_division=0))},
        "f1": {"value": float(f1_score(labels, predictions, zero_division=0))},
    }


def main():
    model, config = load_model()
    test_df = read_test()
    with torch.no_grad():
        probs = torch.sigmoid(model(*encode_features(test_df, config))).numpy()
    labels = test_df[config["label_name"]].astype(int).to_numpy()
    report = {"metrics": score(labels, probs), "rows": len(test_df)}
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    with open(REPORT_DIR / "evaluation.json", "w") as f:
        json.dump(report, f, indent=2)
    # EVAL_METRIC_CHOICES names the metrics to log (the report always holds them all).
    for name in os.environ.get("EVAL_METRIC_CHOICES", "auc").split(","):
        print(f"test {name.strip()}={report['metrics'][name.strip()]['value']:.4f}")


if __name__ == "__main__":
    main()
