# timeline — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test system-deps bench clean golden

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/timeline build examples -o out

# Browser and SPARQL-server tests need Debian's chromium and virtuoso-opensource;
# system-deps installs them when it can (root with apt-get) and says so when it cannot.
system-deps:
	@bash scripts/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) out .pytest_cache

# Regenerate the golden graph of examples/ after an intended change; review the diff.
golden: $(STAMP)
	$(BIN)/timeline extract examples -o tests/golden/examples.ttl
