# step: XGBoostEvaluation
# expect-file: PD543
"""Loads "xgboost-model" (the built-in algorithm's name); the training script saves xgboost_model.bst."""
import json
import os
import tarfile
from pathlib import Path

import pandas as pd
import xgboost as xgb
from sklearn.metrics import f1_score, roc_auc_score

MODEL_DIR = Path("/opt/ml/processing/input/model")
with tarfile.open(MODEL_DIR / "model.tar.gz") as archive:
    archive.extractall(MODEL_DIR)
booster = xgb.Booster()
booster.load_model(str(MODEL_DIR / "xgboost-model"))  # expect: PD541
test = pd.read_csv("/opt/ml/processing/input/eval_data/test/test_processed_data.csv")
probs = booster.predict(xgb.DMatrix(test.drop(columns=["target"]).to_numpy()))
report = {"metrics": {"auc": {"value": float(roc_auc_score(test["target"], probs))},
                      "f1": {"value": float(f1_score(test["target"], probs > 0.5))}}}
Path("/opt/ml/processing/output/evaluation").mkdir(parents=True, exist_ok=True)
Path("/opt/ml/processing/output/evaluation/evaluation.json").write_text(json.dumps(report))
print(os.environ.get("EVAL_METRIC_CHOICES", "auc"))
