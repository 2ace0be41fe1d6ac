# step: XGBoostTraining
# config: {"hyperparameters": {"max_depth": 3}, "metricDefinitions": []}
# expect-file: PD509
"""A misspelt hyperparameters file name: the job would fail opening it."""
import json
from pathlib import Path

import xgboost as xgb

INPUT = Path("/opt/ml/input/data")
PARAMS = INPUT / "config" / "hyperparameter.json"  # expect: PD502
MODEL = Path("/opt/ml/model")


def split(name):
    return xgb.DMatrix(str(INPUT / name / f"{name}.csv") + "?format=csv&label_column=0")


params = json.loads(PARAMS.read_text())
booster = xgb.train(params, split("train"), evals=[(split("validation"), "validation"), (split("test"), "test")])
booster.save_model(str(MODEL / "xgboost_model.bst"))
