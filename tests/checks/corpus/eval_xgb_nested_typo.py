# step: XGBoostEvaluation
"""Fills the report through a helper and per-key assignments; the f1 score lands under "f1_score"."""
import json
import os
import tarfile

import pandas as pd
import xgboost as xgb
from sklearn.metrics import f1_score, roc_auc_score

MODEL_DIR = "/opt/ml/processing/input/model"
REPORT_PATH = os.path.join("/opt/ml/processing/output/evaluation", "evaluation.json")


def scores(labels, probs):
    metrics = {}
    metrics["auc"] = {"value": roc_auc_score(labels, probs)}
    metrics["f1_score"] = {"value": f1_score(labels, probs > 0.5)}  # expect: PD545
    return metrics


with tarfile.open(os.path.join(MODEL_DIR, "model.tar.gz")) as archive:
    archive.extractall(MODEL_DIR)
booster = xgb.Booster(model_file=os.path.join(MODEL_DIR, "xgboost_model.bst"))
test = pd.read_csv("/opt/ml/processing/input/eval_data/test/test_processed_data.csv")
probs = booster.predict(xgb.DMatrix(test.drop(columns=["target"]).to_numpy()))
os.makedirs(os.path.dirname(REPORT_PATH), exist_ok=True)
with open(REPORT_PATH, "w") as out:
    json.dump({"metrics": scores(test["target"], probs), "rows": len(test)}, out)
print(os.environ.get("EVAL_METRIC_CHOICES", "auc"))
