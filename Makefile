# The one front door. `make site` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/scripts
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: site install validate build bundle serve test schema bench clean diff release-notes fix new

# bundle builds site/ itself: one build serves the hosted site and the offline zip.
site: install validate bundle

$(STAMP): requirements.txt package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $(STAMP)

install: $(STAMP)

validate: install
	$(PY) -m mbc --root $(CURDIR) validate

build: install
	$(PY) -m mbc --root $(CURDIR) build

bundle: install
	$(PY) -m mbc --root $(CURDIR) bundle

serve: install
	$(PY) -m mbc --root $(CURDIR) serve

schema: install
	$(PY) -m mbc schema

test: install
	$(PY) -m pytest -q

# A new record from its kind's annotated template: make new KIND=trial ID=destiny-breast09
new: install
	$(PY) -m mbc new "$(KIND)" "$(ID)"

# The mechanical fixes the validator can name with certainty, shown as a diff
fix: install
	$(PY) -m mbc fix

# The clinical diff between two revisions: make diff FROM=v2026.11.01 [TO=HEAD]
diff: install
	@$(PY) -m mbc diff "$(FROM)" "$(or $(TO),HEAD)"

# The notes of a release: the clinical diff from the release tag before TAG
release-notes: install
	@$(PY) -m mbc release-notes "$(TAG)"

# make bench BENCH="--sizes 1000,3000" adds the 3,000-record build and search rows
bench: install
	$(PY) -m mbc.bench $(BENCH)

clean:
	rm -rf site dist .pytest_cache
