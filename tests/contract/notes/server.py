"""The notes API's own server, written for the contract suite's acceptance tests (stdlib only,
nothing of backbeat): ``python -m tests.contract.notes.server PORT [FAULT]``.

Keys: ``Bearer notes-writer-key`` may do everything, ``Bearer notes-reader-key`` only read
(403 on writes). ``/export`` allows 3 calls a minute per key. A FAULT (see `FAULTS`) breaks
exactly one documented promise, so that the tests can check the suite notices.
"""

from __future__ import annotations

import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

WRITER = "notes-writer-key"
READER = "notes-reader-key"
KEYS = {WRITER: "writer", READER: "reader"}
EXPORTS_PER_MINUTE = 3
LIST_LIMIT = 1000
ID = re.compile(r"^[a-z0-9-]{1,40}$")
NOTE = re.compile(r"^/notes/([^/]+)$")
MAX_BODY = 64 * 1024

# Fault name -> what it breaks (the suite must name the rule).
FAULTS = {
    "not_found_as_bad_request": "an unknown note answers 400 instead of 404",
    "auth_ignored": "a request without a key is served",
    "errors_as_text": "errors are sent as text/plain",
    "mistyped_body": "a note's version is sent as a string",
    "no_location": "a 201 lacks its required Location header",
    "no_retry_after": "a 429 lacks its required Retry-After",
    "retry_after_days": "a 429 asks to wait two days",
    "remaining_on_429": "a 429 says requests remain",
    "remaining_stuck": "X-RateLimit-Remaining never decreases",
    "accepts_missing_title": "a note without a title is created",
    "crash_on_bad_limit": "an invalid limit crashes the server (500)",
    "duplicate_accepted": "creating an existing id overwrites it instead of 409",
    "reader_can_write": "the reader key may write",
}


class Notes:
    def __init__(self, fault: str | None) -> None:
        self.fault = fault
        self.notes: dict[str, dict[str, Any]] = {}
        self.counter = 0
        self.lock = threading.Lock()
        # (key, what) -> (window start, calls)
        self.windows: dict[tuple[str, str], tuple[float, int]] = {}

    def count(self, key: str, what: str, limit: int) -> tuple[bool, int, int]:
        """Count one call in the key's minute window: (allowed, remaining, seconds left)."""
        now = time.monotonic()
        start, calls = self.windows.get((key, what), (now, 0))
        if now - start >= 60:
            start, calls = now, 0
        allowed = calls < limit
        calls += allowed
        self.windows[(key, what)] = (start, calls)
        return allowed, limit - calls, max(1, int(60 - (now - start)))


def _problem(note: Any, partial: bool) -> str | None:
    if not isinstance(note, dict):
        return "the body must be a JSON object"
    allowed = {"title", "body"} | (set() if partial else {"id"})
    unknown = sorted(set(note) - allowed)
    if unknown:
        return f"unknown field {unknown[0]!r}"
    title = note.get("title")
    if not isinstance(title, str) or not 1 <= len(title) <= 100:
        return "title: a string of 1 to 100 characters is required"
    if not isinstance(note.get("body", ""), str) or len(note.get("body", "")) > 2000:
        return "body: a string of at most 2000 characters"
    if "id" in note and not (isinstance(note["id"], str) and ID.match(note["id"])):
        return "id: 1 to 40 of a-z, 0-9 and -"
    return None


