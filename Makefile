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

# The editable install maps the top-level packages there are when it runs (linreg_helpers and
# linreg_helpers_server): a new one is importable after a reinstall.
$(STAMP): pyproject.toml constraints.txt linreg_helpers_server/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[lab,test]'
	touch $@

# Every Jupyter server of .venv (JupyterLab, Notebook 7, Voilà) sends kernel messages to the browser at
# once, without Nagle's delay (linreg_helpers_server/): sliders redraw more often while dragged. postBuild
# puts jupyter-config/ into the environment of the python on PATH (Binder and conda users run it too).
SERVER_CONFIG := $(VENV)/.server-config

$(SERVER_CONFIG): postBuild $(wildcard jupyter-config/*.json jupyter-config/*/*.json) $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" bash postBuild
	touch $@

install: $(STAMP) $(SERVER_CONFIG)  ## create .venv with the pinned versions

LAB := $(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) --no-browser --notebook-dir=notebooks $(ALLOW_ROOT)

lab: $(STAMP) $(SERVER_CONFIG)  ## start JupyterLab on notebooks/ at 127.0.0.1 (token on)
	$(LAB)

# Voilà runs the notebook in a fresh kernel per visitor and shows only its outputs (sources stripped).
# Without --token Voilà would serve without one; with it, it prints the address with a generated token.
# tests/browser/voila_server.py starts it with the same flags. APP_LANG=zh serves the Chinese playground.
APP_PORT ?= 8866
APP_LANG ?= en
.PHONY: app

app: $(STAMP) $(SERVER_CONFIG)  ## the playground (notebooks/en/playground.ipynb; APP_LANG=zh: Chinese) as a code-free app: Voilà at 127.0.0.1 (token on)
	$(BIN)/voila notebooks/$(APP_LANG)/playground.ipynb --no-browser --Voila.ip=127.0.0.1 --port=$(APP_PORT) --token

test: lint unit nbval browser  ## the whole suite

lint: $(STAMP)
	$(BIN)/ruff check linreg_helpers tests benchmarks notebooks tools

# Learners' CPUs round float32 sums differently. The unit tests and the notebooks run at once under
# several numeric configurations (tests/numeric_configs.py says which), each a failure on its own.
CONFIGS := $(BIN)/python -m tests.numeric_configs
UNIT := pytest -p no:cacheprovider tests --ignore=tests/browser
NBVAL := pytest -p no:cacheprovider --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

# Tests that execute whole notebooks (the student versions) run once: their numbers are nbval's concern.
unit: $(STAMP)  ## unit tests: native and PyTorch without SIMD; then the notebook-running tests once
	$(CONFIGS) native,no-simd -- $(BIN)/$(UNIT) -m "not notebook_run"
	$(BIN)/$(UNIT) -m notebook_run

# One configuration at a time: concurrent processes that start Jupyter kernels can collide on a port.
nbval: $(STAMP)  ## every notebook under nbval: native, PyTorch without SIMD, one thread
	$(CONFIGS) --one-at-a-time native,no-simd,one-thread -- $(BIN)/$(NBVAL)

# The browser suite drives Debian's Chromium (no browser download). Without it the suite is skipped
# and says so; under CI (CI=true) a missing browser is a failure. The d2l kernel's test needs .venv-d2l:
# test-d2l runs it.
CHROMIUM := /usr/bin/chromium
D2L_BROWSER := tests/browser/test_browser_d2l_kernel.py

browser: $(STAMP) $(SERVER_CONFIG)  ## the widget notebooks in JupyterLab and Notebook 7, driven by Chromium
	@if [ -x $(CHROMIUM) ]; then \
	  $(BIN)/pytest tests/browser --ignore=$(D2L_BROWSER); \
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
	$(BIN)/python -m tools.slides --write $(NOTEBOOKS)  # slide breaks follow the outputs' heights

strip: $(STAMP)  ## remove volatile metadata, keep outputs and execution counts
	$(BIN)/nbstripout --keep-output --keep-count $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_train.py

