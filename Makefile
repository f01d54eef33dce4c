# Bootstrap only: create .venv with the pinned requirements, then hand over to invoke (tasks.py).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
# The browser tests drive Debian's Chromium (Playwright uses it; it downloads no browser of its own).
CHROMIUM := /usr/bin/chromium
BROWSER_PACKAGES := chromium fonts-dejavu-core

.PHONY: build test venv browser clean

venv: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

browser: $(CHROMIUM)

$(CHROMIUM):
	@if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); \
	else \
		echo "The browser tests need Debian's chromium: sudo apt-get install $(BROWSER_PACKAGES)"; exit 1; \
	fi

build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP) $(CHROMIUM)
	$(VENV)/bin/invoke test

clean:
	rm -rf output output.partial $(VENV)
