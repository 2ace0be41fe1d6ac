# step: DataLoad
"""Synthesises data; the input folder's constant is defined for later but not used yet."""
import argparse
import os
from pathlib import Path

import numpy as np
import pandas as pd

INPUT = Path("/opt/ml/processing/input/data")
OUTPUT = Path("/opt/ml/processing/output")

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--job_type", required=True)
    args = parser.parse_args()
    fmt = os.environ.get("OUTPUT_FORMAT", "CSV")
    rng = np.random.default_rng(7)
    df = pd.DataFrame({"customer_id": range(100), "target": rng.integers(0, 2, 100), "feature1": rng.normal(size=100)})
    for folder in ("data", "metadata", "signature"):
        (OUTPUT / folder).mkdir(parents=True, exist_ok=True)
    df.to_csv(OUTPUT / "data" / f"{args.job_type}.csv", index=False)
    (OUTPUT / "metadata" / "metadata.txt").write_text(f"rows={len(df)} format={fmt}\n")
    (OUTPUT / "signature" / "signature.csv").write_text(",".join(df.columns) + "\n")
