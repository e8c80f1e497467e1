"""The plugin as users install it: through qgis_process, and from the zip of ``make package``."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from rifa_test_utils import ROOT, qgis_process


def _enable_and_list(plugin_parent, home):
    enabled = qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent, home=home)
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    listed = qgis_process(["list"], plugin_parent=plugin_parent, home=home)
    assert listed.returncode == 0, listed.stderr
    return listed.stdout


def test_qgis_process_lists_the_rifa_provider(plugin_parent_dir, tmp_path):
    out = _enable_and_list(plugin_parent_dir, tmp_path)
    assert "RIFA quarantine zoning" in out


def test_package_zip_installs_into_a_fresh_profile_and_loads(tmp_path):
    built = subprocess.run([sys.executable, "scripts/package.py"], cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    zip_path = built.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        assert all(name.startswith("rifa_zoning/") for name in names)
        assert "rifa_zoning/metadata.txt" in names and "rifa_zoning/__init__.py" in names
        assert not [n for n in names if n.startswith("rifa_zoning/tests/") or "__pycache__" in n or ".venv" in n]
        assert not [n for n in names if n.endswith(("Makefile", ".gitignore", "requirements-dev.txt"))]
        home = tmp_path / "home"
        plugins = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
        plugins.mkdir(parents=True)
        zf.extractall(plugins)
    out = _enable_and_list(None, home)
    assert "RIFA quarantine zoning" in out
