"""A threaded HTTP server for the fake DUO (stdlib wsgiref), startable in a thread.

Down mode "close" is handled here, below WSGI: the connection is closed without an
answer, as a crashed or unreachable DUO would. Request lines are never logged (DUO's
paths hold BSNs).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from .app import BASE_PATH, FakeDuo


class _Handler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return  # no request lines: they hold BSNs

    def handle(self) -> None:
        """wsgiref's handle(), plus down mode "close": a DUO request's connection is
        closed without an answer (the /_fake/ control endpoints keep working)."""
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


class FakeDuoServer:
    """The fake served on ``host:port`` (port 0: a free one) in a background thread."""

    def __init__(self, fake: FakeDuo, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self.httpd = _Server((host, port), _Handler)
        self.httpd.fake = fake  # type: ignore[attr-defined]
        self.httpd.set_app(fake)
        fake.server = self
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

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


def serve(fake: FakeDuo, host: str = "127.0.0.1", port: int = 0) -> FakeDuoServer:
    """Start the fake in a background thread and return the running server."""
    return FakeDuoServer(fake, host, port).start()
