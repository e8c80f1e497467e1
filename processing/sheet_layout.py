"""The print layout of the lockdown map (``rifa:lockdownmap``) loaded and filled.

The layout comes from the orientation's template (``layout_template.TEMPLATES``; the built-in one
when the template is unusable), enlarged for A3, with its texts in the sheet's language. Items
are found by their id (``layout_template.ITEMS``): the map gets the drawn layers, the zones'
extent and a longitude/latitude grid; the north arrow, scale bar and legend are linked to it;
labels show layout variables (``@rifa_title``…).
"""

from __future__ import annotations

import math
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsExpressionContextUtils,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPage,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPathResolver,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from . import compat
from .layout_template import ITEM_TYPES, NORTH_ARROW, TEMPLATES, build_layout, localize_layout
from .sheet_layers import WGS84
from .sheet_style import plain_scalebar

A3_FACTOR = math.sqrt(2.0)  # A4 -> A3, every length
HEADER_ITEMS = ("order_number", "authority", "issue_date", "grade")  # hidden when their text is empty


def sheet_layout(project, orientation: str, paper: str, core_feedback, sheet) -> tuple[QgsPrintLayout, dict]:
    """The layout for ``paper`` and ``orientation`` and its items by id (None for an item the
    template does not have, or has with another type). Stops when it has no map."""
    layout = load_layout(project, orientation, core_feedback, sheet)
    if paper == "A3":
        scale_layout(layout, A3_FACTOR, paper, orientation)
    items = {item_id: layout.itemById(item_id) for item_id in ITEM_TYPES}
    for item_id, item in list(items.items()):
        if item is not None and not isinstance(item, ITEM_TYPES[item_id]):
            items[item_id] = None
    if items["map"] is None:
        raise InputError(
            Msg(QT_TRANSLATE_NOOP("core", "The layout template has no map item with id '{id}'."), id="map")
        )
    return layout, items


def load_layout(project, orientation: str, core_feedback, sheet) -> QgsPrintLayout:
    """The layout from the orientation's template; the built-in one when the template is unusable.
    Its texts in the sheet's language."""
    path = TEMPLATES[orientation]
    layout = QgsPrintLayout(project)
    document = QDomDocument()
    ok = False
    if path.is_file():
        ok = document.setContent(path.read_text(encoding="utf-8"))
        if ok:
            context = QgsReadWriteContext()
            context.setPathResolver(QgsPathResolver(str(path)))
            _, ok = layout.loadFromTemplate(document, context)
    if not ok:
        core_feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "Layout template '{path}' is missing or unreadable: using the built-in layout."),
                path=str(path),
            )
        )
        return build_layout(project, orientation, sheet)
    localize_layout(layout, sheet)
    return layout


def scale_layout(layout, factor: float, paper: str, orientation: str) -> None:
    """Enlarge every item and the page by ``factor`` (A4 -> A3 keeps the proportions)."""
    collection = layout.pageCollection()
    for index in range(collection.pageCount()):
        collection.page(index).setPageSize(
            paper, QgsLayoutItemPage.Orientation.Landscape if orientation == "landscape" else QgsLayoutItemPage.Orientation.Portrait
        )
    for item in layout.items():
        if not hasattr(item, "positionWithUnits") or isinstance(item, QgsLayoutItemPage):
            continue
        if item.parentGroup() is not None:
            continue
        page = item.page()
        position = item.pagePositionWithUnits()
        size = item.sizeWithUnits()
        item.attemptResize(QgsLayoutSize(size.width() * factor, size.height() * factor, size.units()))
        item.attemptMove(
            QgsLayoutPoint(position.x() * factor, position.y() * factor, position.units()), True, False, page
        )


def set_texts(layout, items: dict, texts: dict, notes: dict) -> None:
    """The layout variables ``@rifa_<key>`` of ``texts`` (title, order number…) and ``notes``
    (counts, CRS, sources, profile); a header label whose text is empty is hidden."""
    for key, value in {**texts, **notes}.items():
        QgsExpressionContextUtils.setLayoutVariable(layout, "rifa_" + key, value)
    for item_id in HEADER_ITEMS:
        if items.get(item_id) is not None and not texts[item_id]:
            items[item_id].setVisibility(False)


