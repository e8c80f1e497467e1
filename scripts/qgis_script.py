"""What the scripts that work with PyQGIS share: the checkout's folders, the sample data, a QGIS
application for the script's run, and the label look of the sample data and the zone styles.

The scripts run with ``python -P`` (the checkout is never on ``sys.path``: our ``processing/``
would shadow QGIS's), so a script finds this module by putting its own folder first::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from qgis_script import ROOT, SAMPLE, qgis_application  # noqa: E402
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample_data" / "putian_sample.gpkg"  # make sample-data writes it
LABEL_FONT = "Noto Sans CJK SC"  # Debian fonts-noto-cjk; QGIS falls back to another font without it


@contextmanager
def qgis_application():
    """A headless QGIS application for the ``with`` block (its providers loaded), ended after it."""
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    try:
        yield app
    finally:
        app.exitQgis()


def halo_text(colour: str, size: float, halo: float, bold: bool = False, italic: bool = False):
    """A label's text format: ``LABEL_FONT`` of ``size`` points in ``colour``, in a white halo
    ``halo`` mm wide."""
    from qgis.core import QgsTextBufferSettings, QgsTextFormat
    from qgis.PyQt.QtGui import QColor, QFont

    text = QgsTextFormat()
    font = QFont(LABEL_FONT)
    if bold:
        font.setBold(True)
    if italic:
        font.setItalic(True)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(halo)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    return text
