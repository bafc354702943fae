# Two commands for a newcomer: `make lab` (open the notebooks) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8888
# JupyterLab refuses to run as root without this flag (CI and containers run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
NOTEBOOKS := $(shell find notebooks -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | sort)

.PHONY: install lab test lint unit nbval browser notebooks strip bench bench-widgets clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[lab,test]'
	touch $@

install: $(STAMP)  ## create .venv with the pinned versions

lab: $(STAMP)  ## start JupyterLab on notebooks/ at 127.0.0.1 (token on)
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) --no-browser --notebook-dir=notebooks $(ALLOW_ROOT)

test: lint unit nbval browser  ## the whole suite

lint: $(STAMP)
	$(BIN)/ruff check linreg_helpers tests benchmarks notebooks

# Learners' CPUs round float32 sums differently. The unit tests and the notebooks run at once under
# several numeric configurations (tests/numeric_configs.py says which), each a failure on its own.
CONFIGS := $(BIN)/python -m tests.numeric_configs
UNIT := pytest -p no:cacheprovider tests --ignore=tests/browser
NBVAL := pytest -p no:cacheprovider --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

unit: $(STAMP)  ## unit tests: native and PyTorch without SIMD
	$(CONFIGS) native,no-simd -- $(BIN)/$(UNIT)

# One configuration at a time: concurrent processes that start Jupyter kernels can collide on a port.
nbval: $(STAMP)  ## every notebook under nbval: native, PyTorch without SIMD, one thread
	$(CONFIGS) --one-at-a-time native,no-simd,one-thread -- $(BIN)/$(NBVAL)

# The browser suite drives Debian's Chromium (no browser download). Without it the suite is skipped
# and says so; under CI (CI=true) a missing browser is a failure.
CHROMIUM := /usr/bin/chromium

browser: $(STAMP)  ## the widget notebooks in JupyterLab and Notebook 7, driven by Chromium
	@if [ -x $(CHROMIUM) ]; then \
	  $(BIN)/pytest tests/browser; \
	elif [ "$${CI:-}" = true ]; then \
	  echo "FAILED: CI=true and $(CHROMIUM) is missing; the browser suite must run (apt-get install chromium)."; \
	  exit 1; \
	else \
	  echo "SKIPPED the browser suite: $(CHROMIUM) not found (install Debian's package chromium to run it)."; \
	fi

# The second nbconvert pass stores a print loop's output, which arrives in chunks that depend on
# timing, as one stream.
notebooks: $(STAMP)  ## re-execute every notebook top to bottom in a fresh kernel, outputs written back
	for nb in $(NOTEBOOKS); do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 "$$nb" || exit 1; \
	  $(BIN)/jupyter nbconvert --to notebook --inplace --CoalesceStreamsPreprocessor.enabled=True "$$nb" || exit 1; \
	done
	$(MAKE) strip

strip: $(STAMP)  ## remove volatile metadata, keep outputs and execution counts
	$(BIN)/nbstripout --keep-output --keep-count $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_train.py

bench-widgets: $(STAMP)  ## in Chromium: key press to new plot (p50, p90); frames per second while dragging
	$(BIN)/python -m benchmarks.bench_widgets

# The d2l course environment: the book's stack (d2l 1.0.3, torch 2.0.0, numpy 1.23.5, ...) pinned in
# constraints-d2l.txt, in its own .venv-d2l (about 5 GB: torch 2.0.0 from PyPI is the CUDA build).
# uv fetches those wheels in parallel: about 1.5 min from nothing, where pip takes 5 to 10.
D2L_VENV := .venv-d2l
D2L_BIN := $(D2L_VENV)/bin
D2L_STAMP := $(D2L_VENV)/.installed

.PHONY: test-d2l

$(D2L_STAMP): pyproject.toml constraints-d2l.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] > (3, 11) and "torch 2.0.0 has no wheels for Python > 3.11: run make test-d2l PYTHON=python3.11")'
	$(PYTHON) -m venv $(D2L_VENV)
	$(D2L_BIN)/pip install --quiet -c constraints-d2l.txt uv
	$(D2L_BIN)/uv pip install --quiet --python $(D2L_BIN)/python -c constraints-d2l.txt torch torchvision d2l -e '.[lab,test]'
	touch $@

# LINREG_REQUIRE_D2L=1 turns the parity test's skip (d2l not importable) into a failure.
test-d2l: $(D2L_STAMP)  ## unit tests, the d2l parity test and every notebook (nbval) in the book's environment, native and without SIMD
	LINREG_REQUIRE_D2L=1 $(D2L_BIN)/python -m tests.numeric_configs native,no-simd -- $(D2L_BIN)/$(UNIT)
	$(D2L_BIN)/python -m tests.numeric_configs --one-at-a-time native,no-simd -- $(D2L_BIN)/$(NBVAL)

clean:
	rm -rf $(VENV) $(D2L_VENV) build .pytest_cache .ruff_cache
