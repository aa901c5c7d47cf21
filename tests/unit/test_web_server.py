"""web/serve.py: what it serves, and what it refuses (no browser, no Rasa needed)."""
import importlib.util
import json
import socket
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

SERVE_PY = Path(__file__).resolve().parents[2] / "web" / "serve.py"
spec = importlib.util.spec_from_file_location("web_serve", SERVE_PY)
serve = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve)

from advisor.knowledge import default_knowledge  # noqa: E402

K = default_knowledge()


@pytest.fixture
def fake_bundle(tmp_path, monkeypatch):
    """A stand-in for the npm bundle, so this test does not need web/node_modules."""
    bundle = tmp_path / "index.js"
    bundle.write_bytes(b'var css="' + serve.REMOTE_FONT_IMPORT + b'.rw-x{}";window.WebChat={};')
    monkeypatch.setattr(serve, "BUNDLE", bundle)
    monkeypatch.setitem(serve.FILES, "/vendor/rasa-webchat.js", (bundle, "text/javascript; charset=utf-8"))
    return bundle


@pytest.fixture
def base_url(fake_bundle):
    handler = partial(serve.ChatPageHandler, config_js=serve.config_script(5999, None))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_page_is_served_with_a_policy_that_keeps_it_local(base_url):
    r = requests.get(base_url + "/", timeout=5)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "维权助手" in r.content.decode("utf-8")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    for path in ("/static/chat.css", "/static/chat.js"):
        assert requests.get(base_url + path, timeout=5).status_code == 200


def test_config_tells_the_page_where_rasa_is(base_url):
    r = requests.get(base_url + "/config.js", timeout=5)
    assert r.status_code == 200
    assert r.text.startswith("window.ADVISOR_CHAT_CONFIG = ") and r.text.endswith(";\n")
    config = json.loads(r.text[len("window.ADVISOR_CHAT_CONFIG = "):-2])
    assert config["rasaPort"] == 5999 and config["socketUrl"] is None
    # the copy button's words come from the knowledge file, like every other text
    assert config["copy"]["marker"] == K.ready_texts["copy_hint"] and config["copy"]["button"]
    assert b'"socketUrl": "https://chat.example/"' in serve.config_script(5005, "https://chat.example/")


def test_bundle_is_served_without_its_remote_font(base_url, fake_bundle):
    r = requests.get(base_url + "/vendor/rasa-webchat.js?v=1", timeout=5)
    assert r.status_code == 200
    assert b"googleapis" not in r.content and b".rw-x{}" in r.content


@pytest.mark.parametrize("path", ["/serve.py", "/web/serve.py", "/../serve.py", "/%2e%2e/serve.py",
                                  "/static/", "/node_modules/rasa-webchat/package.json", "/static/../serve.py"])
def test_anything_else_is_not_found(base_url, path):
    r = requests.get(base_url + path, timeout=5)
    assert r.status_code == 404
    assert "import" not in r.text


def test_only_get_and_head(base_url):
    assert requests.head(base_url + "/", timeout=5).status_code == 200
    r = requests.post(base_url + "/", data=b"x", timeout=5)
    assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD"


def test_settings_come_from_flags_or_environment(monkeypatch):
    monkeypatch.setenv("WEB_PORT", "9090")
    monkeypatch.setenv("RASA_PORT", "6006")
    monkeypatch.delenv("WEB_INTERFACE", raising=False)
    args = serve.parse_args([])
    assert (args.interface, args.port, args.rasa_port, args.rasa_url) == ("127.0.0.1", 9090, 6006, None)
    assert serve.parse_args(["--port", "8181"]).port == 8181
    for bad in (["--port", "eighty"], ["--port", "70000"], ["--rasa-port", "-1"]):
        with pytest.raises(SystemExit):
            serve.parse_args(bad)


def test_missing_bundle_stops_with_a_clear_message(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(serve, "BUNDLE", tmp_path / "missing.js")
    assert serve.main(["--port", "0"]) == 1
    assert "make web" in capsys.readouterr().err


def test_busy_port_stops_with_a_clear_message(fake_bundle, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert serve.main(["--port", str(busy.getsockname()[1])]) == 1
    assert "cannot listen on 127.0.0.1:" in capsys.readouterr().err
