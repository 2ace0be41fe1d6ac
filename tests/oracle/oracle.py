"""Differential oracle: a design file rendered by the SageMaker Python SDK v2 itself.

For each design (``*.pipeline.json``) this builds the equivalent pipeline with the SDK's own classes
(FrameworkProcessor(SKLearn) + ProcessingStep, PyTorch / XGBoost + TrainingStep, PyTorchModel /
XGBoostModel + ModelStep, Parameter*, CacheConfig, property references) and returns
``pipeline.definition()``. It runs inside moto's in-process mock (``mock_aws``), so the SDK's own
uploads (code archives, runproc.sh) and lookups happen offline. Inline code is written to a
temporary source directory per step, as the SDK expects local code.

The mapping from design fields to SDK arguments is written from CATALOG.md / docs/design-file.md,
not from our compiler; README.md (this folder) lists it.

Usage (run with tests/oracle/.venv/bin/python, see `npm run setup:oracle`):
  oracle.py design.pipeline.json            print the raw definition string
  oracle.py DIR_OR_FILES... --out DIR       write DIR/<stem>.definition.json (raw string) each
  oracle.py DIR_OR_FILES... --jsonl         one JSON record per design on stdout:
      {"file", "ok": true, "definition": <raw string>, "objects": {uri: description},
       "bodies": {uri: base64 of the object}}
      {"file", "ok": false, "error": <message>}
  "objects" describes every S3 object the definition names that the SDK uploaded to the mock
  bucket: a .tar.gz by its member files ({"files": {name: sha256}}), anything else by its sha256.
Many designs in one call share one Python process (importing the SDK costs seconds).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sys
import tarfile
import tempfile
import traceback
import warnings

os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ["AWS_SECURITY_TOKEN"] = "testing"
os.environ["AWS_SESSION_TOKEN"] = "testing"
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ["SAGEMAKER_SUPPRESS_V2_WARNING"] = "1"
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

# Defaults from CATALOG.md, per step type (what a design may omit).
PROCESSING_DEFAULTS = {
    "jobType": "training",
    "instanceType": "ml.m5.2xlarge",
    "instanceCount": 1,
    "volumeSizeGb": 500,
    "frameworkVersion": "1.2-1",
    "outputFormat": "CSV",
}
LOGGER_STYLE = [
    ("Train Loss", "train_loss=([0-9\\.]+)"),
    ("Validation Loss", "val_loss=([0-9\\.]+)"),
    ("Validation F1 Score", "val/f1_score=([0-9\\.]+)"),
    ("Validation AUC ROC", "val/auroc=([0-9\\.]+)"),
]
LABEL_STYLE = [
    ("Train Loss", "Train Loss: ([0-9\\.]+)"),
    ("Validation Loss", "Validation Loss: ([0-9\\.]+)"),
    ("Validation F1 Score", "Validation F1 Score: ([0-9\\.]+)"),
    ("Validation AUC ROC", "Validation AUC ROC: ([0-9\\.]+)"),
]
TRAINING_DEFAULTS = {
    "PyTorchTraining": {
        "entryPoint": "train.py",
        "frameworkVersion": "2.1.0",
        "pyVersion": "py310",
        "instanceType": "ml.g5.12xlarge",
        "maxRuntimeSeconds": 345600,
        "checkpointEnabled": True,
        "profiler": True,
        "metrics": LOGGER_STYLE,
        "outputFolder": "pytorch_training",
    },
    "XGBoostTraining": {
        "entryPoint": "xgboost_training.py",
        "frameworkVersion": "1.7-1",
        "pyVersion": "py3",
        "instanceType": "ml.m5.4xlarge",
        "maxRuntimeSeconds": 86400,
        "checkpointEnabled": False,
        "profiler": False,
        "metrics": LABEL_STYLE,
        "outputFolder": "xgboost_training",
    },
}
PROCESSING_STEP = {
    "DataLoad": {
        "entryPoint": "data_loading.py",
        "inputs": [],
        "outputs": [
            ("DATA", "/opt/ml/processing/output/data"),
            ("METADATA", "/opt/ml/processing/output/metadata"),
            ("SIGNATURE", "/opt/ml/processing/output/signature"),
        ],
    },
    "TabularPreprocessing": {
        "entryPoint": "tabular_preprocessing.py",
        "inputs": [
            ("DATA", "/opt/ml/processing/input/data"),
            ("DATA_SECONDARY", "/opt/ml/processing/input/data_secondary"),
            ("SIGNATURE", "/opt/ml/processing/input/signature"),
        ],
        "outputs": [("processed_data", "/opt/ml/processing/output")],
    },
}
INPUT_DATA_PATH = "/opt/ml/processing/input/data"
MODEL_STEP = {"PyTorchModel": "PyTorchTraining", "XGBoostModel": "XGBoostTraining"}
XGBOOST_CHANNELS = ["train", "validation", "test"]

# The gated steps (docs/gated-steps.md), defaults as that document gives them.
EVALUATION_STEP = {
    "XGBoostEvaluation": {
        "estimator": "XGBoost",
        "frameworkVersion": "1.7-1",
        "pyVersion": "py3",
    },
    "PyTorchEvaluation": {
        "estimator": "PyTorch",
        "frameworkVersion": "2.1.0",
        "pyVersion": "py310",
    },
}
EVALUATION_DEFAULTS = {
    "entryPoint": "model_evaluation.py",
    "instanceType": "ml.m5.xlarge",
    "instanceCount": 1,
    "volumeSizeGb": 30,
    "propertyFileName": "EvaluationReport",
    "reportFile": "evaluation.json",
    "metrics": [{"name": "auc", "jsonPath": "metrics.auc.value"}],
}
EVALUATION_INPUTS = [
    ("model_input", "/opt/ml/processing/input/model"),
    ("processed_data", "/opt/ml/processing/input/eval_data"),
]
EVALUATION_OUTPUT = ("evaluation", "/opt/ml/processing/output/evaluation")
EVALUATION_ENV = {"EVAL_METRIC_CHOICES": "auc"}
REGISTER_STEP = {
    "PyTorchRegisterModel": "PyTorchTraining",
    "XGBoostRegisterModel": "XGBoostTraining",
}
REGISTER_DEFAULTS = {
    "approvalStatus": "PendingManualApproval",
    "contentTypes": ["text/csv"],
    "responseTypes": ["text/csv"],
    "inferenceInstanceTypes": ["ml.m5.large"],
    "transformInstanceTypes": ["ml.m5.large"],
}
TRANSFORM_DEFAULTS = {
    "inputFolder": "test/",
    "contentType": "text/csv",
    "splitType": "Line",
    "instanceType": "ml.m5.large",
    "instanceCount": 1,
}
BRANCH_OUTPUTS = ("if_true", "if_false")
BRANCH_INPUT = "branch"
# A step property path as a design writes it: `A.B`, `A[0]`, `A['key']`.
PROPERTY_TOKEN = re.compile(r"(?:^|\.)([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['([^']*)'\]")

BOTO_SESSIONS = {}  # region -> boto3.Session, shared by the designs of one batch
S3_URI = re.compile(r"s3://[a-z0-9][a-z0-9.\-]*[a-z0-9]/[^\"\s\\]*")


class DesignError(Exception):
    """The design cannot be expressed with the SDK (reported, not raised further)."""


def _silence_telemetry():
    """The SDK reports usage over HTTP; the oracle stays offline."""
    from sagemaker.telemetry import telemetry_logging

    telemetry_logging._send_telemetry_request = lambda *args, **kwargs: None


def _share_botocore_data():
    """Speed only, no effect on what the SDK renders: botocore re-parses its JSON service models
    for every new session (the SDK makes one per image URI lookup); parse each file once."""
    import botocore.loaders

    original = botocore.loaders.JSONFileLoader.load_file
    parsed = {}

    def load_file(self, file_path):
        if file_path not in parsed:
            parsed[file_path] = original(self, file_path)
        return parsed[file_path]

    botocore.loaders.JSONFileLoader.load_file = load_file

    # Every estimator opens a TensorBoard helper with its own default-session client, and every
    # PipelineSession opens five more: under the mock, one client per service and region serves all.
    clients = {}
    original_client = boto3.Session.client

    def client(self, service_name, region_name=None, *args, **kwargs):
        key = (id(self), service_name, region_name or self.region_name)
        if key not in clients:
            clients[key] = original_client(self, service_name, region_name, *args, **kwargs)
        return clients[key]

    boto3.Session.client = client


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def describe_object(key: str, body: bytes) -> dict:
    """What an uploaded object holds, independent of how it was packed."""
    if key.endswith(".tar.gz"):
        files = {}
        with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
            for member in archive.getmembers():
                if member.isfile():
                    data = archive.extractfile(member).read()
                    files[member.name.removeprefix("./")] = sha256(data)
        return {"files": dict(sorted(files.items()))}
    return {"sha256": sha256(body)}


def member(enum, value: str):
    """The enum member with this value."""
    found = [item for item in enum if item.value == value]
    if not found:
        raise DesignError(f"{value} is not a {enum.__name__}")
    return found[0]


def operand_steps(step: dict) -> set:
    """The steps a Condition's operands or a Fail message read (metrics and properties)."""
    found = set()

    def visit(value):
        if isinstance(value, dict):
            if set(value) == {"metric"} or set(value) == {"property"}:
                found.add(next(iter(value.values()))["step"])
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    if step["type"] == "Condition":
        visit(step["config"].get("conditions", []))
    elif step["type"] == "Fail":
        visit(step["config"].get("errorMessage", []))
    return found


