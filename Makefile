# QCDC — the two commands a newcomer needs are `make run` and `make test`; the rest are for work.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
# uv installs the locked dependencies in seconds; it lives in the project's venv so nothing is
# installed system-wide, and it never downloads a Python of its own.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
STAMP := $(VENV)/.installed
SPECTRAL_DIR := tools/spectral
LIGHTHOUSE_DIR := tools/lighthouse
CHROMIUM := /usr/bin/chromium
SOFFICE := /usr/bin/soffice
SPA_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)

.PHONY: help install run spa test test-python test-frontend test-e2e fuzz lighthouse lint lint-python lint-contract openapi migrate bench clean

help:
	@echo "make run      install, migrate, load official units + demo data, serve on http://127.0.0.1:8000"
	@echo "make test     install and run every test (SQLite; PostgreSQL too when QCDC_TEST_DATABASE_URL is set)"
	@echo "make lint     ruff + mypy + Spectral on openapi.yaml"
	@echo "make openapi  regenerate openapi.yaml from the app"
	@echo "make migrate  apply database migrations"
	@echo "make bench    benchmark against PostgreSQL (not part of make test)"
	@echo "make test-e2e browser tests only (Debian's Chromium, the real API on a fresh database)"
	@echo "make fuzz     schemathesis against the live server and openapi.yaml (part of make test)"
	@echo "make lighthouse  Lighthouse performance and accessibility of the built SPA (not part of make test)"

$(STAMP): pyproject.toml uv.lock
	@test -x $(UV) || { echo "→ creating $(VENV) with $$($(PYTHON) --version)"; \
		$(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet --disable-pip-version-check "uv==0.13.9"; }
	@echo "→ installing Python dependencies (uv sync)"
	@$(UV) sync --frozen --inexact --all-extras --quiet
	@touch $@

install: $(STAMP)

$(SPECTRAL_DIR)/node_modules/.package-lock.json: $(SPECTRAL_DIR)/package-lock.json
	@echo "→ installing Spectral (npm ci)"
	@cd $(SPECTRAL_DIR) && npm ci --no-audit --no-fund --loglevel=error

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	@echo "→ installing the SPA's dependencies (npm ci)"
	@cd frontend && npm ci --no-audit --no-fund --loglevel=error

# Rebuilt only when a source changed, so a second `make run` starts in seconds.
frontend/dist/index.html: frontend/node_modules/.package-lock.json $(SPA_SOURCES) openapi.yaml
	@echo "→ building the SPA"
	@cd frontend && npm run --silent build > /dev/null

spa: frontend/dist/index.html

run: install spa
	@QCDC_DEMO=$${QCDC_DEMO:-true} $(BIN)/qcdc serve

test: test-python test-frontend test-e2e lint-contract fuzz

test-frontend: frontend/node_modules/.package-lock.json
	@cd frontend && npm run --silent check:api && npm run --silent typecheck && npm run --silent lint && npm test --silent

# Debian's Chromium, driven by playwright-core (which never downloads a browser of its own).
$(CHROMIUM):
	@echo "→ installing Debian's Chromium (apt-get)"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		export DEBIAN_FRONTEND=noninteractive; \
		$$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q chromium >/dev/null

# The real API (`qcdc serve`, fresh SQLite database; PostgreSQL when QCDC_E2E_DATABASE_URL names one
# it may wipe) serving the built SPA, driven through the issue's scenario.
test-e2e: install spa $(CHROMIUM)
	@cd frontend && npm run --silent e2e

$(LIGHTHOUSE_DIR)/node_modules/.package-lock.json: $(LIGHTHOUSE_DIR)/package-lock.json
	@echo "→ installing Lighthouse (npm ci)"
	@cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund --loglevel=error

lighthouse: install spa $(CHROMIUM) $(LIGHTHOUSE_DIR)/node_modules/.package-lock.json
	@cd $(LIGHTHOUSE_DIR) && node run.mjs

test-python: install $(SOFFICE)
	@$(BIN)/pytest

# Debian's headless LibreOffice Calc: the tests open every import template with it (tests/imports).
$(SOFFICE):
	@echo "→ installing Debian's headless LibreOffice Calc (apt-get)"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		export DEBIAN_FRONTEND=noninteractive; \
		$$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q --no-install-recommends libreoffice-calc-nogui >/dev/null

# Schemathesis against `qcdc serve` on a free port (fresh SQLite, official units and demo data,
# QCDC_TODAY pinned), signed in as the bootstrap administrator; fixed seed, a few minutes.
fuzz: install
	@$(BIN)/python scripts/fuzz.py

lint: lint-python lint-contract

lint-python: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@$(BIN)/mypy api tests bench

lint-contract: $(SPECTRAL_DIR)/node_modules/.package-lock.json
	@cd $(SPECTRAL_DIR) && npx --no-install spectral lint ../../openapi.yaml --ruleset ../../.spectral.yaml --fail-severity=warn

openapi: install
	@$(BIN)/qcdc openapi

migrate: install
	@$(BIN)/qcdc migrate

bench: install
	@$(BIN)/python -m bench

clean:
	rm -rf $(VENV) $(SPECTRAL_DIR)/node_modules $(LIGHTHOUSE_DIR)/node_modules frontend/node_modules frontend/dist .pytest_cache .mypy_cache .ruff_cache
