"""A small OpenID Connect provider on 127.0.0.1 for the SSO tests: a real HTTP
server that enforces the authorization-code flow the way a gemeente's identity
provider does — registered client and secret, one-time codes bound to the
redirect URI, PKCE (S256), the nonce in an RS256-signed ID token with iss/aud/exp,
a JWKS with the public key, and userinfo only with the issued access token.

It is not a mock that accepts anything: a wrong secret, code, verifier or token is
answered with an OAuth error. Knobs let a test make it misbehave (sign with a key
it does not publish, or issue a token for another audience)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


class FakeOIDCProvider:
    def __init__(self, *, client_id: str, client_secret: str, claims: dict):
        self.client_id = client_id
        self.client_secret = client_secret
        self.claims = claims  # the user who "logs in" at the provider
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "sleutel-1"
        self.sign_with_unpublished_key = False
        self.audience_override: str | None = None
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[str] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                url = urlparse(self.path)
                provider.requests.append(url.path)
                if url.path == "/authorize":
                    return provider._authorize(self, parse_qs(url.query))
                if url.path == "/jwks":
                    return self._json(200, provider.jwks())
                if url.path == "/userinfo":
                    return provider._userinfo(self)
                return self._json(404, {"error": "not_found"})

            def do_POST(self):  # noqa: N802
                url = urlparse(self.path)
                provider.requests.append(url.path)
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                if url.path == "/token":
                    return provider._token(self, {k: v[0] for k, v in form.items()})
                return self._json(404, {"error": "not_found"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- lifecycle -----------------------------------------------------------------------

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_OP_ISSUER": self.url,
            "OIDC_RP_SIGN_ALGO": "RS256",
        }

    # --- endpoints -----------------------------------------------------------------------

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def _authorize(self, handler, query: dict):
        q = {k: v[0] for k, v in query.items()}
        if q.get("client_id") != self.client_id or q.get("response_type") != "code":
            return handler._json(400, {"error": "unauthorized_client"})
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return handler._json(400, {"error": "invalid_request", "error_description": "PKCE"})
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "redirect_uri": q["redirect_uri"],
            "nonce": q.get("nonce"),
            "challenge": q["code_challenge"],
        }
        target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q.get("state", "")})
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.end_headers()

    def _token(self, handler, form: dict):
        if (
            form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return handler._json(401, {"error": "invalid_client"})
        grant = self.codes.pop(form.get("code", ""), None)  # one-time
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            return handler._json(400, {"error": "invalid_grant"})
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if challenge != grant["challenge"]:
            return handler._json(400, {"error": "invalid_grant", "error_description": "PKCE"})
        now = int(time.time())
        payload = {
            "iss": self.url,
            "sub": self.claims["sub"],
            "aud": self.audience_override or self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
        }
        key = self.other_key if self.sign_with_unpublished_key else self.key
        id_token = jwt.encode(payload, key, algorithm="RS256", headers={"kid": self.kid})
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = self.claims
        return handler._json(
            200,
            {
                "access_token": access_token,
                "id_token": id_token,
                "token_type": "Bearer",
                "expires_in": 300,
            },
        )

    def _userinfo(self, handler):
        auth = handler.headers.get("Authorization", "")
        claims = self.tokens.get(auth.removeprefix("Bearer ").strip())
        if claims is None:
            return handler._json(401, {"error": "invalid_token"})
        return handler._json(200, claims)
