# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format worker beat bench drill loadtest compose-smoke install migrate demo clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Python-pakketten installeren (eenmalig)..."
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# axe-core (accessibility checks in the browser tests) from the npm registry, pinned
# by package-lock.json. Without npm the accessibility tests are skipped (loudly).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else \
	  echo "!!  npm not found: the accessibility (axe-core) checks will be skipped. apt-get install npm"; \
	fi

install: $(STAMP) $(AXE)

## make migrate: as the database OWNER when MIGRATE_DATABASE_URL is set (then also
## the application role's rights, when DB_APP_ROLE is set); see .env.example
migrate: install
	@$(if $(MIGRATE_DATABASE_URL),DATABASE_URL=$(MIGRATE_DATABASE_URL),) $(PY) manage.py migrate --noinput -v0
	@$(if $(and $(MIGRATE_DATABASE_URL),$(DB_APP_ROLE)),DATABASE_URL=$(MIGRATE_DATABASE_URL) $(PY) manage.py grant_app_role --create,)

demo: migrate
	@$(PY) manage.py seed_demo --print-logins

## make run: the application with demo data on SQLite, tasks in process, at http://127.0.0.1:8000,
## talking to a fake DUO on port DUO_FAKE_PORT (started first, stopped on exit; dev/demo only,
## no certificate: docs/duo-fake.md)
DUO_FAKE_PORT ?= 8765
run: demo
	@echo ""
	@$(PY) manage.py duo_fake --port $(DUO_FAKE_PORT) & FAKE=$$!; \
	  trap 'kill $$FAKE 2>/dev/null' EXIT INT TERM; \
	  echo "Inburgering regie draait op http://127.0.0.1:8000 (stoppen met Ctrl+C)"; \
	  DUO_BASE_URL=http://127.0.0.1:$(DUO_FAKE_PORT)/v1 $(PY) manage.py runserver 127.0.0.1:8000

## make test: the whole suite (browser tests included when Chromium is installed)
test: install
	@if [ ! -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
	  echo ""; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!!  Chromium not found at $${CHROMIUM:-/usr/bin/chromium}:"; \
	  echo "!!  the BROWSER TESTS WILL BE SKIPPED. Install it: apt-get install chromium"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo ""; \
	fi
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## make worker / make beat: Celery against REDIS_URL (see .env.example)
worker: install
	$(VENV)/bin/celery -A inburgering worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A inburgering beat --loglevel=info

## make bench: dashboard, werkvoorraad and nightly-jobs benchmarks as JSON lines (figures
## next to the goals), each on its own PostgreSQL database
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/inb_bench
## the nightly jobs sweep the whole database: a database of their own
BENCH_NACHT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/inb_nacht
BENCH_WV_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/inb_werkvoorraad
bench: install
	-psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE inb_bench" >/dev/null 2>&1
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_dashboard --sizes 10000,100000
	-psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE inb_werkvoorraad" >/dev/null 2>&1
	DATABASE_URL=$(BENCH_WV_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_WV_DATABASE_URL) $(PY) manage.py bench_werkvoorraad --dossiers 50000 --gemeenten 5
	-psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE inb_nacht" >/dev/null 2>&1
	DATABASE_URL=$(BENCH_NACHT_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_NACHT_DATABASE_URL) $(PY) manage.py bench_nachtelijk --dossiers 5000

## make drill: the long fault drills on real processes and their own database: Redis
## stopped 60 s while PIPs are vastgesteld, kill -9 during a payment run of 3 000 lines
## and a reminder run of 300, a connection terminated during an import of 1 500 rows.
## Prints expected vs found (lost, duplicated) per drill. `make test` runs short versions.
DRILL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/inb_drill
DRILL_ENV := DATABASE_URL=$(DRILL_DATABASE_URL) DJANGO_SETTINGS_MODULE=inburgering.settings.test
drill: install
	-psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $(notdir $(DRILL_DATABASE_URL))" >/dev/null 2>&1
	$(DRILL_ENV) $(PY) manage.py migrate --noinput -v0
	$(DRILL_ENV) $(PY) manage.py drill --long

## make loadtest: 50 werkcoaches against gunicorn on PostgreSQL (its own database,
## seeded once), 60 s with think time and 60 s without; requests/s and p50/p95/p99 per
## endpoint next to issue 16's goals. LOADTEST_BASELINE=/path/to/other/checkout measures
## that checkout (e.g. the previous commit) in the same run. docs/deploy.md.
LOADTEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/inb_load
LOADTEST_ARGS ?=
loadtest: install
	-psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE $(notdir $(LOADTEST_DATABASE_URL))" >/dev/null 2>&1
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(LOADTEST_DATABASE_URL) $(PY) manage.py loadtest $(if $(LOADTEST_BASELINE),--baseline $(LOADTEST_BASELINE),) $(LOADTEST_ARGS)

## The whole docker-compose topology for real (two web, two workers, beat, PostgreSQL,
## Redis, S3, nginx): build, start, check through the proxy, tear down. Needs a Docker
## engine; NOT part of `make test` or CI. COMPOSE_SMOKE_IMAGES=local (default: stand-ins
## built from Debian packages, deploy/compose-local/) or public. docs/deploy.md.
compose-smoke:
	python3 deploy/compose-local/smoke.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles private_media node_modules
