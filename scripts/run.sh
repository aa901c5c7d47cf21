#!/usr/bin/env bash
# What `make run` starts, without make's install and training steps: serving/run.py
# (the launcher). Usage: scripts/run.sh MODEL [--shell]; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m serving.run "$@"
