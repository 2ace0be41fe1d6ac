# step: DataLoad
# expect-file: PD506
"""Reads the input folder, which only exists when Input data URI is set; forgets the signature."""
import os

import pandas as pd

df = pd.read_csv("/opt/ml/processing/input/data/raw.csv")  # expect: PD504
fmt = os.environ.get("OUTPUT_FORMAT", "CSV")
df.to_csv("/opt/ml/processing/output/data/data.csv", index=False)
df.dtypes.to_csv("/opt/ml/processing/output/metadata/dtypes.csv")
