"""How an emulated pipeline execution runs: its steps on a timeline, branches, failures, effects.

SageMaker walks a definition's top-level steps in dependency order; a Condition step runs the
steps of one branch (its `IfSteps` or `ElseSteps`), a Fail step ends the execution as Failed with
its message, a RegisterModel step adds a version to the model registry. No job really runs here:
each step lasts STEP_SECONDS, and what a step leaves behind is made when its time is up —
lazily, whenever a SageMaker request reaches the emulator (`advance`), so nothing runs in the
background and a test reads the same state the page does.

What tests control (`RunSettings`, through /_emulator/runs), fixed for each execution when it
starts:
- `branches`: the branch a Condition step takes, by step name or `pipeline/step`; default "true".
- `reportValues`: the numbers an evaluation step's property file holds, by JSON path; every path
  the definition reads with `Std:JsonGet` is in the report, `DEFAULT_REPORT_VALUE` unless set.
- `createModelPackageGroups`: a RegisterModel step creates a missing model package group (default,
  as SageMaker Pipelines does); false refuses the step the way CreateModelPackage refuses.
"""

import json
import os
import re
import threading
from datetime import datetime

from moto.s3.models import s3_backends
from moto.sagemaker.models import sagemaker_backends

STEP_SECONDS = float(os.environ.get("EMULATOR_STEP_SECONDS", "3"))
ACCOUNT = "123456789012"
STEP_REFERENCE = re.compile(r"Steps\.([A-Za-z0-9\-_]+)\.")
# The value a report holds for a JSON path nobody set (documented in emulator/README.md).
DEFAULT_REPORT_VALUE = 0.9
# Step type → the metadata key ListPipelineExecutionSteps names its job under, from its start.
JOB_METADATA = {"Processing": "ProcessingJob", "Training": "TrainingJob", "Model": "Model", "Transform": "TransformJob"}
# Execution ARN → epoch seconds at which it was stopped.
stopped_at = {}
# One lock for every plan: effects change moto's state and must happen once.
lock = threading.Lock()


class RunSettings:
    """Branches, report values and registry behaviour for executions started from now on."""

    KEYS = {"branches", "reportValues", "createModelPackageGroups"}

    def __init__(self):
        self.configure(None)

    def configure(self, spec):
        """Merges {"branches": {...}, "reportValues": {...}, "createModelPackageGroups": bool}; None resets."""
        if spec is None:
            self.branches, self.report_values, self.create_groups = {}, {}, True
            return
        if not isinstance(spec, dict) or set(spec) - self.KEYS:
            raise ValueError(f"expected an object with any of {sorted(self.KEYS)}")
        branches = spec.get("branches", {})
        values = spec.get("reportValues", {})
        if not isinstance(branches, dict) or not isinstance(values, dict):
            raise ValueError("branches and reportValues must be objects")
        parsed = {}
        for name, branch in branches.items():
            if branch is None:
                parsed[name] = None
            elif branch in (True, "true", "True"):
                parsed[name] = True
            elif branch in (False, "false", "False"):
                parsed[name] = False
            else:
                raise ValueError(f'branches.{name} must be "true" or "false" (null forgets it)')
        for path, value in values.items():
            if isinstance(value, (dict, list)):
                raise ValueError(f"reportValues.{path} must be a number, string, boolean or null")
        create = spec.get("createModelPackageGroups", self.create_groups)
        if not isinstance(create, bool):
            raise ValueError("createModelPackageGroups must be true or false")
        for name, branch in parsed.items():
            if branch is None:
                self.branches.pop(name, None)
            else:
                self.branches[name] = branch
        self.report_values.update(values)
        self.create_groups = create

    def settings(self):
        return {
            "branches": {name: "true" if branch else "false" for name, branch in sorted(self.branches.items())},
            "reportValues": dict(self.report_values),
            "createModelPackageGroups": self.create_groups,
        }

    def branch_for(self, pipeline, step):
        return self.branches.get(f"{pipeline}/{step}", self.branches.get(step, True))


settings = RunSettings()


def started(execution):
    return execution.start_time.timestamp()


