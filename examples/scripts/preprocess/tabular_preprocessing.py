"""Tabular preprocessing step (SageMaker Processing).

Combines the step's input files, drops rows without a label and, for the
training job type, makes a stratified train/validation/test split. Other job
types are cleaned but kept whole, so calibration or testing data stays intact.
"""
import argparse
import os
from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

INPUT_DATA_DIR = Path("/opt/ml/processing/input/data")
INPUT_SIGNATURE_DIR = Path("/opt/ml/processing/input/signature")
OUTPUT_DIR = Path("/opt/ml/processing/output")

JOB_TYPES = ("training", "validation", "testing", "calibration")
FORMATS = {"CSV": ("csv", ","), "TSV": ("tsv", "\t"), "PARQUET": ("parquet", None)}
RANDOM_STATE = 42


def read_signature(signature_dir):
    """Column names from the data-loading signature file, or None when absent."""
    if not signature_dir.is_dir():
        return None
    files = sorted(p for p in signature_dir.iterdir() if p.is_file())
    if not files:
        return None
    text = files[0].read_text().strip()
    # Accept both a single CSV header line and one column name per line.
    separator = "," if "\n" not in text else "\n"
    return [name.strip() for name in text.split(separator) if name.strip()]


def read_table(path, signature):
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    sep = "\t" if suffix in (".tsv", ".tab") else ","
    df = pd.read_csv(path, sep=sep)
    # A file whose first row is not the signature is headerless: re-read it with the signature names.
    if signature and list(df.columns) != signature and len(df.columns) == len(signature):
        df = pd.read_csv(path, sep=sep, header=None, names=signature)
    return df


def load_data(input_dir, signature):
    patterns = ("*.csv", "*.tsv", "*.tab", "*.parquet")
    files = sorted(p for pattern in patterns for p in input_dir.rglob(pattern))
    if not files:
        raise FileNotFoundError(f"No CSV/TSV/Parquet files found under {input_dir}")
    print(f"Reading {len(files)} file(s) from {input_dir}")
    return pd.concat([read_table(f, signature) for f in files], ignore_index=True)


def clean_label(df, label_field):
    if label_field not in df.columns:
        raise KeyError(f"Label field {label_field!r} not in columns {list(df.columns)}")
    before = len(df)
    df = df.dropna(subset=[label_field]).copy()
    print(f"Dropped {before - len(df)} row(s) with a missing {label_field!r}")
    # Models downstream expect integer class ids; string labels get stable sorted codes.
    numeric = pd.to_numeric(df[label_field], errors="coerce")
    if numeric.notna().all():
        df[label_field] = numeric.astype(int)
    else:
        classes = sorted(df[label_field].astype(str).unique())
        df[label_field] = df[label_field].astype(str).map({c: i for i, c in enumerate(classes)})
    return df.reset_index(drop=True)


def stratify_on(labels):
    # train_test_split refuses to stratify when a class has fewer than two rows.
    return labels if labels.value_counts().min() >= 2 else None


def split_training(df, label_field, train_ratio, test_val_ratio):
    train, holdout = train_test_split(
        df, train_size=train_ratio, random_state=RANDOM_STATE, stratify=stratify_on(df[label_field])
    )
    # TEST_VAL_RATIO is the share of the held-out rows that goes to test.
    validation, test = train_test_split(
        holdout,
        test_size=test_val_ratio,
        random_state=RANDOM_STATE,
        stratify=stratify_on(holdout[label_field]),
    )
    return {"train": train, "validation": validation, "test": test}


def write_split(df, split, output_format):
    extension, sep = FORMATS[output_format]
    split_dir = OUTPUT_DIR / split
    split_dir.mkdir(parents=True, exist_ok=True)
    path = split_dir / f"{split}_processed_data.{extension}"
    if sep is None:
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, sep=sep, index=False)
    print(f"Wrote {len(df)} rows to {path}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--job_type", required=True, choices=JOB_TYPES)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    label_field = os.environ.get("LABEL_FIELD")
    if not label_field:
        raise ValueError("The LABEL_FIELD environment variable is required")
    train_ratio = float(os.environ.get("TRAIN_RATIO", "0.7"))
    test_val_ratio = float(os.environ.get("TEST_VAL_RATIO", "0.5"))
    output_format = os.environ.get("OUTPUT_FORMAT", "CSV").upper()
    if output_format not in FORMATS:
        raise ValueError(f"OUTPUT_FORMAT must be one of {sorted(FORMATS)}, got {output_format!r}")

    signature = read_signature(INPUT_SIGNATURE_DIR)
    df = clean_label(load_data(INPUT_DATA_DIR, signature), label_field)

    if args.job_type == "training":
        splits = split_training(df, label_field, train_ratio, test_val_ratio)
    else:
        splits = {args.job_type: df}
    for split, split_df in splits.items():
        write_split(split_df, split, output_format)


if __name__ == "__main__":
    main()
