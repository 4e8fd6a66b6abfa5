# Two entry points: `make serve` and `make test`. Everything else is set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JS := js

.PHONY: serve test lint format schema bench clean constraints

serve: $(VENV)/.installed $(JS)/node_modules/.installed
	$(BIN)/contacts-graph serve

# Coverage must stay at 90 % or more; pass PYTEST_ARGS to narrow a run.
PYTEST_ARGS ?= --cov=contacts_graph --cov-report=term-missing:skip-covered --cov-fail-under=90

test: $(VENV)/.installed-test $(JS)/node_modules/.installed redis-server
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

schema: $(VENV)/.installed
	$(BIN)/contacts-graph schema > schema.graphql

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.installed

# Pin what is installed now (run after a green `make test` on newer versions).
constraints: $(VENV)/.installed-test
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^-e'; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# GraphiQL's assets (served by the service, never from a CDN) and the
# federation composers come from the npm registry, pinned in js/package-lock.json.
$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	npm ci --prefix $(JS) --no-audit --no-fund --loglevel=error
	node $(JS)/copy-graphiql-assets.mjs
	touch $@

# The Redis tests need a redis-server binary when no Redis is running; on a
# Debian machine without one, install it (the tests start it themselves).
.PHONY: redis-server
redis-server:
	@command -v redis-server >/dev/null 2>&1 || (redis-cli -p 6379 ping >/dev/null 2>&1) \
		|| { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
		     && (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null); } \
		|| echo "redis-server not found: install Redis or set CONTACTS_TEST_REDIS_URL"

clean:
	rm -rf $(VENV) $(JS)/node_modules src/contacts_graph/static/graphiql/vendor