class Branches:
    """Which steps go into which ConditionStep's `if_steps` / `else_steps` (docs/gated-steps.md
    "Branches"): a branch link's target, and every step reached from it through data links or
    `dependsOn`, belongs to that branch; a step reached by several branches belongs to the
    innermost one when they nest (a condition inside another's branch), else the design is one
    the service cannot run."""

    def __init__(self, design: dict, listing: list):
        types = {step["id"]: step["type"] for step in design["steps"]}
        successors = {step["id"]: [] for step in design["steps"]}
        seeds = []
        for edge in design.get("edges", []):
            source, target = edge["from"]["step"], edge["to"]["step"]
            if edge["from"]["output"] in BRANCH_OUTPUTS:
                if types[source] != "Condition" or edge["to"]["input"] != BRANCH_INPUT:
                    raise DesignError(f"branch link {edge} is not condition → branch input")
                seeds.append(((source, edge["from"]["output"]), target))
            elif edge["to"]["input"] == BRANCH_INPUT:
                raise DesignError(f"link {edge} into a branch input from a data output")
            else:
                successors[source].append(target)
        for step in design["steps"]:
            for dependency in step["config"].get("dependsOn", []):
                successors[dependency].append(step["id"])

        reaching = {step_id: set() for step_id in successors}
        for branch, target in seeds:
            pending = [target]
            while pending:
                step_id = pending.pop()
                if step_id == branch[0]:
                    raise DesignError(f"{branch[0]}'s {branch[1]} branch leads back to it")
                if branch not in reaching[step_id]:
                    reaching[step_id].add(branch)
                    pending.extend(successors[step_id])

        self.container = {}  # step id → (condition id, "if_true" | "if_false"); top level: absent

        def enclosing(branch, seen):
            """The branch and every branch around its condition, innermost first."""
            outer = container_of(branch[0], seen)
            return [branch] + ([] if outer is None else enclosing(outer, seen))

        def container_of(step_id, seen=frozenset()):
            if step_id in self.container or not reaching[step_id]:
                return self.container.get(step_id)
            if step_id in seen:
                raise DesignError("conditions sit in each other's branches")
            chains = {b: enclosing(b, seen | {step_id}) for b in reaching[step_id]}
            innermost = [b for b in chains if all(other in chains[b] for other in chains)]
            if not innermost:
                raise DesignError(f"{step_id} is in branches that do not nest: {sorted(chains)}")
            self.container[step_id] = innermost[0]
            return innermost[0]

        for step_id in successors:
            container_of(step_id)
        self.members = {}  # condition id → {"if_true": [...], "if_false": [...]} in listing order
        for step_id in listing:
            if step_id in self.container:
                condition, branch = self.container[step_id]
                entry = self.members.setdefault(condition, {"if_true": [], "if_false": []})
                entry[branch].append(step_id)


