# Everything runs inside .venv, which the first target that needs it creates.
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
LINTED := goodmem tests examples bench tools

.PHONY: all gen test lint check-spec check-gen pytest compat demo fmt clean venv record bench

all: test

venv: $(STAMP)

# First run: say what is happening, keep pip quiet (errors still show), end with a summary.
$(STAMP): pyproject.toml
	@if [ -x $(BIN)/python ]; then echo "updating .venv: pyproject.toml changed"; \
	else echo "setting up .venv, first run only (about 30 s): pip, then this package and its dev tools"; \
	$(PYTHON) -m venv $(VENV); fi
	@start=$$(date +%s); \
	$(PIP) install --quiet --upgrade pip && \
	$(PIP) install --quiet -e '.[dev]' && \
	echo ".venv ready: $$($(PIP) list --format=freeze | wc -l) packages in $$(( $$(date +%s) - start )) s"
	@touch $(STAMP)

## gen: regenerate generated/ from openapi.yaml, and the copy goodmem.testing ships
gen: $(STAMP)
	rm -rf $(GEN)
	$(GENERATE) --output-path $(GEN) >/dev/null
	cp openapi.yaml $(SPEC_COPY)

## test: lint, type-check, validate the spec, check generated/ is current, run pytest, compat
test: lint check-spec check-gen pytest compat

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

## bench: client overhead vs raw httpx and the generated client (table + build/bench.json);
## BENCH_ARGS=--quick for a short run. Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

## demo: the quickstart, against $$GOODMEM_BASE_URL or the embedded GoodMem
demo: $(STAMP)
	$(BIN)/python examples/quickstart.py

fmt: $(STAMP)
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/ruff format $(LINTED)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis .cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
