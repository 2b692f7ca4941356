# Everything runs inside .venv, which the first target that needs it creates.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GEN    := generated/goodmem_api
GENERATE = PATH="$(CURDIR)/$(BIN):$$PATH" RUFF_NO_CACHE=true $(BIN)/openapi-python-client generate \
	--path openapi.yaml --config generator-config.yml --custom-template-path templates \
	--meta none --overwrite
LINTED := goodmem tests examples

.PHONY: all gen test lint check-spec check-gen pytest demo fmt clean venv

all: test

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## gen: regenerate generated/ from openapi.yaml
gen: $(STAMP)
	rm -rf $(GEN)
	$(GENERATE) --output-path $(GEN) >/dev/null

## test: lint, type-check, validate the spec, check generated/ is current, run pytest
test: lint check-spec check-gen pytest

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED) generated
	$(BIN)/mypy --strict goodmem

check-spec: $(STAMP)
	$(BIN)/openapi-spec-validator openapi.yaml

# generated/ must be exactly what `make gen` makes from the current openapi.yaml
check-gen: $(STAMP)
	rm -rf build/gen-check
	mkdir -p build/gen-check
	$(GENERATE) --output-path build/gen-check/goodmem_api >/dev/null
	diff -r build/gen-check/goodmem_api $(GEN) || \
		{ echo "generated/ is stale: run 'make gen' and commit the result"; exit 1; }
	rm -rf build/gen-check

pytest: $(STAMP)
	$(BIN)/python -m pytest

## demo: the quickstart, against $$GOODMEM_BASE_URL or the embedded GoodMem
demo: $(STAMP)
	$(BIN)/python examples/quickstart.py

fmt: $(STAMP)
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/ruff format $(LINTED)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
