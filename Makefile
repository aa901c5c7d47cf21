# Every job has a target; `make run` and `make test` set up what is missing.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Rasa 3.6 needs Python 3.10: use python3.10 if it runs, else pyenv's copy.
PYTHON310 := $(shell python3.10 -c '' 2>/dev/null && echo python3.10 || ls -d $$HOME/.pyenv/versions/3.10*/bin/python3.10 2>/dev/null | tail -1)
MODEL := models/dispute-advisor.tar.gz
# What the model is trained from (the knowledge file is read by the action server, not trained on).
TRAIN_INPUTS := config.yml domain.yml $(shell find data lexicon components -type f -not -name '*.pyc' -not -name '*.md' 2>/dev/null)
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
RASA_INTERFACE ?= 127.0.0.1
WEB_PORT ?= 8080
WEB_INTERFACE ?= 127.0.0.1
# Debian's browser for the web chat test, with fonts for Chinese and emoji (Playwright downloads none).
BROWSER_PACKAGES := chromium fonts-wqy-microhei fonts-noto-color-emoji
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: install web chromium nginx train run shell cluster lint validate audit test-audit purge test test-unit test-nlu test-stories test-e2e test-cluster clean knowledge augment bench bench-cluster

install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON310)" || { echo "Python 3.10 is needed (Rasa 3.6 supports < 3.11)"; exit 1; }
	@# an interrupted first install can leave a venv without pip: make it again
	$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON310) -m venv $(VENV); }
	$(BIN)/pip install --disable-pip-version-check -q -e ".[dev]"
	touch $@

# The chat widget, exactly as web/package-lock.json pins it; npm ci only when the lock changed.
web: web/node_modules/.installed
web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

chromium:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || { apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y $(BROWSER_PACKAGES); }

# Debian's nginx, in front of the instances of `make cluster`.
nginx:
	@command -v nginx >/dev/null 2>&1 || { apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light; }

train: $(MODEL)
$(MODEL): $(VENV)/.installed $(TRAIN_INPUTS)
	$(BIN)/rasa train --fixed-model-name dispute-advisor --out models
	touch $@

run: install train web
	RASA_PORT=$(RASA_PORT) ACTIONS_PORT=$(ACTIONS_PORT) RASA_INTERFACE=$(RASA_INTERFACE) \
		WEB_PORT=$(WEB_PORT) WEB_INTERFACE=$(WEB_INTERFACE) $(BIN)/python -m serving.run $(MODEL)

shell: install train
	ACTIONS_PORT=$(ACTIONS_PORT) $(BIN)/python -m serving.run $(MODEL) --shell

# INSTANCES (default 2) Rasa servers and action servers behind nginx on RASA_PORT, sharing
# PostgreSQL (DATABASE_URL) and Redis (REDIS_URL); started when not running (serving/cluster.py).
cluster: install train web nginx
	RASA_PORT=$(RASA_PORT) RASA_INTERFACE=$(RASA_INTERFACE) WEB_PORT=$(WEB_PORT) \
		$(BIN)/python -m serving.cluster

# ruff's default rules (pyflakes and the error-prone pycodestyle checks), pyproject.toml.
lint: install
	$(BIN)/ruff check .

validate: install
	scripts/validate_data.sh

test-unit: install train
	$(BIN)/python -m pytest tests/unit -q

# Held-out NLU: intents on the project-written set (gated per intent), then the
# dispute type on every evaluation set, ours and real text, each on its own line.
test-nlu: train
	$(BIN)/rasa test nlu --nlu tests/nlu/test_nlu.yml --model $(MODEL) --out results/nlu --successes
	$(BIN)/python scripts/nlu_report.py results/nlu
	$(BIN)/python scripts/nlu_sets.py $(MODEL)

# Test stories are typed text (files test_*.yml): --e2e checks NLU and dialogue together.
test-stories: train
	$(BIN)/rasa test core --e2e --stories tests/stories --model $(MODEL) --out results/core \
		--fail-on-prediction-errors

test-e2e: train web chromium
	$(BIN)/python -m pytest tests/e2e -q -s -p no:cacheprovider

# Two instances behind nginx on the real PostgreSQL and Redis: shared state, kill -9, restarts.
test-cluster: train web chromium nginx
	$(BIN)/python -m pytest tests/cluster -q -s -p no:cacheprovider

# Known vulnerabilities in .venv and web/package-lock.json (scripts/audit.py, audit/accepted.yml).
# `make audit` fails when a vulnerability database can't be reached; inside `make test` that is
# printed as NOT AUDITED and the tests go on, while a NEW high/critical finding still fails.
audit: install web
	$(BIN)/python scripts/audit.py $(AUDIT_FLAGS)

test-audit: install web
	$(BIN)/python scripts/audit.py --offline-ok

# Delete conversations idle for RETENTION_DAYS (default 180); the server also does it hourly.
purge: install
	$(BIN)/python scripts/purge.py

test: lint validate test-audit test-unit test-nlu test-stories test-e2e test-cluster

clean:
	rm -rf results .rasa $(MODEL)

knowledge: install
	$(BIN)/python scripts/show_knowledge.py

augment: install
	$(BIN)/python scripts/augment_nlu.py

# Speed, memory and accuracy next to a stock Rasa config (README, Performance); trains
# into bench/out/ what is not cached there yet (the baseline: 10-20 min, the first time only).
bench: install
	$(BIN)/python -m bench.run_bench

# 1 and 2 instances through nginx (make cluster's code) on the real-shopper load: turns/s, p95,
# errors and the CPU milliseconds per turn of every process (bench/cluster_bench.py).
bench-cluster: install train nginx
	$(BIN)/python -m bench.cluster_bench
