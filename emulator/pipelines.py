"""SageMaker Pipelines calls moto lacks or simplifies, answered from moto's own state.

moto stores pipelines and executions but finishes every execution at once and has no
ListPipelineExecutionSteps or StopPipelineExecution. Here each execution runs its definition's
steps on a timeline (runs.py: steps whose inputs are ready start together, each takes
STEP_SECONDS; conditions take a branch, Fail steps fail the run, RegisterModel steps add to the
model registry), so a designer can show progress; Stop halts the steps that are running. StartPipelineExecution
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

import runs
from cors import json_error, target_of

ACCOUNT = "123456789012"

# (region, pipeline name, ClientRequestToken) → the moto pipeline CreatePipeline made with it.
# Holding moto's object rather than its ARN ties the token to moto's state: after /moto-api/reset
# a pipeline of the same name is another object, and the token no longer applies.
created_with = {}
# Serializes token check and call, so two concurrent retries cannot both create.
idempotence = threading.Lock()


def region_of(environ):
    match = re.search(r"Credential=[^/]+/\d+/([a-z0-9-]+)/", environ.get("HTTP_AUTHORIZATION", ""))
    return match.group(1) if match else os.environ.get("AWS_DEFAULT_REGION", "us-east-1")


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
        # Whatever is asked, the steps that have ended by now have left what they leave.
        runs.advance(region, now)

        if operation == "StartPipelineExecution" and not environ.get("HTTP_AUTHORIZATION", "").startswith("AWS4-HMAC-SHA256"):
            return json_error(start_response, environ, "403 Forbidden", "MissingAuthenticationTokenException", "Request is missing a SigV4 signature: sign in to get AWS credentials.")
        if operation in ("CreatePipeline", "StartPipelineExecution") and request.get("ClientRequestToken"):
            answer = self.idempotent(environ, start_response, operation, region, request)
        elif operation in ("ListPipelineExecutionSteps", "StopPipelineExecution"):
            plan = runs.find_plan(region, request.get("PipelineExecutionArn", ""))
            if plan is None:
                return json_error(start_response, environ, "400 Bad Request", "ResourceNotFound", f"Pipeline execution {request.get('PipelineExecutionArn')} does not exist.")
            if operation == "StopPipelineExecution":
                if plan.status(now) == "Executing":
                    runs.stopped_at[plan.execution_arn] = now
                return respond(start_response, environ, {"PipelineExecutionArn": plan.execution_arn})
            steps = plan.step_records(now, request.get("SortOrder") == "Ascending")
            return respond(start_response, environ, {"PipelineExecutionSteps": steps})
        elif operation in ("DescribePipelineExecution", "ListPipelineExecutions"):
            return self.with_live_status(environ, start_response, region, now)
        elif operation == "UpdateModelPackage":
            return self.app(keeping_what_update_omits(environ, region, request), start_response)
        else:
            answer = self.app(environ, start_response)
        if operation == "StartPipelineExecution":
            # Plan the new execution now, so the settings it runs with are the ones set before it started.
            answer = list(answer)
            runs.advance(region, now)
        return answer

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
        """moto says Succeeded at once; report the status (and failure) of the emulated timeline instead."""
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
        summaries = "PipelineExecutionSummaries" in payload
        if summaries:
            # moto lists in creation order whatever was asked; AWS sorts, newest first by default.
            request = json.loads(environ["wsgi.input"].getvalue() or b"{}")
            listed = payload["PipelineExecutionSummaries"]
            order = {id(record): index for index, record in enumerate(listed)}
            listed.sort(key=lambda record: (record.get("StartTime") if isinstance(record.get("StartTime"), (int, float)) else 0, order[id(record)]), reverse=request.get("SortOrder", "Descending") == "Descending")
        records = payload.get("PipelineExecutionSummaries", [payload])
        reason_field = "PipelineExecutionFailureReason" if summaries else "FailureReason"
        for record in records:
            plan = runs.find_plan(region, record.get("PipelineExecutionArn", ""))
            if plan is not None and "PipelineExecutionStatus" in record:
                record["PipelineExecutionStatus"] = plan.status(now)
                reason = plan.failure_reason(now)
                if reason is None:
                    record.pop(reason_field, None)
                else:
                    record[reason_field] = reason
        body = json.dumps(payload).encode()
        headers = [(n, v) for n, v in captured["headers"] if n.lower() != "content-length"] + [("Content-Length", str(len(body)))]
        start_response(captured["status"], headers)
        return [body]


def keeping_what_update_omits(environ, region, request):
    """UpdateModelPackage as AWS does it: fields the request leaves out keep their values.

    moto sets every field the request omits to null (approving a version would erase its customer
    metadata and approval description); the request is completed from the package before moto sees it.
    """
    backend = sagemaker_backends[ACCOUNT][region]
    try:
        package = backend.describe_model_package(request.get("ModelPackageArn", ""))
    except Exception:
        return environ  # moto answers the missing package itself
    completed = dict(request)
    completed.setdefault("ModelApprovalStatus", package.model_approval_status)
    if package.approval_description is not None:
        completed.setdefault("ApprovalDescription", package.approval_description)
    current = dict(package.customer_metadata_properties or {})
    current.update(request.get("CustomerMetadataProperties") or {})
    if current:
        completed["CustomerMetadataProperties"] = current
    body = json.dumps(completed).encode()
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("emulator.body", None)
    return environ
