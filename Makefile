# Everything runs inside .venv, which the first target that needs it creates.
# (`make test-all` runs the suite again with VENV=.venv-3.10 PYTHON=<python3.10>, and so on.)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check
GEN    := generated/goodmem_api
SPEC_COPY := goodmem/testing/openapi.yaml
GENERATE = PATH="$(CURDIR)/$(BIN):$$PATH" RUFF_NO_CACHE=true $(BIN)/openapi-python-client generate \
	--path openapi.yaml --config generator-config.yml --custom-template-path templates \
	--meta none --overwrite
LINTED := goodmem tests examples bench tools docs
# What .venv holds: this package, editable (add extras here: -e '.[name]'), and the dev tools
# (the PEP 735 group `dev` in pyproject.toml; needs pip >= 25.1, which the recipe upgrades to).
INSTALL := -e '.[testing]' --group dev
# The oldest and the newest supported Python (the classifiers in pyproject.toml): make test-all
TEST_PYTHONS := 3.10 3.13

.PHONY: all gen test test-fast lint check-spec check-gen check-docs pytest compat demo fmt clean venv \
	record bench docs test-all

all: test

venv: $(STAMP)

# First run: say what is happening, keep pip quiet (errors still show), end with a summary.
# The distribution used to be named goodmem (on PyPI, the official SDK's name): a venv made then
# still has that one installed, whose pytest plugin entry point would sit beside this one's.
$(STAMP): pyproject.toml
	@if [ -x $(BIN)/python ]; then echo "updating $(VENV): pyproject.toml changed"; \
	else echo "setting up $(VENV), first run only (about 30 s): pip, then this package and its dev tools"; \
	$(PYTHON) -m venv $(VENV); fi
	@start=$$(date +%s); \
	$(PIP) install --quiet --upgrade pip && \
	{ ! $(PIP) show --quiet goodmem 2>/dev/null || $(PIP) uninstall --quiet --yes goodmem; } && \
	$(PIP) install --quiet $(INSTALL) && \
	echo "$(VENV) ready: $$($(PIP) list --format=freeze | wc -l) packages in $$(( $$(date +%s) - start )) s"
	@touch $(STAMP)

## gen: regenerate generated/ from openapi.yaml, and the copy goodmem.testing ships
gen: $(STAMP)
	rm -rf $(GEN)
	$(GENERATE) --output-path $(GEN) >/dev/null
	cp openapi.yaml $(SPEC_COPY)

## test: lint, type-check, validate the spec, check generated/ is current, build the docs,
## pytest, the official clients against the embedded GoodMem
test: lint check-spec check-gen check-docs pytest compat

## test-fast: the facade, model and registry tests only (about 15 s): the inner loop while you
## edit goodmem/; `make test` is the gate before you push
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/facade tests/models tests/test_registry.py

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED) generated
	$(BIN)/mypy --strict goodmem

check-spec: $(STAMP)
	$(BIN)/openapi-spec-validator openapi.yaml

# generated/ must be exactly what `make gen` makes from the current openapi.yaml; bytecode and
# other git-ignored files don't count (tools/check_gen.py names the files that differ); the
# spec copy goodmem.testing ships must be identical to openapi.yaml
check-gen: $(STAMP)
	@rm -rf build/gen-check
	@mkdir -p build/gen-check
	@$(GENERATE) --output-path build/gen-check/goodmem_api >/dev/null
	@$(BIN)/python tools/check_gen.py build/gen-check/goodmem_api $(GEN)
	@rm -rf build/gen-check
	@cmp -s openapi.yaml $(SPEC_COPY) || { echo "check-gen: $(SPEC_COPY) differs from\
	 openapi.yaml. Fix: run \`make gen\` (never edit the copy by hand), then commit it."; exit 1; }

pytest: $(STAMP)
	$(BIN)/python -m pytest

## docs: build the documentation site into site/ (open site/index.html); any warning fails it,
## and so does a cross reference left unresolved (tools/build_docs.py)
docs: $(STAMP)
	@$(BIN)/python -c 'import mkdocs' 2>/dev/null || { echo "docs: MkDocs is not installed in \
	$(VENV): its toolchain needs Python >= 3.11 (this venv has $$($(BIN)/python -V))"; exit 1; }
	$(BIN)/python tools/build_docs.py
	@echo "docs: built site/index.html"

# make test builds the docs where the toolchain installs (Python >= 3.11) and says so elsewhere
check-docs: $(STAMP)
	@if $(BIN)/python -c 'import mkdocs' 2>/dev/null; then $(MAKE) --no-print-directory docs; \
	else echo "check-docs: skipped on $$($(BIN)/python -V): the docs toolchain needs 3.11+"; fi

## test-all: make test on the oldest and the newest supported Python, each in its own
## .venv-X.Y; the interpreters are pythonX.Y on $$PATH, else the newest pyenv X.Y.*
test-all:
	@for v in $(TEST_PYTHONS); do \
	  [ -n "$$($(call find_python,$$v))" ] || { echo "test-all: no Python $$v found: put \
	python$$v on PATH or install it (pyenv install $$v)"; exit 1; }; done
	@failed=; for v in $(TEST_PYTHONS); do \
	  py=$$($(call find_python,$$v)); echo "== test-all: Python $$v ($$py) in .venv-$$v"; \
	  $(MAKE) --no-print-directory test VENV=.venv-$$v PYTHON=$$py || failed="$$failed $$v"; \
	done; \
	if [ -n "$$failed" ]; then echo "test-all: FAILED on Python$$failed"; exit 1; fi; \
	echo "test-all: passed on Python $(TEST_PYTHONS)"

## compat: the official clients (goodmem, goodmem-client; pinned in tools/compat/requirements.txt)
## against the embedded GoodMem over loopback; their venv is cached in .cache/compat/
compat: $(STAMP)
	$(BIN)/python tools/compat/run.py

## record: re-record tests/cassettes, then replay them; against $$GOODMEM_BASE_URL with
## $$GOODMEM_API_KEY when set, else the embedded GoodMem. Review the diff like code.
record: $(STAMP)
	rm -rf tests/cassettes
	GOODMEM_CONTRACT_RECORD=1 $(BIN)/python -m pytest tests/contract -q
	$(BIN)/python -m pytest tests/contract -q

## bench: client overhead vs raw httpx and the official SDK (table + build/bench.json);
## BENCH_ARGS=--quick for a short run. Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

## demo: the quickstart, against $$GOODMEM_BASE_URL or the embedded GoodMem
demo: $(STAMP)
	$(BIN)/python examples/quickstart.py

# A shell snippet printing the path of a working python$(1) (e.g. 3.10), or nothing
find_python = for p in python$(1) $$(ls -d "$$(pyenv root 2>/dev/null)"/versions/$(1).*/bin/python$(1) \
	2>/dev/null | sort -V -r); do "$$p" -c '' >/dev/null 2>&1 && { command -v "$$p"; break; }; done

fmt: $(STAMP)
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/ruff format $(LINTED)

clean:
	rm -rf $(VENV) .venv-* build dist site .pytest_cache .mypy_cache .ruff_cache .hypothesis .cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
