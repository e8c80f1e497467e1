"""The plugin as QGIS loads it: headless (qgis_process style) and on the desktop."""

from __future__ import annotations

from qgis.core import QgsApplication
from rifa_test_utils import run_without_module, unload_rifa_plugins

import rifa_zoning


def test_headless_load_registers_and_unload_removes_the_provider(qgis_processing):
    unload_rifa_plugins()
    registry = QgsApplication.processingRegistry()
    assert registry.providerById("rifa") is None
    plugin = rifa_zoning.classFactory(None)
    plugin.initProcessing()
    provider = registry.providerById("rifa")
    assert provider is not None
    assert provider.name() == "RIFA quarantine zoning"
    assert provider.versionInfo() == "0.1.0"
    assert provider.svgIconPath().endswith("rifa.svg")
    plugin.unload()
    assert registry.providerById("rifa") is None


def test_desktop_load_adds_menu_and_toolbar_and_unload_removes_them(qgis_iface, qgis_processing):
    unload_rifa_plugins()
    plugin = rifa_zoning.classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert QgsApplication.processingRegistry().providerById("rifa") is not None
        assert plugin.actions, "no menu action"
        assert plugin.toolbar is not None and plugin.toolbar.actions() == plugin.actions
        assert all(action.text() for action in plugin.actions)
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().providerById("rifa") is None
    assert plugin.actions == [] and plugin.toolbar is None


def test_without_shapely_2_the_plugin_loads_and_says_what_to_install(plugin_parent_dir, tmp_path):
    # a fresh interpreter in which "import shapely" fails, as on a QGIS without shapely 2
    body = """
        import rifa_zoning
        from rifa_zoning.tools.dependencies import shapely_problem
        plugin = rifa_zoning.classFactory(None)
        plugin.initProcessing()
        assert QgsApplication.processingRegistry().providerById("rifa") is not None
        print("MESSAGE:", shapely_problem())
        plugin.unload()
        app.exitQgis()
        """
    result = run_without_module("shapely", body, plugin_parent_dir, tmp_path)
    assert result.returncode == 0, result.stderr
    message = result.stdout.split("MESSAGE:", 1)[1]
    assert "shapely 2" in message and "not installed" in message and "pip install" in message


def test_shapely_problem_is_none_with_shapely_2():
    from rifa_zoning.tools.dependencies import shapely_problem

    assert shapely_problem() is None
