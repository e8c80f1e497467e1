"""The lockdown map as an editable print layout of the user's project.

``rifa:lockdownmap`` fills its template in a project of its own, with styled copies of the input
layers, and exports the PDF. The dock, after a run, fills the same template again with the same
parameters and moves the layout into the user's project: its map shows the project's own layers
(the sources of the copies), so labels can be moved and the PDF exported again from the layout
designer, and the layout survives saving and reopening the project. Its legend names the layers
and their classes as the sheet does (in the sheet's language). The sheet's tables
(checkpoints, affected units) become manual tables, whose rows a project file keeps (a text
table's rows are not saved).
"""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsLayoutFrame,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsLayoutItemTextTable,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
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
        elif isinstance(item, QgsLayoutItemLegend):
            _sheet_legend(item, sheet.project, project)
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


def _sheet_legend(legend, sheet_project, project) -> None:
    """The legend lists the project's layers in the sheet's order, with the sheet's names, and the
    sheet's class labels where the layer is drawn with the same classes."""
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for node in sheet_project.layerTreeRoot().findLayers():
        copy = node.layer()
        source = project.mapLayer(copy.customProperty("rifa/source", "")) if copy is not None else None
        if source is None:
            continue
        added = root.addLayer(source)
        added.setCustomProperty("legend/title-label", copy.name())
        sheet_items = copy.renderer().legendSymbolItems() if copy.renderer() else []
        own_items = source.renderer().legendSymbolItems() if source.renderer() else []
        if not (len(sheet_items) == len(own_items) and type(copy.renderer()) is type(source.renderer())):
            # drawn in other classes in the project (the roads by class): the sheet's entries, so
            # that the legend keeps the size the sheet gave it
            QgsMapLayerLegendUtils.setLegendNodeOrder(added, list(range(len(sheet_items))))
            for index, item in enumerate(sheet_items):
                if item.symbol() is not None:
                    QgsMapLayerLegendUtils.setLegendNodeCustomSymbol(added, index, item.symbol())
            if len(sheet_items) == 1:  # one symbol on the sheet: one line, named as the layer
                QgsLegendRenderer.setNodeLegendStyle(added, QgsLegendStyle.Style.Hidden)
        for index, item in enumerate(sheet_items):
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(added, index, item.label() or copy.name())
    for layer_node in root.findLayers():
        legend.model().refreshLayerLegend(layer_node)
