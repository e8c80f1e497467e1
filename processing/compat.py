"""What differs between the QGIS versions the plugin supports, in one place.

Tested on QGIS 3.22 (Debian 12) and the 3.40 LTR (Debian 13). Where 3.40 deprecated an API that
3.22 still needs, the plugin calls the helper here, which takes the newer API when the running
QGIS has it: no deprecation warning from our code on 3.40, and nothing Qt 5 only where QGIS 4
(Qt 6) will need the newer form. The rest of the plugin never tests the QGIS version itself.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsField, QgsRectangle, QgsTextFormat, QgsUnitTypes
from qgis.PyQt.QtGui import QFont

QGIS_VERSION = Qgis.QGIS_VERSION_INT

# field types: QMetaType from 3.38 on (QgsField(name, QVariant.Type) is deprecated there, and
# QVariant's types are gone in Qt 6); 3.22 takes QVariant.Type only. Our name -> (QMetaType's, QVariant's)
_FIELD_TYPES = {
    "INT": ("Int", "Int"),
    "LONG": ("LongLong", "LongLong"),
    "UINT": ("UInt", "UInt"),
    "ULONG": ("ULongLong", "ULongLong"),
    "DOUBLE": ("Double", "Double"),
    "STRING": ("QString", "String"),
    "BOOL": ("Bool", "Bool"),
    "DATE": ("QDate", "Date"),
    "DATETIME": ("QDateTime", "DateTime"),
}
if QGIS_VERSION >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    _TYPES, _WHICH = QMetaType.Type, 0
else:  # QGIS < 3.38 is always Qt 5
    from qgis.PyQt.QtCore import QVariant

    _TYPES, _WHICH = QVariant.Type, 1
# in the order of _FIELD_TYPES
INT, LONG, UINT, ULONG, DOUBLE, STRING, BOOL, DATE, DATETIME = (
    getattr(_TYPES, names[_WHICH]) for names in _FIELD_TYPES.values()
)


def field(name: str, kind, length: int = 0, precision: int = 0) -> QgsField:
    """A field of type ``kind`` (one of INT, LONG, DOUBLE, STRING, BOOL, DATE, DATETIME above)."""
    return QgsField(name, kind, "", length, precision)


def null_rectangle() -> QgsRectangle:
    """An empty rectangle to combine extents into (``setNull`` from 3.34, ``setMinimal`` before)."""
    rectangle = QgsRectangle()
    if QGIS_VERSION >= 33400:
        rectangle.setNull()
    else:
        rectangle.setMinimal()
    return rectangle


def parameter_as_strings(algorithm, parameters, name: str, context) -> list[str]:
    """The field names of a field parameter (``parameterAsStrings`` from 3.32, ``parameterAsFields`` before)."""
    if QGIS_VERSION >= 33200:
        return algorithm.parameterAsStrings(parameters, name, context)
    return algorithm.parameterAsFields(parameters, name, context)


def _with_font(fmt: QgsTextFormat, font: QFont) -> QgsTextFormat:
    """``fmt`` drawing ``font`` at the font's point size."""
    fmt.setFont(font)
    if font.pointSizeF() > 0:
        fmt.setSize(font.pointSizeF())
        fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    return fmt


def _font_of(fmt: QgsTextFormat) -> QFont:
    """The font a text format draws, with its size in points (``QgsTextFormat.font`` has no size)."""
    font = QFont(fmt.font())
    if fmt.sizeUnit() == QgsUnitTypes.RenderUnit.RenderPoints and fmt.size() > 0:
        font.setPointSizeF(fmt.size())
    return font


def label_font(label) -> QFont:
    """The font of a layout label (its text format from 3.24 on)."""
    if QGIS_VERSION >= 32400:
        return _font_of(label.textFormat())
    return label.font()


def set_label_font(label, font: QFont) -> None:
    if QGIS_VERSION >= 32400:
        label.setTextFormat(_with_font(label.textFormat(), font))
    else:
        label.setFont(font)


def legend_style_font(legend, style) -> QFont:
    """The font of one legend style (title, group, symbol label...): its text format from 3.30 on."""
    if QGIS_VERSION >= 33000:
        return _font_of(legend.style(style).textFormat())
    return legend.styleFont(style)


def set_legend_style_font(legend, style, font: QFont) -> None:
    if QGIS_VERSION >= 33000:
        settings = legend.style(style)
        settings.setTextFormat(_with_font(settings.textFormat(), font))
        legend.setStyle(style, settings)
    else:
        legend.setStyleFont(style, font)


def finish_legend_filter(legend) -> None:
    """Wait for a layout legend's filter by map content, started by drawing it, to take effect.

    From QGIS 3.32 a legend drawn outside an export (as the sheet sizes it) filters in a
    background task whose result arrives through the event loop, which a processing run does not
    turn before its export; that export then draws the unfiltered legend. The model's method is
    looked up rather than the version tested: older versions filter at once and lack it.
    """
    wait = getattr(legend.model(), "waitForHitTestBlocking", None)
    if wait is not None:
        wait()
