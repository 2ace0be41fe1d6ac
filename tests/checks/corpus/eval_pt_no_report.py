# step: PyTorchEvaluation
# expect-file: PD544
"""Writes metrics.json: the property file reads evaluation.json, so every condition on it fails."""
import json
import os
import tarfile

import pandas as pd
import torch
from sklearn.metrics import f1_score, roc_auc_score

MODEL_DIR = "/opt/ml/processing/input/model"
with tarfile.open(f"{MODEL_DIR}/model.tar.gz") as archive:
    archive.extractall(MODEL_DIR)
model = torch.jit.load(f"{MODEL_DIR}/model.pth")
test = pd.read_csv("/opt/ml/processing/input/eval_data/test/test_processed_data.csv")
with torch.no_grad():
    probs = torch.sigmoid(model(torch.tensor(test.drop(columns=["target"]).values).float())).numpy()
scores = {"auc": {"value": float(roc_auc_score(test["target"], probs))},
          "f1": {"value": float(f1_score(test["target"], probs > 0.5))}}
os.makedirs("/opt/ml/processing/output/evaluation", exist_ok=True)
with open("/opt/ml/processing/output/evaluation/metrics.json", "w") as f:
    json.dump({"metrics": scores}, f)
print(os.environ.get("EVAL_METRIC_CHOICES", "auc"))
