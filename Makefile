# Two commands for a newcomer: `make lab` (open the notebooks) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8888
# JupyterLab refuses to run as root without this flag (CI and containers run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
NOTEBOOKS := $(shell find notebooks -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)

.PHONY: install lab test lint unit nbval notebooks strip bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[lab,test]'
	touch $@

install: $(STAMP)  ## create .venv with the pinned versions

lab: $(STAMP)  ## start JupyterLab on notebooks/ at 127.0.0.1 (token on)
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) --no-browser --notebook-dir=notebooks $(ALLOW_ROOT)

test: lint unit nbval  ## the whole suite

lint: $(STAMP)
	$(BIN)/ruff check linreg_helpers tests benchmarks notebooks

unit: $(STAMP)
	$(BIN)/pytest tests

nbval: $(STAMP)
	$(BIN)/pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

notebooks: $(STAMP)  ## re-execute every notebook top to bottom in a fresh kernel, outputs written back
	for nb in $(NOTEBOOKS); do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 "$$nb" || exit 1; \
	done
	$(MAKE) strip

strip: $(STAMP)  ## remove volatile metadata, keep outputs and execution counts
	$(BIN)/nbstripout --keep-output --keep-count $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_train.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
