# Haberdar: two commands do all the set-up.
#   make run    build the environment, run the pipeline on seeds/, print a summary
#   make test   build the environment, run the whole test suite
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)

.PHONY: run test lint bench env clean lock test-deps

# setup.py compiles the extractor with mypyc: an edit to it compiles it again
COMPILED := setup.py include/haberdar/turkish.py $(wildcard include/haberdar/extract/*.py)

env: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml $(COMPILED)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --reinstall-package haberdar -e .
	@touch $@

run: env
	$(BIN)/haberdar run $(ARGS)

test: env test-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# Debian packages some tests need: Chromium (HTML the project renders, opened in a
# real browser) and PostgreSQL (a Postgres built with TLS, for the endpoint's TLS test)
test-deps:
	@{ command -v chromium >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; } \
	  || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && (apt-get update -qq \
	       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium postgresql) >/dev/null; } \
	  || { echo "install Debian's chromium and postgresql (apt-get install chromium postgresql) for the tests" >&2; exit 2; }

lint: env
	$(BIN)/ruff check . && $(BIN)/ruff format --check include dags tests

bench: env
	$(BIN)/uv pip install --quiet --python $(BIN)/python "akana==0.8.0"
	$(BIN)/python bench/run.py $(ARGS)

# Re-pin after editing pyproject.toml: the deployment's lock (no test tools; the
# Dockerfile installs it), then the development lock on the same pins plus tools.
lock:
	$(BIN)/uv pip compile -q pyproject.toml --extra deploy -c requirements.lock --python-version 3.11 -o requirements-deploy.lock
	$(BIN)/uv pip compile -q pyproject.toml --extra dev --extra deploy -c requirements-deploy.lock --python-version 3.11 -o requirements.lock

clean:
	rm -rf data .pytest_cache dbt_project/target dbt_project/logs
