"""The shared base of every RIFA Zoning algorithm (after QGIS's ``QgisAlgorithm``).

A concrete algorithm defines ``name``, ``displayName``, ``group_key``, ``help_text``,
``initAlgorithm`` and ``compute``. (Not ``run``: that would hide ``QgsProcessingAlgorithm.run``,
which ``processing.run`` calls, and every Python caller would fail with a TypeError.) The base owns translation, grouping, the icon, the shapely check
and turning ``core`` errors into ``QgsProcessingException`` with a translated message.

Convention for outputs: compute everything first, create and fill the sinks last. Then a
cancel or an error never leaves a half-written output.
"""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.errors import Canceled, Msg, RifaError
from ..core.feedback import Feedback
from ..tools.dependencies import shapely_problem
from ..tools.i18n import translate_core
from .provider import ICON

# group id -> English name; translated in the context "RifaAlgorithm"
GROUPS = {
    "zoning": "Zoning",
    "response": "Outbreak response",
    "lockdown": "Lockdown order",
}


def _tr_base(text: str) -> str:
    return QCoreApplication.translate("RifaAlgorithm", text)


def message_text(message: Msg | str) -> str:
    """A ``core`` message in the user's language."""
    return message.format(translate_core) if isinstance(message, Msg) else str(message)


class ProcessingFeedbackAdapter(Feedback):
    """``core.feedback.Feedback`` on top of a ``QgsProcessingFeedback``."""

    def __init__(self, feedback: QgsProcessingFeedback | None):
        self.feedback = feedback or QgsProcessingFeedback()

    def _progress(self, percent: float) -> None:
        self.feedback.setProgress(percent)

    def _report(self, level: str, message) -> None:
        text = message_text(message)
        if level == "warning":
            self.feedback.reportError(text, fatalError=False)
        else:
            self.feedback.pushInfo(text)

    def canceled(self) -> bool:
        return self.feedback.isCanceled()


class RifaAlgorithm(QgsProcessingAlgorithm):
    group_key = "zoning"
    needs_shapely = True

    # -- identity
    def tr(self, text: str) -> str:
        return QCoreApplication.translate(self.__class__.__name__, text)

    def createInstance(self):
        return type(self)()

    def group(self) -> str:
        return _tr_base(GROUPS[self.group_key])

    def groupId(self) -> str:
        return self.group_key

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:
        return str(ICON)

    def shortHelpString(self) -> str:
        return self.help_text()

    def help_text(self) -> str:
        return ""

    # -- running
    def processAlgorithm(self, parameters, context, feedback):
        if self.needs_shapely:
            problem = shapely_problem()
            if problem:
                raise QgsProcessingException(problem)
        core_feedback = ProcessingFeedbackAdapter(feedback)
        try:
            return self.compute(parameters, context, feedback, core_feedback)
        except Canceled as error:
            raise QgsProcessingException(message_text(error.msg)) from None
        except RifaError as error:
            raise QgsProcessingException(message_text(error.msg)) from None

    def compute(self, parameters, context, feedback, core_feedback: Feedback) -> dict:
        raise NotImplementedError

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "run" in cls.__dict__:
            raise TypeError(
                f"{cls.__name__} defines run(): rename it compute(); run() hides QgsProcessingAlgorithm.run "
                "that processing.run() calls"
            )
