"""Test control for the emulator: injected faults, a log of the calls that reached it, settings,
and how emulated runs go (the branch each Condition step takes, report values, registry groups).

End-to-end tests of a browser app need failures AWS produces rarely and never on cue (throttling,
500s, slow answers, an answer lost after the call took effect) and a way to check what the app
really sent (one start, not two). Tests drive this layer over HTTP under /_emulator/; those
requests are answered here and never reach moto.
"""

import io
import json
import threading
import time
import urllib.parse

from cors import aws_error, cors_headers, target_of

PREFIX = "/_emulator/"
TARGET_SERVICES = {"SageMaker": "sagemaker", "AWSCognitoIdentityService": "cognito-identity", "AWSCognitoIdentityProviderService": "cognito-idp"}
# Bucket sub-resources (?cors, ?versioning, …) and the words AWS puts in the operation names.
BUCKET_SUBRESOURCES = {"cors": "Cors", "versioning": "Versioning", "location": "Location", "policy": "Policy", "tagging": "Tagging", "acl": "Acl", "lifecycle": "LifecycleConfiguration", "encryption": "Encryption", "website": "Website"}
# Codes AWS uses for these statuses, as (JSON protocols, S3).
DEFAULT_CODES = {
    400: ("ValidationException", "InvalidRequest"),
    403: ("AccessDeniedException", "AccessDenied"),
    404: ("ResourceNotFound", "NoSuchKey"),
    429: ("ThrottlingException", "SlowDown"),
    500: ("InternalFailure", "InternalError"),
    503: ("ServiceUnavailable", "SlowDown"),
}
RULE_KEYS = {"service", "operation", "keyContains", "status", "code", "message", "times", "delayMs", "after"}


def body_of(environ):
    """The request body, read once and put back so the layers below can read it again."""
    if "emulator.body" not in environ:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["emulator.body"] = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(environ["emulator.body"])
    return environ["emulator.body"]


def signing_credential(environ):
    """(access key id, service) of the SigV4 signature, from the header or a presigned URL; ("", "") if unsigned."""
    credential = environ.get("HTTP_AUTHORIZATION", "").partition("Credential=")[2].split(",")[0]
    if not credential:
        credential = urllib.parse.parse_qs(environ.get("QUERY_STRING", "")).get("X-Amz-Credential", [""])[0]
    parts = credential.split("/")
    return parts[0], parts[3] if len(parts) > 3 else ""


def s3_operation(method, path, query, copy_source=False):
    """The S3 operation of a path-style request, e.g. PUT /bucket/key → PutObject."""
    bucket, _, key = path.lstrip("/").partition("/")
    if not bucket:
        return "ListBuckets"
    if not key:
        sub = next((BUCKET_SUBRESOURCES[name] for name in query if name in BUCKET_SUBRESOURCES), None)
        if method == "GET":
            if "uploads" in query:
                return "ListMultipartUploads"
            if "versions" in query:
                return "ListObjectVersions"
            if sub:
                return f"GetBucket{sub}"
            return "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects"
        if method == "POST" and "delete" in query:
            return "DeleteObjects"
        verb = {"PUT": "Put", "DELETE": "Delete", "HEAD": "Head"}.get(method, method.title())
        if sub and method in ("PUT", "DELETE"):
            return f"{verb}Bucket{sub}"
        return "CreateBucket" if method == "PUT" else f"{verb}Bucket"
    if "uploadId" in query:
        return {"POST": "CompleteMultipartUpload", "PUT": "UploadPartCopy" if copy_source else "UploadPart", "DELETE": "AbortMultipartUpload", "GET": "ListParts"}.get(method, method)
    if method == "POST" and "uploads" in query:
        return "CreateMultipartUpload"
    for sub, word in (("tagging", "Tagging"), ("acl", "Acl")):
        if sub in query:
            return {"GET": "Get", "PUT": "Put", "DELETE": "Delete"}.get(method, method) + f"Object{word}"
    if method == "PUT" and copy_source:
        return "CopyObject"
    return {"GET": "GetObject", "PUT": "PutObject", "HEAD": "HeadObject", "DELETE": "DeleteObject", "POST": "PostObject"}.get(method, method)


def operation_of(environ):
    """(service, operation, S3 object key or None) of an AWS request."""
    target = target_of(environ)
    _, scope = signing_credential(environ)
    if target:
        prefix, _, operation = target.partition(".")
        return TARGET_SERVICES.get(prefix, scope or prefix.lower()), operation, None
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if scope in ("", "s3"):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        operation = s3_operation(method, path, query, bool(environ.get("HTTP_X_AMZ_COPY_SOURCE")))
        return "s3", operation, path.lstrip("/").partition("/")[2] or None
    # Query protocols (IAM, STS) name the operation in an Action parameter, usually in a form body.
    if "form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        query = {**query, **urllib.parse.parse_qs(body_of(environ).decode("utf-8", "replace"))}
    return scope, query.get("Action", [""])[0], None


def parse_rule(spec, rule_id):
    """A fault rule from its JSON form; ValueError says what is wrong."""
    if not isinstance(spec, dict):
        raise ValueError("each fault must be an object")
    unknown = set(spec) - RULE_KEYS
    if unknown:
        raise ValueError(f"unknown fault fields {sorted(unknown)}; known: {sorted(RULE_KEYS)}")
    status = spec.get("status") or 0
    delay = spec.get("delayMs") or 0
    times = spec.get("times", 1)
    if not isinstance(status, int) or status and not 100 <= status <= 599:
        raise ValueError("status must be an HTTP status code, or 0 for a delay only")
    if not isinstance(delay, (int, float)) or delay < 0:
        raise ValueError("delayMs must be a number ≥ 0")
    if times is not None and (not isinstance(times, int) or times < 1):
        raise ValueError("times must be a positive integer, or null for every matching request")
    if not status and not delay:
        status = 500
    return {
        "id": rule_id,
        "service": spec.get("service"),
        "operation": spec.get("operation"),
        "keyContains": spec.get("keyContains"),
        "status": status,
        "code": spec.get("code"),
        "message": spec.get("message"),
        "times": times,
        "remaining": times,
        "delayMs": delay,
        "after": bool(spec.get("after")),
    }


