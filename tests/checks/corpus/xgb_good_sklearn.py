# step: XGBoostTraining
# config: {"hyperparameters": {"max_depth": 4, "eta": 0.2, "num_round": 50}, "metricDefinitions": [{"name": "Validation AUC", "regex": "validation-auc:([0-9\\.]+)"}]}
"""The sklearn API: XGBClassifier.fit on the train split, scored on validation and test."""
import json
import os

import joblib
import pandas as pd
from sklearn.metrics import roc_auc_score
from xgboost import XGBClassifier

CHANNELS = "/opt/ml/input/data"
CONFIG = os.path.join(CHANNELS, "config", "hyperparameters.json")
MODEL_DIR = os.environ.get("SM_MODEL_DIR", "/opt/ml/model")


def load(split):
    return pd.read_csv(os.path.join(CHANNELS, split, f"{split}.csv"))


def main():
    with open(CONFIG) as handle:
        params = json.load(handle)
    train, validation, test = load("train"), load("validation"), load("test")
    model = XGBClassifier(
        max_depth=params["max_depth"],
        learning_rate=params.get("eta", 0.3),
        n_estimators=params.get("num_round", 100),
        objective=params["objective"],
    )
    model.fit(train.drop(columns=["target"]), train["target"])
    for name, frame in (("validation", validation), ("test", test)):
        auc = roc_auc_score(frame["target"], model.predict_proba(frame.drop(columns=["target"]))[:, 1])
        print(f"{name}-auc:{auc:.4f}")
    joblib.dump(model, os.path.join(MODEL_DIR, "model.joblib"))


if __name__ == "__main__":
    main()
