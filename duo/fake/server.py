"""A threaded HTTP server for the fake DUO (stdlib wsgiref), startable in a thread.

Down mode "close" is handled here, below WSGI: the connection is closed without an
answer, as a crashed or unreachable DUO would. Request lines are never logged (DUO's
paths hold BSNs).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from .app import BASE_PATH, FakeDuo
from .tls import peer_description


class _Handler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return  # no request lines: they hold BSNs

    def get_environ(self) -> dict[str, Any]:
        env = super().get_environ()
        env["fake.client_cert"] = peer_description(self.connection)
        return env

    def handle(self) -> None:
        """wsgiref's handle(), plus down mode "close": a DUO request's connection is
        closed without an answer (the /_fake/ control endpoints keep working)."""
        if isinstance(self.connection, ssl.SSLSocket):
            try:
                self.connection.do_handshake()
            except (ssl.SSLError, OSError):
                self.server.fake.tls_refused += 1  # type: ignore[attr-defined]
                self.close_connection = True
                return
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        fake: FakeDuo = self.server.fake  # type: ignore[attr-defined]
        if fake.down == "close" and b" /_fake" not in self.raw_requestline:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if not self.parse_request():
            return
        handler = ServerHandler(
            self.rfile,
            self.wfile,  # type: ignore[arg-type]
            self.get_stderr(),
            self.get_environ(),
            multithread=True,
        )
        handler.request_handler = self  # type: ignore[attr-defined]
        handler.run(self.server.get_app())  # type: ignore[attr-defined]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a dropped client is not news, and a traceback could hold a path


class FakeDuoServer:
    """The fake served on ``host:port`` (port 0: a free one) in a background thread."""

    def __init__(
        self,
        fake: FakeDuo,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """``ssl_context``: serve HTTPS (duo.fake.tls.server_context requires a client
        certificate, as DUO does); None: plain HTTP."""
        self.fake = fake
        self.httpd = _Server((host, port), _Handler)
        self.scheme = "http"
        if ssl_context is not None:
            # the handshake happens in the request's own thread (handle())
            self.httpd.socket = ssl_context.wrap_socket(
                self.httpd.socket, server_side=True, do_handshake_on_connect=False
            )
            self.scheme = "https"
        self.httpd.fake = fake  # type: ignore[attr-defined]
        self.httpd.set_app(fake)
        fake.server = self
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What DUO_BASE_URL should be: the root plus DUO's base path /v1."""
        return self.url + BASE_PATH

    def start(self) -> FakeDuoServer:
        self.thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="fake-duo",
            daemon=True,
        )
        self.thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread:
            self.thread.join(timeout=5)


def serve(
    fake: FakeDuo,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    ssl_context: ssl.SSLContext | None = None,
) -> FakeDuoServer:
    """Start the fake in a background thread and return the running server."""
    return FakeDuoServer(fake, host, port, ssl_context=ssl_context).start()
