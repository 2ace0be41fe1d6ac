# step: TabularPreprocessing
# expect-file: PD507 PD507
"""Reads LABEL_COLUMN, which nobody sets, instead of LABEL_FIELD; ignores TEST_VAL_RATIO."""
import os

import pandas as pd
from sklearn.model_selection import train_test_split

label = os.environ["LABEL_COLUMN"]  # expect: PD508
ratio = float(os.environ.get("TRAIN_RATIO", "0.7"))
fmt = os.environ.get("OUTPUT_FORMAT", "CSV")
signature = "/opt/ml/processing/input/signature"
columns = open(os.path.join(signature, "signature.csv")).read().strip().split(",")
df = pd.read_csv("/opt/ml/processing/input/data/data.csv", names=columns).dropna(subset=[label])
train, rest = train_test_split(df, train_size=ratio)
validation, test = train_test_split(rest, test_size=0.5)
for split, frame in (("train", train), ("validation", validation), ("test", test)):
    frame.to_csv(f"/opt/ml/processing/output/{split}/{split}.csv", index=False)
