# RIFA Zoning developer commands. Each target installs what it needs on Debian 12 or 13 (as root, or
# with sudo) and can be run on a fresh machine. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PYTHON := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := qgis python3-qgis qgis-providers python3-venv python3-pip xvfb xauth \
	poppler-utils fonts-noto-cjk pyqt5-dev-tools qttools5-dev-tools zip git \
	postgresql postgis postgresql-postgis python3-psycopg2
QGIS_PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
PLUGIN_LINK := $(QGIS_PROFILE)/python/plugins/rifa_zoning
# qgis_process.bin: Debian's qgis_process wrapper adds a flag QGIS 3.22 rejects
QGIS_PROCESS := qgis_process.bin
# Python packages: requirements-dev.txt everywhere, constrained by the file of this Debian release
DEBIAN_VERSION := $(shell . /etc/os-release 2>/dev/null && echo $$VERSION_ID)
# (elsewhere the Debian 13 file: it leaves numpy to the system)
CONSTRAINTS := $(or $(wildcard requirements/debian$(DEBIAN_VERSION).txt),requirements/debian13.txt)
NO_DEPS := $(or $(wildcard requirements/no-deps-debian$(DEBIAN_VERSION).txt),requirements/no-deps-debian13.txt)
SITE_PACKAGES = $$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
RUN_QGIS = QT_QPA_PLATFORM=offscreen QGIS_OPTS= PYTHONPATH=$(SITE_PACKAGES)

.PHONY: help deps venv lint pytest test ts translations install package demo demo-project readme-images sample-data qgis clean \
	test-other-debian store demo-postgis bench bench-hydrography

help:
	@echo "make test      install what is missing, then lint and run the tests on real QGIS (offscreen)"
	@echo "make demo      run the whole job on the Putian sample data (see README)"
	@echo "make demo-project  also write demo_output/rifa_demo.qgz, a QGIS project with the styled layers"
	@echo "make install   link this checkout into your QGIS profile as rifa_zoning and enable it"
	@echo "make package   build dist/rifa_zoning-<version>.zip for 'Install from ZIP'"
	@echo "make qgis      start QGIS desktop with the venv's shapely 2 on PYTHONPATH"
	@echo "make test-other-debian  make test on the other Debian release (12 <-> 13) in a chroot (root)"
	@echo "make bench     benchmark rifa:barrierbuffer against native:buffer (10,000 nests, prints figures)"
	@echo "make bench-hydrography  the issue-18 cases on real-looking river networks (50k-1M vertices; BENCH_ARGS=--quick)"
	@echo "make store STORE=service=bureau  create or update a bureau's shared store in PostGIS (rifa:createstore)"
	@echo "make demo-postgis  the demo chain into a local PostGIS server (outputs as tables, records in the store)"

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: requirements-dev.txt $(CONSTRAINTS) $(NO_DEPS)
	@[ -x $(PYTHON) ] || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PYTHON) -m pip install -q --disable-pip-version-check -r requirements-dev.txt -c $(CONSTRAINTS)
	$(PYTHON) -m pip install -q --disable-pip-version-check --no-deps -r $(NO_DEPS)
	@touch $@

venv: deps $(VENV)/.installed

# collect new strings into i18n/*.ts (then translate them, e.g. with Qt Linguist)
ts: venv
	$(PYTHON) scripts/update_translations.py

translations: deps
	@for ts in i18n/*.ts; do [ -e "$$ts" ] && lrelease -silent "$$ts" -qm "$${ts%.ts}.qm" || true; done

lint: venv
	$(PYTHON) -m ruff check .

pytest: venv translations
	$(RUN_QGIS) $(PYTHON) -P -m pytest $(PYTEST_ARGS)

test: lint pytest

# make test (or TARGETS="...") on the other Debian release in a debootstrap chroot, kept in
# /var/cache/rifa-zoning/<release> and linked from .chroot/ (see scripts/other_debian.sh)
test-other-debian: venv
	scripts/other_debian.sh $(or $(TARGETS),test)

install: venv translations
	@mkdir -p $(dir $(PLUGIN_LINK))
	@if [ -L $(PLUGIN_LINK) ] || [ ! -e $(PLUGIN_LINK) ]; then ln -sfn $(CURDIR) $(PLUGIN_LINK); \
	else echo "$(PLUGIN_LINK) exists and is not a link: remove it first"; exit 1; fi
	$(RUN_QGIS) $(QGIS_PROCESS) plugins enable rifa_zoning
	@echo "Installed: $(PLUGIN_LINK) -> $(CURDIR)"

package: venv translations
	$(PYTHON) scripts/package.py

demo: venv translations
	$(PYTHON) scripts/demo.py

# a bureau's shared store (README: A bureau's shared store): STORE=service=… or a QGIS connection name
store: venv
	@[ -n "$(STORE)" ] || { echo 'make store STORE="service=bureau" (or host=... dbname=... user=..., or a QGIS connection name)'; exit 2; }
	QT_QPA_PLATFORM=offscreen QGIS_OPTS= $(PYTHON) scripts/create_store.py "$(STORE)" $(if $(TECHNICIANS),--technicians "$(TECHNICIANS)")

demo-postgis: venv translations
	QT_QPA_PLATFORM=offscreen $(PYTHON) scripts/demo_postgis.py $(DEMO_ARGS)

demo-project: demo
	QT_QPA_PLATFORM=offscreen $(PYTHON) -P scripts/demo_project.py

readme-images: demo-project
	QT_QPA_PLATFORM=offscreen $(PYTHON) -P scripts/readme_images.py
	$(PYTHON) -P scripts/desktop_screenshot.py
	$(PYTHON) -P scripts/order_picture.py

sample-data: venv
	$(RUN_QGIS) $(PYTHON) -P scripts/make_sample_data.py

qgis: venv translations
	QGIS_OPTS= PYTHONPATH=$(SITE_PACKAGES) qgis

bench: venv
	$(RUN_QGIS) $(PYTHON) -P benchmarks/bench_barrier_buffer.py $(BENCH_ARGS)

bench-hydrography: venv
	$(RUN_QGIS) $(PYTHON) -P benchmarks/bench_hydrography.py $(BENCH_ARGS)

clean:
	rm -rf build dist demo_output .pytest_cache .ruff_cache .hypothesis
