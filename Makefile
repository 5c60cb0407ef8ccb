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
	$(DEV_PYTHON) -m pytest -m "not dist and not soak and not screens"

lint:
	$(DEV_PYTHON) -m ruff check .
	$(DEV_PYTHON) -m ruff format --check .
	$(dir $(DEV_PYTHON))lint-imports
	$(DEV_PYTHON) -m mypy

clean:
	rm -rf build dist

# Mutation testing (mutmut 3, config in pyproject.toml [tool.mutmut]); not run in CI. It copies
# the package into mutants/ and runs tests/content and tests/services there, two at a time.
# Later runs only retest what changed. `make mutation MUTANTS='kiosk.content.loader.*'` runs
# one module; `$(DEV_PYTHON) -m mutmut show <name>` shows one survivor.
MUTANTS ?=
mutation:
	$(DEV_PYTHON) -c "import mutmut" 2>/dev/null || $(DEV_PYTHON) -m pip install -q 'mutmut>=3,<4'
	$(DEV_PYTHON) -m mutmut run --max-children 2 $(MUTANTS) || true
	@$(DEV_PYTHON) -m mutmut results
	@$(DEV_PYTHON) -c "$$MUTATION_SCORES"

# Per module: killed (timeouts count as killed) out of all mutants.
define MUTATION_SCORES
import collections, glob, json
for meta in sorted(glob.glob('mutants/kiosk/**/*.py.meta', recursive=True)):
    codes = json.load(open(meta))['exit_code_by_key'].values()
    if not codes:
        continue
    seen = collections.Counter(
        'killed' if c in (1, 3, 24, -24, 36, 152, 255) else 'survived' if c == 0
        else 'not checked' if c is None else 'no tests' if c in (5, 33) else 'other'
        for c in codes
    )
    total = sum(seen.values())
    print(f"{meta[8:-5]:36} {seen['killed']:5}/{total:<5} {100 * seen['killed'] / total:5.1f} %  {dict(seen)}")
endef
export MUTATION_SCORES

