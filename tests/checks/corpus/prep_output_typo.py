# step: TabularPreprocessing
# expect-file: PD506
"""The output folder misspelt: nothing reaches processed_data."""
import os
from pathlib import Path

import pandas as pd

INPUT = Path("/opt/ml/processing/input/data")
SIGNATURE = Path("/opt/ml/processing/input/signature")
OUTPUT = Path("/opt/ml/processing/ouput")  # expect: PD502

label = os.environ["LABEL_FIELD"]
train_ratio = float(os.environ["TRAIN_RATIO"])
test_val_ratio = float(os.environ["TEST_VAL_RATIO"])
output_format = os.environ["OUTPUT_FORMAT"]
columns = (SIGNATURE / "signature.csv").read_text().strip().split(",")
df = pd.concat(pd.read_csv(path, names=columns) for path in INPUT.glob("*.csv")).dropna(subset=[label])
cut = int(len(df) * train_ratio)
held = df.iloc[cut:]
middle = int(len(held) * test_val_ratio)
for split, frame in (("train", df.iloc[:cut]), ("validation", held.iloc[middle:]), ("test", held.iloc[:middle])):
    (OUTPUT / split).mkdir(parents=True, exist_ok=True)
    frame.to_csv(OUTPUT / split / f"{split}.{output_format.lower()}", index=False)
