"""SageMaker Pipelines calls moto lacks or simplifies, answered from moto's own state.

moto stores pipelines and executions but finishes every execution at once and has no
ListPipelineExecutionSteps or StopPipelineExecution. Here each execution runs its definition's
steps on a timeline (steps whose inputs are ready start together; each takes STEP_SECONDS), so a
designer can show progress; Stop halts the steps that are running. StartPipelineExecution
without a SigV4 signature is refused, as AWS refuses it, so the app's refusal path is testable.
moto ignores ClientRequestToken; here a repeated token returns the first call's result, as AWS
does, so an app that retries after a lost answer can be shown not to create a second run.
"""

import io
import json
import os
import re
import threading
import time

from moto.sagemaker.models import sagemaker_backends

from cors import json_error, target_of

STEP_SECONDS = float(os.environ.get("EMULATOR_STEP_SECONDS", "3"))
ACCOUNT = "123456789012"
STEP_REFERENCE = re.compile(r"Steps\.([A-Za-z0-9\-_]+)\.")

METADATA_KEYS = {"Processing": "ProcessingJob", "Training": "TrainingJob", "Model": "Model"}

# Execution ARN → epoch seconds at which it was stopped.
stopped_at = {}

# (region, pipeline name, ClientRequestToken) → the moto pipeline CreatePipeline made with it.
# Holding moto's object rather than its ARN ties the token to moto's state: after /moto-api/reset
# a pipeline of the same name is another object, and the token no longer applies.
created_with = {}
# Serializes token check and call, so two concurrent retries cannot both create.
idempotence = threading.Lock()


def region_of(environ):
    match = re.search(r"Credential=[^/]+/\d+/([a-z0-9-]+)/", environ.get("HTTP_AUTHORIZATION", ""))
    return match.group(1) if match else os.environ.get("AWS_DEFAULT_REGION", "us-east-1")


def find_execution(region, arn):
    for pipeline in sagemaker_backends[ACCOUNT][region].pipelines.values():
        if arn in pipeline.pipeline_executions:
            return pipeline.pipeline_executions[arn]
    return None


def step_schedule(definition_text):
    """Each step's (name, start offset, end offset) in seconds: a step starts when all it references are done."""
    steps = json.loads(definition_text).get("Steps", [])
    needs = {}
    for step in steps:
        referenced = set(STEP_REFERENCE.findall(json.dumps(step.get("Arguments", {}))))
        needs[step["Name"]] = (referenced | set(step.get("DependsOn", []))) - {step["Name"]}
    depth = {}

    def depth_of(name, seen=()):
        if name not in depth:
            parents = [p for p in needs.get(name, ()) if p in needs and p not in seen]
            depth[name] = 1 + max((depth_of(p, seen + (name,)) for p in parents), default=-1)
        return depth[name]

    return [(step["Name"], step.get("Type", ""), depth_of(step["Name"]) * STEP_SECONDS, (depth_of(step["Name"]) + 1) * STEP_SECONDS) for step in steps]


def earlier_result(operation, region, request):
    """The answer a call with this ClientRequestToken already got, or None."""
    backend = sagemaker_backends[ACCOUNT][region]
    name, token = request.get("PipelineName", ""), request["ClientRequestToken"]
    pipeline = backend.pipelines.get(name)
    if pipeline is None:
        return None
    if operation == "CreatePipeline":
        return {"PipelineArn": pipeline.arn} if created_with.get((region, name, token)) is pipeline else None
    for execution in pipeline.pipeline_executions.values():
        if execution.client_request_token == token:
            return {"PipelineExecutionArn": execution.arn}
    return None


def started(execution):
    return execution.start_time.timestamp()


def execution_status(execution, now):
    schedule = step_schedule(execution.pipeline_definition_for_execution)
    end = max((finish for *_, finish in schedule), default=0)
    stop = stopped_at.get(execution.arn)
    if stop is not None:
        return "Stopped"
    return "Succeeded" if now - started(execution) >= end else "Executing"


