"""Test setup: import the checkout as ``rifa_zoning`` whatever its folder is called.

The repository root is the plugin folder, so it must never go on ``sys.path`` itself (our
``processing/`` would shadow QGIS's ``processing``). Instead a temporary folder holding a link
``rifa_zoning -> <checkout>`` goes on ``sys.path``. QGIS itself is started by pytest-qgis.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent

_PACKAGE_DIR = Path(tempfile.mkdtemp(prefix="rifa_pkg_"))
(_PACKAGE_DIR / "rifa_zoning").symlink_to(ROOT, target_is_directory=True)
sys.path.insert(0, str(_PACKAGE_DIR))
sys.path.insert(0, str(TESTS))  # for rifa_test_utils
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _compile_translations() -> None:
    """Build i18n/*.qm when missing or older than the .ts, as ``make translations`` does: the
    lockdown sheet prints Chinese through the compiled file, also when pytest is run directly."""
    import shutil
    import subprocess

    lrelease = shutil.which("lrelease")
    for ts in (ROOT / "i18n").glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if lrelease and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
            subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)


_compile_translations()


@pytest.fixture(scope="session")
def plugin_parent_dir() -> Path:
    """A folder whose ``rifa_zoning`` entry is this checkout (for QGIS_PLUGINPATH)."""
    return _PACKAGE_DIR


# the plugins loaded here live in rifa_test_utils, with unload_rifa_plugins(): test modules import
# from there, never from this file (under --import-mode=importlib that would run it a second time)
from rifa_test_utils import LOADED_PLUGINS as _LOADED_PLUGINS  # noqa: E402


@pytest.fixture
def rifa_provider(qgis_processing):
    """The plugin loaded as ``qgis_process`` loads it: ``classFactory(None).initProcessing()``."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    if registry.providerById("rifa") is None:
        import rifa_zoning

        plugin = rifa_zoning.classFactory(None)
        plugin.initProcessing()
        _LOADED_PLUGINS.append(plugin)
    provider = registry.providerById("rifa")
    assert provider is not None
    return provider


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config):
    """Leave without running destructors once pytest has reported everything.

    QGIS 3.22 sometimes crashes (SIGSEGV) while Python frees leftover QGIS objects after
    QgsApplication.exitQgis() (seen after processing runs on a GeoPackage layer without CRS),
    which would turn a green run red; QGIS 3.40 crashed in the other plugins' unconfigure, before
    this hook when it ran last. Every result has been printed (and written: junit XML, cache) in
    pytest_sessionfinish, so this runs first.
    """
    import sys

    if _EXIT_STATUS and os.environ.get("RIFA_TESTS_NORMAL_EXIT") != "1":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
