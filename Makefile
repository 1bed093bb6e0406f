# Two commands do all the set-up: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 7860

# Nothing reaches the internet at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export TOKENIZERS_PARALLELISM := false

.PHONY: help install index run test test-fast eval bench chromium clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0   # the CPU wheel, before anything can pull a CUDA build
	$(PY) -m pip install --quiet -e ".[dev,onnx]"
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install qa with its pinned dependencies

index: install  ## build the index of data/articles when missing or stale
	$(VENV)/bin/qa build --corpus data/articles --index index

run: index  ## start the chat at http://$(HOST):$(PORT)
	$(PY) app.py --host $(HOST) --port $(PORT)

chromium:  ## install Debian's chromium for the browser tests when missing
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: install chromium  ## run the whole test suite, browser tests and the quality floors included
	$(PY) -m pytest -q

test-fast: install  ## the tests that need neither the model nor a browser
	$(PY) -m pytest -q -m "not model and not browser and not slow"

eval: index  ## evaluate on eval/gold.jsonl and write eval/reports/
	$(VENV)/bin/qa eval --gold eval/gold.jsonl

bench: install  ## measure latency, build speed, memory and FAISS scaling (docs/performance.md)
	$(VENV)/bin/qa bench

clean:  ## remove the virtual environment and built index
	rm -rf $(VENV) index/manifest.json index/data-* test-output