def fill_map(items: dict, layers: dict, drawn: dict, map_crs, context) -> None:
    """The map shows ``drawn`` around the zones, with a graticule; the north arrow, scale bar and
    legend follow it."""
    map_item: QgsLayoutItemMap = items["map"]
    _frame_zones(map_item, layers, drawn, map_crs, context)
    _graticule(map_item, map_crs, context)
    _north_arrow(items.get("north_arrow"), map_item)
    _scalebar(items.get("scalebar"), map_item, map_crs)
    _legend(items.get("legend"), map_item)


def _frame_zones(map_item, layers, drawn, map_crs, context) -> None:
    map_item.setCrs(map_crs)
    map_item.setLayers(list(drawn.values()))
    map_item.setKeepLayerSet(True)
    extent = compat.null_rectangle()
    for kind in ("quarantine", "threatened", "occurrence"):
        layer = layers.get(kind)
        if layer is not None and layer.featureCount() > 0:
            transform = QgsCoordinateTransform(layer.crs(), map_crs, context.transformContext())
            extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
    extent.scale(1.1)  # a margin around the zones
    map_item.setExtent(fit_ratio(extent, map_item.rect().width() / map_item.rect().height()))


def _graticule(map_item, map_crs, context) -> None:
    grid = map_item.grid()
    grid.setEnabled(True)
    grid.setCrs(WGS84)
    to_wgs = QgsCoordinateTransform(map_crs, WGS84, context.transformContext())
    geo = to_wgs.transformBoundingBox(map_item.extent())
    interval = nice_interval(max(geo.width(), geo.height()) / 4.0)
    grid.setIntervalX(interval)
    grid.setIntervalY(interval)
    grid.setAnnotationFormat(
        QgsLayoutItemMapGrid.AnnotationFormat.DegreeMinute if interval >= 1 / 60 else QgsLayoutItemMapGrid.AnnotationFormat.DegreeMinuteSecond
    )


def _north_arrow(north, map_item) -> None:
    if north is None:
        return
    if not Path(north.picturePath()).is_file():
        north.setPicturePath(str(NORTH_ARROW))
    north.setLinkedMap(map_item)
    north.setBackgroundEnabled(True)  # stays readable over labels


def _scalebar(scalebar, map_item, map_crs) -> None:
    if scalebar is None:
        return
    scalebar.setLinkedMap(map_item)
    scalebar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    scalebar.setUnitLabel("km")
    # two segments of a round length, the bar about a fifth of the map's width
    # (the item's own width follows its content, so it cannot be the reference)
    map_width_km = map_item.extent().width() * QgsUnitTypes.fromUnitToUnitFactor(
        map_crs.mapUnits(), QgsUnitTypes.DistanceUnit.DistanceKilometers
    )
    segment = nice_length(map_width_km * 0.1)
    scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed)
    scalebar.setNumberOfSegments(2)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setUnitsPerSegment(segment)
    # QGIS 3.22 sizes the bar in map units and divides the labels by this factor
    scalebar.setMapUnitsPerScaleBarUnit(1.0)
    plain_scalebar(scalebar)
    scalebar.update()


def _legend(legend, map_item) -> None:
    if legend is None:
        return
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(True)
    # only what the map shows (no "fewer than 3 points" entry when every zone meets the rule)
    legend.setLegendFilterByMapEnabled(True)
    legend.updateFilterByMap(False)
    legend.adjustBoxSize()


def fit_ratio(extent: QgsRectangle, ratio: float) -> QgsRectangle:
    """The smallest rectangle with width/height ``ratio`` centred on ``extent`` and containing it
    (the map frame keeps its size; a template's stored extent is not relied on)."""
    width, height = extent.width(), extent.height()
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre = extent.center()
    return QgsRectangle(centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2)


def nice_length(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at most ``raw`` (scale bar segments)."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return max(step * power for step in (1, 2, 5) if step * power <= raw)


def nice_interval(raw: float) -> float:
    """A grid interval in degrees from 1, 2, 5, 10, 15, 30 minutes or seconds... near ``raw``."""
    steps = [s / 3600 for s in (1, 2, 5, 10, 15, 30)] + [m / 60 for m in (1, 2, 5, 10, 15, 30)] + [1, 2, 5, 10]
    return min(steps, key=lambda s: abs(math.log(s / raw)) if raw > 0 else s)
