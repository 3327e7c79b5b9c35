# Secretaría — dos órdenes: `make run` y `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
# País de la demostración (`make run PAIS=CO`): PE (Villa Esperanza, por omisión), EC, CO o MX (Zacatecas).
PAIS ?= PE

.PHONY: run test lint test-sqlite test-postgres install migrate demo bench clean lock

$(BIN)/secretaria: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --config-settings editable_mode=compat -e .
	touch $(BIN)/secretaria

install: $(BIN)/secretaria

migrate: install
	mkdir -p var
	$(BIN)/secretaria migrate --noinput
	$(BIN)/secretaria collectstatic --noinput -v0

demo: migrate
	$(BIN)/secretaria demo --pais $(PAIS)

run: demo
	$(BIN)/secretaria servir --host $(HOST) --port $(PORT)
run: export SITE_URL ?= http://$(HOST):$(PORT)

test: install
	$(MAKE) lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

# Las puertas de CI (docs/desarrollo.md, «Puertas de CI y commits»): estilo, formato, capas, tipos y commits.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	TESTING=1 $(BIN)/mypy
	TESTING=1 $(BIN)/mypy core registro concejo actos certificaciones archivo informes portal secretaria bench
	$(BIN)/python scripts/revisar_commits.py

test-sqlite: install
	mkdir -p var && SECRETARIA_TEST_SQLITE=$(CURDIR)/var/pruebas.sqlite3 TESTING=1 $(BIN)/pytest -n $(PYTEST_WORKERS) --durations=15 $(PYTEST_ARGS)

test-postgres: install
	TESTING=1 $(BIN)/python scripts/con_postgres.py -- $(BIN)/pytest -n $(PYTEST_WORKERS) --durations=15 $(PYTEST_ARGS)

lock:
	$(BIN)/pip install --quiet uv && $(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf var/ .pytest_cache
