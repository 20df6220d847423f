# The project's two commands: `make run` and `make test`. Each creates the virtualenv
# when it is missing and installs what it needs, so a fresh machine needs nothing by hand.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ARGS ?=
# The Bengali interface: the translation source kept in the repository, and the compiled
# file the app loads (built by run and test, never committed).
TS := kb_app/i18n/gyan_bn.ts
QM := kb_app/i18n/gyan_bn.qm

.PHONY: run test lint typecheck bench package clean

$(VENV)/.run-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.run-installed

$(VENV)/.package-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[package]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed $(QM)
	packaging/system-deps.sh run
	$(PY) main.py $(ARGS)

test: $(VENV)/.test-installed $(QM)
	packaging/system-deps.sh test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy kb_app
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n 2 $(ARGS)

$(QM): $(TS) | $(VENV)/.run-installed
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $@

# After changing interface text: the .ts takes in new and changed strings (translate the
# ones marked unfinished; tests/test_i18n.py fails while any is left).
.PHONY: i18n
# The core words what it says to people where it says it (translate("Sync", ...): see
# kb_app/messages.py), so every module of the package is read, the window's and the core's.
i18n: $(VENV)/.run-installed
	$(VENV)/bin/pyside6-lupdate kb_app/*.py kb_app/*/*.py -target-language bn_BD -no-obsolete \
	  -locations none -ts $(TS)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.test-installed
	$(VENV)/bin/mypy kb_app

bench: $(VENV)/.test-installed
	$(PY) -m bench.bench_search
	$(PY) -m bench.quality

# The frozen one-folder build (dist/gyan, PyInstaller: packaging/gyan.spec), then its smoke
# test on the built programs. Not part of `make test`: it takes minutes.
package: $(VENV)/.package-installed
	packaging/system-deps.sh run
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/gyan.spec
	packaging/smoke.sh dist/gyan

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
