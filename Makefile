# exitkit: `make demo` and `make test` work on a fresh machine with only Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# command:Debian package, installed by `make test` when the command is missing
SYSTEM_TOOLS := git:git age:age chromium:chromium

.PHONY: demo test lint format bench system-tools clean

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

lint: $(VENV)/.installed
	$(BIN)/ruff format --check exitkit tests benchmarks
	$(BIN)/ruff check exitkit tests benchmarks
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format exitkit tests benchmarks
	$(BIN)/ruff check --fix exitkit tests benchmarks

bench: $(VENV)/.installed system-tools
	$(BIN)/python benchmarks/verify.py
	$(BIN)/python benchmarks/validate.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache
