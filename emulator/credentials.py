"""Identity-pool credentials with a lifetime tests control, and refusal once they have expired.

moto hands out the same fixed test keys on every GetCredentialsForIdentity and never checks them,
so an app's "credentials expired → fetch new ones and retry" path cannot be tested against it.
Here each call issues a unique access key id that lives `credentialSeconds` (settable through
/_emulator/settings); a request signed with an issued key after its expiry is refused as AWS
refuses it. Keys the emulator never issued (boto3 seeding with any key) pass untouched.
"""

import json
import os
import secrets
import threading
import time

from control import operation_of, signing_credential
from cors import aws_error, call_app, send, target_of

GET_CREDENTIALS = "AWSCognitoIdentityService.GetCredentialsForIdentity"


class Credentials:
    def __init__(self):
        self.default_seconds = float(os.environ.get("EMULATOR_CREDENTIAL_SECONDS", "3600"))
        self.seconds = self.default_seconds
        self.issued = {}  # access key id → expiry, epoch seconds
        self.count = 0
        self.lock = threading.Lock()

    def configure(self, settings):
        """Applies {"credentialSeconds": N}; None restores the defaults."""
        if settings is None:
            self.seconds = self.default_seconds
            return
        if not isinstance(settings, dict) or set(settings) - {"credentialSeconds"}:
            raise ValueError('expected {"credentialSeconds": N}')
        seconds = settings.get("credentialSeconds", self.seconds)
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise ValueError("credentialSeconds must be a number ≥ 0")
        self.seconds = seconds

    def settings(self):
        return {"credentialSeconds": self.seconds}

    def issue(self, now):
        with self.lock:
            self.count += 1
            # 20 characters and the ASIA prefix of temporary keys, as AWS issues them.
            key = f"ASIAEMU{self.count:013d}"
            self.issued[key] = now + self.seconds
            return key, self.issued[key]

    def expired(self, key, now):
        expiry = self.issued.get(key)
        return expiry is not None and now >= expiry


class CredentialsMiddleware:
    def __init__(self, app, credentials):
        self.app = app
        self.credentials = credentials

    def __call__(self, environ, start_response):
        now = time.time()
        if self.credentials.expired(signing_credential(environ)[0], now):
            if target_of(environ):
                return aws_error(start_response, environ, "", 400, "ExpiredTokenException", "The security token included in the request is expired")
            return aws_error(start_response, environ, operation_of(environ)[0], 400, "ExpiredToken", "The provided token has expired.")
        if target_of(environ) != GET_CREDENTIALS:
            return self.app(environ, start_response)

        status, headers, body = call_app(self.app, environ)
        try:
            payload = json.loads(body)
            credentials = payload["Credentials"]
        except (ValueError, KeyError, TypeError):
            start_response(status, headers)
            return [body]
        key, expiry = self.credentials.issue(now)
        credentials.update(AccessKeyId=key, Expiration=expiry, SecretKey=secrets.token_urlsafe(30), SessionToken=secrets.token_urlsafe(96))
        return send(start_response, status, headers, json.dumps(payload).encode())
