# Bootstrap only: create .venv with the pinned requirements and this project (editable: the `ocop` plugins and
# `catalogue_tools`, see pyproject.toml), then hand over to invoke (tasks.py).
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
# The browser tests drive Debian's Chromium (Playwright uses it; it downloads no browser of its own).
CHROMIUM := /usr/bin/chromium
# Noto CJK: the Korean, Chinese and Japanese pages in browser tests and screenshots, and their PNG badges.
BROWSER_PACKAGES := chromium fonts-dejavu-core fonts-noto-cjk
# The PDF catalogue (WeasyPrint) needs Pango; Chinese, Japanese and Korean PDFs need Noto Sans CJK.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
PRINT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk
# The quality gates' own checkers from the npm registry, pinned in package-lock.json: vnu.jar (needs Java)
# and axe-core.
NODE_STAMP := node_modules/.installed

# $(call apt_install,PACKAGES,WHY): Debian packages with apt-get as root; otherwise say what to install.
apt_install = if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(1); \
	else \
		echo "$(2): sudo apt-get install $(1)"; exit 1; \
	fi

.PHONY: build test quick venv browser print checkers clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	@touch $(STAMP)

browser: $(CHROMIUM)

$(CHROMIUM):
	@$(call apt_install,$(BROWSER_PACKAGES),The browser tests need Debian's chromium)

print: $(CJK_FONT)

$(CJK_FONT):
	@$(call apt_install,$(PRINT_PACKAGES),The PDF catalogue needs Pango and the CJK fonts)

checkers: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v java >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless; } || \
		{ echo "The HTML validity gate needs Java: sudo apt-get install default-jre-headless"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

build: $(STAMP)
	$(VENV)/bin/invoke build

# Every test, in parallel (CI runs this).
test: $(STAMP) $(CHROMIUM) $(CJK_FONT) $(NODE_STAMP)
	$(VENV)/bin/invoke test

# The quick level, before every commit: no browser, no Java or npm checker, nothing slow (README.md).
quick: $(STAMP) $(CJK_FONT)
	$(VENV)/bin/invoke test --quick

clean:
	rm -rf output output.partial output.manifest $(VENV) node_modules