def list_steps(execution, now, ascending):
    begin = started(execution)
    stop = stopped_at.get(execution.arn)
    horizon = (stop if stop is not None else now) - begin
    rows = []
    for name, step_type, start, finish in step_schedule(execution.pipeline_definition_for_execution):
        if start > horizon:
            continue
        if finish <= horizon:
            status, end = "Succeeded", begin + finish
        else:
            status, end = ("Stopped", stop) if stop is not None else ("Executing", None)
        row = {"StepName": name, "StepDisplayName": name, "StepStatus": status, "StartTime": begin + start, "AttemptCount": 1, "Metadata": {}}
        if end is not None:
            row["EndTime"] = end
        job = METADATA_KEYS.get(step_type)
        if job:
            row["Metadata"] = {job: {"Arn": f"arn:aws:sagemaker:emulated:{ACCOUNT}:{job.lower()}/{name}"}}
        rows.append(row)
    rows.sort(key=lambda row: row["StartTime"], reverse=not ascending)
    return rows


def respond(start_response, environ, payload):
    body = json.dumps(payload).encode()
    start_response("200 OK", [("Content-Type", "application/x-amz-json-1.1"), ("Content-Length", str(len(body))), ("x-amzn-RequestId", "emulated")])
    return [body]


class PipelinesMiddleware:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        target = target_of(environ)
        if not target.startswith("SageMaker."):
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(raw)
        request = json.loads(raw or b"{}")
        operation = target.split(".", 1)[1]
        region = region_of(environ)
        now = time.time()

        if operation == "StartPipelineExecution" and not environ.get("HTTP_AUTHORIZATION", "").startswith("AWS4-HMAC-SHA256"):
            return json_error(start_response, environ, "403 Forbidden", "MissingAuthenticationTokenException", "Request is missing a SigV4 signature: sign in to get AWS credentials.")
        if operation in ("CreatePipeline", "StartPipelineExecution") and request.get("ClientRequestToken"):
            return self.idempotent(environ, start_response, operation, region, request)
        if operation in ("ListPipelineExecutionSteps", "StopPipelineExecution"):
            execution = find_execution(region, request.get("PipelineExecutionArn", ""))
            if execution is None:
                return json_error(start_response, environ, "400 Bad Request", "ResourceNotFound", f"Pipeline execution {request.get('PipelineExecutionArn')} does not exist.")
            if operation == "StopPipelineExecution":
                if execution_status(execution, now) == "Executing":
                    stopped_at[execution.arn] = now
                return respond(start_response, environ, {"PipelineExecutionArn": execution.arn})
            steps = list_steps(execution, now, request.get("SortOrder") == "Ascending")
            return respond(start_response, environ, {"PipelineExecutionSteps": steps})
        if operation in ("DescribePipelineExecution", "ListPipelineExecutions"):
            return self.with_live_status(environ, start_response, region, now)
        return self.app(environ, start_response)

    def idempotent(self, environ, start_response, operation, region, request):
        with idempotence:
            earlier = earlier_result(operation, region, request)
            if earlier is not None:
                return respond(start_response, environ, earlier)
            captured = {}

            def capture(status, headers, exc_info=None):
                captured["status"], captured["headers"] = status, headers
                return lambda data: None

            body = b"".join(self.app(environ, capture))
            if operation == "CreatePipeline" and captured["status"].startswith("200"):
                pipeline = sagemaker_backends[ACCOUNT][region].pipelines.get(request.get("PipelineName"))
                created_with[(region, request.get("PipelineName"), request["ClientRequestToken"])] = pipeline
        start_response(captured["status"], captured["headers"])
        return [body]

    def with_live_status(self, environ, start_response, region, now):
        """moto says Succeeded at once; report the status of the emulated timeline instead."""
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(self.app(environ, capture))
        try:
            payload = json.loads(body)
        except ValueError:
            start_response(captured["status"], captured["headers"])
            return [body]
        records = payload.get("PipelineExecutionSummaries", [payload])
        for record in records:
            execution = find_execution(region, record.get("PipelineExecutionArn", ""))
            if execution is not None and "PipelineExecutionStatus" in record:
                record["PipelineExecutionStatus"] = execution_status(execution, now)
        body = json.dumps(payload).encode()
        headers = [(n, v) for n, v in captured["headers"] if n.lower() != "content-length"] + [("Content-Length", str(len(body)))]
        start_response(captured["status"], headers)
        return [body]
