"""The print layout of the lockdown map, as code: what ``resources/layouts/*.qpt`` were made from.

``scripts/make_layout_templates.py`` writes the two templates (A4 landscape and A4 portrait) from
:func:`build_layout`. A bureau edits the .qpt in QGIS's layout designer (move items, change
fonts and texts, add its logo); ``rifa:lockdownmap`` finds the items by their id (see
:data:`ITEMS`) and fills them. Labels show layout variables (``[% @rifa_title %]``...) so their
surrounding words can be edited too. Text tables find their columns by the column's *attribute*
(a key like ``road_name``), so headings can be renamed, reordered or removed.

Texts on the sheet are English sources (context ``LockdownSheet``) printed in the *sheet's*
language (``tools.i18n.SheetLanguage``). The shipped templates are written in Chinese
(:data:`TEMPLATE_LANGUAGE`), the language of the lockdown order the map is annexed to;
:func:`localize_layout` turns the texts a template still has from us into another sheet language
and leaves the texts a bureau has changed as they are.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayout,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemTextTable,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..core.errors import QT_TRANSLATE_NOOP
from ..paths import PLUGIN_DIR
from ..tools.i18n import SheetLanguage, sheet_language
from . import compat

LAYOUTS_DIR = PLUGIN_DIR / "resources" / "layouts"
TEMPLATES = {"landscape": LAYOUTS_DIR / "lockdown_map.qpt", "portrait": LAYOUTS_DIR / "lockdown_map_portrait.qpt"}
NORTH_ARROW = PLUGIN_DIR / "resources" / "icons" / "north_arrow.svg"
FONT_FAMILY = "Noto Sans CJK SC"
TEMPLATE_LANGUAGE = "zh_CN"  # the language the shipped .qpt files are written in

CHECKPOINT_COLUMNS = [  # (key, heading, width mm; 0 = automatic)
    ("checkpoint_id", QT_TRANSLATE_NOOP("LockdownSheet", "No."), 7),
    ("road_name", QT_TRANSLATE_NOOP("LockdownSheet", "Road"), 0),
    ("road_class", QT_TRANSLATE_NOOP("LockdownSheet", "Class"), 10),
    ("zone_id", QT_TRANSLATE_NOOP("LockdownSheet", "Zone no."), 9),
    ("lon", QT_TRANSLATE_NOOP("LockdownSheet", "Longitude"), 16),
    ("lat", QT_TRANSLATE_NOOP("LockdownSheet", "Latitude"), 15),
]
UNIT_COLUMNS = [
    ("unit_name", QT_TRANSLATE_NOOP("LockdownSheet", "Administrative unit"), 0),
    ("unit_id", QT_TRANSLATE_NOOP("LockdownSheet", "Code"), 13),
    ("zone", QT_TRANSLATE_NOOP("LockdownSheet", "Zone"), 16),
    ("area_km2", QT_TRANSLATE_NOOP("LockdownSheet", "Area km²"), 13),
    ("share_pct", QT_TRANSLATE_NOOP("LockdownSheet", "Share %"), 11),
]
LEGEND_TITLE = QT_TRANSLATE_NOOP("LockdownSheet", "Legend")
GRID_NAME = QT_TRANSLATE_NOOP("LockdownSheet", "Graticule")
EMPTY_TABLE = QT_TRANSLATE_NOOP("LockdownSheet", "None")

# the items of the sheet, found by their id: id -> (type, (x, y, width, height) in mm on A4 landscape,
# the same on A4 portrait). Portrait: under the map, the legend has the left column to itself (it
# grows down to the notes; wide enough for two columns when one is too tall), the tables the right
# one; the notes span the page's foot.
ITEMS = {
    "title": (QgsLayoutItemLabel, (8, 5, 281, 11), (8, 5, 194, 11)),
    "order_number": (QgsLayoutItemLabel, (8, 17, 72, 6), (8, 17, 97, 5.5)),
    "authority": (QgsLayoutItemLabel, (80, 17, 95, 6), (105, 17, 97, 5.5)),
    "issue_date": (QgsLayoutItemLabel, (175, 17, 60, 6), (8, 22.5, 97, 5.5)),
    "grade": (QgsLayoutItemLabel, (235, 17, 54, 6), (105, 22.5, 97, 5.5)),
    "map": (QgsLayoutItemMap, (16, 27, 176, 168), (16, 31, 178, 139)),
    "north_arrow": (QgsLayoutItemPicture, (180, 30, 9, 14), (182, 34, 9, 14)),
    "scalebar": (QgsLayoutItemScaleBar, (19, 183, 60, 9), (19, 158, 60, 9)),
    "legend": (QgsLayoutItemLegend, (199, 25, 90, 50), (8, 176, 78, 60)),
    "checkpoint_caption": (QgsLayoutItemLabel, (199, 76, 90, 5), (90, 176, 112, 5)),
    "checkpoint_table": (QgsLayoutFrame, (199, 81, 90, 62), (90, 181, 112, 50)),
    "units_caption": (QgsLayoutItemLabel, (199, 144, 90, 5), (90, 232, 112, 5)),
    "units_table": (QgsLayoutFrame, (199, 149, 90, 32), (90, 237, 112, 38)),
    "crs_note": (QgsLayoutItemLabel, (199, 182, 90, 5), (8, 276, 194, 3.5)),
    "source_note": (QgsLayoutItemLabel, (199, 187, 90, 11), (8, 279.5, 194, 5.5)),
    "profile_note": (QgsLayoutItemLabel, (199, 198, 90, 8), (8, 285, 194, 4)),
}
ITEM_TYPES = {item_id: item_type for item_id, (item_type, *_places) in ITEMS.items()}
GEOMETRY = {
    orientation: {item_id: places[index] for item_id, (_type, *places) in ITEMS.items()}
    for index, orientation in enumerate(("landscape", "portrait"))
}

LABELS = {  # id -> (text, point size, bold, alignment)
    "title": ("[% @rifa_title %]", 18, True, Qt.AlignmentFlag.AlignHCenter),
    "order_number": (QT_TRANSLATE_NOOP("LockdownSheet", "Lockdown order no.: [% @rifa_order_number %]"), 9, False,
                     Qt.AlignmentFlag.AlignLeft),
    "authority": (QT_TRANSLATE_NOOP("LockdownSheet", "Issued by: [% @rifa_authority %]"), 9, False, Qt.AlignmentFlag.AlignLeft),
    "issue_date": (QT_TRANSLATE_NOOP("LockdownSheet", "Date of issue: [% @rifa_issue_date %]"), 9, False, Qt.AlignmentFlag.AlignLeft),
    "grade": (QT_TRANSLATE_NOOP("LockdownSheet", "Outbreak grade: [% @rifa_grade %]"), 9, False, Qt.AlignmentFlag.AlignLeft),
    "checkpoint_caption": (
        QT_TRANSLATE_NOOP("LockdownSheet", "Road entrance checkpoints ([% @rifa_checkpoint_count %])"), 8, True,
        Qt.AlignmentFlag.AlignLeft,
    ),
    "units_caption": (
        QT_TRANSLATE_NOOP("LockdownSheet", "Administrative units concerned ([% @rifa_unit_count %])"), 8, True,
        Qt.AlignmentFlag.AlignLeft,
    ),
    "crs_note": ("[% @rifa_crs_note %]", 6, False, Qt.AlignmentFlag.AlignLeft),
    "source_note": ("[% @rifa_source_note %]", 6, False, Qt.AlignmentFlag.AlignLeft),
    "profile_note": ("[% @rifa_profile_note %]", 6, False, Qt.AlignmentFlag.AlignLeft),
}


def font(size: float, bold: bool = False, family: str = FONT_FAMILY) -> QFont:
    f = QFont(family)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def text_format(size: float, bold: bool = False, family: str = FONT_FAMILY) -> QgsTextFormat:
    fmt = QgsTextFormat()
    fmt.setFont(font(size, bold, family))
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    return fmt


def place(item, geometry) -> None:
    x, y, w, h = geometry
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))


def make_text_table(layout: QgsLayout, columns, frame_id: str, geometry, sheet: SheetLanguage) -> QgsLayoutItemTextTable:
    table = QgsLayoutItemTextTable(layout)
    cols = []
    for key, heading, width in columns:
        column = QgsLayoutTableColumn(sheet.tr(heading))
        column.setAttribute(key)
        column.setWidth(width)
        cols.append(column)
    table.setColumns(cols)
    table.setHeaderTextFormat(text_format(6.5, True))
    table.setContentTextFormat(text_format(6.5))
    table.setCellMargin(0.6)
    table.setGridStrokeWidth(0.15)
    table.setHeaderMode(QgsLayoutTable.HeaderMode.AllFrames)
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.TruncateText)
    table.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.ShowMessage)
    table.setEmptyTableMessage(sheet.tr(EMPTY_TABLE))
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
    table.setContents([["" for _ in columns]])
    layout.addMultiFrame(table)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(frame_id)
    place(frame, geometry)
    table.addFrame(frame)
    return table


def build_layout(project, orientation: str = "landscape", sheet: SheetLanguage | None = None) -> QgsPrintLayout:
    """The A4 lockdown-map layout of ``orientation`` with every item, empty, its texts in the
    language of ``sheet`` (default: the templates' language, Chinese)."""
    sheet = sheet or sheet_language(TEMPLATE_LANGUAGE)
    geometry = GEOMETRY[orientation]
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("RIFA lockdown map")
    page = layout.pageCollection().page(0)
    page.setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape if orientation == "landscape" else QgsLayoutItemPage.Orientation.Portrait)

    for item_id, (text, size, bold, align) in LABELS.items():
        label = QgsLayoutItemLabel(layout)
        label.setId(item_id)
        label.setText(sheet.tr(text))
        compat.set_label_font(label, font(size, bold))
        label.setHAlign(align)
        label.setVAlign(Qt.AlignmentFlag.AlignVCenter if item_id not in ("source_note", "profile_note") else Qt.AlignmentFlag.AlignTop)
        layout.addLayoutItem(label)
        place(label, geometry[item_id])

    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    map_item.setFrameEnabled(True)
    map_item.setFrameStrokeWidth(QgsLayoutMeasurement(0.4))
    layout.addLayoutItem(map_item)
    place(map_item, geometry["map"])
    grid = QgsLayoutItemMapGrid(sheet.tr(GRID_NAME), map_item)
    grid.setStyle(QgsLayoutItemMapGrid.GridStyle.Cross)
    grid.setCrossLength(1.5)
    grid.setGridLineColor(QColor(80, 80, 80))
    grid.setAnnotationEnabled(True)
    grid.setAnnotationFormat(QgsLayoutItemMapGrid.AnnotationFormat.DegreeMinute)
    grid.setAnnotationTextFormat(text_format(5.5))
    grid.setAnnotationPrecision(0)
    for side in (QgsLayoutItemMapGrid.BorderSide.Left, QgsLayoutItemMapGrid.BorderSide.Right, QgsLayoutItemMapGrid.BorderSide.Top, QgsLayoutItemMapGrid.BorderSide.Bottom):
        grid.setAnnotationPosition(QgsLayoutItemMapGrid.AnnotationPosition.OutsideMapFrame, side)
        grid.setAnnotationDirection(
            QgsLayoutItemMapGrid.AnnotationDirection.Vertical if side in (QgsLayoutItemMapGrid.BorderSide.Left, QgsLayoutItemMapGrid.BorderSide.Right)
            else QgsLayoutItemMapGrid.AnnotationDirection.Horizontal,
            side,
        )
    grid.setFrameStyle(QgsLayoutItemMapGrid.FrameStyle.Zebra)
    grid.setFrameWidth(1.2)
    map_item.grids().addGrid(grid)

    north = QgsLayoutItemPicture(layout)
    north.setId("north_arrow")
    north.setPicturePath(str(NORTH_ARROW))
    north.setLinkedMap(map_item)
    north.setNorthMode(QgsLayoutItemPicture.NorthMode.TrueNorth)
    layout.addLayoutItem(north)
    place(north, geometry["north_arrow"])

    scalebar = QgsLayoutItemScaleBar(layout)
    scalebar.setId("scalebar")
    scalebar.setStyle("Single Box")
    scalebar.setLinkedMap(map_item)
    scalebar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    scalebar.setUnitLabel("km")
    scalebar.setNumberOfSegments(2)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setTextFormat(text_format(6.5))
    scalebar.setBackgroundEnabled(True)
    scalebar.setBackgroundColor(QColor(255, 255, 255, 210))
    layout.addLayoutItem(scalebar)
    place(scalebar, geometry["scalebar"])

    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle(sheet.tr(LEGEND_TITLE))
    legend.setLinkedMap(map_item)
    compat.set_legend_style_font(legend, QgsLegendStyle.Style.Title, font(9, True))
    compat.set_legend_style_font(legend, QgsLegendStyle.Style.Subgroup, font(7, True))
    compat.set_legend_style_font(legend, QgsLegendStyle.Style.SymbolLabel, font(7))
    legend.setSymbolHeight(3.5)
    legend.setSymbolWidth(6)
    legend.setFrameEnabled(True)
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    place(legend, geometry["legend"])

    make_text_table(layout, CHECKPOINT_COLUMNS, "checkpoint_table", geometry["checkpoint_table"], sheet)
    make_text_table(layout, UNIT_COLUMNS, "units_table", geometry["units_table"], sheet)
    return layout


