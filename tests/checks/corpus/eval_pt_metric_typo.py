# step: PyTorchEvaluation
"""The report spells the key "acu": the step's metric auc (metrics.auc.value) is not in it."""
import json
import os
import tarfile
from pathlib import Path

import pandas as pd
import torch
from sklearn.metrics import f1_score, roc_auc_score

MODEL_DIR = Path("/opt/ml/processing/input/model")
EVAL_DIR = Path("/opt/ml/processing/input/eval_data")
REPORT = Path("/opt/ml/processing/output/evaluation/evaluation.json")

with tarfile.open(MODEL_DIR / "model.tar.gz") as archive:
    archive.extractall(MODEL_DIR)
config = json.loads((MODEL_DIR / "model_config.json").read_text())
model = torch.jit.load(str(MODEL_DIR / "model.pth"))
test = pd.read_csv(EVAL_DIR / "test" / "test_processed_data.csv")
with torch.no_grad():
    probs = torch.sigmoid(model(torch.tensor(test[config["tab_fields"]].values))).numpy()
labels = test[config["label_name"]]
report = {
    "metrics": {
        "acu": {"value": float(roc_auc_score(labels, probs))},  # expect: PD545
        "f1": {"value": float(f1_score(labels, probs >= 0.5))},
    }
}
REPORT.parent.mkdir(parents=True, exist_ok=True)
with open(REPORT, "w") as f:
    json.dump(report, f)
print(os.environ.get("EVAL_METRIC_CHOICES"))
