"""Cognito SRP sign-in that really checks the password.

moto answers InitiateAuth(USER_SRP_AUTH) with random SALT/SRP_B and accepts any
PASSWORD_CLAIM_SIGNATURE, so over SRP every password signs in and the designer's "wrong password"
path could never be tested. This layer plays the server side of Cognito's SRP-6a variant with the
user's password from moto's backend: it replaces SALT, SRP_B and SECRET_BLOCK in moto's challenge,
then checks the client's claim; a wrong claim is refused as Cognito refuses it and never reaches
moto, a right one goes on to moto (with moto's own session) to issue the tokens.

The arithmetic mirrors the client (Amplify Auth v6 utils/srp, amazon-cognito-identity-js
AuthenticationHelper): 3072-bit group, g = 2, k = H(N | g), u = H(A | B),
x = H(salt | H(poolName | userId | ":" | password)), HKDF "Caldera Derived Key", HMAC claim.
"""

import base64
import hashlib
import hmac
import io
import json
import secrets
import threading

from moto.cognitoidp.models import cognitoidp_backends

from cors import call_app, json_error, send, target_of

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
G = 2
IDP = "AWSCognitoIdentityProviderService."
ACCOUNT = "123456789012"


def pad_hex(value):
    """Hex of a positive integer as the clients hash it: even length, 00 when the top bit is set."""
    text = format(value, "x")
    if len(text) % 2:
        text = "0" + text
    return "00" + text if text[0] in "89abcdef" else text


def hash_hex(hex_text):
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


K = int(hash_hex(pad_hex(N) + pad_hex(G)), 16)


def verifier(pool_name, user_id, password, salt):
    inner = hashlib.sha256(f"{pool_name}{user_id}:{password}".encode()).hexdigest()
    x = int(hash_hex(pad_hex(salt) + inner), 16)
    return pow(G, x, N)


def expected_signature(challenge, secret_block, timestamp):
    """The PASSWORD_CLAIM_SIGNATURE a client that knows the password sends."""
    u = int(hash_hex(pad_hex(challenge["A"]) + pad_hex(challenge["B"])), 16)
    shared = pow(challenge["A"] * pow(challenge["v"], u, N), challenge["b"], N)
    prk = hmac.new(bytes.fromhex(pad_hex(u)), bytes.fromhex(pad_hex(shared)), hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    message = challenge["pool_name"].encode() + challenge["user_id"].encode() + base64.b64decode(secret_block) + timestamp.encode()
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def find_pool(client_id):
    for backend in cognitoidp_backends[ACCOUNT].values():
        for pool in backend.user_pools.values():
            if client_id in pool.clients:
                return backend, pool
    return None, None


class SrpPasswordCheck:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        # Our SECRET_BLOCK → the challenge we issued (moto's session, b, B, A, v, ids).
        self.challenges = {}

    def __call__(self, environ, start_response):
        target = target_of(environ)
        if target not in (IDP + "InitiateAuth", IDP + "RespondToAuthChallenge"):
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        request = json.loads(raw or b"{}")
        if target.endswith("InitiateAuth") and request.get("AuthFlow") == "USER_SRP_AUTH":
            return self.initiate(environ, start_response, raw, request)
        if target.endswith("RespondToAuthChallenge") and request.get("ChallengeName") == "PASSWORD_VERIFIER":
            return self.respond(environ, start_response, raw, request)
        environ["wsgi.input"] = io.BytesIO(raw)
        return self.app(environ, start_response)

    def initiate(self, environ, start_response, raw, request):
        status, headers, body = self.forward(environ, raw)
        answer = json.loads(body or b"{}")
        parameters = answer.get("ChallengeParameters", {})
        backend, pool = find_pool(request.get("ClientId", ""))
        if not status.startswith("200") or "SECRET_BLOCK" not in parameters or pool is None:
            start_response(status, headers)
            return [body]
        user = backend.admin_get_user(pool.id, parameters["USERNAME"])
        salt = int.from_bytes(secrets.token_bytes(16), "big")
        b = int.from_bytes(secrets.token_bytes(128), "big")
        challenge = {
            "session": parameters["SECRET_BLOCK"],
            "pool_name": pool.id.split("_", 1)[1],
            "user_id": parameters["USER_ID_FOR_SRP"],
            "A": int(request.get("AuthParameters", {}).get("SRP_A", "0"), 16),
            "b": b,
        }
        challenge["v"] = verifier(challenge["pool_name"], challenge["user_id"], user.password, salt)
        challenge["B"] = (K * challenge["v"] + pow(G, b, N)) % N
        secret_block = base64.b64encode(secrets.token_bytes(64)).decode()
        with self.lock:
            self.challenges[secret_block] = challenge
        parameters.update({"SALT": format(salt, "x"), "SRP_B": format(challenge["B"], "x"), "SECRET_BLOCK": secret_block})
        return send(start_response, status, headers, json.dumps(answer).encode())

    def respond(self, environ, start_response, raw, request):
        responses = request.get("ChallengeResponses", {})
        with self.lock:
            challenge = self.challenges.pop(responses.get("PASSWORD_CLAIM_SECRET_BLOCK", ""), None)
        if challenge is None:
            environ["wsgi.input"] = io.BytesIO(raw)
            return self.app(environ, start_response)
        expected = expected_signature(challenge, responses["PASSWORD_CLAIM_SECRET_BLOCK"], responses.get("TIMESTAMP", ""))
        if not hmac.compare_digest(expected, responses.get("PASSWORD_CLAIM_SIGNATURE", "")):
            return json_error(start_response, environ, "400 Bad Request", "NotAuthorizedException", "Incorrect username or password.")
        # moto knows its own session as the secret block.
        responses["PASSWORD_CLAIM_SECRET_BLOCK"] = challenge["session"]
        forwarded = json.dumps(request).encode()
        status, headers, body = self.forward(environ, forwarded)
        start_response(status, headers)
        return [body]

    def forward(self, environ, raw):
        environ["wsgi.input"] = io.BytesIO(raw)
        environ["CONTENT_LENGTH"] = str(len(raw))
        return call_app(self.app, environ)