def references(step):
    """The step names a step's arguments refer to (a Condition's branches excluded: they run after it)."""
    arguments = step.get("Arguments", {})
    if step.get("Type") == "Condition" and isinstance(arguments, dict):
        arguments = arguments.get("Conditions", [])
    return set(STEP_REFERENCE.findall(json.dumps(arguments)))


def flatten(steps, enclosing=None, found=None):
    """Every step of a definition, nested branch steps too, each with the (condition, branch) it sits in."""
    found = {} if found is None else found
    for step in steps if isinstance(steps, list) else []:
        if not isinstance(step, dict) or "Name" not in step:
            continue
        found[step["Name"]] = (step, enclosing)
        if step.get("Type") == "Condition":
            arguments = step.get("Arguments", {})
            flatten(arguments.get("IfSteps", []), (step["Name"], True), found)
            flatten(arguments.get("ElseSteps", []), (step["Name"], False), found)
    return found


class Row:
    """One step as it runs in an execution: when, and what it leaves."""

    def __init__(self, step, start):
        self.step = step
        self.name = step["Name"]
        self.type = step.get("Type", "")
        self.start = start
        self.end = start + STEP_SECONDS
        self.failure = None  # the reason, once the step has failed
        self.metadata = {}  # added to ListPipelineExecutionSteps' Metadata once the step has ended
        self.done = False  # its effect happened


