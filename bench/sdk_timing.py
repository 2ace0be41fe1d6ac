"""Times the SageMaker Python SDK v2 rendering the benchmark designs, with the oracle's own mapping.

Reuses tests/oracle/oracle.py (same Builder, same moto mock, same speed-ups that do not change the
output) so the SDK renders exactly what the differential oracle compares against. For each run of
each design it reports two times, in milliseconds:
  build_ms       Builder.build(): SDK objects for every step (processors, estimators, models, steps)
                 plus pipeline.definition(); the SDK-side equivalent of our compile() from a file
  definition_ms  pipeline.definition() alone (argument rendering, code upload to the mock S3, JSON)
The first build in a process pays the SDK's imports and caches: the first design is built once
unreported, so pass the smallest first.

Usage: tests/oracle/.venv/bin/python bench/sdk_timing.py RUNS DESIGN.pipeline.json...
Prints one JSON object per design: {"file", "steps", "runs": [{"build_ms", "definition_ms"}]}.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "oracle"))

import oracle  # noqa: E402


def timed_definition():
    """Wraps Pipeline.definition so each call's duration is recorded."""
    from sagemaker.workflow.pipeline import Pipeline

    original = Pipeline.definition
    durations = []

    def definition(self):
        start = time.perf_counter()
        try:
            return original(self)
        finally:
            durations.append((time.perf_counter() - start) * 1000)

    Pipeline.definition = definition
    return durations


def build_once(design: dict, durations: list) -> dict:
    s3 = oracle.boto3.client("s3", region_name="us-east-1")
    existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
    for bucket in oracle.buckets_named(design) - existing:
        s3.create_bucket(Bucket=bucket)
    workdir = tempfile.mkdtemp(prefix="bench-sdk-")
    cwd = os.getcwd()
    try:
        os.makedirs(os.path.join(workdir, "cwd"))
        os.chdir(os.path.join(workdir, "cwd"))
        start = time.perf_counter()
        sys.stdout, real_stdout = sys.stderr, sys.stdout
        try:
            oracle.Builder(design, workdir).build()
        finally:
            sys.stdout = real_stdout
        build_ms = (time.perf_counter() - start) * 1000
        return {"build_ms": build_ms, "definition_ms": durations[-1]}
    finally:
        os.chdir(cwd)
        shutil.rmtree(workdir, ignore_errors=True)
        oracle.empty_buckets()


def main() -> int:
    runs = int(sys.argv[1])
    files = sys.argv[2:]
    with oracle.mock_aws():
        oracle._silence_telemetry()
        oracle._share_botocore_data()
        durations = timed_definition()
        for index, path in enumerate(files):
            with open(path, encoding="utf-8") as handle:
                design = json.load(handle)
            if index == 0:
                build_once(design, durations)
            results = [build_once(design, durations) for _ in range(runs)]
            record = {"file": path, "steps": len(design["steps"]), "runs": results}
            print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
