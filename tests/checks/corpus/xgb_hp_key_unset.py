# step: XGBoostTraining
# config: {"hyperparameters": {"max_depth": 5, "eta": 0.1}, "metricDefinitions": []}
# expect-file: PD522
"""hp["max_dept"] raises KeyError: the step sets max_depth."""
import json

import xgboost as xgb

HP_FILE = "/opt/ml/input/data/config/hyperparameters.json"


def load_hp(path=HP_FILE):
    with open(path) as f:
        return json.load(f)


def train(hp, data):
    params = {"max_depth": hp["max_dept"], "eta": hp.get("eta", 0.3)}  # expect: PD521
    return xgb.train(params, data["train"], evals=[(data["validation"], "validation")])


hyperparameters = load_hp()
splits = {name: xgb.DMatrix(f"/opt/ml/input/data/{name}/data.csv?format=csv&label_column=0") for name in ("train", "validation", "test")}
booster = train(hyperparameters, splits)
booster.save_model("/opt/ml/model/xgboost_model.bst")
