# step: PyTorchEvaluation
# expect-file: PD543
"""Loads model.pth straight from the model input, which holds only model.tar.gz."""
import json
import os

import pandas as pd
import torch
from sklearn.metrics import f1_score, roc_auc_score

state = torch.load("/opt/ml/processing/input/model/model.pth")  # expect: PD541
test = pd.read_csv("/opt/ml/processing/input/eval_data/test/test_processed_data.csv")
model = torch.nn.Linear(test.shape[1] - 1, 1)
model.load_state_dict(state)
probs = torch.sigmoid(model(torch.tensor(test.drop(columns=["target"]).values).float())).detach().numpy()
report = {"metrics": {"auc": {"value": float(roc_auc_score(test["target"], probs))},
                      "f1": {"value": float(f1_score(test["target"], probs > 0.5))}}}
os.makedirs("/opt/ml/processing/output/evaluation", exist_ok=True)
with open("/opt/ml/processing/output/evaluation/evaluation.json", "w") as f:
    json.dump(report, f)
print(os.environ.get("EVAL_METRIC_CHOICES", "auc"))
