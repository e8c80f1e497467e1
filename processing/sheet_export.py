"""The lockdown map (``rifa:lockdownmap``) written: the PDF with real text, the PNG preview.

Both are written to the run's parts beside their targets and moved into place when complete
(``outputs.StagedOutputs``); a failed export names the file and what failed.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from qgis.core import Qgis, QgsLayoutExporter

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from .layout_template import FONT_FAMILY
from .pdf_text import fix_radicals
from .sheet_fonts import cjk_family

PDF_DPI = 300
PNG_DPI = 100

_EXPORT_ERRORS = {
    QgsLayoutExporter.ExportResult.FileError: QT_TRANSLATE_NOOP("core", "the file could not be written"),
    QgsLayoutExporter.ExportResult.MemoryError: QT_TRANSLATE_NOOP("core", "not enough memory"),
    QgsLayoutExporter.ExportResult.PrintError: QT_TRANSLATE_NOOP("core", "the PDF could not be made"),
    QgsLayoutExporter.ExportResult.SvgLayerError: QT_TRANSLATE_NOOP("core", "a layer could not be drawn"),
    QgsLayoutExporter.ExportResult.IteratorError: QT_TRANSLATE_NOOP("core", "the pages could not be made"),
    QgsLayoutExporter.ExportResult.Canceled: QT_TRANSLATE_NOOP("core", "canceled"),
}


def export_pdf(exporter: QgsLayoutExporter, part: str, target: Path) -> None:
    """Every page as vector PDF with real text (searchable, copyable) to ``part``; its radicals
    mapped back to ideographs (``pdf_text.fix_radicals``)."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = PDF_DPI
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # real text: searchable, copyable
    _exported(exporter.exportToPdf(part, settings), exporter, target)
    fix_radicals(Path(part), [f for f in (cjk_family(), FONT_FAMILY) if f])  # 火, not the radical ⽕


def export_png(exporter: QgsLayoutExporter, part: str, target: Path) -> None:
    """The first page as PNG to ``part``."""
    image = QgsLayoutExporter.ImageExportSettings()
    image.dpi = PNG_DPI
    image.pages = [0]
    with _quiet_gdal():  # see _quiet_gdal: a GDAL error about a PNG that loses nothing
        exported = exporter.exportToImage(part, image)
    _exported(exported, exporter, target)


def _exported(result, exporter: QgsLayoutExporter, path: Path) -> None:
    """Raise InputError naming ``path`` unless the export succeeded. (``errorMessage()`` does not
    exist in QGIS 3.22; ``errorFile()`` and the result code say what failed.)"""
    if result == QgsLayoutExporter.ExportResult.Success:
        return
    problem = _EXPORT_ERRORS.get(result, QT_TRANSLATE_NOOP("core", "the file could not be written"))
    free = None
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        pass
    raise InputError(
        Msg(
            QT_TRANSLATE_NOOP("core", "Could not write the map to '{path}': {error}{space}. Nothing was replaced."),
            path=str(path),
            error=Msg(problem),
            space=Msg(QT_TRANSLATE_NOOP("core", " (no space left on the device)")) if free is not None and free < 1024 * 1024 else "",
        )
    )


@contextlib.contextmanager
def _quiet_gdal():
    """GDAL's own error printing off for one export.

    ``QgsLayoutExporter.exportToImage`` georeferences the page of the layout's reference map by
    opening the written image for update through GDAL. GDAL's PNG driver cannot update, so every
    map printed "ERROR 6: The PNG driver does not support update access to existing datasets." on
    stderr, which users read as a failure. Nothing is lost (a PNG holds no georeference; the
    export's own result is still checked)."""
    try:
        from osgeo import gdal
    except ImportError:  # GDAL's Python bindings are optional: the message then stays
        yield
        return
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()
