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


@pytest.fixture(scope="session")
def plugin_parent_dir() -> Path:
    """A folder whose ``rifa_zoning`` entry is this checkout (for QGIS_PLUGINPATH)."""
    return _PACKAGE_DIR


# Kept in rifa_test_utils: with --import-mode=importlib, "from conftest import ..." in a test module
# executes this file a second time as another module, and a list defined here would be a second list.
from rifa_test_utils import LOADED_PLUGINS as _LOADED_PLUGINS  # noqa: E402


def unload_rifa_plugins() -> None:
    """Unload what :func:`rifa_provider` loaded (tests of load/unload start from nothing)."""
    while _LOADED_PLUGINS:
        _LOADED_PLUGINS.pop().unload()


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
