# exitkit: `make demo` and `make test` work on a fresh machine with only Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# command:Debian package, installed by `make test` when the command is missing
SYSTEM_TOOLS := git:git age:age chromium:chromium

.PHONY: demo test docs lint format bench system-tools clean ee-context

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

system-tools:
	@missing=""; \
	for pair in $(SYSTEM_TOOLS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

demo: $(VENV)/.installed
	$(BIN)/exitkit demo --out demo-out

test: $(VENV)/.installed system-tools
	$(BIN)/python -m pytest -q -n 2
	$(MAKE) lint

# The documentation site into site/ (open site/index.html). `make test` builds it too, with
# --strict, in tests/docs/test_site.py: a broken link or a page outside the nav fails the suite.
docs: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

lint: $(VENV)/.installed
	$(BIN)/ruff format --check exitkit tests benchmarks tools
	$(BIN)/ruff check exitkit tests benchmarks tools
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format exitkit tests benchmarks tools
	$(BIN)/ruff check --fix exitkit tests benchmarks tools

bench: $(VENV)/.installed system-tools
	$(BIN)/python benchmarks/verify.py
	$(BIN)/python benchmarks/validate.py

# The execution environment's build context (see execution-environment.yml); no container engine
# needed here: build the image from ee/context with podman or docker.
ee-context: $(VENV)/.installed
	rm -rf ee/dist ee/context
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w ee/dist .
	$(BIN)/ansible-galaxy collection build collection --output-path ee/dist
	$(BIN)/ansible-builder create -f execution-environment.yml -c ee/context --output-filename Containerfile

clean:
	rm -rf $(VENV) demo-out site .pytest_cache .mypy_cache .ruff_cache
