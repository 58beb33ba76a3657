"""The gallery API's honest server (tests only, stdlib and jsonschema, nothing of backbeat):
``python -m tests.contract.gallery.server PORT [FAULT...]``.

It validates every request against gallery.openapi.yaml and answers 400 to anything the spec
rejects (a missing required field included, as the spec's 400 says), 401 without the key the
operation's own `security` names, 404 for an id in range that names no photo. Keys:
``Bearer gallery-user-key`` (bearerAuth) and ``X-Partner-Key: gallery-partner-key``.
FAULTS, for the tests that the suite finds real bugs: `blank_caption_crashes` (a 500 when the
caption is an empty string), `empty_tags_dropped` (a photo without tags is answered without
its required `tags`).
"""

from __future__ import annotations

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import backbeat_specs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

USER_KEY = "gallery-user-key"
PARTNER_KEY = "gallery-partner-key"
SPEC = backbeat_specs.read_document(Path(__file__).with_name("gallery.openapi.yaml"))
REGISTRY: Registry[Any] = Registry().with_resource(
    "urn:gallery", Resource.from_contents(SPEC, default_specification=DRAFT202012)
)
PHOTO = re.compile(r"^/photos/([^/]+)$")
MAX_BODY = 64 * 1024
MAX_ID = 99999
ALLOWED = {"/stats": "GET", "/photos": "GET, POST", "/payments": "POST"}


def _schema(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": f"urn:gallery#/components/schemas/{name}"}, registry=REGISTRY
    )


NEW_PHOTO = _schema("NewPhoto")
PAYMENT = Draft202012Validator(
    {"oneOf": [{"$ref": "urn:gallery#/components/schemas/CardPayment"},
               {"$ref": "urn:gallery#/components/schemas/BankPayment"}]},
    registry=REGISTRY,
)  # fmt: skip


class Gallery:
    def __init__(self, faults: frozenset[str] = frozenset()) -> None:
        self.faults = faults
        self.lock = threading.Lock()
        self.photos: dict[int, dict[str, Any]] = {
            1: {"id": 1, "title": "Harbour at dawn", "tags": ["sea"], "caption": None}
        }

    def create(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if "blank_caption_crashes" in self.faults and body.get("caption") == "":
            raise ValueError("a blank caption")
        with self.lock:
            new_id = max(self.photos) + 1 if len(self.photos) < MAX_ID - 1 else MAX_ID
            photo = {"id": new_id, "caption": None, **body}
            self.photos[new_id] = photo
        if "empty_tags_dropped" in self.faults and not photo["tags"]:
            return 201, {k: v for k, v in photo.items() if k != "tags"}
        return 201, photo


class Handler(BaseHTTPRequestHandler):
    gallery: Gallery

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: object, **headers: str) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> tuple[bool, Any]:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return False, None
        if length > MAX_BODY or length < 0:
            return False, None
        raw = self.rfile.read(length) if length else b""
        try:
            return True, json.loads(raw) if raw else None
        except ValueError:
            return False, None

    def _user(self) -> bool:
        return self.headers.get("Authorization") == f"Bearer {USER_KEY}"

    def _route(self, method: str) -> None:
        path = urlsplit(self.path).path
        if path == "/stats" and method == "GET":
            self._send(200, {"photos": len(self.gallery.photos)})
            return
        if path == "/photos" and method in ("GET", "POST"):
            self._photos(method)
            return
        match = PHOTO.match(path)
        if match and method == "GET":
            self._photo(match.group(1))
            return
        if path == "/payments" and method == "POST":
            self._pay()
            return
        allowed = ALLOWED.get(path, "GET" if match else None)
        if allowed is None:
            self._send(404, {"message": f"{path} is not served"})
        else:
            self._send(405, {"message": f"{method} is not allowed"}, Allow=allowed)

    def _photos(self, method: str) -> None:
        if not self._user():
            self._send(401, {"message": "a bearer key is required"})
            return
        if method == "GET":
            self._send(200, {"photos": list(self.gallery.photos.values())})
            return
        ok, body = self._body()
        if not ok or not NEW_PHOTO.is_valid(body):
            self._send(400, {"message": "the photo breaks the schema"})
            return
        try:
            self._send(*self.gallery.create(body))
        except ValueError as crash:
            self._send(500, {"message": f"internal error: {crash}"})

    def _photo(self, raw_id: str) -> None:
        if not self._user():
            self._send(401, {"message": "a bearer key is required"})
            return
        if not raw_id.isdigit() or not 1 <= int(raw_id) <= MAX_ID:
            self._send(400, {"message": "photo_id is an integer from 1 to 99999"})
            return
        photo = self.gallery.photos.get(int(raw_id))
        if photo is None:
            self._send(404, {"message": "no such photo"})
        else:
            self._send(200, photo)

    def _pay(self) -> None:
        if self.headers.get("X-Partner-Key") != PARTNER_KEY:
            self._send(401, {"message": "X-Partner-Key is required"})
            return
        ok, body = self._body()
        if not ok or not PAYMENT.is_valid(body):
            self._send(400, {"message": "the payment breaks the schema"})
            return
        self._send(200, {"paid": True})

    def __getattr__(self, name: str) -> Any:
        """`do_<METHOD>` for every method: the router answers 405 (with Allow) to those an
        operation does not declare."""
        if name.startswith("do_"):
            return lambda: self._route(name.removeprefix("do_"))
        raise AttributeError(name)


def main() -> None:
    port = int(sys.argv[1])  # 0: any free port, announced below
    Handler.gallery = Gallery(frozenset(sys.argv[2:]))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
