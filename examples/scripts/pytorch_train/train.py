"""PyTorch tabular binary classifier, SageMaker script-mode training entry point.

Categorical columns go through embeddings, numeric ones are standardised, and both feed an MLP
with one logit. Metrics print as `name=value` lines for the estimator's metric_definitions.
"""
import argparse
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from sklearn.metrics import f1_score, roc_auc_score
from torch import nn

DATA_DIR = Path(os.environ.get("SM_CHANNEL_DATA", "/opt/ml/input/data/data"))
MODEL_DIR = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
OUTPUT_DATA_DIR = Path(os.environ.get("SM_OUTPUT_DATA_DIR", "/opt/ml/output/data"))
HIDDEN_DIMS = [64, 32]


class TabularClassifier(nn.Module):
    """Embeddings for categorical columns concatenated with numeric columns, then an MLP."""

    def __init__(self, cat_cardinalities, n_tab, hidden_dims=HIDDEN_DIMS, dropout=0.1):
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


def as_list(value):
    # SageMaker passes hyperparameters as strings; lists arrive JSON-encoded.
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    return list(value or [])


def parse_args(argv=None):
    hps = json.loads(os.environ.get("SM_HPS", "{}"))  # fallback when an arg is not on the command line
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--id_name", default=hps.get("id_name", "customer_id"))
    parser.add_argument("--label_name", default=hps.get("label_name", "target"))
    for name in ("full_field_list", "tab_field_list", "cat_field_list"):
        parser.add_argument(f"--{name}", type=as_list, default=as_list(hps.get(name, [])))
    parser.add_argument("--learning_rate", type=float, default=float(hps.get("learning_rate", 1e-3)))
    parser.add_argument("--batch_size", type=int, default=int(hps.get("batch_size", 64)))
    parser.add_argument("--epochs", type=int, default=int(hps.get("epochs", 10)))
    args, _ = parser.parse_known_args(argv)  # tolerate extra hyperparameters set in the designer
    return args


def read_split(*names):
    """All csv/parquet files of the first split directory (of `names`) that has any."""
    for split_dir in (DATA_DIR / name for name in names):
        files = sorted(split_dir.glob("*.csv")) + sorted(split_dir.glob("*.parquet"))
        if files:
            frames = [pd.read_parquet(f) if f.suffix == ".parquet" else pd.read_csv(f) for f in files]
            return pd.concat(frames, ignore_index=True)
    raise FileNotFoundError(f"No csv/parquet files in any of {names} under {DATA_DIR}")


def build_config(args, train_df):
    """Everything inference needs to rebuild the model and encode rows as training did."""
    used = set(args.full_field_list) or set(train_df.columns)
    features = [c for c in train_df.columns if c in used and c not in (args.id_name, args.label_name)]
    cat_fields = args.cat_field_list or [
        c for c in features if not pd.api.types.is_numeric_dtype(train_df[c])]
    tab_fields = args.tab_field_list or [c for c in features if c not in cat_fields]
    vocab = {c: {v: i + 1 for i, v in enumerate(sorted(train_df[c].dropna().astype(str).unique()))}
             for c in cat_fields}
    tab = train_df[tab_fields].astype(float)
    # input_fields/feature_fields let inference name the columns of headerless CSV requests.
    return {"id_name": args.id_name, "label_name": args.label_name, "cat_fields": cat_fields,
            "tab_fields": tab_fields, "hidden_dims": HIDDEN_DIMS, "vocab": vocab,
            "input_fields": list(train_df.columns), "feature_fields": features,
            "tab_mean": tab.mean().fillna(0.0).tolist(),
            "tab_std": tab.std().fillna(1.0).replace(0.0, 1.0).tolist()}


def encode_features(df, config):
    codes = [df[c].astype(str).map(config["vocab"][c]).fillna(0).astype("int64") for c in config["cat_fields"]]
    x_cat = np.stack(codes, axis=1) if codes else np.zeros((len(df), 0), dtype=np.int64)
    tab = df[config["tab_fields"]].astype(float).to_numpy()
    x_tab = np.nan_to_num((tab - np.array(config["tab_mean"])) / np.array(config["tab_std"]))
    return torch.from_numpy(x_cat), torch.tensor(x_tab, dtype=torch.float32)


def to_tensors(df, config):
    y = torch.tensor(df[config["label_name"]].astype(float).to_numpy(), dtype=torch.float32)
    return (*encode_features(df, config), y)


def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total = 0.0
    for x_cat, x_tab, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x_cat, x_tab), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
    return total / len(loader.dataset)


@torch.no_grad()
def evaluate(model, tensors, loss_fn):
    model.eval()
    x_cat, x_tab, y = tensors
    logits = model(x_cat, x_tab)
    probs, labels = torch.sigmoid(logits).numpy(), y.numpy().astype(int)
    # AUROC is undefined when the validation set holds a single class.
    auroc = roc_auc_score(labels, probs) if len(set(labels)) > 1 else float("nan")
    return loss_fn(logits, y).item(), f1_score(labels, probs >= 0.5, zero_division=0), auroc, probs


def save_artifacts(model, config, val_df, val_probs):
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), MODEL_DIR / "model.pth")
    (MODEL_DIR / "categorical_vocab.json").write_text(json.dumps(config["vocab"], indent=2))
    (MODEL_DIR / "model_config.json").write_text(json.dumps(config, indent=2))
    OUTPUT_DATA_DIR.mkdir(parents=True, exist_ok=True)
    keep = [c for c in (config["id_name"], config["label_name"]) if c in val_df.columns]
    val_df[keep].assign(prob=val_probs).to_csv(OUTPUT_DATA_DIR / "val_predictions.csv", index=False)
    print(f"Saved model to {MODEL_DIR} and validation predictions to {OUTPUT_DATA_DIR}")


def main(argv=None):
    args = parse_args(argv)
    torch.manual_seed(42)
    train_df, val_df = read_split("train"), read_split("validation", "val")
    config = build_config(args, train_df)
    train_tensors, val_tensors = to_tensors(train_df, config), to_tensors(val_df, config)

    cardinalities = [len(config["vocab"][c]) for c in config["cat_fields"]]
    model = TabularClassifier(cardinalities, len(config["tab_fields"]), config["hidden_dims"])
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = nn.BCEWithLogitsLoss()
    dataset = torch.utils.data.TensorDataset(*train_tensors)
    loader = torch.utils.data.DataLoader(dataset, batch_size=args.batch_size, shuffle=True)

    for epoch in range(1, args.epochs + 1):
        train_loss = train_epoch(model, loader, optimizer, loss_fn)
        val_loss, val_f1, val_auroc, val_probs = evaluate(model, val_tensors, loss_fn)
        # One metric per line keeps each metric_definitions regex simple.
        print(f"epoch={epoch}\ntrain_loss={train_loss:.4f}\nval_loss={val_loss:.4f}\n"
              f"val/f1_score={val_f1:.4f}\nval/auroc={val_auroc:.4f}", flush=True)

    save_artifacts(model, config, val_df, val_probs)


if __name__ == "__main__":
    main()
