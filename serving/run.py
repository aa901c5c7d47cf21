"""`make run` and `make shell`: one machine, embedded defaults (SQLite, in-memory lock).

  python -m serving.run [MODEL]            action server, Rasa server and the web page
  python -m serving.run [MODEL] --shell    action server and the terminal chat

Settings (environment): RASA_PORT (5005), RASA_INTERFACE (127.0.0.1), ACTIONS_PORT (5055),
ACTIONS_INTERFACE (127.0.0.1), WEB_PORT (8080), WEB_INTERFACE (127.0.0.1), WEB_ORIGINS (the
page's own origins), TRACKER_DB (another SQLite file), RASA_API_TOKEN (else .run/api-token).
Ctrl-C stops everything; a server that crashes is started again.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from serving import launcher
from serving.launcher import Launcher


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", nargs="?", default=str(launcher.MODEL))
    parser.add_argument("--shell", action="store_true", help="the terminal chat instead of the servers")
    args = parser.parse_args(argv)
    env = os.environ
    actions_port = int(env.get("ACTIONS_PORT", 5055))
    rasa_port = int(env.get("RASA_PORT", 5005))
    interface = env.get("RASA_INTERFACE", "127.0.0.1")
    web_port = int(env.get("WEB_PORT", 8080))
    web_interface = env.get("WEB_INTERFACE", "127.0.0.1")
    origins = launcher.web_origins(web_port, env)

    # the case file's schema (CASES_DATABASE_URL, default .run/cases.db), brought up to date
    subprocess.run([str(launcher.BIN / "python"), "-m", "storage.migrate", "upgrade"], cwd=launcher.ROOT, check=True)

    run = Launcher()
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        run.start(launcher.action_server("actions", actions_port, interface=env.get("ACTIONS_INTERFACE", "127.0.0.1")))
        if args.shell:
            # in the foreground, on this terminal; the fixes' script runs `rasa shell` as well
            subprocess.run([str(launcher.BIN / "python"), str(launcher.ROOT / "scripts" / "serve_rasa.py"), "shell",
                            "--model", args.model, "--endpoints", str(launcher.ROOT / "endpoints.yml")],
                           cwd=launcher.ROOT, env={**run.env, "ACTION_ENDPOINT_URL":
                                                   f"http://127.0.0.1:{actions_port}/webhook"})
            return
        if not env.get("RASA_API_TOKEN", "").strip():
            from scripts.api_access import TOKEN_FILE, ensure_api_token

            run.env["RASA_API_TOKEN"] = ensure_api_token()
            print(f"HTTP API token: {TOKEN_FILE} (set RASA_API_TOKEN to choose it)", flush=True)
        page = launcher.web_page(web_port, interface=web_interface, rasa_port=rasa_port)
        rasa = launcher.rasa_server("rasa", rasa_port, actions_port, model=Path(args.model), interface=interface,
                                    cors=origins)
        print(f"Rasa server: http://{interface}:{rasa_port} (REST: /webhooks/rest/webhook, socket.io: /socket.io); "
              "loading the model…", flush=True)
        run.start(page, rasa)
        print("Ready. Ctrl-C stops it.", flush=True)
        run.supervise(every_s=1.0, until=stop)
    except launcher.StartError as e:
        sys.exit(f"make run: {e}")
    finally:
        run.stop()


if __name__ == "__main__":
    main()
