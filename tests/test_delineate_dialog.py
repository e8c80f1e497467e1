"""The menu entry opens the Processing dialog of rifa:delineatezones with the legal ranges shown."""

from __future__ import annotations

from qgis.gui import QgsBrowserGuiModel
from qgis.PyQt.QtWidgets import QLabel
from rifa_test_utils import unload_rifa_plugins

import rifa_zoning


def test_menu_action_opens_the_dialog_with_legal_ranges_next_to_the_radii(qgis_iface, qgis_processing):
    unload_rifa_plugins()
    # pytest-qgis's stand-in interface has no browser model; the Processing dialog needs a real one
    browser_model = QgsBrowserGuiModel()
    qgis_iface.browserModel = lambda: browser_model
    plugin = rifa_zoning.classFactory(qgis_iface)
    plugin.initGui()
    try:
        (action,) = [a for a in plugin.actions if a.objectName() == "RifaZoningDelineateZones"]
        assert action.text()
        action.trigger()
        dialog = plugin.dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.algorithm().id() == "rifa:delineatezones"
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        for expected in ("[legal 2000–5000, Putian 2006]", "[legal 3000–8000, Putian 2006]",
                         "[legal 5000–15000, Putian 2006]"):
            assert any(expected in text for text in labels), (expected, labels)
    finally:
        plugin.unload()
    assert plugin.dialog is None
