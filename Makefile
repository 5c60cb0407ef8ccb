# make dist           one-folder bundle dist/kiosk, built in a clean venv (build/venv)
# make selftest-dist  run the bundle's self-test and show its size
# make test           the whole test suite, bundle test included (builds the bundle first)
# make test-fast      everyday work: every test but the bundle's and the soak (about a minute)
# make lint           ruff check + format check, import-linter (layers), mypy

DEV_PYTHON ?= .venv/bin/python
PYTHON ?= $(DEV_PYTHON)  # the bundle is built with the dev venv's interpreter
BUILD_VENV := build/venv
DIST := dist/kiosk
export PYINSTALLER_CONFIG_DIR := $(CURDIR)/build/pyinstaller-config

SOURCES := $(shell find kiosk assets content packaging -type f -not -path '*/__pycache__/*') \
	pyproject.toml

.PHONY: dist selftest-dist test test-fast lint clean

dist: $(DIST)/kiosk

$(BUILD_VENV)/.installed: pyproject.toml
	rm -rf $(BUILD_VENV)
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/pip install -q --upgrade pip
	$(BUILD_VENV)/bin/pip install -q -e '.[build]'
	touch $@

$(DIST)/kiosk: $(BUILD_VENV)/.installed $(SOURCES)
	packaging/build.sh $(BUILD_VENV)/bin/python
	touch $@

selftest-dist: $(DIST)/kiosk
	$(DIST)/kiosk self-test
	@du -sh --exclude=content $(DIST)

test: $(DIST)/kiosk
	KIOSK_DIST=$(CURDIR)/$(DIST) $(DEV_PYTHON) -m pytest

test-fast:
	$(DEV_PYTHON) -m pytest -m "not dist and not soak"

lint:
	$(DEV_PYTHON) -m ruff check .
	$(DEV_PYTHON) -m ruff format --check .
	$(dir $(DEV_PYTHON))lint-imports
	$(DEV_PYTHON) -m mypy

clean:
	rm -rf build dist
