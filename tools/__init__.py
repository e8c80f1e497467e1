"""QGIS-side helpers shared by the plugin, the Processing algorithms and the dialogs."""
