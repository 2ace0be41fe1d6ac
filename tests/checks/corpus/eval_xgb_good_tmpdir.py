# step: XGBoostEvaluation
"""Unpacks the model into a temporary folder and builds the report key by key: nothing to flag."""
import json
import os
import tarfile
from pathlib import Path

import pandas as pd
import xgboost as xgb
from sklearn.metrics import f1_score, roc_auc_score

MODEL_ARCHIVE = "/opt/ml/processing/input/model/model.tar.gz"
UNPACKED = "/tmp/model"
TEST_SPLIT = os.path.join("/opt/ml/processing/input/eval_data", "test")
OUTPUT = Path("/opt/ml/processing/output/evaluation")

with tarfile.open(MODEL_ARCHIVE) as archive:
    archive.extractall(path=UNPACKED)
booster = xgb.Booster()
booster.load_model(os.path.join(UNPACKED, "xgboost_model.bst"))
with open(os.path.join(UNPACKED, "feature_config.json")) as f:
    features = json.load(f)["features"]
test = pd.concat(pd.read_csv(os.path.join(TEST_SPLIT, name)) for name in os.listdir(TEST_SPLIT))
probs = booster.predict(xgb.DMatrix(test[features].astype(float).to_numpy(), feature_names=features))
labels = test["target"].astype(int)

report = {}
report["metrics"] = {}
report["metrics"]["auc"] = {"value": float(roc_auc_score(labels, probs))}
report["metrics"].update(f1={"value": float(f1_score(labels, probs >= 0.5))})
OUTPUT.mkdir(parents=True, exist_ok=True)
(OUTPUT / "evaluation.json").write_text(json.dumps(report))
print("metrics to log:", os.environ.get("EVAL_METRIC_CHOICES", "auc"))
