"""The side panel of the lockdown map (``rifa:lockdownmap``): legend, tables, continuation pages.

The legend resizes to its content, which may outgrow the box the template gave it: it first tries
two columns, then the panel items under it move down and the tables get shorter
(:func:`make_room_for_legend`). The tables are filled, a short checkpoint list leaves its room to
the units table, and long tables continue on added pages (:func:`paginate`). QGIS itself says how
many rows each frame shows.
"""

from __future__ import annotations

from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemPage,
    QgsLayoutItemTextTable,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
)
from qgis.PyQt.QtGui import QFont, QImage, QPainter
from qgis.PyQt.QtWidgets import QStyleOptionGraphicsItem

from . import compat
from .layout_template import FONT_FAMILY
from .sheet_texts import SHEET

CONTINUATION_MARGIN = 10.0  # mm around the tables of continuation pages
CONTINUATION_GAP = 6.0  # mm between the two tables of a continuation page
PANEL_GAP = 2.0  # mm between the legend and the caption under it
MIN_TABLE_HEIGHT = 14.0  # mm: a table on the first page keeps its heading and a few rows
# the side-panel items that make room for the legend (moved down; tables made shorter)
PANEL_ITEMS = ("checkpoint_caption", "checkpoint_table", "units_caption", "units_table", "crs_note", "source_note",
               "profile_note")


def legend_room(items: dict):
    """The legend's box in the template (its scene rectangle): the room the designer gave it,
    to be read before the legend resizes to its content; None without a legend."""
    legend = items.get("legend")
    return legend.sceneBoundingRect() if legend is not None else None


def shown_tables(items: dict, tables) -> list[tuple]:
    """``(table, frame, rows)`` of the panel's text tables, from ``(caption id, frame id, rows,
    given)``; a table whose layer was not given is hidden with its caption (no empty table on the
    sheet)."""
    shown = []
    for caption, frame_id, rows, given in tables:
        frame = items.get(frame_id)
        table = frame.multiFrame() if frame is not None else None
        if not isinstance(table, QgsLayoutItemTextTable):
            continue
        if not given:
            for item in (frame, items.get(caption)):
                if item is not None:
                    item.setVisibility(False)
            continue
        shown.append((table, frame, rows))
    return shown


# -- the legend
def make_room_for_legend(layout, items: dict, box) -> None:
    """Keep the legend clear of the side panel under it.

    The legend resizes to its content, which may outgrow the box of the template (``box``, its
    scene rectangle there). First it tries two columns when they fit the box's width; then the
    panel items under the legend's box (captions, tables, notes in its column) move down by what
    the legend still overflows, and the tables get that much shorter (down to
    MIN_TABLE_HEIGHT; their rows continue on added pages), so the column keeps its bottom.
    """
    legend = items.get("legend")
    if legend is None or box is None or not legend.isVisible():
        return
    _fit_legend_columns(legend, box)
    rect = legend.sceneBoundingRect()
    followers = []
    for item_id in PANEL_ITEMS:
        item = items.get(item_id)
        if item is None or not item.isVisible() or item.page() != legend.page():
            continue
        other = item.sceneBoundingRect()
        if other.top() >= box.top() + 1.0 and other.left() < rect.right() and rect.left() < other.right():
            followers.append(item)
    if not followers:
        return
    followers.sort(key=lambda item: item.sceneBoundingRect().top())
    _move_down(followers, rect.bottom() + PANEL_GAP - followers[0].sceneBoundingRect().top())


def _fit_legend_columns(legend, box) -> None:
    """The legend at its content's size: in two columns when one is taller than ``box`` and two
    are no wider than it."""
    fit_legend_to_content(legend)
    if legend.sceneBoundingRect().height() > box.height() and legend.columnCount() < 2:
        legend.setColumnCount(2)
        legend.setSplitLayer(True)
        fit_legend_to_content(legend)
        if legend.sceneBoundingRect().width() > box.width() + 0.5:  # too wide for its place: one column
            legend.setColumnCount(1)
            fit_legend_to_content(legend)


def _move_down(followers: list, overflow: float) -> None:
    """Move ``followers`` (top first) down by ``overflow`` mm (up when negative); their tables
    get shorter (taller) by as much, so the column keeps its bottom."""
    tables = [item for item in followers if isinstance(item, QgsLayoutFrame)]
    if abs(overflow) < 0.1 or not tables:
        return
    if overflow > 0:  # every table gives its share of what the legend needs
        spare = {item: max(0.0, item.rect().height() - MIN_TABLE_HEIGHT) for item in tables}
        total = sum(spare.values())
        change = {item: -(min(overflow, total) * spare[item] / total if total > 0 else 0.0) for item in tables}
    else:  # a legend shorter than its box leaves the room to the first table
        change = {tables[0]: -overflow}
    shift = overflow
    for item in followers:
        position = item.pagePositionWithUnits()
        item.attemptMove(QgsLayoutPoint(position.x(), position.y() + shift, position.units()), True, False, item.page())
        if change.get(item):
            size = item.sizeWithUnits()
            item.attemptResize(QgsLayoutSize(size.width(), size.height() + change[item], size.units()))
            shift += change[item]


