"""HTTP for SPARQL servers: a total deadline, redirects only where the protocol allows, and
credentials kept out of URLs and messages (stdlib only).

- **Deadline**: ``timeout`` bounds the whole exchange (connecting, sending, the status line,
  the headers and the whole body), not each socket read: a server that sends one byte every
  two seconds is cut off when the time is up. A watchdog shuts the connection's socket down.
- **Redirects**: a GET (a Graph Store read) follows redirects; a query sent by POST follows
  only 307 and 308, which keep the method and the body; an update, a PUT, a POST or a DELETE
  of a graph never follows one: its answer would not confirm that anything was stored (urllib
  turns a POST answered by 302 into a GET of the new address, whose 200 says nothing).
- **Credentials** in an endpoint URL (``http://user:secret@host/sparql``) are taken out of it
  and used like ``TIMELINE_SPARQL_USER``/``_PASSWORD``; messages never show them.

>>> split_credentials("http://dba:s3cret@127.0.0.1:8890/sparql")
('http://127.0.0.1:8890/sparql', 'dba', 's3cret')
>>> redact("bad answer from s3cret", ["s3cret"])
'bad answer from ***'
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

__all__ = ["Deadline", "RedirectRefused", "deadline_handlers", "redact", "safe_url", "split_credentials"]

_LOCAL = threading.local()


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``(url without user:password@, user, password)``; the user and password percent-decoded."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host + (f":{port}" if port is not None else "")
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    user = urllib.parse.unquote(parts.username) if parts.username is not None else None
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    return clean, user, password


def safe_url(url: str) -> str:
    """``url`` as it may be shown: without any user:password@."""
    try:
        return split_credentials(url)[0]
    except ValueError:
        return "(an unparsable URL)"


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every secret (and its percent-encoded form) replaced by ``***``."""
    for secret in secrets:
        if secret:
            for form in {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}:
                text = text.replace(form, "***")
    return text


class RedirectRefused(urllib.error.HTTPError):
    """Raised when a server answers a request that must not be redirected with a redirect."""

    def __init__(self, req: urllib.request.Request, code: int, headers: Any, fp: Any, newurl: str) -> None:
        super().__init__(req.full_url, code, f"redirect to {safe_url(newurl)}", headers, fp)
        self.location = safe_url(newurl)
        self.method = req.get_method()


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only where the request keeps its meaning (see the module's docstring)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        method = req.get_method()
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if old.scheme == "https" and new.scheme != "https":
            raise RedirectRefused(req, code, headers, fp, newurl)  # never downgrade to plain HTTP
        if method in ("GET", "HEAD"):
            return super().redirect_request(req, fp, code, msg, headers, newurl)
        if getattr(req, "timeline_query", False) and code in (307, 308):
            again = urllib.request.Request(newurl, data=req.data, headers=dict(req.header_items()), method=method,
                                           origin_req_host=req.origin_req_host, unverifiable=True)  # fmt: skip
            again.timeline_query = True  # type: ignore[attr-defined]
            return again
        raise RedirectRefused(req, code, headers, fp, newurl)


class Deadline:
    """A watchdog for one exchange: after ``seconds`` it shuts down every socket opened meanwhile."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        _LOCAL.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _LOCAL.deadline = None

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _tracked(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
    class Tracked(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            deadline = getattr(_LOCAL, "deadline", None)
            if deadline is not None and self.sock is not None:
                deadline.register(self.sock)

    return Tracked


_HTTP, _HTTPS = _tracked(http.client.HTTPConnection), _tracked(http.client.HTTPSConnection)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(_HTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):  # type: ignore[no-untyped-def]
        options = {"context": self._context}  # type: ignore[attr-defined]
        if hasattr(self, "_check_hostname"):  # Python < 3.12
            options["check_hostname"] = self._check_hostname
        return self.do_open(_HTTPS, req, **options)


def deadline_handlers() -> list[urllib.request.BaseHandler]:
    """Handlers for ``urllib.request.build_opener``: sockets watched by the current Deadline,
    and the redirect policy above."""
    return [_HTTPHandler(), _HTTPSHandler(), _Redirects()]
