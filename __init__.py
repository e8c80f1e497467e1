"""RIFA Zoning (红火蚁疫区划定): a QGIS plugin. Only ``classFactory`` lives here."""


def classFactory(iface):  # noqa: N802 - QGIS's name
    from .plugin import RifaZoningPlugin

    return RifaZoningPlugin(iface)
