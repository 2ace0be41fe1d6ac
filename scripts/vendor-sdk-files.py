"""Regenerates src/compiler/sdk/repackFiles.ts from an installed SageMaker Python SDK v2.

Run with the oracle's venv: `python scripts/vendor-sdk-files.py`. The app never imports the SDK;
it carries these two files as data so its repack step matches the SDK's byte for byte.
"""
import json
import os
import pathlib

import sagemaker
from sagemaker.workflow import _utils

ROOT = pathlib.Path(__file__).resolve().parent.parent
script = pathlib.Path(os.path.dirname(_utils.__file__), "_repack_model.py").read_text()
header = f"""// Files the SageMaker Python SDK v{sagemaker.__version__} puts into the repack job of a ModelStep
// (sagemaker/workflow/_repack_model.py and _utils.LAUNCH_REPACK_SCRIPT_CMD), copied verbatim so our
// repack step runs exactly what the SDK's does. Apache License 2.0, (c) Amazon.com, Inc. or its affiliates.
// Regenerate with scripts/vendor-sdk-files.py when the reference SDK version changes.
"""
body = f"""
export const SDK_VERSION = {json.dumps(sagemaker.__version__)};

export const REPACK_SCRIPT = "_repack_model.py";
export const REPACK_SCRIPT_LAUNCHER = "_repack_script_launcher.sh";

export const REPACK_MODEL_PY = {json.dumps(script)};

export const LAUNCH_REPACK_SCRIPT_CMD = {json.dumps(_utils.LAUNCH_REPACK_SCRIPT_CMD)};
"""
(ROOT / "src" / "compiler" / "sdk" / "repackFiles.ts").write_text(header + body)
print("wrote src/compiler/sdk/repackFiles.ts")
