# step: XGBoostModel
"""Serving handlers for the example's booster and feature config."""
import json
from pathlib import Path

import xgboost as xgb


def model_fn(model_dir, context=None):
    booster = xgb.Booster()
    booster.load_model(str(Path(model_dir) / "xgboost_model.bst"))
    config = json.loads((Path(model_dir) / "feature_config.json").read_text())
    return booster, config


def transform_fn(model, body, content_type, accept):
    booster, config = model
    rows = json.loads(body)["instances"]
    matrix = xgb.DMatrix(rows, feature_names=config["features"])
    return json.dumps({"predictions": booster.predict(matrix).tolist()}), accept
