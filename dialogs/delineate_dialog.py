"""The "Delineate outbreak zones" menu entry: the Processing dialog of ``rifa:delineatezones``.

The Processing dialog already gives layer pickers, validation, a log, background running and
loading of the (styled) outputs. The legal range of each radius is part of the parameter's
description, so it shows next to the input: "Quarantine radius (m) [legal 3000–8000, Putian 2006]".
The dialog is non-modal so the map stays usable while it is open.
"""

from __future__ import annotations

ALGORITHM_ID = "rifa:delineatezones"


def open_delineate_dialog(parameters: dict | None = None):
    """Create and show the dialog (a child of the QGIS main window); returns it, and the caller
    keeps a reference while it is open."""
    import processing

    dialog = processing.createAlgorithmDialog(ALGORITHM_ID, parameters or {})
    if dialog is None:
        return None
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
