# Two commands run the course:  make lab  (open it)  and  make test  (check it).
# Both create .venv on first use and install requirements.txt into it.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
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

.PHONY: lab test unit notebooks slides bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## make lab: start JupyterLab on 127.0.0.1 at the first notebook
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(PORT) --ServerApp.open_browser=True $(ROOT_OK) $(FIRST)

## make test: every unit test and every notebook (nbval, outputs compared)
test: $(STAMP)
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg \
	    --cov=rnnkit --cov-report=term --cov-fail-under=90

## make bench: run time, memory, NumPy against Keras, widget latency, import time (a few minutes)
bench: $(STAMP)
	$(PY) tools/bench.py

## make slides: every notebook as a self-contained HTML slide deck in slides/ (no kernel needed)
slides: $(STAMP)
	$(PY) tools/slides.py --out slides

## make unit: only the unit tests (fast: no Binder build, no portability re-runs)
unit: $(STAMP)
	RNN_COURSE_SKIP_BINDER=1 RNN_COURSE_SKIP_PORTABILITY=1 $(PY) -m pytest tests

clean:
	rm -rf $(VENV) .coverage rnnkit.egg-info slides build artifacts
