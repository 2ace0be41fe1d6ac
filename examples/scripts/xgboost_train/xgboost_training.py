"""XGBoost binary classifier, SageMaker XGBoost framework-mode training entry point.

Hyperparameters come from a JSON file delivered on the `config` input channel,
which keeps field lists as real JSON lists instead of stringified CLI arguments.
"""
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import f1_score, roc_auc_score

INPUT_DIR = Path("/opt/ml/input/data")
HYPERPARAMETERS_PATH = INPUT_DIR / "config" / "hyperparameters.json"
MODEL_DIR = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
OUTPUT_DATA_DIR = Path(os.environ.get("SM_OUTPUT_DATA_DIR", "/opt/ml/output/data"))
# hyperparameters.json key -> xgboost parameter; lambda/alpha carry a suffix in the designer.
PARAM_NAMES = {"max_depth": "max_depth", "eta": "eta", "gamma": "gamma",
               "min_child_weight": "min_child_weight", "subsample": "subsample",
               "colsample_bytree": "colsample_bytree", "lambda_xgb": "lambda", "alpha_xgb": "alpha",
               "seed": "seed"}


def load_hyperparameters(path=HYPERPARAMETERS_PATH):
    with open(path) as f:
        hp = json.load(f)
    for key in ("id_name", "label_name"):
        if key not in hp:
            raise KeyError(f"{path} is missing required key {key!r}")
    return hp


def read_channel(name):
    """All csv/parquet files of one input channel, or None when the channel is absent or empty."""
    channel = INPUT_DIR / name
    files = sorted(channel.rglob("*.csv")) + sorted(channel.rglob("*.parquet")) if channel.is_dir() else []
    if not files:
        return None
    frames = [pd.read_parquet(f) if f.suffix == ".parquet" else pd.read_csv(f) for f in files]
    return pd.concat(frames, ignore_index=True)


def feature_config(hp, train_df):
    """Feature order and category codes, learned from train and reused for every other split."""
    excluded = {hp["id_name"], hp["label_name"]}
    candidates = hp.get("full_field_list") or list(train_df.columns)
    # Without an explicit list, every non-numeric column is treated as categorical.
    cat_fields = hp.get("cat_field_list") or [
        c for c in candidates if c not in excluded and not pd.api.types.is_numeric_dtype(train_df[c])]
    tab_fields = hp.get("tab_field_list") or [c for c in candidates if c not in excluded and c not in cat_fields]
    codes = {c: {v: i for i, v in enumerate(sorted(train_df[c].dropna().astype(str).unique()))}
             for c in cat_fields}
    # input_fields lets inference name the columns of headerless CSV requests.
    return {"id_name": hp["id_name"], "label_name": hp["label_name"], "input_fields": list(train_df.columns),
            "features": list(tab_fields) + list(cat_fields), "cat_fields": list(cat_fields),
            "category_codes": codes}


def to_matrix(df, config, with_label=True):
    features = df[config["features"]].copy()
    for col in config["cat_fields"]:
        # Unseen categories become NaN, which xgboost routes down its learned default branch.
        features[col] = features[col].astype(str).map(config["category_codes"][col])
    label = df[config["label_name"]].astype(int).to_numpy() if with_label else None
    return xgb.DMatrix(features.astype(float).to_numpy(), label=label, feature_names=config["features"])


class PrintMetrics(xgb.callback.TrainingCallback):
    """Print each round's losses in the form the estimator's metric_definitions expect."""

    def after_iteration(self, model, epoch, evals_log):
        print(f"Round {epoch}")
        for split, label in (("train", "Train"), ("validation", "Validation")):
            metrics = evals_log.get(split, {})
            if "logloss" in metrics:
                print(f"{label} Loss: {metrics['logloss'][-1]:.4f}")
            if "auc" in metrics:
                print(f"{label} AUC: {metrics['auc'][-1]:.4f}")
        return False  # never stop training from here; early stopping is xgboost's job


def train(hp, dtrain, dval):
    params = {"objective": "binary:logistic", "eval_metric": ["logloss", "auc"]}
    params.update({xgb_name: hp[key] for key, xgb_name in PARAM_NAMES.items() if key in hp})
    return xgb.train(
        params, dtrain, num_boost_round=int(hp.get("num_round", 100)),
        evals=[(dtrain, "train"), (dval, "validation")],
        early_stopping_rounds=int(hp.get("early_stopping_rounds", 10)),
        callbacks=[PrintMetrics()], verbose_eval=False,
    )


def predict(booster, dmatrix):
    # Score with the best round, not the last one trained before early stopping kicked in.
    best = booster.attr("best_iteration")  # set by early stopping, also kept in the saved model
    return booster.predict(dmatrix, iteration_range=(0, int(best) + 1) if best is not None else (0, 0))


def report_validation(booster, dval):
    labels, probs = dval.get_label().astype(int), predict(booster, dval)
    print(f"Validation F1 Score: {f1_score(labels, probs >= 0.5, zero_division=0):.4f}")
    # AUC is undefined for a single-class validation set.
    auc = roc_auc_score(labels, probs) if len(np.unique(labels)) > 1 else float("nan")
    print(f"Validation AUC ROC: {auc:.4f}")


def save_artifacts(booster, config):
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(MODEL_DIR / "xgboost_model.bst"))
    (MODEL_DIR / "category_codes.json").write_text(json.dumps(config["category_codes"], indent=2))
    (MODEL_DIR / "feature_config.json").write_text(json.dumps(config, indent=2))


def write_test_predictions(booster, test_df, config):
    OUTPUT_DATA_DIR.mkdir(parents=True, exist_ok=True)
    has_label = config["label_name"] in test_df.columns
    probs = predict(booster, to_matrix(test_df, config, with_label=has_label))
    keep = [c for c in (config["id_name"], config["label_name"]) if c in test_df.columns]
    path = OUTPUT_DATA_DIR / "test_predictions.csv"
    test_df[keep].assign(prob=probs).to_csv(path, index=False)
    print(f"Wrote {len(test_df)} test predictions to {path}")


def main():
    hp = load_hyperparameters()
    train_df, val_df, test_df = read_channel("train"), read_channel("validation"), read_channel("test")
    if train_df is None or val_df is None:
        raise FileNotFoundError(f"The train and validation channels under {INPUT_DIR} need csv/parquet data")
    config = feature_config(hp, train_df)
    dtrain, dval = to_matrix(train_df, config), to_matrix(val_df, config)

    booster = train(hp, dtrain, dval)
    report_validation(booster, dval)
    save_artifacts(booster, config)
    if test_df is not None:
        write_test_predictions(booster, test_df, config)


if __name__ == "__main__":
    main()
