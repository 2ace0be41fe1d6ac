"""SageMaker XGBoost serving handlers for the model trained by xgboost_training.py.

Feature encoding is duplicated from the training script on purpose: this file
ships in its own source archive, so it cannot import the training script.
"""
import io
import json
import os

import pandas as pd
import xgboost as xgb

JSON_TYPE = "application/json"
CSV_TYPE = "text/csv"


def model_fn(model_dir):
    booster = xgb.Booster()
    booster.load_model(os.path.join(model_dir, "xgboost_model.bst"))
    with open(os.path.join(model_dir, "feature_config.json")) as f:
        config = json.load(f)
    # The config travels with the booster so predict_fn can encode rows exactly as training did.
    return {"booster": booster, "config": config}


def input_fn(request_body, request_content_type):
    """Parse a request into a DataFrame; column naming needs the config, so it happens in predict_fn."""
    if isinstance(request_body, (bytes, bytearray)):
        request_body = request_body.decode("utf-8")
    content_type = (request_content_type or CSV_TYPE).split(";")[0].strip().lower()
    if content_type == CSV_TYPE:
        # Read as text: the header check compares strings, and encoding casts numbers itself.
        df = pd.read_csv(io.StringIO(request_body), header=None, dtype=str)
        df.attrs["headerless"] = True
        return df
    if content_type == JSON_TYPE:
        payload = json.loads(request_body)
        if isinstance(payload, dict):
            payload = payload.get("instances", [payload])
        return pd.DataFrame(payload)
    raise ValueError(f"Unsupported content type {request_content_type!r}; use {CSV_TYPE} or {JSON_TYPE}")


def name_csv_columns(df, config):
    """Name a CSV request's columns: use its own header row if it has one, else match by count."""
    known_layouts = (config["input_fields"], config["features"])
    first_row = [str(v) for v in df.iloc[0]]
    if first_row in known_layouts:
        return df.iloc[1:].set_axis(first_row, axis=1).reset_index(drop=True)
    for names in known_layouts:
        if len(df.columns) == len(names):
            return df.set_axis(names, axis=1)
    raise ValueError(
        f"CSV rows have {len(df.columns)} columns; expected {len(config['input_fields'])} "
        f"(all training columns) or {len(config['features'])} (features only)"
    )


def to_matrix(df, config):
    missing = [c for c in config["features"] if c not in df.columns]
    if missing:
        raise ValueError(f"Request is missing feature columns: {missing}")
    features = df[config["features"]].copy()
    for col in config["cat_fields"]:
        # Unseen categories become NaN, which xgboost routes down its learned default branch.
        features[col] = features[col].astype(str).map(config["category_codes"][col])
    return xgb.DMatrix(features.astype(float).to_numpy(), feature_names=config["features"])


def best_iteration_range(booster):
    # Early stopping stores best_iteration as a model attribute, which survives save/load;
    # (0, 0) means "all trees" for models trained without it.
    best = booster.attr("best_iteration")
    return (0, int(best) + 1) if best is not None else (0, 0)


def predict_fn(input_data, model_artifacts):
    booster, config = model_artifacts["booster"], model_artifacts["config"]
    df = name_csv_columns(input_data, config) if input_data.attrs.get("headerless") else input_data
    probs = booster.predict(to_matrix(df, config), iteration_range=best_iteration_range(booster))
    ids = df[config["id_name"]].tolist() if config["id_name"] in df.columns else None
    return {"ids": ids, "probs": probs.tolist()}


def output_fn(prediction, accept):
    accept = (accept or JSON_TYPE).split(";")[0].strip().lower()
    probs, ids = prediction["probs"], prediction["ids"]
    if accept == CSV_TYPE:
        return "\n".join(f"{p:.6f}" for p in probs) + "\n", CSV_TYPE
    if accept in (JSON_TYPE, "*/*"):
        rows = [{"probability": p, "prediction": int(p >= 0.5)} for p in probs]
        if ids is not None:
            for row, row_id in zip(rows, ids):
                row["id"] = row_id
        return json.dumps({"predictions": rows}), JSON_TYPE
    raise ValueError(f"Unsupported accept type {accept!r}; use {CSV_TYPE} or {JSON_TYPE}")