def fit_legend_to_content(legend) -> None:
    """Resize the legend to its content now. QGIS 3.22 sizes a legend only once it has been
    painted (``adjustBoxSize`` does nothing before: it needs the paint device's dpi), so paint it
    once on a small image at print resolution; this also applies the filter by map content (on
    3.40 in a background task: waited for here)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(300 / 0.0254))
    image.setDotsPerMeterY(round(300 / 0.0254))
    painter = QPainter(image)
    try:
        legend.paint(painter, QStyleOptionGraphicsItem(), None)
    finally:
        painter.end()
    compat.finish_legend_filter(legend)
    legend.adjustBoxSize()


# -- the tables
def paginate(layout, tables, title: str, family: str, items: dict, sheet) -> None:
    """Fill the tables; close up the side panel; continue long tables on added pages.

    Continuation pages hold the checkpoints in the left half and the units in the right half,
    under a heading "<title>（续表）". QGIS itself says how many rows each frame shows.
    """
    for table, _frame, rows in tables:
        table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
        table.setContents(table_contents(table, rows))
        table.refresh()
    if len(tables) == 2:
        _give_room_to_units(layout, tables, items.get("units_caption"))
    _continue_tables(layout, tables, sheet.tr(SHEET["continued"]).format(title=title), family)


def table_contents(table: QgsLayoutItemTextTable, rows: list[dict]) -> list[list[str]]:
    """``rows`` in the table's columns (found by their attribute), as text."""
    keys = [column.attribute() for column in table.columns()]
    return [["" if row.get(key) is None else str(row.get(key, "")) for key in keys] for row in rows]


def _give_room_to_units(layout, tables, caption) -> None:
    """A short checkpoint list leaves its space to the units table below it."""
    (first, first_frame, first_rows), (_second, second_frame, _) = tables
    if not _below(first_frame, second_frame):
        return
    saved = _shrink_to_content(layout, first, first_frame, len(first_rows))
    if saved <= 0:
        return
    for item in (caption, second_frame):
        if item is not None and _below(first_frame, item):
            position = item.pagePositionWithUnits()
            item.attemptMove(
                QgsLayoutPoint(position.x(), position.y() - saved, position.units()), True, False, item.page()
            )
    second_frame.attemptResize(QgsLayoutSize(second_frame.rect().width(), second_frame.rect().height() + saved))


def _continue_tables(layout, tables, heading: str, family: str) -> None:
    """Frames on added pages (first table left, second right) until every row is shown."""
    collection = layout.pageCollection()
    page_size = collection.page(0).pageSize()
    width, height = page_size.width(), page_size.height()
    top = CONTINUATION_MARGIN + 8.0
    column_width = (width - 2 * CONTINUATION_MARGIN - CONTINUATION_GAP) / 2.0
    continued_height = height - top - CONTINUATION_MARGIN
    first_new = collection.pageCount()
    for index, (table, _frame, rows) in enumerate(tables):
        page = first_new
        while rows and rows_shown(layout, table, table.frameCount() - 1) < len(rows):
            if page >= collection.pageCount():
                _add_continuation_page(layout, width, height, heading, family)
            frame = QgsLayoutFrame(layout, table)
            layout.addLayoutItem(frame)
            frame.attemptResize(QgsLayoutSize(column_width, continued_height))
            x = CONTINUATION_MARGIN + (column_width + CONTINUATION_GAP) * min(index, 1)
            frame.attemptMove(QgsLayoutPoint(x, top), True, False, page)
            table.addFrame(frame)
            table.refresh()
            page += 1


def rows_shown(layout, table, frame_index: int) -> int:
    """Index after the last row QGIS draws in frame ``frame_index`` (its own flow computation)."""
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    return table.rowRange(context, frame_index)[1]


def _shrink_to_content(layout, table, frame, count: int) -> float:
    """Shrink the table's only frame to what its rows need; returns the height saved (mm)."""
    height = frame.rect().height()
    if count == 0 or table.frameCount() != 1 or rows_shown(layout, table, 0) < count:
        return 0.0
    low, high = 0.0, height
    while high - low > 0.5:
        middle = (low + high) / 2
        frame.attemptResize(QgsLayoutSize(frame.rect().width(), middle))
        if rows_shown(layout, table, 0) >= count:
            high = middle
        else:
            low = middle
    frame.attemptResize(QgsLayoutSize(frame.rect().width(), high + 0.5))
    return height - high - 0.5


def _below(upper, lower) -> bool:
    """``lower`` sits under ``upper`` in the same column of the same page."""
    a, b = upper.sceneBoundingRect(), lower.sceneBoundingRect()
    return b.top() >= a.bottom() - 1.0 and b.left() < a.right() and a.left() < b.right()


def _add_continuation_page(layout, width: float, height: float, heading_text: str, family: str) -> None:
    collection = layout.pageCollection()
    page = QgsLayoutItemPage(layout)
    page.setPageSize(QgsLayoutSize(width, height))
    collection.addPage(page)
    heading = QgsLayoutItemLabel(layout)
    heading.setText(heading_text)
    font = QFont(family or FONT_FAMILY)
    font.setPointSizeF(11)
    font.setBold(True)
    compat.set_label_font(heading, font)
    layout.addLayoutItem(heading)
    heading.attemptResize(QgsLayoutSize(width - 2 * CONTINUATION_MARGIN, 7))
    heading.attemptMove(
        QgsLayoutPoint(CONTINUATION_MARGIN, CONTINUATION_MARGIN), True, False, collection.pageCount() - 1
    )
