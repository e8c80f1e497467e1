"""The fonts of the lockdown map (``rifa:lockdownmap``): a Chinese font that exists here.

The templates name Noto Sans CJK SC (Debian ``fonts-noto-cjk``); a system without it gets the
first Chinese font it has (:data:`CJK_FALLBACKS`), for every text whose font is missing. The PDF
embeds the font. :func:`change_layout_fonts` visits every font of a layout (also for
``pdf_text.prefer_no_shaping``).
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import (
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutItemTextTable,
    QgsLegendStyle,
)
from qgis.PyQt.QtGui import QFont, QFontDatabase

from . import compat
from .layout_template import FONT_FAMILY

CJK_FALLBACKS = (
    FONT_FAMILY, "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "SimHei",
    "PingFang SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans SC", "SimSun",
)
LEGEND_STYLES = (QgsLegendStyle.Style.Title, QgsLegendStyle.Style.Group, QgsLegendStyle.Style.Subgroup,
                 QgsLegendStyle.Style.SymbolLabel)


def cjk_family() -> str:
    """The first Chinese font family of :data:`CJK_FALLBACKS` installed here, or ""."""
    families = set(QFontDatabase().families())
    return next((f for f in CJK_FALLBACKS if f in families), "")


def change_layout_fonts(layout, change: Callable[[QFont], QFont]) -> None:
    """Every font of the layout's labels, legends, scale bars, map grids and text tables replaced
    by ``change(font)``."""

    def changed_format(text_format):
        text_format.setFont(change(text_format.font()))
        return text_format

    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            compat.set_label_font(item, change(compat.label_font(item)))
        elif isinstance(item, QgsLayoutItemLegend):
            for style in LEGEND_STYLES:
                compat.set_legend_style_font(item, style, change(compat.legend_style_font(item, style)))
        elif isinstance(item, QgsLayoutItemScaleBar):
            item.setTextFormat(changed_format(item.textFormat()))
        elif isinstance(item, QgsLayoutItemMap):
            for grid in item.grids().asList():
                grid.setAnnotationTextFormat(changed_format(grid.annotationTextFormat()))
    for multi in layout.multiFrames():
        if isinstance(multi, QgsLayoutItemTextTable):
            multi.setHeaderTextFormat(changed_format(multi.headerTextFormat()))
            multi.setContentTextFormat(changed_format(multi.contentTextFormat()))


def apply_fonts(layout, family: str) -> None:
    """Give every text of the layout a font that exists here (the template's, else ``family``)."""
    if not family:
        return
    families = set(QFontDatabase().families())

    def fixed(font: QFont) -> QFont:
        if font.family() not in families:
            font = QFont(font)
            font.setFamily(family)
        return font

    change_layout_fonts(layout, fixed)
