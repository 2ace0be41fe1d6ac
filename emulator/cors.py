"""WSGI middleware that makes moto usable from a browser page on another origin.

moto echoes origins but exposes no response headers, refuses some preflights and answers
unimplemented calls with an HTML 500 without CORS headers (the browser then sees only
"Failed to fetch"). This layer answers every preflight, exposes the headers the AWS SDK reads,
and turns failures into JSON errors the app can show. The emulator's own refusals (injected
faults, expired credentials) use `aws_error`, which answers in the protocol of the request.
"""

import json
import traceback
import uuid
from http import HTTPStatus
from xml.sax.saxutils import escape

EXPOSED_HEADERS = ", ".join(
    [
        "ETag",
        "x-amzn-requestid",
        "x-amz-request-id",
        "x-amz-id-2",
        "x-amzn-errortype",
        "x-amzn-errormessage",
        "x-amz-version-id",
        # The content hash the designer records on its uploads, read back to skip unchanged ones.
        "x-amz-meta-sha256",
        "x-amz-checksum-crc32",
        "Date",
    ]
)
ALLOWED_METHODS = "GET, PUT, POST, DELETE, HEAD, OPTIONS, PATCH"


def cors_headers(environ):
    origin = environ.get("HTTP_ORIGIN") or "*"
    requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS") or "*"
    headers = [
        ("Access-Control-Allow-Origin", origin),
        ("Access-Control-Allow-Methods", ALLOWED_METHODS),
        ("Access-Control-Allow-Headers", requested),
        ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
        ("Access-Control-Max-Age", "600"),
    ]
    if origin != "*":
        headers += [("Access-Control-Allow-Credentials", "true"), ("Vary", "Origin")]
    return headers


def json_error(start_response, environ, status, error_type, message):
    body = json.dumps({"__type": error_type, "message": message}).encode()
    headers = [
        ("Content-Type", "application/x-amz-json-1.1"),
        ("Content-Length", str(len(body))),
        ("x-amzn-errortype", error_type),
    ] + cors_headers(environ)
    start_response(status, headers)
    return [body]


def xml_error(start_response, environ, status, code, message, s3=True):
    """An error in the REST-XML shape of S3, or the query-protocol shape of IAM and STS."""
    request_id = uuid.uuid4().hex.upper()[:16]
    fields = f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
    if s3:
        text = f'<?xml version="1.0" encoding="UTF-8"?><Error>{fields}<RequestId>{request_id}</RequestId></Error>'
    else:
        text = f'<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type>{fields}</Error><RequestId>{request_id}</RequestId></ErrorResponse>'
    # A HEAD answer carries no body; the SDK reads the status alone.
    body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else text.encode()
    headers = [("Content-Type", "application/xml"), ("Content-Length", str(len(body))), ("x-amz-request-id", request_id)] + cors_headers(environ)
    start_response(status, headers)
    return [body]


def aws_error(start_response, environ, service, status, code, message):
    """An error in the protocol the request used: JSON when it names an X-Amz-Target, else XML."""
    try:
        line = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        line = f"{status} Error"
    if target_of(environ):
        return json_error(start_response, environ, line, code, message)
    return xml_error(start_response, environ, line, code, message, s3=service == "s3")


def call_app(app, environ):
    """Runs a WSGI app to completion: (status, headers, body), for layers that rewrite answers."""
    captured = {}

    def capture(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers
        return lambda data: captured.setdefault("written", []).append(data)

    body = b"".join(app(environ, capture))
    return captured["status"], captured["headers"], b"".join(captured.get("written", [])) + body


def send(start_response, status, headers, body):
    """Answers with `body`, replacing the Content-Length of headers taken from another answer."""
    kept = [(name, value) for name, value in headers if name.lower() != "content-length"]
    start_response(status, kept + [("Content-Length", str(len(body)))])
    return [body]


def target_of(environ):
    """The `Service.Operation` of a JSON-protocol call, e.g. `SageMaker.CreatePipeline`."""
    return environ.get("HTTP_X_AMZ_TARGET", "")


class CorsMiddleware:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "OPTIONS":
            start_response("200 OK", cors_headers(environ) + [("Content-Length", "0")])
            return [b""]

        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers
            return lambda data: captured.setdefault("written", []).append(data)

        try:
            body = b"".join(self.app(environ, capture))
        except Exception as error:  # moto raised instead of answering: say so as an AWS error
            traceback.print_exc()
            where = target_of(environ) or environ.get("PATH_INFO")
            return json_error(start_response, environ, "500 Internal Server Error", "InternalFailure", f"emulator error in {where}: {error}")
        body = b"".join(captured.get("written", [])) + body
        status = captured.get("status", "500 Internal Server Error")
        headers = captured.get("headers", [])
        content_type = {name.lower(): value for name, value in headers}.get("content-type", "")
        if status.startswith("500") and "html" in content_type:
            action = target_of(environ) or environ.get("PATH_INFO", "")
            return json_error(start_response, environ, "501 Not Implemented", "NotImplemented", f"the local emulator does not implement {action}")
        ours = {name.lower() for name, _ in cors_headers(environ)}
        # A HEAD answer has no body but must keep the object's Content-Length.
        keep_length = environ.get("REQUEST_METHOD") == "HEAD"
        kept = [(n, v) for n, v in headers if n.lower() not in ours and (keep_length or n.lower() != "content-length")]
        length = [] if keep_length else [("Content-Length", str(len(body)))]
        start_response(status, kept + cors_headers(environ) + length)
        return [body]
