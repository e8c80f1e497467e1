"""The lockdown map as an editable print layout of the user's project.

``rifa:lockdownmap`` fills its template in a project of its own, with styled copies of the input
layers, and exports the PDF. The dock, after a run, fills the same template again with the same
parameters and moves the layout into the user's project: its map shows the project's own layers
(the sources of the copies), so labels can be moved and the PDF exported again from the layout
designer, and the layout survives saving and reopening the project.
"""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsLayoutItemMap,
    QgsPrintLayout,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsReadWriteContext,
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
