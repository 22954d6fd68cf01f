"""Helpers for tests/test_hostile.py: good documents to put beside bad ones, a CLI run in a
child process (for inputs that could hang a run), a hostile HTTP server, and repetitive text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GOOD = {
    "good-one.txt": (
        "Border report\n\nSEOUL, Oct. 2, 2025 (Reuters) - China repatriated 60 North Koreans in April 2025, "
        "according to the UN Human Rights Office.\n"
    ),
    "good-two.md": "# Court ruling\n\nA court in Hyesan sentenced two traders to prison on May 3, 2024, officials said.\n",
}
GOOD_IDS = ("good-one", "good-two")


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def cli(*args: object, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``timeline ARGS`` in a child process; a hang fails the test instead of stopping the suite."""
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *map(str, args)],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
    )  # fmt: skip


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


# Repetitive text: each generator gives about n characters (whole units, within one unit of n),
# so every size ends the same way: a cut unit could turn the last sentence into another kind of
# text at one size only ("“We wait... Then " cut after "..." ends in a full stop), and the ratio
# would measure that step instead of the growth.


def repeat(unit: str):
    def make(n: int) -> str:
        return unit * max(1, round(n / len(unit)))

    make.__name__ = repr(unit)
    return make


def html_of(unit: str):
    def make(n: int) -> str:
        return "<p>Officials said so on May 2, 2024.</p>" + repeat(unit)(n)

    make.__name__ = f"html {unit!r}"
    return make


def cpu(fn, text: str, repeats: int = 3) -> float:
    """The least CPU time of ``repeats`` calls of ``fn(text)`` (CPU, not wall: other jobs share the machine)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        fn(text)
        best = min(best, time.process_time() - started)
    return best


def growth(fn, make, *, start: int = 1000, floor: float = 0.01, cap: int = 64_000, within: float = 6.0,
           tries: int = 3) -> tuple[float, int]:
    """``(time(4n) / time(n), n)``: n doubled from ``start`` until one call takes ``floor``
    seconds (or n reaches ``cap``), so tiny times never decide; ``floor`` also bounds the divisor.

    A ratio above ``within`` is measured again, up to ``tries`` times in all, and the least is
    kept: a burst of load on a shared machine inflates one measurement (×6.0 seen once where the
    quiet ratio is ×4.4), while a quadratic stage gives ×16 every time."""
    n = start
    while True:
        base = cpu(fn, make(n))
        if base >= floor or n >= cap:
            break
        n *= 2
    ratio = cpu(fn, make(4 * n)) / max(base, floor)
    for _ in range(tries - 1):
        if ratio <= within:
            break
        ratio = min(ratio, cpu(fn, make(4 * n)) / max(cpu(fn, make(n)), floor))
    return ratio, n


# A hostile SPARQL server.

SELECT_ONE = {"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}
MALFORMED = {
    "list": b"[1, 2, 3]",
    "string": b'"results"',
    "head-not-object": b'{"head": 5, "results": {"bindings": []}}',
    "binding-not-object": json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": ["x"]}}).encode(),
    "term-not-object": json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 7}]}}).encode(),
    "truncated": b'{"head": {"vars": ["x"]}, "results": {"bindi',
    "not-json": b"<html><body>Service Unavailable</body></html>",
}


class HostileServer:
    """A local HTTP server whose paths misbehave: see ``_Handler``. ``base`` is its URL."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler(state: HostileServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _send(self, code, body=b"", content_type="application/sparql-results+json", headers=()):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers:
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def _drip(self, data: bytes, pause: float = 0.25) -> None:
            try:
                for byte in data:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:
                pass  # the client gave up: what the test wants

        def _answer(self):
            url = urllib.parse.urlsplit(self.path)
            state.seen.append((self.command, url.path))
            if url.path == "/drip-body":
                body = b" " * 40 + b'{"head": {}, "boolean": true}'  # valid, but 17 s in coming
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return self._drip(body)
            if url.path == "/drip-head":
                return self._drip(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 60)
            if url.path == "/garbage":
                self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
                return None
            if url.path.startswith("/redirect-"):
                code = int(url.path.rsplit("-", 1)[1])
                return self._send(code, b"", "text/plain", [("Location", f"{state.base}/landing")])
            if url.path == "/landing":
                return self._send(200, b"ok" if self.command == "GET" else json.dumps(SELECT_ONE).encode())
            if url.path.startswith("/json/"):
                return self._send(200, MALFORMED[url.path[6:]])
            if url.path == "/fail":
                return self._send(500, f"internal failure at {self.path}".encode(), "text/plain")
            return self._send(404, b"not here", "text/plain")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            return self._answer()

        do_GET = do_PUT = do_DELETE = _answer

    return Handler