bench-widgets: $(STAMP) $(SERVER_CONFIG)  ## in Chromium: key press to new plot (p50, p90); frames per second while dragging
	$(BIN)/python -m benchmarks.bench_widgets

.PHONY: student

# Stale notebooks (a renamed source) must not survive, so the folder is made afresh.
student: $(STAMP)  ## the notebooks without their exercise solutions, in build/student/ (same layout)
	rm -rf build/student
	$(BIN)/python -m tools.student_version notebooks build/student

.PHONY: slides

# Static decks of the stored notebooks (their slide metadata: tools/slides.py). What a deck loads
# (reveal.js, MathJax, ...) comes from npm once (npm ci, pinned in tools/slides_assets/package-lock.json,
# kept in build/slides-npm) and is copied to build/slides/vendor: the decks need no network.
slides: $(STAMP)  ## static reveal.js decks of every notebook, with their figures, in build/slides/ (needs npm once)
	rm -rf build/slides
	$(BIN)/python -m tools.slide_deck notebooks build/slides

# The d2l course environment: the book's stack (d2l 1.0.3, torch 2.0.0, numpy 1.23.5, ...) pinned in
# constraints-d2l.txt, in its own .venv-d2l (about 5 GB: torch 2.0.0 from PyPI is the CUDA build).
# uv fetches those wheels in parallel: about 1.5 min from nothing, where pip takes 5 to 10.
D2L_VENV := .venv-d2l
D2L_BIN := $(D2L_VENV)/bin
D2L_STAMP := $(D2L_VENV)/.installed

.PHONY: test-d2l lab-d2l

$(D2L_STAMP): pyproject.toml constraints-d2l.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] > (3, 11) and "torch 2.0.0 has no wheels for Python > 3.11: run make test-d2l PYTHON=python3.11")'
	$(PYTHON) -m venv $(D2L_VENV)
	$(D2L_BIN)/pip install --quiet -c constraints-d2l.txt uv
	$(D2L_BIN)/uv pip install --quiet --python $(D2L_BIN)/python -c constraints-d2l.txt torch torchvision d2l -e '.[lab,test]'
	touch $@

# The book's own kernel: a kernelspec for .venv-d2l's Python, installed under build/ (not into a venv
# or the user's Jupyter folders), so that only `make lab-d2l`, which puts it on JUPYTER_PATH, offers it.
D2L_KERNEL_DIR := build/d2l-kernel
D2L_KERNEL := $(D2L_KERNEL_DIR)/share/jupyter/kernels/d2l-book/kernel.json

$(D2L_KERNEL): $(D2L_STAMP)
	$(D2L_BIN)/python -m ipykernel install --prefix $(D2L_KERNEL_DIR) --name d2l-book \
	  --display-name "d2l book (torch 2.0, d2l 1.0.3)"

lab-d2l: $(STAMP) $(SERVER_CONFIG) $(D2L_KERNEL)  ## make lab with a second kernel: the d2l book's (.venv-d2l, built as for test-d2l)
	JUPYTER_PATH=$(abspath $(D2L_KERNEL_DIR))/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH} $(LAB)

# LINREG_REQUIRE_D2L=1 turns the parity test's skip (d2l not importable) into a failure, and so the d2l
# kernel's browser test's (run by .venv's pytest: the browser suite's environment; the kernel is .venv-d2l's).
test-d2l: $(STAMP) $(D2L_STAMP) $(D2L_KERNEL)  ## unit tests, the d2l parity test and every notebook (nbval) in the book's environment, native and without SIMD; the d2l kernel in JupyterLab
	LINREG_REQUIRE_D2L=1 $(D2L_BIN)/python -m tests.numeric_configs native,no-simd -- $(D2L_BIN)/$(UNIT) -m "not notebook_run"
	$(D2L_BIN)/python -m tests.numeric_configs --one-at-a-time native,no-simd -- $(D2L_BIN)/$(NBVAL)
	LINREG_REQUIRE_D2L=1 $(BIN)/pytest -p no:cacheprovider $(D2L_BROWSER)

clean:
	rm -rf $(VENV) $(D2L_VENV) build .pytest_cache .ruff_cache
