"""Serve the web chat page and the rasa-webchat bundle from local files.

Only a fixed set of paths is served (no directory listing, no path from the
request ever reaches the file system):

  /                       index.html
  /config.js              where the Rasa socket.io server is, from the settings below
  /static/chat.css|js     our page's style and start-up code
  /vendor/rasa-webchat.js the widget bundle installed by npm (web/node_modules)

Settings (command-line flags win over environment variables):
  WEB_INTERFACE / --interface  address to bind (default 127.0.0.1)
  WEB_PORT      / --port       port to bind (default 8080)
  RASA_PORT     / --rasa-port  the Rasa server's port; the page connects to the host it was
                               loaded from on this port (default 5005)
  RASA_URL      / --rasa-url   full socket.io base URL instead, e.g. behind a reverse proxy
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

WEB_DIR = Path(__file__).resolve().parent
BUNDLE = WEB_DIR / "node_modules" / "rasa-webchat" / "lib" / "index.js"

FILES: Dict[str, Tuple[Path, str]] = {
    "/": (WEB_DIR / "index.html", "text/html; charset=utf-8"),
    "/index.html": (WEB_DIR / "index.html", "text/html; charset=utf-8"),
    "/static/chat.css": (WEB_DIR / "static" / "chat.css", "text/css; charset=utf-8"),
    "/static/chat.js": (WEB_DIR / "static" / "chat.js", "text/javascript; charset=utf-8"),
    "/vendor/rasa-webchat.js": (BUNDLE, "text/javascript; charset=utf-8"),
}

# The bundle's CSS @imports a web font from the internet: we cut that out when serving
# it, and 'self' below blocks anything else remote. connect-src must allow the Rasa
# server, which is on another port or host.
REMOTE_FONT_IMPORT = b"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; "
        "connect-src 'self' http: https: ws: wss:; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def copy_words() -> Dict[str, str]:
    """The ready texts' marker line and the copy button's words, from the knowledge file."""
    sys.path.insert(0, str(WEB_DIR.parent))
    from advisor.knowledge import default_knowledge

    ready = default_knowledge().ready_texts
    return {"marker": ready["copy_hint"], "button": ready["copy_button"], "copied": ready["copied"]}


def config_script(rasa_port: int, rasa_url: Optional[str]) -> bytes:
    config = {"rasaPort": rasa_port, "socketUrl": rasa_url or None, "copy": copy_words()}
    return f"window.ADVISOR_CHAT_CONFIG = {json.dumps(config)};\n".encode("utf-8")


class ChatPageHandler(BaseHTTPRequestHandler):
    def version_string(self) -> str:
        return "dispute-advisor-web"

    def __init__(self, *args, config_js: bytes, **kwargs):
        self.config_js = config_js
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == "/config.js":
            return self._reply(HTTPStatus.OK, "text/javascript; charset=utf-8", self.config_js, send_body)
        entry = FILES.get(path)
        if entry is None:
            return self._reply(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8",
                               "404 没有这个页面 / not found\n".encode("utf-8"), send_body)
        file, content_type = entry
        try:
            body = file.read_bytes()
            if file == BUNDLE:
                body = body.replace(REMOTE_FONT_IMPORT, b"")
        except OSError:
            self.log_error("cannot read %s", file)
            return self._reply(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                               "500 页面文件缺失 / file missing\n".encode("utf-8"), send_body)
        self._reply(HTTPStatus.OK, content_type, body, send_body)

    def _reply(self, status: HTTPStatus, content_type: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _method_not_allowed(self) -> None:
        body = "405 只支持 GET / only GET\n".encode("utf-8")
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _method_not_allowed


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range 0-65535: {port}")
    return port


def parse_args(argv=None) -> argparse.Namespace:
    env = os.environ
    p = argparse.ArgumentParser(description="Serve the dispute advisor's web chat page.")
    p.add_argument("--interface", default=env.get("WEB_INTERFACE") or "127.0.0.1",
                   help="address to bind (env WEB_INTERFACE, default 127.0.0.1)")
    p.add_argument("--port", type=port_number, default=env.get("WEB_PORT") or "8080",
                   help="port to bind, 0 for any free one (env WEB_PORT, default 8080)")
    p.add_argument("--rasa-port", type=port_number, default=env.get("RASA_PORT") or "5005",
                   help="Rasa's port on the page's host name (env RASA_PORT, default 5005)")
    p.add_argument("--rasa-url", default=env.get("RASA_URL") or None,
                   help="full socket.io base URL of Rasa instead (env RASA_URL)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not BUNDLE.is_file():
        print(f"web chat: {BUNDLE} is missing: run `make web` (npm ci in web/) first", file=sys.stderr)
        return 1
    handler = partial(ChatPageHandler, config_js=config_script(args.rasa_port, args.rasa_url))
    try:
        httpd = ThreadingHTTPServer((args.interface, args.port), handler)
    except OSError as e:
        print(f"web chat: cannot listen on {args.interface}:{args.port}: {e.strerror}", file=sys.stderr)
        return 1
    host, port = httpd.server_address[:2]
    shown = "127.0.0.1" if host == "0.0.0.0" else host
    where = args.rasa_url or f"this page's host, port {args.rasa_port}"
    note = " (all interfaces: open it with this machine's address)" if host == "0.0.0.0" else ""
    print(f"Web chat: http://{shown}:{port}/{note} (socket.io server: {where})", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
