# step: XGBoostEvaluation
# expect-file: PD542
"""Reads "tset/" (a typo): the preprocessing writes train/, validation/ and test/."""
import json
import os
import tarfile

import pandas as pd
import xgboost as xgb
from sklearn.metrics import f1_score, roc_auc_score

MODEL_DIR = "/opt/ml/processing/input/model"
DATA = "/opt/ml/processing/input/eval_data/tset/test_processed_data.csv"  # expect: PD541
OUT = "/opt/ml/processing/output/evaluation"

with tarfile.open(os.path.join(MODEL_DIR, "model.tar.gz")) as archive:
    archive.extractall(MODEL_DIR)
booster = xgb.Booster()
booster.load_model(os.path.join(MODEL_DIR, "xgboost_model.bst"))
test = pd.read_csv(DATA)
probs = booster.predict(xgb.DMatrix(test.drop(columns=["target"]).to_numpy()))
metrics = {"auc": {"value": roc_auc_score(test["target"], probs)}, "f1": {"value": f1_score(test["target"], probs > 0.5)}}
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "evaluation.json"), "w") as f:
    json.dump({"metrics": metrics}, f)
print(os.environ.get("EVAL_METRIC_CHOICES", "auc"))