class Plan:
    """An execution's timeline, fixed when it is first seen (settings are read then)."""

    def __init__(self, execution, pipeline_name, region, run_settings):
        self.region = region
        self.pipeline_name = pipeline_name
        self.execution_arn = execution.arn
        self.execution_id = execution.arn.rsplit("/", 1)[-1]
        self.begin = started(execution)
        self.report_values = dict(run_settings.report_values)
        self.create_groups = run_settings.create_groups
        try:
            definition = json.loads(execution.pipeline_definition_for_execution or "{}")
        except ValueError:
            definition = {}
        self.definition = definition if isinstance(definition, dict) else {}
        self.parameters = {}
        for parameter in self.definition.get("Parameters", []) or []:
            if isinstance(parameter, dict) and "DefaultValue" in parameter:
                self.parameters[parameter.get("Name")] = parameter["DefaultValue"]
        for parameter in execution.pipeline_parameters or []:
            self.parameters[parameter.get("Name")] = parameter.get("Value")
        self.steps = flatten(self.definition.get("Steps", []))
        self.outcomes = {}
        for name, (step, _) in self.steps.items():
            if step.get("Type") == "Condition":
                self.outcomes[name] = run_settings.branch_for(pipeline_name, name)
        self.rows = self.schedule()
        self.settled = False  # every step that runs has ended and left what it leaves

    def active(self, name):
        """Runs in this execution: top level, or in the branch its condition takes."""
        seen = set()
        while name in self.steps and name not in seen:
            seen.add(name)
            enclosing = self.steps[name][1]
            if enclosing is None:
                return True
            condition, branch = enclosing
            if self.outcomes.get(condition, True) != branch:
                return False
            name = condition
        return False

    def schedule(self):
        needs = {}
        for name, (step, enclosing) in self.steps.items():
            wanted = references(step) | set(step.get("DependsOn", []) or [])
            if enclosing is not None:
                wanted.add(enclosing[0])
            needs[name] = {other for other in wanted - {name} if other in self.steps and self.active(other)}
        start = {}

        def start_of(name, path=()):
            if name not in start:
                parents = [p for p in needs[name] if p not in path]
                start[name] = max((start_of(p, path + (name,)) + STEP_SECONDS for p in parents), default=0.0)
            return start[name]

        rows = [Row(step, start_of(name)) for name, (step, _) in self.steps.items() if self.active(name)]
        for row in rows:
            if row.type == "Condition":
                row.metadata = {"Condition": {"Outcome": "True" if self.outcomes.get(row.name, True) else "False"}}
        rows.sort(key=lambda row: row.start)
        return rows

    # The timeline, as of a moment.

    def cutoff(self):
        """When the execution failed (a Fail step ended, or a step's effect failed), or None."""
        ends = [row.end for row in self.rows if row.type == "Fail" or row.failure is not None]
        return min(ends, default=None)

    def running_rows(self):
        """The steps that start: none starts once the execution has failed."""
        cut = self.cutoff()
        return [row for row in self.rows if cut is None or row.start < cut]

    def end(self):
        return max((row.end for row in self.running_rows()), default=0.0)

    def status(self, now):
        if self.execution_arn in stopped_at:
            return "Stopped"
        if now - self.begin < self.end():
            return "Executing"
        return "Failed" if self.cutoff() is not None else "Succeeded"

    def failure_reason(self, now):
        if self.status(now) != "Failed":
            return None
        failed = [row for row in self.running_rows() if row.failure is not None or row.type == "Fail"]
        first = min(failed, key=lambda row: row.end)
        return first.failure or ""

    def step_records(self, now, ascending):
        stop = stopped_at.get(self.execution_arn)
        horizon = (stop if stop is not None else now) - self.begin
        records = []
        for row in self.running_rows():
            if row.start > horizon:
                continue
            record = {"StepName": row.name, "StepDisplayName": row.step.get("DisplayName", row.name), "StepStatus": "Executing", "StartTime": self.begin + row.start, "AttemptCount": 1, "Metadata": {}}
            job = JOB_METADATA.get(row.type)
            if job:
                record["Metadata"][job] = {"Arn": f"arn:aws:sagemaker:emulated:{ACCOUNT}:{job.lower()}/{row.name}"}
            if row.end <= horizon:
                record["EndTime"] = self.begin + row.end
                record["StepStatus"] = "Failed" if row.failure is not None or row.type == "Fail" else "Succeeded"
                record["Metadata"].update(row.metadata)
                if row.failure is not None:
                    record["FailureReason"] = row.failure
            elif stop is not None:
                record["StepStatus"], record["EndTime"] = "Stopped", stop
            records.append(record)
        records.sort(key=lambda record: record["StartTime"], reverse=not ascending)
        return records

    # Effects: what a step leaves behind when it ends.

    def advance(self, now):
        """Makes the effects of the steps that have ended by `now` (once each, in the order they end)."""
        if self.settled:
            return
        stop = stopped_at.get(self.execution_arn)
        horizon = (stop if stop is not None else now) - self.begin
        self.settled = stop is not None or horizon >= max((row.end for row in self.rows), default=0.0)
        for row in sorted(self.rows, key=lambda row: row.end):
            if row.done or row.end > horizon:
                continue
            cut = self.cutoff()
            if cut is not None and row.start >= cut:
                continue
            row.done = True
            try:
                self.effect(row)
            except Exception as error:  # the service refused what the step asked: the step fails
                row.failure = str(getattr(error, "message", None) or error)

    def effect(self, row):
        arguments = row.step.get("Arguments", {})
        if row.type == "Processing":
            for report in row.step.get("PropertyFiles", []) or []:
                self.write_report(row, report)
        elif row.type == "Fail":
            message = self.resolve(arguments.get("ErrorMessage", "") if isinstance(arguments, dict) else "")
            row.failure = "" if message is None else str(message)
            row.metadata = {"Fail": {"ErrorMessage": row.failure}}
        elif row.type == "RegisterModel":
            arn = self.register(self.resolve(arguments))
            row.metadata = {"RegisterModel": {"Arn": arn}}

    def write_report(self, row, report):
        """An evaluation step's property file, holding every path the definition reads from it."""
        uri = self.report_uri(row.name, report.get("PropertyFileName"))
        located = split_s3_uri(uri)
        if located is None:
            return
        paths = dict.fromkeys(self.read_paths(row.name, report.get("PropertyFileName")), DEFAULT_REPORT_VALUE)
        paths.update(self.report_values)
        document = {}
        for path, value in paths.items():
            set_path(document, path, value)
        bucket, key = located
        s3 = s3_backends[ACCOUNT]["aws"]
        try:
            s3.get_bucket(bucket)
        except Exception:  # no bucket: the job could not have written its output; the report is absent
            return
        if s3.get_object(bucket, key) is None:
            s3.put_object(bucket, key, json.dumps(document, indent=2).encode())

    def read_paths(self, step_name, file_name):
        """The JSON paths `Std:JsonGet` reads from one property file anywhere in the definition."""
        found = []

        def visit(value):
            if isinstance(value, dict):
                got = value.get("Std:JsonGet")
                if isinstance(got, dict) and got.get("PropertyFile") == {"Get": f"Steps.{step_name}.PropertyFiles.{file_name}"}:
                    if isinstance(got.get("Path"), str) and got["Path"] not in found:
                        found.append(got["Path"])
                for child in value.values():
                    visit(child)
            elif isinstance(value, list):
                for child in value:
                    visit(child)

        visit(self.definition.get("Steps", []))
        return found

    def report_uri(self, step_name, file_name):
        step = self.steps.get(step_name, ({}, None))[0]
        report = next((f for f in step.get("PropertyFiles", []) or [] if f.get("PropertyFileName") == file_name), None)
        if report is None:
            return None
        output = self.navigate(step.get("Arguments", {}), f"ProcessingOutputConfig.Outputs['{report.get('OutputName')}'].S3Output.S3Uri")
        if not isinstance(output, str):
            return None
        return output.rstrip("/") + "/" + str(report.get("FilePath", "")).lstrip("/")

    def register(self, arguments):
        """CreateModelPackage from a RegisterModel step's arguments (its group created if missing)."""
        backend = sagemaker_backends[ACCOUNT][self.region]
        group = arguments.get("ModelPackageGroupName")
        if isinstance(group, str) and group.startswith("arn:"):
            group = group.rsplit("/", 1)[-1]
        if group and group not in backend.model_package_groups:
            if not self.create_groups:
                raise ValueError(f"Model Package Group {group} does not exist.")
            backend.create_model_package_group(group, f"Created by pipeline {self.pipeline_name}")
        return backend.create_model_package(
            model_package_name=None,
            model_package_group_name=group,
            model_package_description=arguments.get("ModelPackageDescription"),
            inference_specification=arguments.get("InferenceSpecification"),
            validation_specification=None,
            source_algorithm_specification=None,
            certify_for_marketplace=False,
            tags=arguments.get("Tags"),
            model_approval_status=arguments.get("ModelApprovalStatus") or "PendingManualApproval",
            metadata_properties=arguments.get("MetadataProperties"),
            model_metrics=arguments.get("ModelMetrics"),
            client_token=None,
            customer_metadata_properties=arguments.get("CustomerMetadataProperties"),
            drift_check_baselines=arguments.get("DriftCheckBaselines"),
            domain=arguments.get("Domain"),
            task=arguments.get("Task"),
            sample_payload_url=arguments.get("SamplePayloadUrl"),
            additional_inference_specifications=None,
        )

    # Values of the definition's expressions in this execution.

    def resolve(self, value):
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1 and "Get" in value:
            return self.get(value["Get"])
        if len(value) == 1 and "Std:Join" in value:
            join = value["Std:Join"] or {}
            return str(join.get("On", "")).join(text(self.resolve(item)) for item in join.get("Values", []))
        if len(value) == 1 and "Std:JsonGet" in value:
            return self.json_get(value["Std:JsonGet"] or {})
        return {key: self.resolve(item) for key, item in value.items()}

    def get(self, path):
        if not isinstance(path, str):
            return None
        if path.startswith("Parameters."):
            return self.parameters.get(path[len("Parameters.") :])
        execution = {
            "Execution.PipelineExecutionId": self.execution_id,
            "Execution.PipelineExecutionArn": self.execution_arn,
            "Execution.PipelineName": self.pipeline_name,
            "Execution.PipelineArn": self.execution_arn.split("/execution/")[0],
            "Execution.StartDateTime": datetime.fromtimestamp(self.begin).isoformat(),
            "Execution.CurrentDateTime": datetime.now().isoformat(),
        }
        if path in execution:
            return execution[path]
        match = re.match(r"Steps\.([A-Za-z0-9\-_]+)\.(.+)$", path)
        if not match:
            return f"<{path}>"
        name, rest = match.groups()
        step = self.steps.get(name, ({}, None))[0]
        row = next((row for row in self.rows if row.name == name), None)
        job = f"pipelines-{self.execution_id}-{name}"
        if rest == "ModelPackageArn" and row is not None:
            return row.metadata.get("RegisterModel", {}).get("Arn", f"<{path}>")
        if rest == "ModelArtifacts.S3ModelArtifacts":
            output = self.navigate(step.get("Arguments", {}), "OutputDataConfig.S3OutputPath")
            if isinstance(output, str):
                return f"{output.rstrip('/')}/{job}/output/model.tar.gz"
        if rest in ("ModelName", "TrainingJobName", "ProcessingJobName", "TransformJobName"):
            return job
        found = self.navigate(step.get("Arguments", {}), rest)
        return f"<{path}>" if found is None else found

    def navigate(self, arguments, path):
        """A value inside a step's arguments by property path (`Outputs['name']` picks by name), resolved."""
        current = arguments
        for part in re.findall(r"[^.\[\]]+|\['[^']*'\]|\[\d+\]", path):
            if part.startswith("['") and isinstance(current, list):
                wanted = part[2:-2]
                current = next((item for item in current if isinstance(item, dict) and wanted in (item.get("OutputName"), item.get("InputName"), item.get("ChannelName"))), None)
            elif part.startswith("[") and isinstance(current, list):
                index = int(part[1:-1])
                current = current[index] if index < len(current) else None
            elif isinstance(current, dict):
                current = current.get(part)
            else:
                return None
            if current is None:
                return None
        return self.resolve(current)

    def json_get(self, spec):
        """`Std:JsonGet`: the value at Path in the property file its step wrote, or a placeholder."""
        file_ref = spec.get("PropertyFile")
        path = spec.get("Path", "")
        match = re.match(r"Steps\.([A-Za-z0-9\-_]+)\.PropertyFiles\.(.+)$", (file_ref or {}).get("Get", "") if isinstance(file_ref, dict) else "")
        if match:
            located = split_s3_uri(self.report_uri(*match.groups()))
            if located is not None:
                try:
                    found = s3_backends[ACCOUNT]["aws"].get_object(*located)
                except Exception:
                    found = None
                if found is not None:
                    try:
                        value = get_path(json.loads(found.value), path)
                        if value is not MISSING:
                            return value
                    except ValueError:
                        pass
        return self.report_values.get(path, DEFAULT_REPORT_VALUE)


