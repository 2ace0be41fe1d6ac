"""Data loading step (SageMaker Processing).

Loads tabular input files if the step was given any, otherwise synthesises a
small, deterministic dataset so the pipeline can run end to end without data.
Writes the data, a metadata JSON and a column signature for downstream steps.
"""
import argparse
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

INPUT_DIR = Path("/opt/ml/processing/input/data")
OUTPUT_DATA_DIR = Path("/opt/ml/processing/output/data")
OUTPUT_METADATA_DIR = Path("/opt/ml/processing/output/metadata")
OUTPUT_SIGNATURE_DIR = Path("/opt/ml/processing/output/signature")

JOB_TYPES = ("training", "validation", "testing", "calibration")
BASE_SEED = 42
SYNTHETIC_ROWS = 1000


def read_table(path):
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix in (".tsv", ".tab"):
        return pd.read_csv(path, sep="\t")
    return pd.read_csv(path)


def load_input_files(input_dir):
    """Concatenate every CSV/TSV/Parquet file under input_dir (CSV/TSV need a header row), or None."""
    if not input_dir.is_dir():
        return None
    patterns = ("*.csv", "*.tsv", "*.tab", "*.parquet")
    files = sorted(p for pattern in patterns for p in input_dir.rglob(pattern))
    if not files:
        return None
    print(f"Reading {len(files)} input file(s) from {input_dir}")
    return pd.concat([read_table(f) for f in files], ignore_index=True)


def generate_synthetic(job_type, n_rows=SYNTHETIC_ROWS):
    # A distinct seed and id range per job type, so e.g. calibration data is not a
    # copy of the training data and ids never collide across job types.
    job_index = JOB_TYPES.index(job_type)
    rng = np.random.default_rng(BASE_SEED + job_index)
    feature1 = rng.normal(0.0, 1.0, n_rows)
    feature2 = rng.uniform(0.0, 10.0, n_rows)
    feature3 = rng.choice(["A", "B", "C", "D"], n_rows, p=[0.4, 0.3, 0.2, 0.1])
    # Make the label depend on every feature so trained models have signal to learn.
    category_effect = pd.Series(feature3).map({"A": -0.5, "B": 0.0, "C": 0.5, "D": 1.0}).to_numpy()
    logits = 1.5 * feature1 + 0.3 * (feature2 - 5.0) + category_effect
    target = (rng.uniform(size=n_rows) < 1.0 / (1.0 + np.exp(-logits))).astype(int)
    offset = job_index * 1_000_000
    return pd.DataFrame(
        {
            "customer_id": np.arange(offset, offset + n_rows),
            "target": target,
            "feature1": feature1.round(6),
            "feature2": feature2.round(6),
            "feature3": feature3,
        }
    )


def write_data(df, output_dir, output_format, job_type):
    output_dir.mkdir(parents=True, exist_ok=True)
    if output_format == "PARQUET":
        path = output_dir / f"{job_type}_data.parquet"
        df.to_parquet(path, index=False)
    elif output_format == "TSV":
        path = output_dir / f"{job_type}_data.tsv"
        df.to_csv(path, sep="\t", index=False)
    else:
        path = output_dir / f"{job_type}_data.csv"
        df.to_csv(path, index=False)
    return path


def write_metadata(df, output_dir, job_type, source, output_format):
    output_dir.mkdir(parents=True, exist_ok=True)
    metadata = {
        "job_type": job_type,
        "source": source,
        "output_format": output_format,
        "row_count": int(len(df)),
        "column_count": int(df.shape[1]),
        "columns": list(df.columns),
        "dtypes": {col: str(dtype) for col, dtype in df.dtypes.items()},
    }
    path = output_dir / "metadata.json"
    path.write_text(json.dumps(metadata, indent=2) + "\n")
    return path


def write_signature(df, output_dir):
    # A header-only CSV: readable both as "one CSV header" and with pandas.read_csv.
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / "signature.csv"
    path.write_text(",".join(df.columns) + "\n")
    return path


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--job_type", required=True, choices=JOB_TYPES)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    output_format = os.environ.get("OUTPUT_FORMAT", "CSV").upper()
    if output_format not in ("CSV", "TSV", "PARQUET"):
        raise ValueError(f"OUTPUT_FORMAT must be CSV, TSV or PARQUET, got {output_format!r}")

    df = load_input_files(INPUT_DIR)
    source = "input"
    if df is None:
        print(f"No input files under {INPUT_DIR}; generating synthetic data")
        df, source = generate_synthetic(args.job_type), "synthetic"

    data_path = write_data(df, OUTPUT_DATA_DIR, output_format, args.job_type)
    write_metadata(df, OUTPUT_METADATA_DIR, args.job_type, source, output_format)
    write_signature(df, OUTPUT_SIGNATURE_DIR)
    print(f"Wrote {len(df)} rows x {df.shape[1]} columns to {data_path}")


if __name__ == "__main__":
    main()