class Handler(BaseHTTPRequestHandler):
    server: NotesServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in two writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every keep-alive request.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _reply(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        fault = self.server.notes.fault
        data = b"" if body is None else json.dumps(body).encode()
        kind = "application/json"
        if status >= 400 and fault == "errors_as_text":
            kind = "text/plain"
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._reply(status, {"error": message}, headers)

    def _note(self, note: dict[str, Any]) -> dict[str, Any]:
        if self.server.notes.fault == "mistyped_body":
            return {**note, "version": str(note["version"])}
        return note

    def _role(self) -> str | None:
        auth = self.headers.get("Authorization", "")
        role = KEYS.get(auth.removeprefix("Bearer ")) if auth.startswith("Bearer ") else None
        if role is None and self.server.notes.fault == "auth_ignored" and not auth:
            return "writer"
        return role

    def _body(self) -> tuple[bool, Any]:
        """Whether the body is JSON, and its value. It is read whatever the method and however
        the request ends: bytes left unread would be parsed as the connection's next request."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True  # the body cannot be skipped: end the connection
            return False, None
        raw = self.rfile.read(length)
        try:
            return True, json.loads(raw)
        except ValueError:
            return False, None

    def _handle(self, method: str) -> None:
        body_ok, body = self._body()
        url = urlsplit(self.path)
        match = NOTE.match(url.path)
        allowed = {"/notes": ("GET", "POST"), "/export": ("GET",)}.get(url.path) or (
            ("GET", "PUT", "DELETE") if match else None
        )
        if allowed is None:
            self._error(404, "no such path")
            return
        if method not in allowed:
            self._error(405, "method not allowed here", {"Allow": ", ".join(allowed)})
            return
        role = self._role()
        if role is None:
            self._error(401, "a valid bearer key is required")
            return
        writes = method in ("POST", "PUT", "DELETE")
        if writes and role == "reader" and self.server.notes.fault != "reader_can_write":
            self._error(403, "this key may only read")
            return
        if method in ("POST", "PUT") and not body_ok:
            self._error(422, "the body is not JSON")
            return
        with self.server.notes.lock:
            if match:
                self._one(method, match.group(1), body)
            elif url.path == "/export":
                self._export()
            elif method == "GET":
                self._list(parse_qs(url.query, keep_blank_values=True))
            else:
                self._create(body)

    def _meters(self, limit: int, remaining: int) -> dict[str, str]:
        if self.server.notes.fault == "remaining_stuck":
            remaining = limit
        return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining)}

    def _list(self, query: dict[str, list[str]]) -> None:
        raw = query.get("limit", ["20"])[-1]
        if not (raw.isdigit() and 1 <= int(raw) <= 50):
            if self.server.notes.fault == "crash_on_bad_limit":
                self._error(500, "Internal Server Error")
                return
            self._error(422, "limit: an integer from 1 to 50")
            return
        notes = self.server.notes
        _, remaining, _ = notes.count(self.headers["Authorization"], "list", LIST_LIMIT)
        listed = [self._note(n) for n in list(notes.notes.values())[::-1][: int(raw)]]
        self._reply(200, {"notes": listed}, self._meters(LIST_LIMIT, remaining))

    def _export(self) -> None:
        notes = self.server.notes
        allowed, remaining, wait = notes.count(
            self.headers["Authorization"], "export", EXPORTS_PER_MINUTE
        )
        meters = self._meters(EXPORTS_PER_MINUTE, remaining)
        if not allowed:
            headers = {**meters, "Retry-After": str(wait)}
            if notes.fault == "no_retry_after":
                del headers["Retry-After"]
            elif notes.fault == "retry_after_days":
                headers["Retry-After"] = "172800"
            elif notes.fault == "remaining_on_429":
                headers["X-RateLimit-Remaining"] = "1"
            self._error(429, "three exports a minute", headers)
            return
        self._reply(200, {"notes": [self._note(n) for n in notes.notes.values()]}, meters)

    def _create(self, body: Any) -> None:
        notes = self.server.notes
        problem = _problem(body, partial=False)
        if problem and not (notes.fault == "accepts_missing_title" and isinstance(body, dict)):
            self._error(422, problem)
            return
        if "id" in body and body["id"] in notes.notes and notes.fault != "duplicate_accepted":
            self._error(409, f"a note {body['id']!r} exists")
            return
        if "id" not in body:
            notes.counter += 1
            body = {**body, "id": f"n-{notes.counter}"}
        note = {
            "id": body["id"],
            "title": str(body.get("title", "")),
            "body": body.get("body", ""),
            "version": 1,
        }
        notes.notes[note["id"]] = note
        headers = {} if notes.fault == "no_location" else {"Location": f"/notes/{note['id']}"}
        self._reply(201, self._note(note), headers)

    def _one(self, method: str, note_id: str, body: Any) -> None:
        notes = self.server.notes
        note = notes.notes.get(note_id)
        if note is None:
            missing = 400 if notes.fault == "not_found_as_bad_request" else 404
            self._error(missing, f"no note {note_id!r}")
            return
        if method == "GET":
            self._reply(200, self._note(note))
        elif method == "DELETE":
            del notes.notes[note_id]
            self._reply(204)
        else:
            problem = _problem(body, partial=True)
            if problem:
                self._error(422, problem)
                return
            note.update(title=body["title"], body=body.get("body", ""), version=note["version"] + 1)
            self._reply(200, self._note(note))

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def __getattr__(self, name: str) -> Any:
        # Any other method (PATCH, TRACE, QUERY, ...): 405, not http.server's 501.
        if name.startswith("do_"):
            return lambda: self._handle(name.removeprefix("do_"))
        raise AttributeError(name)


class NotesServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, fault: str | None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.notes = Notes(fault)


def main(argv: list[str]) -> None:
    fault = argv[1] if len(argv) > 1 else None
    if fault is not None and fault not in FAULTS:
        raise SystemExit(f"unknown fault {fault!r}; one of {sorted(FAULTS)}")
    server = NotesServer(int(argv[0]), fault)  # port 0: any free port, announced below
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