MISSING = object()


def text(value):
    """A value as Std:Join writes it: JSON's spelling for booleans and null, numbers as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def split_s3_uri(uri):
    if not isinstance(uri, str):
        return None
    match = re.match(r"^s3://([^/]+)/(.+)$", uri)
    return (match.group(1), re.sub(r"/{2,}", "/", match.group(2))) if match else None


def set_path(document, path, value):
    parts = path.split(".")
    current = document
    for part in parts[:-1]:
        if not isinstance(current.get(part), dict):
            current[part] = {}
        current = current[part]
    current[parts[-1]] = value


def get_path(document, path):
    current = document
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("[") and isinstance(current, list):
            index = int(part[1:-1])
            if index >= len(current):
                return MISSING
            current = current[index]
        elif isinstance(current, dict) and part in current:
            current = current[part]
        else:
            return MISSING
    return current


def plan_of(execution, pipeline_name, region):
    """The execution's plan, made the first time it is needed (settings are read then)."""
    plan = getattr(execution, "emulator_plan", None)
    if plan is None:
        plan = Plan(execution, pipeline_name, region, settings)
        execution.emulator_plan = plan
    return plan


def advance(region, now):
    """Plans new executions and makes the effects of every step that has ended by now."""
    backend = sagemaker_backends[ACCOUNT][region]
    with lock:
        for pipeline in list(backend.pipelines.values()):
            for execution in list(pipeline.pipeline_executions.values()):
                plan_of(execution, pipeline.pipeline_name, region).advance(now)


def find_plan(region, arn):
    for pipeline in sagemaker_backends[ACCOUNT][region].pipelines.values():
        if arn in pipeline.pipeline_executions:
            return plan_of(pipeline.pipeline_executions[arn], pipeline.pipeline_name, region)
    return None
