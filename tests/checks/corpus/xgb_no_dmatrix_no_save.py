# step: XGBoostTraining
# config: {"hyperparameters": {"max_depth": 2}, "metricDefinitions": []}
# expect-file: PD505 PD515 PD517
"""Trains from a file URI without a DMatrix and forgets to save the booster (the model dir only printed)."""
import json

import xgboost as xgb

with open("/opt/ml/input/data/config/hyperparameters.json") as f:
    hp = json.load(f)
paths = {split: f"/opt/ml/input/data/{split}/data.csv" for split in ("train", "validation", "test")}
booster = xgb.train({"max_depth": hp["max_depth"]}, paths["train"])
print("model dir is /opt/ml/model")
