# step: XGBoostModel
"""Reads the booster from a misspelt model directory."""
import xgboost as xgb


def model_fn(model_dir):
    booster = xgb.Booster()
    booster.load_model("/opt/ml/modle/xgboost_model.bst")  # expect: PD502
    return booster