class Builder:
    """Builds one design's pipeline with the SDK, inside an active mock."""

    def __init__(self, design: dict, workdir: str):
        self.design = design
        self.workdir = workdir
        self.settings = design["pipeline"]
        prefix = self.settings.get("s3Prefix", "").strip("/")
        self.s3_loc = f"s3://{self.settings['bucket']}" + (f"/{prefix}" if prefix else "")
        self.role = self.settings["roleArn"]
        self.steps_by_id = {step["id"]: step for step in design["steps"]}
        self.built = {}  # step id -> SDK Step / StepCollection
        self.parameters = {}
        self.session = None
        self.user_uploads = set()  # objects put by the user, not by the SDK
        self.property_files = {}  # evaluation step id → its PropertyFile
        self.branches = None

    # -- values -----------------------------------------------------------------------------------

    def value(self, raw):
        """A config value: a `{ "parameter": name }` reference becomes the SDK parameter object."""
        if isinstance(raw, dict) and set(raw) == {"parameter"}:
            if raw["parameter"] not in self.parameters:
                raise DesignError(f"undeclared parameter {raw['parameter']}")
            return self.parameters[raw["parameter"]]
        return raw

    def build_parameters(self):
        from sagemaker.workflow.parameters import (
            ParameterBoolean,
            ParameterFloat,
            ParameterInteger,
            ParameterString,
        )

        classes = {
            "String": ParameterString,
            "Integer": ParameterInteger,
            "Float": ParameterFloat,
            "Boolean": ParameterBoolean,
        }
        ordered = []
        for declared in self.settings.get("parameters", []):
            kwargs = {"name": declared["name"]}
            if "default" in declared:
                kwargs["default_value"] = declared["default"]
                # JSON has one number type: a Float parameter's default written `2` is 2.0.
                if declared["type"] == "Float" and type(declared["default"]) is int:
                    kwargs["default_value"] = float(declared["default"])
            if declared["type"] == "String" and declared.get("enumValues") is not None:
                kwargs["enum_values"] = declared["enumValues"]
            parameter = classes[declared["type"]](**kwargs)
            self.parameters[declared["name"]] = parameter
            ordered.append(parameter)
        return ordered

    def source_dir(self, step: dict, code: dict) -> str:
        """Inline files → a fresh local directory; an S3 archive is passed as it is."""
        if "s3Uri" in code:
            return code["s3Uri"]
        directory = os.path.join(self.workdir, "src", step["id"])
        os.makedirs(directory)
        for name, text in code["files"].items():
            if os.path.isabs(name) or ".." in name.split("/"):
                raise DesignError(f"file name {name!r} leaves the source directory")
            path = os.path.join(directory, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        return directory

    def feeding(self, step_id: str, input_name: str):
        """The SDK property that feeds `input_name` of a step (None when no edge does)."""
        for edge in self.design.get("edges", []):
            if edge["to"]["step"] == step_id and edge["to"]["input"] == input_name:
                source = self.built[edge["from"]["step"]]
                output = edge["from"]["output"]
                source_type = self.steps_by_id[edge["from"]["step"]]["type"]
                if source_type in PROCESSING_STEP or source_type in EVALUATION_STEP:
                    return source.properties.ProcessingOutputConfig.Outputs[output].S3Output.S3Uri
                if output == "model_output":
                    return source.properties.ModelArtifacts.S3ModelArtifacts
                if output == "evaluation_output":
                    return source.properties.OutputDataConfig.S3OutputPath
                if source_type in MODEL_STEP and output == "model_name":
                    # ModelStep.properties: its last step's, the CreateModel step.
                    return source.properties.ModelName
                raise DesignError(f"no SDK property for output {output} of {source_type}")
        return None

    def source_step(self, step_id: str, input_name: str):
        for edge in self.design.get("edges", []):
            if edge["to"]["step"] == step_id and edge["to"]["input"] == input_name:
                return self.steps_by_id[edge["from"]["step"]]
        return None

    def profiler_supported(self) -> bool:
        from sagemaker.fw_utils import PROFILER_UNSUPPORTED_REGIONS

        return self.settings["region"] not in PROFILER_UNSUPPORTED_REGIONS

    def step_kwargs(self, config: dict, cacheable: bool) -> dict:
        kwargs = {}
        depends_on = [self.built[dep] for dep in config.get("dependsOn", [])]
        if depends_on:
            kwargs["depends_on"] = depends_on
        policies = self.retry_policies(config.get("retryPolicies", []))
        if policies:
            # A ModelStep applies the list to each of its steps (model_step.py:205-207), so a job
            # policy on a create/register model step is the SDK's ValueError (model_step.py:222).
            kwargs["retry_policies"] = policies
        cache = self.settings.get("cache", {})
        if cacheable and cache.get("enabled"):
            from sagemaker.workflow.steps import CacheConfig

            kwargs["cache_config"] = CacheConfig(
                enable_caching=True, expire_after=cache.get("expireAfter", "P30D")
            )
        return kwargs

    def retry_policies(self, policies: list) -> list:
        """`kind: step` → StepRetryPolicy, `kind: job` → SageMakerJobStepRetryPolicy; the SDK's
        own defaults (interval 1, backoff 2.0) where the design leaves a field out."""
        from sagemaker.workflow.retry import (
            SageMakerJobExceptionTypeEnum,
            SageMakerJobStepRetryPolicy,
            StepExceptionTypeEnum,
            StepRetryPolicy,
        )

        built = []
        for policy in policies:
            kwargs = {}
            for field, argument in (
                ("backoffRate", "backoff_rate"),
                ("intervalSeconds", "interval_seconds"),
                ("maxAttempts", "max_attempts"),
                ("expireAfterMinutes", "expire_after_mins"),
            ):
                if field in policy:
                    kwargs[argument] = policy[field]
            # The members a script names (StepExceptionTypeEnum.THROTTLING), looked up by value:
            # `StepExceptionTypeEnum("Step.THROTTLING")` is the *first* member (entities.py:44,
            # DefaultEnumMeta only honours `value=` as a keyword).
            if policy["kind"] == "step":
                types = [member(StepExceptionTypeEnum, name) for name in policy["exceptionTypes"]]
                built.append(StepRetryPolicy(exception_types=types, **kwargs))
            else:
                types = [
                    member(SageMakerJobExceptionTypeEnum, name) for name in policy["exceptionTypes"]
                ]
                built.append(SageMakerJobStepRetryPolicy(exception_types=types, **kwargs))
        return built

    def evaluation_config(self, step: dict) -> dict:
        defaults = EVALUATION_STEP[step["type"]]
        return {
            **EVALUATION_DEFAULTS,
            "frameworkVersion": defaults["frameworkVersion"],
            "pyVersion": defaults["pyVersion"],
            **step["config"],
        }

    def operand(self, raw: dict):
        """A condition operand or fail message part (docs/gated-steps.md "Operands")."""
        from sagemaker.workflow.functions import JsonGet

        if "literal" in raw:
            return raw["literal"]
        if "parameter" in raw:
            return self.value(raw)
        if "metric" in raw:
            step = self.steps_by_id.get(raw["metric"]["step"])
            if step is None or step["type"] not in EVALUATION_STEP:
                raise DesignError(f"metric of {raw['metric']['step']}, not an evaluation step")
            config = self.evaluation_config(step)
            paths = [m["jsonPath"] for m in config["metrics"] if m["name"] == raw["metric"]["name"]]
            if not paths:
                raise DesignError(f"{step['name']} lists no metric {raw['metric']['name']}")
            return JsonGet(
                step_name=step["name"],
                property_file=self.property_files[step["id"]],
                json_path=paths[0],
            )
        if "property" in raw:
            return self.step_property(raw["property"]["step"], raw["property"]["path"])
        raise DesignError(f"unknown operand {raw}")

    def step_property(self, step_id: str, path: str):
        """`<step>.properties` walked along a design's property path, as a script writes it
        (`step.properties.FinalMetricDataList['val:auc'].Value`): the SDK's Properties know the
        service's response shapes, so a path they do not have fails here."""
        if step_id not in self.built:
            raise DesignError(f"property of {step_id}, which is not built before its reader")
        value = self.built[step_id].properties
        position = 0
        while position < len(path):
            match = PROPERTY_TOKEN.match(path, position)
            if not match:
                raise DesignError(f"cannot read property path {path!r}")
            name, index, key = match.groups()
            if name is not None:
                value = getattr(value, name)
            elif index is not None:
                value = value[int(index)]
            else:
                value = value[key]
            position = match.end()
        return value

    def condition(self, raw: dict):
        from sagemaker.workflow import conditions

        comparisons = {
            "Equals": conditions.ConditionEquals,
            "GreaterThan": conditions.ConditionGreaterThan,
            "GreaterThanOrEqualTo": conditions.ConditionGreaterThanOrEqualTo,
            "LessThan": conditions.ConditionLessThan,
            "LessThanOrEqualTo": conditions.ConditionLessThanOrEqualTo,
        }
        kind = raw["type"]
        if kind in comparisons:
            return comparisons[kind](
                left=self.operand(raw["left"]), right=self.operand(raw["right"])
            )
        if kind == "In":
            return conditions.ConditionIn(
                value=self.operand(raw["value"]),
                in_values=[self.operand(value) for value in raw["values"]],
            )
        if kind == "Not":
            return conditions.ConditionNot(expression=self.condition(raw["condition"]))
        if kind == "Or":
            return conditions.ConditionOr(
                conditions=[self.condition(inner) for inner in raw["conditions"]]
            )
        raise DesignError(f"unknown condition type {kind}")

    # -- steps ------------------------------------------------------------------------------------

    def processing(self, step: dict):
        from sagemaker.processing import FrameworkProcessor, ProcessingInput, ProcessingOutput
        from sagemaker.sklearn.estimator import SKLearn
        from sagemaker.workflow.steps import ProcessingStep

        spec = PROCESSING_STEP[step["type"]]
        config = {**PROCESSING_DEFAULTS, **step["config"]}
        env = {}
        if step["type"] == "TabularPreprocessing":
            env["LABEL_FIELD"] = config["labelName"]
            env["TRAIN_RATIO"] = str(config.get("trainRatio", 0.7))
            env["TEST_VAL_RATIO"] = str(config.get("testValRatio", 0.5))
        env["OUTPUT_FORMAT"] = config["outputFormat"]
        env.update(config.get("env", {}))
        processor = FrameworkProcessor(
            estimator_cls=SKLearn,
            framework_version=config["frameworkVersion"],
            role=self.role,
            instance_type=self.value(config["instanceType"]),
            instance_count=self.value(config["instanceCount"]),
            volume_size_in_gb=self.value(config["volumeSizeGb"]),
            env=env,
            sagemaker_session=self.session,
        )
        inputs = []
        for name, path in spec["inputs"]:
            source = self.feeding(step["id"], name)
            if source is not None:
                inputs.append(ProcessingInput(source=source, destination=path, input_name=name))
        if config.get("inputDataUri") is not None:
            inputs.append(
                ProcessingInput(
                    source=self.value(config["inputDataUri"]),
                    destination=INPUT_DATA_PATH,
                    input_name="INPUT_DATA",
                )
            )
        output_uris = config.get("outputUris", {})
        outputs = [
            ProcessingOutput(
                output_name=name,
                source=path,
                destination=self.value(output_uris[name]) if name in output_uris else None,
            )
            for name, path in spec["outputs"]
        ]
        step_args = processor.run(
            code=config.get("entryPoint", spec["entryPoint"]),
            source_dir=self.source_dir(step, config["code"]),
            inputs=inputs or None,
            outputs=outputs,
            arguments=["--job_type", config["jobType"]],
        )
        return ProcessingStep(
            name=step["name"], step_args=step_args, **self.step_kwargs(config, True)
        )

    def training(self, step: dict):
        from sagemaker.debugger import ProfilerConfig
        from sagemaker.inputs import TrainingInput
        from sagemaker.pytorch import PyTorch
        from sagemaker.workflow.functions import Join
        from sagemaker.workflow.steps import TrainingStep
        from sagemaker.xgboost import XGBoost

        defaults = TRAINING_DEFAULTS[step["type"]]
        config = step["config"]
        output_path = self.value(
            config.get("outputPath", f"{self.s3_loc}/{defaults['outputFolder']}")
        )
        checkpoint = config.get("checkpoint", {})
        kwargs = {}
        if checkpoint.get("enabled", defaults["checkpointEnabled"]):
            if "s3Uri" in checkpoint:
                kwargs["checkpoint_s3_uri"] = checkpoint["s3Uri"]
            elif isinstance(output_path, str):
                kwargs["checkpoint_s3_uri"] = f"{output_path}/checkpoints"
            else:
                kwargs["checkpoint_s3_uri"] = Join(on="/", values=[output_path, "checkpoints"])
            kwargs["checkpoint_local_path"] = checkpoint.get("localPath", "/opt/ml/checkpoints")
        # PyTorch designs carry a profiler interval by default; a script would not pass one where
        # the SDK has no profiler (it refuses it there), but an explicit one is passed as it is.
        default_profiler = {} if defaults["profiler"] and self.profiler_supported() else None
        profiler = config.get("profiler", default_profiler)
        if profiler is not None:
            kwargs["profiler_config"] = ProfilerConfig(
                system_monitor_interval_millis=profiler.get("systemMonitorIntervalMillis", 1000)
            )
        metrics = config.get(
            "metricDefinitions", [{"name": n, "regex": r} for n, r in defaults["metrics"]]
        )
        if metrics:
            kwargs["metric_definitions"] = [
                {"Name": metric["name"], "Regex": metric["regex"]} for metric in metrics
            ]
        if config.get("env"):
            kwargs["environment"] = dict(config["env"])
        source = self.feeding(step["id"], "input_path")
        common = dict(
            entry_point=config.get("entryPoint", defaults["entryPoint"]),
            source_dir=self.source_dir(step, config["code"]),
            framework_version=config.get("frameworkVersion", defaults["frameworkVersion"]),
            py_version=config.get("pyVersion", defaults["pyVersion"]),
            instance_type=self.value(config.get("instanceType", defaults["instanceType"])),
            instance_count=self.value(config.get("instanceCount", 1)),
            volume_size=self.value(config.get("volumeSizeGb", 30)),
            max_run=self.value(config.get("maxRuntimeSeconds", defaults["maxRuntimeSeconds"])),
            output_path=output_path,
            role=self.role,
            sagemaker_session=self.session,
            **kwargs,
        )
        if step["type"] == "PyTorchTraining":
            hyperparameters = {
                key: self.value(raw) for key, raw in config.get("hyperparameters", {}).items()
            }
            estimator = PyTorch(hyperparameters=hyperparameters, **common)
            inputs = {"data": TrainingInput(s3_data=source)}
        else:
            # The hyperparameters travel as a file in the `config` channel (CATALOG.md); the
            # estimator's only own hyperparameter is the file's URI.
            folder = f"{self.s3_loc}/hyperparameters/{step['name']}/"
            self.upload_hyperparameters_file(folder, config.get("hyperparameters", {}))
            estimator = XGBoost(
                hyperparameters={"hyperparameters_s3_uri": f"{folder}hyperparameters.json"},
                **common,
            )
            inputs = {
                name: TrainingInput(s3_data=Join(on="/", values=[source, f"{name}/"]))
                for name in XGBOOST_CHANNELS
            }
            inputs["config"] = TrainingInput(s3_data=folder)
        return TrainingStep(
            name=step["name"],
            step_args=estimator.fit(inputs=inputs),
            **self.step_kwargs(config, True),
        )

    def upload_hyperparameters_file(self, folder: str, hyperparameters: dict):
        """What an SDK user does before the run: put the step's hyperparameters where the config
        channel reads them. Not part of the SDK's rendering, so not compared (user_uploads)."""
        bucket, _, prefix = folder[len("s3://") :].partition("/")
        boto3.client("s3", region_name="us-east-1").put_object(
            Bucket=bucket,
            Key=f"{prefix}hyperparameters.json",
            Body=json.dumps(hyperparameters, indent=2).encode("utf-8"),
        )
        self.user_uploads.add(f"{folder}hyperparameters.json")

    def framework_model(self, step: dict, training_type: str):
        """PyTorchModel / XGBoostModel over the linked training step's artifacts (model steps and
        register steps alike)."""
        from sagemaker.pytorch import PyTorchModel
        from sagemaker.xgboost import XGBoostModel

        config = step["config"]
        upstream = self.source_step(step["id"], "model_data")
        upstream_config = upstream["config"] if upstream else {}
        training_defaults = TRAINING_DEFAULTS[training_type]
        framework_version = config.get(
            "frameworkVersion",
            upstream_config.get("frameworkVersion", training_defaults["frameworkVersion"]),
        )
        py_version = config.get(
            "pyVersion", upstream_config.get("pyVersion", training_defaults["pyVersion"])
        )
        kwargs = dict(
            model_data=self.feeding(step["id"], "model_data"),
            framework_version=framework_version,
            py_version=py_version,
            role=self.role,
            sagemaker_session=self.session,
        )
        if config.get("env"):
            kwargs["env"] = dict(config["env"])
        if config.get("code"):
            kwargs["entry_point"] = config.get("entryPoint", "inference.py")
            kwargs["source_dir"] = self.source_dir(step, config["code"])
        else:
            kwargs["entry_point"] = None
        model_class = PyTorchModel if training_type == "PyTorchTraining" else XGBoostModel
        return model_class(**kwargs)

    def repack_settings(self, step: dict) -> dict:
        """Our repack jobs write under the pipeline's S3 location instead of the SDK's
        timestamped default (README: "mapping")."""
        return {"output_path": f"{self.s3_loc}/repack/{step['name']}"}

    def model(self, step: dict):
        from sagemaker.workflow.model_step import ModelStep

        config = step["config"]
        model = self.framework_model(step, MODEL_STEP[step["type"]])
        return ModelStep(
            name=step["name"],
            step_args=model.create(instance_type=config.get("instanceType", "ml.m5.large")),
            repack_model_step_settings=self.repack_settings(step),
            **self.step_kwargs(config, False),
        )

    def register(self, step: dict):
        """`ModelStep(step_args=model.register(...))`: `{name}-RegisterModel`, after a
        `{name}-RepackModel-0` where the SDK repacks (docs/gated-steps.md)."""
        from sagemaker.model_metrics import MetricsSource, ModelMetrics
        from sagemaker.workflow.functions import Join
        from sagemaker.workflow.model_step import ModelStep

        config = {**REGISTER_DEFAULTS, **step["config"]}
        model = self.framework_model(step, REGISTER_STEP[step["type"]])
        kwargs = dict(
            content_types=list(config["contentTypes"]),
            response_types=list(config["responseTypes"]),
            inference_instances=list(config["inferenceInstanceTypes"]),
            transform_instances=list(config["transformInstanceTypes"]),
            model_package_group_name=self.value(config["modelPackageGroupName"]),
            approval_status=self.value(config["approvalStatus"]),
        )
        report = self.feeding(step["id"], "evaluation")
        if report is not None:
            evaluation = self.evaluation_config(self.source_step(step["id"], "evaluation"))
            kwargs["model_metrics"] = ModelMetrics(
                model_statistics=MetricsSource(
                    s3_uri=Join(on="/", values=[report, evaluation["reportFile"]]),
                    content_type="application/json",
                )
            )
        if config.get("customerMetadata"):
            kwargs["customer_metadata_properties"] = dict(config["customerMetadata"])
        return ModelStep(
            name=step["name"],
            step_args=model.register(**kwargs),
            repack_model_step_settings=self.repack_settings(step),
            **self.step_kwargs(config, False),
        )

    def evaluation(self, step: dict):
        """`FrameworkProcessor(estimator_cls=XGBoost|PyTorch).run(...)` in a ProcessingStep with
        the report as a PropertyFile (docs/gated-steps.md)."""
        from sagemaker.processing import FrameworkProcessor, ProcessingInput, ProcessingOutput
        from sagemaker.pytorch import PyTorch
        from sagemaker.workflow.properties import PropertyFile
        from sagemaker.workflow.steps import ProcessingStep
        from sagemaker.xgboost import XGBoost

        config = self.evaluation_config(step)
        estimator = {"XGBoost": XGBoost, "PyTorch": PyTorch}[
            EVALUATION_STEP[step["type"]]["estimator"]
        ]
        processor = FrameworkProcessor(
            estimator_cls=estimator,
            framework_version=config["frameworkVersion"],
            py_version=config["pyVersion"],
            role=self.role,
            instance_type=self.value(config["instanceType"]),
            instance_count=self.value(config["instanceCount"]),
            volume_size_in_gb=self.value(config["volumeSizeGb"]),
            env={**EVALUATION_ENV, **config.get("env", {})},
            sagemaker_session=self.session,
        )
        inputs = []
        for name, path in EVALUATION_INPUTS:
            source = self.feeding(step["id"], name)
            if source is not None:
                inputs.append(ProcessingInput(source=source, destination=path, input_name=name))
        output_name, output_path = EVALUATION_OUTPUT
        report = PropertyFile(
            name=config["propertyFileName"], output_name=output_name, path=config["reportFile"]
        )
        self.property_files[step["id"]] = report
        step_args = processor.run(
            code=config["entryPoint"],
            source_dir=self.source_dir(step, config["code"]),
            inputs=inputs or None,
            outputs=[ProcessingOutput(output_name=output_name, source=output_path)],
            arguments=["--job_type", "testing"],
        )
        return ProcessingStep(
            name=step["name"],
            step_args=step_args,
            property_files=[report],
            **self.step_kwargs(config, True),
        )

    def transform(self, step: dict):
        """`Transformer(model_name=<model step>.properties.ModelName, ...).transform(...)` in a
        TransformStep; the input is the linked output joined with `inputFolder` (as is when the
        folder is empty)."""
        from sagemaker.transformer import Transformer
        from sagemaker.workflow.functions import Join
        from sagemaker.workflow.steps import TransformStep

        config = {**TRANSFORM_DEFAULTS, **step["config"]}
        model_name = self.feeding(step["id"], "model_name")
        source = self.feeding(step["id"], "input_data")
        if model_name is None or source is None:
            raise DesignError("a transform needs a model and input data")
        folder = config["inputFolder"]
        data = Join(on="/", values=[source, folder]) if folder else source
        transformer = Transformer(
            model_name=model_name,
            instance_type=self.value(config["instanceType"]),
            instance_count=self.value(config["instanceCount"]),
            output_path=self.value(config.get("outputPath", f"{self.s3_loc}/batch_transform")),
            sagemaker_session=self.session,
        )
        step_args = transformer.transform(
            data=data, content_type=config["contentType"], split_type=config["splitType"]
        )
        # The pipeline's cache goes on every step the SDK can cache (TransformStep is a
        # CacheableStep, as ProcessingStep and TrainingStep are); README "mapping".
        return TransformStep(
            name=step["name"], step_args=step_args, **self.step_kwargs(config, True)
        )

    def fail(self, step: dict):
        """One plain string is the message; any other parts are `Join(on="", values=[...])`."""
        from sagemaker.workflow.fail_step import FailStep
        from sagemaker.workflow.functions import Join

        parts = step["config"].get("errorMessage", [])
        if len(parts) == 1 and isinstance(parts[0], str):
            message = parts[0]
        elif not parts:
            message = None  # FailStep's own default: ""
        else:
            values = [part if isinstance(part, str) else self.operand(part) for part in parts]
            message = Join(on="", values=values)
        return FailStep(name=step["name"], error_message=message)

    def condition_step(self, step: dict):
        from sagemaker.workflow.condition_step import ConditionStep

        members = self.branches.members.get(step["id"], {})
        return ConditionStep(
            name=step["name"],
            conditions=[self.condition(raw) for raw in step["config"].get("conditions", [])],
            if_steps=[self.built[i] for i in members.get("if_true", [])],
            else_steps=[self.built[i] for i in members.get("if_false", [])],
        )

    # -- pipeline ---------------------------------------------------------------------------------

    def order(self, upstream: dict) -> list:
        """Step ids in dependency order, ties in file order."""
        order, done = [], set()
        while len(order) < len(self.design["steps"]):
            ready = next(
                (
                    step["id"]
                    for step in self.design["steps"]
                    if step["id"] not in done and upstream[step["id"]] <= done
                ),
                None,
            )
            if ready is None:
                raise DesignError("the steps form a cycle (through links, dependsOn or operands)")
            order.append(ready)
            done.add(ready)
        return order

    def dependencies(self, with_branch_links: bool) -> dict:
        """Step id → the ids it comes after: linked sources, `dependsOn`, and the steps a
        condition's operands or a fail message read (a script must define those first)."""
        upstream = {
            step["id"]: set(step["config"].get("dependsOn", [])) for step in self.design["steps"]
        }
        for edge in self.design.get("edges", []):
            if with_branch_links or edge["from"]["output"] not in BRANCH_OUTPUTS:
                upstream[edge["to"]["step"]].add(edge["from"]["step"])
        for step in self.design["steps"]:
            upstream[step["id"]] |= operand_steps(step)
        return upstream

    def build_step(self, step: dict):
        kind = step["type"]
        if kind in PROCESSING_STEP:
            return self.processing(step)
        if kind in TRAINING_DEFAULTS:
            return self.training(step)
        if kind in MODEL_STEP:
            return self.model(step)
        if kind in EVALUATION_STEP:
            return self.evaluation(step)
        if kind in REGISTER_STEP:
            return self.register(step)
        if kind == "BatchTransform":
            return self.transform(step)
        if kind == "Fail":
            return self.fail(step)
        if kind == "Condition":
            return self.condition_step(step)
        raise DesignError(f"unknown step type {kind}")

    def bucket_prefix(self):
        """The design's s3Prefix as the session's key prefix; none when it is the pipeline name,
        which the SDK already puts in every path it derives (docs/design-file.md)."""
        prefix = "/".join(part for part in self.settings["s3Prefix"].split("/") if part)
        return prefix if prefix and prefix != self.settings["name"] else None

    def build(self) -> str:
        from sagemaker.workflow.pipeline import Pipeline
        from sagemaker.workflow.pipeline_context import PipelineSession

        region = self.settings["region"]
        if region not in BOTO_SESSIONS:
            BOTO_SESSIONS[region] = boto3.Session(region_name=region)
        boto_session = BOTO_SESSIONS[region]
        self.session = PipelineSession(
            boto_session=boto_session,
            sagemaker_client=boto_session.client("sagemaker"),
            default_bucket=self.settings["bucket"],
            default_bucket_prefix=self.bucket_prefix(),
        )
        parameters = self.build_parameters()
        # The listing order (top level and inside each branch) is the design's dependency order,
        # branch links included; a ConditionStep is built after the steps of its branches.
        listing = self.order(self.dependencies(with_branch_links=True))
        self.branches = Branches(self.design, listing)
        build_upstream = self.dependencies(with_branch_links=False)
        for condition, members in self.branches.members.items():
            build_upstream[condition] |= set(members["if_true"] + members["if_false"])
        for step_id in self.order(build_upstream):
            self.built[step_id] = self.build_step(self.steps_by_id[step_id])
        pipeline = Pipeline(
            name=self.settings["name"],
            parameters=parameters,
            steps=[self.built[i] for i in listing if i not in self.branches.container],
            sagemaker_session=self.session,
        )
        return pipeline.definition()


def buckets_named(design: dict) -> set:
    """Every bucket the SDK may upload to or read from: the design's and any in its S3 URIs."""
    names = {design["pipeline"]["bucket"]}
    for match in S3_URI.finditer(json.dumps(design)):
        names.add(match.group(0)[len("s3://") :].split("/", 1)[0])
    return names


def uploaded_objects(definition: str) -> tuple:
    """S3 objects the definition names that exist in the mock, i.e. that the SDK uploaded: their
    descriptions, and their bytes in base64 (for the import round trip, which reads them back)."""
    s3 = boto3.client("s3", region_name="us-east-1")
    named = {}
    for uri in set(S3_URI.findall(definition)):
        bucket, _, key = uri[len("s3://") :].partition("/")
        named.setdefault(bucket, {})[key] = uri
    found = {}
    bodies = {}
    for bucket, keys in named.items():
        try:
            listing = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        except s3.exceptions.NoSuchBucket:
            continue
        for item in listing:
            if item["Key"] in keys:
                body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
                found[keys[item["Key"]]] = describe_object(item["Key"], body)
                bodies[keys[item["Key"]]] = base64.b64encode(body).decode("ascii")
    return dict(sorted(found.items())), bodies


def empty_buckets():
    """Each design starts from empty buckets, so no object is mistaken for an upload of its own."""
    s3 = boto3.client("s3", region_name="us-east-1")
    for bucket in s3.list_buckets().get("Buckets", []):
        listing = s3.list_objects_v2(Bucket=bucket["Name"]).get("Contents", [])
        if listing:
            s3.delete_objects(
                Bucket=bucket["Name"],
                Delete={"Objects": [{"Key": item["Key"]} for item in listing]},
            )


def render(path: str) -> dict:
    """One design → {"ok": True, "definition", "objects"} or {"ok": False, "error"}."""
    with open(path, encoding="utf-8") as handle:
        design = json.load(handle)
    s3 = boto3.client("s3", region_name="us-east-1")
    existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
    for bucket in buckets_named(design) - existing:
        s3.create_bucket(Bucket=bucket)
    workdir = tempfile.mkdtemp(prefix="oracle-")
    cwd = os.getcwd()
    try:
        # The SDK hashes paths relative to the working directory; keep it empty and private.
        os.makedirs(os.path.join(workdir, "cwd"))
        os.chdir(os.path.join(workdir, "cwd"))
        builder = Builder(design, workdir)
        with contextlib.redirect_stdout(sys.stderr):
            definition = builder.build()
        objects, bodies = uploaded_objects(definition)
        for uri in builder.user_uploads:
            objects.pop(uri, None)
        return {"ok": True, "definition": definition, "objects": objects, "bodies": bodies}
    except Exception as error:  # noqa: BLE001 - reported per design
        message = f"{type(error).__name__}: {error}"
        if not isinstance(error, DesignError):
            message += "\n" + traceback.format_exc(limit=-4)
        return {"ok": False, "error": message}
    finally:
        os.chdir(cwd)
        shutil.rmtree(workdir, ignore_errors=True)
        empty_buckets()


def design_files(arguments) -> list:
    files = []
    for argument in arguments:
        if os.path.isdir(argument):
            files += sorted(
                os.path.join(argument, name)
                for name in os.listdir(argument)
                if name.endswith(".pipeline.json")
            )
        else:
            files.append(argument)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("designs", nargs="+", help="design files or directories of them")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--jsonl", action="store_true", help="one JSON record per design")
    mode.add_argument("--out", help="write <stem>.definition.json files into this directory")
    args = parser.parse_args()
    files = design_files(args.designs)
    failed = 0
    with mock_aws():
        _silence_telemetry()
        _share_botocore_data()
        for path in files:
            result = render(path)
            failed += not result["ok"]
            if args.jsonl:
                print(json.dumps({"file": path, **result}), flush=True)
            elif not result["ok"]:
                print(f"{path}: {result['error']}", file=sys.stderr)
            elif args.out:
                os.makedirs(args.out, exist_ok=True)
                stem = os.path.basename(path).removesuffix(".pipeline.json")
                with open(os.path.join(args.out, f"{stem}.definition.json"), "w") as handle:
                    handle.write(result["definition"])
            else:
                print(result["definition"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
