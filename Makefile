# Reelbase: `make run` serves a populated demo site, `make test` runs lint and the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_FILMS ?= 3000
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded default is a local development site; production sets these for real.
RUN_ENV := DEBUG=1
TEST_ENV := SECRET_KEY=test-only-not-secret

.PHONY: run test install install-dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files make the second run quick: pip only runs when pyproject.toml changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed_demo --if-empty --films $(DEMO_FILMS)
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Reelbase is starting on http://$(HOST):$(PORT)/"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/   (admin@demo.reelbase.test / reelbase-demo)"
	@echo "  Demo logins (password reelbase-demo): free@ writer@ producer@ studio@demo.reelbase.test"
	@echo ""
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python manage.py bench_api

clean:
	rm -rf $(VENV) var
