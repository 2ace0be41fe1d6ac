"""Serves the designer's connection config (designer.config.json) from the emulator itself.

The seed script PUTs the ids it created; the app's dev and preview servers proxy
/designer.config.json here. So the config always matches the running emulator, is never a stale
file in the app's folder, and a GET answers 404 until seeding is done — which makes it the
"emulator is ready" signal for `npm start` and the e2e tests.
"""

import json

from cors import cors_headers

PATH = "/_emulator/designer.config.json"


class AppConfigMiddleware:
    def __init__(self, app):
        self.app = app
        self.config = None

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") == "OPTIONS":
            return self.app(environ, start_response)
        if environ.get("REQUEST_METHOD") == "PUT":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            self.config = json.loads(environ["wsgi.input"].read(length) or b"null")
            return self.answer(start_response, environ, "200 OK", self.config)
        if environ.get("REQUEST_METHOD") == "DELETE":
            self.config = None
            return self.answer(start_response, environ, "200 OK", {})
        if self.config is None:
            return self.answer(start_response, environ, "404 Not Found", {"message": "not seeded yet"})
        return self.answer(start_response, environ, "200 OK", self.config)

    @staticmethod
    def answer(start_response, environ, status, payload):
        body = json.dumps(payload, indent=2).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
        start_response(status, headers + cors_headers(environ))
        return [body]
