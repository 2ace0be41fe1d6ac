"""SageMaker PyTorch serving handlers for the tabular classifier trained by train.py.

The model class and feature encoding are duplicated from train.py on purpose:
this file ships in its own source archive, so it cannot import the training script.
"""
import io
import json
import os

import numpy as np
import pandas as pd
import torch
from torch import nn

JSON_TYPE = "application/json"
CSV_TYPE = "text/csv"


class TabularClassifier(nn.Module):
    """Embeddings for categorical columns concatenated with numeric columns, then an MLP."""

    def __init__(self, cat_cardinalities, n_tab, hidden_dims=(64, 32), dropout=0.1):
        super().__init__()
        # Index 0 of every embedding is reserved for unseen or missing categories.
        self.embeddings = nn.ModuleList(nn.Embedding(n + 1, min(16, (n + 2) // 2)) for n in cat_cardinalities)
        layers, width = [], n_tab + sum(e.embedding_dim for e in self.embeddings)
        for hidden in hidden_dims:
            layers += [nn.Linear(width, hidden), nn.ReLU(), nn.Dropout(dropout)]
            width = hidden
        layers.append(nn.Linear(width, 1))
        self.mlp = nn.Sequential(*layers)

    def forward(self, x_cat, x_tab):
        parts = [emb(x_cat[:, i]) for i, emb in enumerate(self.embeddings)] + [x_tab]
        return self.mlp(torch.cat(parts, dim=1)).squeeze(1)


def encode_features(df, config):
    codes = [df[c].astype(str).map(config["vocab"][c]).fillna(0).astype("int64") for c in config["cat_fields"]]
    x_cat = np.stack(codes, axis=1) if codes else np.zeros((len(df), 0), dtype=np.int64)
    tab = df[config["tab_fields"]].astype(float).to_numpy()
    x_tab = np.nan_to_num((tab - np.array(config["tab_mean"])) / np.array(config["tab_std"]))
    return torch.from_numpy(x_cat), torch.tensor(x_tab, dtype=torch.float32)


def model_fn(model_dir):
    with open(os.path.join(model_dir, "model_config.json")) as f:
        config = json.load(f)
    cardinalities = [len(config["vocab"][c]) for c in config["cat_fields"]]
    model = TabularClassifier(cardinalities, len(config["tab_fields"]), config["hidden_dims"])
    state = torch.load(os.path.join(model_dir, "model.pth"), map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    model.eval()
    # The config travels with the model so predict_fn can encode rows exactly as training did.
    return {"model": model, "config": config}


def name_csv_columns(df, config):
    """Name a CSV request's columns: use its own header row if it has one, else match by count."""
    known_layouts = (config["input_fields"], config["feature_fields"])
    first_row = [str(v) for v in df.iloc[0]]
    if first_row in known_layouts:
        return df.iloc[1:].set_axis(first_row, axis=1).reset_index(drop=True)
    for names in known_layouts:
        if len(df.columns) == len(names):
            return df.set_axis(names, axis=1)
    raise ValueError(
        f"CSV rows have {len(df.columns)} columns; expected {len(config['input_fields'])} "
        f"(all training columns) or {len(config['feature_fields'])} (features only)"
    )


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


def predict_fn(input_data, model_artifacts):
    model, config = model_artifacts["model"], model_artifacts["config"]
    df = name_csv_columns(input_data, config) if input_data.attrs.get("headerless") else input_data
    missing = [c for c in config["cat_fields"] + config["tab_fields"] if c not in df.columns]
    if missing:
        raise ValueError(f"Request is missing feature columns: {missing}")
    with torch.no_grad():
        probs = torch.sigmoid(model(*encode_features(df, config))).numpy()
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
