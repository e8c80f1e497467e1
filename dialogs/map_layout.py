"""The lockdown map as an editable print layout of the user's project.

``rifa:lockdownmap`` fills its template in a project of its own, with styled copies of the input
layers, and exports the PDF. The dock, after a run, fills the same template again with the same
parameters and moves the layout into the user's project: its map shows the project's own layers
(the sources of the copies), so labels can be moved and the PDF exported again from the layout
designer, and the layout survives saving and reopening the project. The sheet's tables
(checkpoints, affected units) become manual tables, whose rows a project file keeps (a text
table's rows are not saved).
"""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemTextTable,
    QgsPrintLayout,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsReadWriteContext,
    QgsTableCell,
)
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import QT_TRANSLATE_NOOP
from ..processing.base import ProcessingFeedbackAdapter
from ..tools.i18n import tr

LAYOUT_NAME = QT_TRANSLATE_NOOP("RifaZoning", "Lockdown map")


def add_lockdown_layout(project, parameters: dict, name: str | None = None) -> str:
    """Fill the lockdown map template with ``parameters`` (as ``rifa:lockdownmap`` takes them) and
    add it to ``project`` as the print layout ``name`` (replacing one of that name); returns the name."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("rifa:lockdownmap")
    context = QgsProcessingContext()
    context.setProject(project)
    sheet = algorithm.prepare(dict(parameters), context, ProcessingFeedbackAdapter(QgsProcessingFeedback()))
    layout = sheet.layout
    _freeze_tables(layout)
    for item in layout.items():
        if isinstance(item, QgsLayoutItemMap):
            sources = [project.mapLayer(layer.customProperty("rifa/source", "")) for layer in item.layers()]
            item.setLayers([layer for layer in sources if layer is not None])
    document = QDomDocument()
    document.appendChild(layout.writeXml(document, QgsReadWriteContext()))
    copy = QgsPrintLayout(project)
    copy.readLayoutXml(document.documentElement(), document, QgsReadWriteContext())
    name = name or tr(LAYOUT_NAME)
    manager = project.layoutManager()
    old = manager.layoutByName(name)
    if old is not None:
        manager.removeLayout(old)
    copy.setName(name)
    manager.addLayout(copy)
    return name


def _freeze_tables(layout) -> None:
    """Replace every text table of ``layout`` by a manual table with the same look, rows and frames."""
    context = QgsReadWriteContext()
    for table in [m for m in layout.multiFrames() if isinstance(m, QgsLayoutItemTextTable)]:
        manual = QgsLayoutItemManualTable.create(layout)
        document = QDomDocument()
        element = document.createElement("table")
        table.writePropertiesToElement(element, document, context)  # fonts, grid, margins, header mode
        manual.readPropertiesFromElement(element, document, context)
        columns = table.columns()
        manual.setHeaders(columns)
        manual.setIncludeTableHeader(True)
        manual.setColumnWidths([column.width() for column in columns])
        manual.setTableContents([[QgsTableCell(str(value)) for value in row] for row in table.contents()])
        layout.addMultiFrame(manual)
        for frame in list(table.frames()):
            copy = QgsLayoutFrame(layout, manual)
            copy.setId(frame.id())
            copy.attemptMove(frame.positionWithUnits(), page=frame.page())
            copy.attemptResize(frame.sizeWithUnits())
            copy.setFrameEnabled(frame.frameEnabled())
            copy.setBackgroundEnabled(frame.hasBackground())
            copy.setVisibility(frame.isVisible())
            manual.addFrame(copy, False)
            layout.removeLayoutItem(frame)
        if table in layout.multiFrames():
            layout.removeMultiFrame(table)
        manual.recalculateFrameSizes()