def matches(rule, service, operation, key):
    return (
        rule["remaining"] != 0
        and rule["service"] in (None, service)
        and rule["operation"] in (None, operation)
        and (rule["keyContains"] is None or (key is not None and rule["keyContains"] in key))
    )


class ControlMiddleware:
    def __init__(self, app, credentials, run_settings):
        self.app = app
        self.credentials = credentials
        self.run_settings = run_settings
        self.lock = threading.Lock()
        self.faults = []
        self.calls = []
        self.next_id = 1

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") == "OPTIONS" or path.startswith("/moto-api/"):
            return self.app(environ, start_response)
        if path.startswith(PREFIX):
            return self.control(environ, start_response, path[len(PREFIX) :].strip("/"))

        service, operation, key = operation_of(environ)
        call = {"service": service, "operation": operation, "status": None, "time": time.time(), "accessKeyId": signing_credential(environ)[0] or None}
        if key is not None:
            call["key"] = key
        if target_of(environ):
            try:
                request = json.loads(body_of(environ) or b"{}")
            except ValueError:
                request = {}
            for field, name in (("ClientRequestToken", "clientRequestToken"), ("PipelineName", "pipelineName")):
                if isinstance(request, dict) and request.get(field):
                    call[name] = request[field]

        def logged(status, headers, exc_info=None):
            call["status"] = int(status.split()[0])
            with self.lock:
                self.calls.append(call)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        rule = self.take_fault(service, operation, key)
        if rule is None:
            return self.app(environ, logged)
        time.sleep(rule["delayMs"] / 1000)
        if not rule["status"]:
            return self.app(environ, logged)
        if rule["after"]:
            # The call takes effect; only its answer is lost, like a connection dropped on the way back.
            for _ in self.app(environ, lambda *args: lambda data: None):
                pass
        json_code, s3_code = DEFAULT_CODES.get(rule["status"], ("EmulatedFault", "EmulatedFault"))
        code = rule["code"] or (json_code if target_of(environ) else s3_code)
        message = rule["message"] or f"{code}: fault injected by the emulator"
        return aws_error(logged, environ, service, rule["status"], code, message)

    def take_fault(self, service, operation, key):
        with self.lock:
            for rule in self.faults:
                if matches(rule, service, operation, key):
                    if rule["remaining"] is not None:
                        rule["remaining"] -= 1
                    return dict(rule)
        return None

    def control(self, environ, start_response, name):
        method = environ.get("REQUEST_METHOD")
        try:
            spec = json.loads(body_of(environ) or b"null")
        except ValueError:
            return answer(start_response, environ, "400 Bad Request", {"message": "the body must be JSON"})
        try:
            handler = {
                ("faults", "GET"): lambda: None,
                ("faults", "POST"): lambda: self.add_faults(spec),
                ("faults", "DELETE"): lambda: self.faults.clear(),
                ("calls", "GET"): lambda: None,
                ("calls", "DELETE"): lambda: self.calls.clear(),
                ("settings", "GET"): lambda: None,
                ("settings", "POST"): lambda: self.credentials.configure(spec),
                ("settings", "DELETE"): lambda: self.credentials.configure(None),
                ("runs", "GET"): lambda: None,
                ("runs", "POST"): lambda: self.run_settings.configure(spec),
                ("runs", "DELETE"): lambda: self.run_settings.configure(None),
                ("reset", "POST"): self.reset,
            }.get((name, method))
            if handler is None:
                known = name in ("faults", "calls", "settings", "runs", "reset")
                status = "405 Method Not Allowed" if known else "404 Not Found"
                return answer(start_response, environ, status, {"message": f"no {method} {PREFIX}{name}"})
            with self.lock:
                handler()
        except ValueError as error:
            return answer(start_response, environ, "400 Bad Request", {"message": str(error)})
        return answer(start_response, environ, "200 OK", self.state(name, environ))

    def add_faults(self, spec):
        rules = spec.get("faults") if isinstance(spec, dict) else None
        if not isinstance(rules, list):
            raise ValueError('expected {"faults": [ … ]}')
        parsed = [parse_rule(rule, self.next_id + index) for index, rule in enumerate(rules)]
        self.next_id += len(parsed)
        self.faults.extend(parsed)

    def reset(self):
        self.faults.clear()
        self.calls.clear()
        self.credentials.configure(None)
        self.run_settings.configure(None)

    def state(self, name, environ):
        if name == "calls":
            wanted = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
            with self.lock:
                calls = [dict(c) for c in self.calls if all(c.get(field) in values for field, values in wanted.items())]
            return {"calls": calls}
        if name == "settings":
            return self.credentials.settings()
        if name == "runs":
            return self.run_settings.settings()
        with self.lock:
            faults = [dict(rule) for rule in self.faults]
        if name == "reset":
            return {"faults": faults, "calls": len(self.calls), "settings": self.credentials.settings(), "runs": self.run_settings.settings()}
        return {"faults": faults}


def answer(start_response, environ, status, payload):
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")] + cors_headers(environ))
    return [body]
