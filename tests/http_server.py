"""A real HTTP server on 127.0.0.1 for tests of URL sources (fetch's and the CLI's).

Its paths: /good ({"data": {"count": 42}}), /slow (answers after 3 s), /503,
/text (not JSON), /other ({"other": 1}), /large (2 MiB), /echo (the
Authorization header back: {"count": its length, "value": it}), /redirect-here
(to /echo on the same server), /redirect-away?to=URL, /loop (redirects to
itself). Every request is kept in `requests`, with its headers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SLOW_SECONDS = 3.0
LARGE_BYTES = 2 * 1024 * 1024


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT
    port: int
    requests: list[Seen] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]


class _Handler(BaseHTTPRequestHandler):
    server: _Http

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass  # keep the test output clean

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        parts = urlsplit(self.path)
        self.server.record.requests.append(Seen(parts.path, dict(self.headers.items())))
        route = parts.path.strip("/").replace("-", "_") or "good"
        getattr(self, f"_{route}", self._missing)(parse_qs(parts.query))

    def _send(self, status: int, body: bytes, content_type: str = "application/json",
              **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, data: object) -> None:
        self._send(200, json.dumps(data).encode())

    def _good(self, query: dict[str, list[str]]) -> None:
        self._json({"data": {"count": 42}})

    def _slow(self, query: dict[str, list[str]]) -> None:
        time.sleep(SLOW_SECONDS)
        self._json({"data": {"count": 1}})

    def _503(self, query: dict[str, list[str]]) -> None:
        self._send(503, b"down for maintenance", "text/plain")

    def _text(self, query: dict[str, list[str]]) -> None:
        self._send(200, b"<html>hello</html>", "text/html")

    def _other(self, query: dict[str, list[str]]) -> None:
        self._json({"other": 1})

    def _large(self, query: dict[str, list[str]]) -> None:
        self._send(200, b"[" + b"1," * (LARGE_BYTES // 2) + b"1]")

    def _echo(self, query: dict[str, list[str]]) -> None:
        value = self.headers.get("Authorization", "")
        self._json({"count": len(value), "value": value})

    def _redirect_here(self, query: dict[str, list[str]]) -> None:
        self._send(302, b"", "text/plain", Location="/echo")

    def _redirect_away(self, query: dict[str, list[str]]) -> None:
        self._send(302, b"", "text/plain", Location=query["to"][0])

    def _loop(self, query: dict[str, list[str]]) -> None:
        self._send(302, b"", "text/plain", Location="/loop")

    def _missing(self, query: dict[str, list[str]]) -> None:
        self._send(404, b"no such path", "text/plain")


class _Http(ThreadingHTTPServer):
    daemon_threads = True  # a /slow request still sleeping does not hold the test up
    record: Server


@contextmanager
def serving() -> Iterator[Server]:
    """A server on 127.0.0.1 and a free port, in a thread, for the `with` block."""
    httpd = _Http(("127.0.0.1", 0), _Handler)
    port = httpd.server_address[1]
    httpd.record = Server(url=f"http://127.0.0.1:{port}", port=port)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd.record
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
