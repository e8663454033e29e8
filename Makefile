# Two commands run the course:  make lab  (open it)  and  make test  (check it).
# Both create .venv on first use and install requirements.txt into it.

# The Pythons the course supports. Without PYTHON=..., make keeps .venv's Python if it is
# one of them, and otherwise takes the newest of these commands that runs (a pyenv shim can
# be on PATH and still fail, so each is run, not only looked up). PYTHON=/path/to/python
# chooses; .venv is rebuilt when the chosen Python is not the one it was made with.
SUPPORTED  := 3.11 3.12 3.13
CANDIDATES := python3.13 python3.12 python3.11 python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
FIRST  := notebooks/00_start_here.ipynb
PORT   ?= 8888
# Jupyter refuses to run as root unless told; containers and CI often are root.
ROOT_OK := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

# TensorFlow, for everything started from here: no C++ log lines on stderr, and
# no oneDNN, whose float32 rounding differs from CPU to CPU (and which logs).
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS ?= 0
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# ---------------------------------------------------------------- which Python
empty :=
space := $(empty) $(empty)
# "3.12.1@/prefix/of/its/installation" for a Python command; empty when it does not run.
python_id = $(shell $(1) -c 'import platform, sys; print(platform.python_version() + "@" + sys.base_prefix)' 2>/dev/null)
version   = $(firstword $(subst @, ,$(1)))
pretty    = Python $(call version,$(1)) ($(word 2,$(subst @, ,$(1))))
supported = $(filter $(SUPPORTED),$(subst $(space),.,$(wordlist 1,2,$(subst ., ,$(call version,$(1))))))

VENV_ID := $(if $(wildcard $(PY)),$(call python_id,$(PY)))
ifdef PYTHON
  PYTHON_ID := $(call python_id,$(PYTHON))
else ifneq ($(call supported,$(VENV_ID)),)
  PYTHON_ID := $(VENV_ID)
else
  PYTHON := $(firstword $(foreach c,$(CANDIDATES),$(if $(call supported,$(call python_id,$(c))),$(c))))
  PYTHON_ID := $(if $(PYTHON),$(call python_id,$(PYTHON)))
endif

# Checked when .venv is (re)built: a clear refusal instead of a failed install.
check_python = $(if $(PYTHON_ID),$(if $(call supported,$(PYTHON_ID)),,$(error \
  PYTHON=$(PYTHON) is Python $(call version,$(PYTHON_ID)); the course supports Python \
  3.11, 3.12 and 3.13. Point PYTHON at one of them, e.g. make test PYTHON=python3.12)),$(error \
  $(if $(PYTHON),PYTHON=$(PYTHON) does not run (a pyenv shim of a version that is not selected? \
  give the interpreter's full path),no Python 3.11$(comma) 3.12 or 3.13 runs here (tried \
  $(CANDIDATES))). Install one$(comma) or point PYTHON at one: make test PYTHON=/path/to/python3.12))
comma := ,

# A .venv made with another Python is rebuilt.
PYTHON_CHANGED := $(if $(filter $(VENV_ID),$(PYTHON_ID)),,yes)
NEW_VENV := $(or $(PYTHON_CHANGED),$(if $(wildcard $(PY)),,yes))
ifdef PYTHON_CHANGED
$(STAMP): .python-changed
.PHONY: .python-changed
endif

say_python = @$(PY) -c 'import platform, sys; print(f"make: {sys.prefix} runs Python {platform.python_version()}")'

.PHONY: lab test test-core unit notebooks slides book bench clean

$(STAMP): requirements.txt pyproject.toml
	$(check_python)
	$(if $(PYTHON_CHANGED),@if [ -f $(VENV)/pyvenv.cfg ]; then \
	    echo "make: $(VENV) was made with $(if $(VENV_ID),$(call pretty,$(VENV_ID)),a Python that no longer runs); rebuilding it with $(call pretty,$(PYTHON_ID))"; \
	    rm -rf $(VENV); fi)
	$(if $(NEW_VENV),@echo "make: creating $(VENV) with $(call pretty,$(PYTHON_ID)): $(PYTHON)")
	$(if $(NEW_VENV),$(PYTHON) -m venv $(VENV))
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## make lab: start JupyterLab on 127.0.0.1 at the first notebook
# NumPy and TensorFlow on one thread each, unless you set OMP_NUM_THREADS: the course's
# products are small, and two threads on a core something else is using wait for each
# other (README, "Timing": notebook 07 took 330 s that way, 24 s with one thread).
lab: $(STAMP)
	$(say_python)
	OMP_NUM_THREADS=$${OMP_NUM_THREADS:-1} TF_NUM_INTRAOP_THREADS=$${TF_NUM_INTRAOP_THREADS:-1} \
	TF_NUM_INTEROP_THREADS=$${TF_NUM_INTEROP_THREADS:-1} $(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(PORT) --ServerApp.open_browser=True $(ROOT_OK) $(FIRST)

## make test: every unit test and every notebook (nbval, outputs compared)
test: $(STAMP)
	$(say_python)
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg \
	    --cov=rnnkit --cov-report=term --cov-fail-under=90

# The layers that build environments, re-run notebooks or drive a browser: make test runs
# them, make unit and make test-core leave them out.
UNIT_SKIPS := --ignore=tests/test_binder.py --ignore=tests/test_portability.py \
    --ignore=tests/test_browser.py --ignore=tests/test_book.py --ignore=tests/test_bench.py

## make test-core: the unit tests and every notebook under nbval, without the Binder,
## portability, browser, website and benchmark layers (CI runs it on a second Python)
test-core: $(STAMP)
	$(say_python)
	RNN_COURSE_SKIP_BINDER=1 RNN_COURSE_SKIP_PORTABILITY=1 $(PY) -m pytest tests notebooks \
	    --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg $(UNIT_SKIPS)

## make bench: run time, memory, NumPy against Keras, widget latency, import time (a few minutes)
bench: $(STAMP)
	$(PY) tools/bench.py

## make slides: every notebook as a self-contained HTML slide deck in slides/ (no kernel needed)
slides: $(STAMP)
	$(PY) tools/slides.py --out slides

## make book: the whole course as a static website (Jupyter Book) in build/book/html
book: $(STAMP)
	$(PY) tools/book.py

## make unit: only the unit tests: rnnkit, the exercise checks, the widgets, the lint and the
## course's text; no notebook executed, no Binder, portability, browser, website or benchmark
unit: $(STAMP)
	RNN_COURSE_SKIP_BINDER=1 RNN_COURSE_SKIP_PORTABILITY=1 $(PY) -m pytest tests $(UNIT_SKIPS)

clean:
	rm -rf $(VENV) .coverage rnnkit.egg-info slides build artifacts
