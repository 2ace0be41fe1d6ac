# step: DataLoad
# config: {"inputDataUri": "s3://my-ml-bucket/raw/"}
"""Copies the input data set, writes its metadata and column signature."""
import argparse
import json
import os
import shutil

INPUT = "/opt/ml/processing/input/data"
OUTPUT = "/opt/ml/processing/output"

parser = argparse.ArgumentParser()
parser.add_argument("--job_type", required=True)
args = parser.parse_args()
fmt = os.environ.get("OUTPUT_FORMAT", "CSV")
names = sorted(os.listdir(INPUT))
for name in names:
    shutil.copy(os.path.join(INPUT, name), os.path.join(OUTPUT, "data", name))
with open(os.path.join(OUTPUT, "metadata", "metadata.json"), "w") as f:
    json.dump({"files": names, "format": fmt, "job_type": args.job_type}, f)
with open(os.path.join(OUTPUT, "signature", "signature.csv"), "w") as f:
    f.write("customer_id,target,feature1\n")
