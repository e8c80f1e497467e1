"""The plugin object: registers the Processing provider and, on the desktop, the menu.

``qgis_process`` calls only :meth:`initProcessing` with ``iface=None``: nothing here may touch
the GUI before :meth:`initGui`.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication

from .core.errors import QT_TRANSLATE_NOOP
from .tools.dependencies import shapely_problem
from .tools.i18n import install_translator, remove_translator, tr
from .tools.log import logger, setup_logger, teardown_logger

# the Plugins menu entry; translated once in initGui and kept, so unload removes the same menu
MENU = QT_TRANSLATE_NOOP("RifaZoning", "RIFA Zoning")


class RifaZoningPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions = []
        self.toolbar = None
        self.dialog = None  # keeps the open Processing dialog alive
        self.response_dock = None
        self.menu = MENU
        setup_logger()
        install_translator()

    # -- Processing (also used headless)
    def initProcessing(self):  # noqa: N802 - QGIS's name
        from .processing.provider import RifaProvider

        if self.provider is None:
            self.provider = RifaProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
        problem = shapely_problem()
        if problem:
            logger.warning(problem)

    # -- desktop
    def initGui(self):  # noqa: N802 - QGIS's name
        from qgis.PyQt.QtGui import QIcon
        from qgis.PyQt.QtWidgets import QAction

        from .paths import ICON

        self.initProcessing()
        self.menu = tr(MENU)
        self.toolbar = self.iface.addToolBar(tr("RIFA Zoning"))
        self.toolbar.setObjectName("RifaZoningToolbar")
        action = QAction(QIcon(str(ICON)), tr("RIFA Zoning tools (Processing)"), self.iface.mainWindow())
        action.setObjectName("RifaZoningShowAlgorithms")
        action.triggered.connect(self.show_processing_toolbox)
        self._add_action(action)
        zones = QAction(QIcon(str(ICON)), tr("Delineate outbreak zones…"), self.iface.mainWindow())
        zones.setObjectName("RifaZoningDelineateZones")
        zones.triggered.connect(self.show_delineate_dialog)
        self._add_action(zones)
        self._add_response_dock()
        problem = shapely_problem()
        if problem:
            self.iface.messageBar().pushMessage(tr("RIFA Zoning"), problem, Qgis.MessageLevel.Warning, 0)

    def _add_response_dock(self) -> None:
        """The dock "Outbreak response" (疫情应急处置): grade, checklist, records; with a menu toggle."""
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtGui import QIcon

        from .dialogs.response_dock import ResponseDock
        from .paths import ICON

        self.response_dock = ResponseDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.response_dock)
        toggle = self.response_dock.toggleViewAction()
        toggle.setIcon(QIcon(str(ICON)))
        toggle.setText(tr("Outbreak response"))
        toggle.setObjectName("RifaZoningShowResponseDock")
        self._add_action(toggle)

    def _add_action(self, action, toolbar: bool = True) -> None:
        self.iface.addPluginToMenu(self.menu, action)
        if toolbar and self.toolbar is not None:
            self.toolbar.addAction(action)
        self.actions.append(action)

    def show_processing_toolbox(self) -> None:
        """Open the Processing toolbox filtered on our provider."""
        from qgis.utils import plugins

        processing_plugin = plugins.get("processing")
        if processing_plugin is not None and hasattr(processing_plugin, "toolbox"):
            processing_plugin.toolbox.setVisible(True)
            processing_plugin.toolbox.searchBox.setText("rifa:")

    def show_delineate_dialog(self) -> None:
        """Open the dialog of rifa:delineatezones (legal ranges next to the radii)."""
        from .dialogs.delineate_dialog import open_delineate_dialog

        try:
            self.dialog = open_delineate_dialog()
        except Exception as error:  # an exception in a Qt slot would abort QGIS
            logger.exception("Cannot open the dialog")
            self.iface.messageBar().pushMessage(tr("RIFA Zoning"), str(error), Qgis.MessageLevel.Critical, 0)

    def unload(self):
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        for action in self.actions:
            self.iface.removePluginMenu(self.menu, action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
        self.actions = []
        if self.response_dock is not None:
            self.response_dock.cleanup()
            self.iface.removeDockWidget(self.response_dock)
            self.response_dock.deleteLater()
            self.response_dock = None
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
        teardown_logger()
