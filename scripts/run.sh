#!/usr/bin/env bash
# Start the action server, then the Rasa server (or the terminal chat with --shell).
# Stopping this script (Ctrl-C) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"; mode="${2:-}"
bin=.venv/bin
actions_port="${ACTIONS_PORT:-5055}"
rasa_port="${RASA_PORT:-5005}"
interface="${RASA_INTERFACE:-127.0.0.1}"
web_port="${WEB_PORT:-8080}"
# CORS: only the chat page's own origins may call the Rasa server from a browser.
web_origins="${WEB_ORIGINS:-http://127.0.0.1:$web_port http://localhost:$web_port}"

# endpoints.yml names the action server on port 5055 and the SQLite file trackers.db: on
# another port, or with TRACKER_DB set (a test's own database), Rasa gets a copy of it that
# names those (in a temporary file, removed on exit).
endpoints=endpoints.yml
if [ "$actions_port" != 5055 ] || [ -n "${TRACKER_DB:-}" ]; then
  endpoints=$(mktemp --suffix=.yml)
  sed -e "s|http://127.0.0.1:5055/webhook|http://127.0.0.1:$actions_port/webhook|" \
      -e "s|db: \"trackers.db\"|db: \"${TRACKER_DB:-trackers.db}\"|" endpoints.yml > "$endpoints"
  grep -q "127.0.0.1:$actions_port/webhook" "$endpoints" || { echo "endpoints.yml: action_endpoint url is not http://127.0.0.1:5055/webhook; set it by hand" >&2; exit 1; }
  grep -q "db: \"${TRACKER_DB:-trackers.db}\"" "$endpoints" || { echo "endpoints.yml: tracker_store db is not \"trackers.db\"; set TRACKER_DB's place by hand" >&2; exit 1; }
fi
cleanup() { kill ${actions_pid:-} ${web_pid:-} 2>/dev/null || true; [ "$endpoints" = endpoints.yml ] || rm -f "$endpoints"; }
trap cleanup EXIT INT TERM

# The case file's schema (CASES_DATABASE_URL, default .run/cases.db), brought up to date.
"$bin/python" -m storage.migrate upgrade

# rasa_sdk binds 0.0.0.0 unless SANIC_HOST says otherwise: keep it on loopback.
SANIC_HOST="${ACTIONS_INTERFACE:-127.0.0.1}" "$bin/rasa" run actions --actions actions --port "$actions_port" &
actions_pid=$!

for _ in $(seq 60); do
  curl -fsS "http://127.0.0.1:$actions_port/health" >/dev/null 2>&1 && break
  kill -0 $actions_pid 2>/dev/null || { echo "action server failed to start" >&2; exit 1; }
  sleep 1
done

if [ "$mode" = "--shell" ]; then
  "$bin/rasa" shell --model "$model" --endpoints "$endpoints"
else
  # The web chat page (WEB_PORT / WEB_INTERFACE, default 127.0.0.1:8080); it prints its URL.
  RASA_PORT="$rasa_port" "$bin/python" web/serve.py &
  web_pid=$!
  echo "Rasa server: http://$interface:$rasa_port (REST: /webhooks/rest/webhook, socket.io: /socket.io)"
  # The HTTP API needs a token: RASA_API_TOKEN, or one generated into .run/api-token.
  [ -n "${RASA_API_TOKEN:-}" ] || echo "HTTP API token: $(pwd)/.run/api-token (set RASA_API_TOKEN to choose it)"
  api_token=$("$bin/python" scripts/api_access.py)
  # `rasa run` with the speed and memory fixes of scripts/serve_rasa.py (see README, Performance)
  # shellcheck disable=SC2086  # web_origins is a list
  RASA_API_TOKEN="$api_token" "$bin/python" scripts/serve_rasa.py run --model "$model" --enable-api \
    --interface "$interface" --port "$rasa_port" \
    --credentials credentials.yml --endpoints "$endpoints" --cors $web_origins
fi
