# Bootstrap only: create .venv with the pinned requirements, then hand over to invoke (tasks.py).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: build test venv clean

venv: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP)
	$(VENV)/bin/invoke test

clean:
	rm -rf output output.partial $(VENV)
