# step: XGBoostTraining
# config: {"hyperparameters": {"max_depth": 3}, "metricDefinitions": []}
# expect-file: PD503
"""The train channel's folder misspelt in a module constant."""
import json
import os

import xgboost as xgb

BASE = "/opt/ml/input/data"
TRAIN_DIR = os.path.join(BASE, "trian")  # expect: PD502
VALIDATION_DIR = os.path.join(BASE, "validation")
TEST_DIR = os.path.join(BASE, "test")

with open(os.path.join(BASE, "config", "hyperparameters.json")) as f:
    hp = json.load(f)
dtrain = xgb.DMatrix(os.path.join(TRAIN_DIR, "train.libsvm"))
dval = xgb.DMatrix(os.path.join(VALIDATION_DIR, "validation.libsvm"))
dtest = xgb.DMatrix(os.path.join(TEST_DIR, "test.libsvm"))
booster = xgb.train({"max_depth": hp["max_depth"]}, dtrain, evals=[(dval, "validation"), (dtest, "test")])
booster.save_model("/opt/ml/model/xgboost_model.bst")