def localize_layout(layout: QgsLayout, sheet: SheetLanguage) -> None:
    """Put the texts of a template written in :data:`TEMPLATE_LANGUAGE` into ``sheet``'s language.

    Only texts still as we wrote them change; a text a bureau edited in the designer stays.
    """
    template = sheet_language(TEMPLATE_LANGUAGE)
    if sheet.language == template.language:
        return

    def swap(current: str, source: str):
        return sheet.tr(source) if current == template.tr(source) else None

    for item_id, (source, *_rest) in LABELS.items():
        item = layout.itemById(item_id)
        if isinstance(item, QgsLayoutItemLabel) and (text := swap(item.text(), source)) is not None:
            item.setText(text)
    legend = layout.itemById("legend")
    if isinstance(legend, QgsLayoutItemLegend) and (text := swap(legend.title(), LEGEND_TITLE)) is not None:
        legend.setTitle(text)
    for frame_id, columns in (("checkpoint_table", CHECKPOINT_COLUMNS), ("units_table", UNIT_COLUMNS)):
        frame = layout.itemById(frame_id)
        table = frame.multiFrame() if isinstance(frame, QgsLayoutFrame) else None
        if not isinstance(table, QgsLayoutItemTextTable):
            continue
        headings = {key: heading for key, heading, _width in columns}
        columns = table.columns()  # copies: changed here, then set back
        for column in columns:
            source = headings.get(column.attribute())
            text = swap(column.heading(), source) if source else None
            if text is not None:
                column.setHeading(text)
        table.setColumns(columns)
        if (text := swap(table.emptyTableMessage(), EMPTY_TABLE)) is not None:
            table.setEmptyTableMessage(text)
