"""Scores the XGBoost model trained by xgboost_training.py on the held-out test split.

The model input is the archive the training job uploaded (model.tar.gz holding xgboost_model.bst
and feature_config.json). The report, evaluation.json, is what the pipeline's EvaluationReport
property file exposes to its condition: {"metrics": {"auc": {"value": ...}, ...}}. The feature
encoding is duplicated from the training script on purpose: this file ships in its own archive.
"""
import json
import os
import tarfile
from pathlib import Path

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import (accuracy_score, average_precision_score, f1_score, precision_score,
                             recall_score, roc_auc_score)

MODEL_DIR = Path("/opt/ml/processing/input/model")
TEST_DIR = Path("/opt/ml/processing/input/eval_data") / "test"
REPORT_DIR = Path("/opt/ml/processing/output/evaluation")


def load_model():
    """Unpacks model.tar.gz next to itself and loads the booster and its feature config."""
    with tarfile.open(MODEL_DIR / "model.tar.gz") as archive:
        archive.extractall(MODEL_DIR)
    booster = xgb.Booster()
    booster.load_model(str(MODEL_DIR / "xgboost_model.bst"))
    config = json.loads((MODEL_DIR / "feature_config.json").read_text())
    return booster, config


def read_test():
    files = sorted(TEST_DIR.rglob("*.csv")) + sorted(TEST_DIR.rglob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"No csv/parquet files in {TEST_DIR}")
    frames = [pd.read_parquet(f) if f.suffix == ".parquet" else pd.read_csv(f) for f in files]
    return pd.concat(frames, ignore_index=True)


def to_matrix(df, config):
    features = df[config["features"]].copy()
    for col in config["cat_fields"]:
        # Unseen categories become NaN, which xgboost routes down its learned default branch.
        features[col] = features[col].astype(str).map(config["category_codes"][col])
    return xgb.DMatrix(features.astype(float).to_numpy(), feature_names=config["features"])


def predict(booster, dmatrix):
    # Score with the best round early stopping kept (saved with the model), else every tree.
    best = booster.attr("best_iteration")
    return booster.predict(dmatrix, iteration_range=(0, int(best) + 1) if best is not None else (0, 0))


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
    booster, config = load_model()
    test_df = read_test()
    probs = predict(booster, to_matrix(test_df, config))
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
