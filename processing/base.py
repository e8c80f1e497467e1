"""The shared base of every RIFA Zoning algorithm (after QGIS's ``QgisAlgorithm``).

A concrete algorithm defines ``name``, ``displayName``, ``group_key``, ``help_text``,
``initAlgorithm`` and ``compute``. (Not ``run``: that would hide ``QgsProcessingAlgorithm.run``,
which ``processing.run`` calls, and every Python caller would fail with a TypeError.) The base owns translation, grouping, the icon, the shapely check
and turning ``core`` errors into ``QgsProcessingException`` with a translated message.

Convention for outputs: compute everything first, create and fill the sinks last. Then a
cancel or an error never leaves a half-written output.

Records (处理记录, 第五章 八): when the project the algorithm runs in names a records GeoPackage
(project variable ``rifa_records_gpkg``, see ``tools/records.py``), every successful run is
appended to it (action ``rifa:<name>``, parameters, :meth:`RifaAlgorithm.record_summary`). The
log is checked for writing *before* the run, so a locked file stops the run before any output
is made; a project without the variable logs nothing (e.g. ``qgis_process`` without a project).
"""

from __future__ import annotations

import math
import re
import traceback
import warnings

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg, RifaError
from ..core.feedback import Feedback
from ..tools.dependencies import shapely_problem
from ..tools.i18n import translate_core
from ..tools.log import logger
from ..tools.records import describe_parameters, project_log
from .outputs import checked_destinations
from .provider import ICON

# Floating-point RuntimeWarnings ("invalid value encountered in divide", "divide by zero encountered
# in set_precision") of the vectorized numpy and shapely code: its NaN and infinite lanes are masked
# afterwards, and real failures raise. Shown, they reach the log panel (and qgis_process's stderr)
# as Python warnings that users read as failures.
PACKAGE = __name__.split(".")[0]


def quiet_floating_point_warnings() -> None:
    """Ignore RuntimeWarnings attributed to this plugin's modules, shapely and numpy (first in the
    filters, so it wins over a general "default")."""
    warnings.filterwarnings("ignore", category=RuntimeWarning, module=rf"({re.escape(PACKAGE)}|shapely|numpy)(\..*)?$")


quiet_floating_point_warnings()

# group id -> English name; translated in the context "RifaAlgorithm"
GROUPS = {
    "zoning": QT_TRANSLATE_NOOP("RifaAlgorithm", "Zoning"),
    "response": QT_TRANSLATE_NOOP("RifaAlgorithm", "Outbreak response"),
    "lockdown": QT_TRANSLATE_NOOP("RifaAlgorithm", "Lockdown order"),
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
            # a warning, not an error: qgis_process prints reportError as "ERROR:" (read as a failure)
            self.feedback.pushWarning(text)
        else:
            self.feedback.pushInfo(text)

    def canceled(self) -> bool:
        return self.feedback.isCanceled()


class RifaAlgorithm(QgsProcessingAlgorithm):
    """Subclasses implement :meth:`compute` (the computation) and the identity methods."""

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
    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS's name
        # our checks first: they name the range (Processing's say "Incorrect parameter value") and
        # catch NaN and infinity, which pass Processing's range test; the dialog shows them too
        try:
            check_numbers(self, parameters)
            check_geometry_types(self, parameters, context)
        except RifaError as error:
            return False, message_text(error.msg)
        except Exception:  # noqa: BLE001 - never block a run on a check that failed itself
            logger.error("rifa:%s: checking the parameters failed:\n%s", self.name(), traceback.format_exc())
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):
        if self.needs_shapely:
            problem = shapely_problem()
            if problem:
                raise QgsProcessingException(problem)
        core_feedback = ProcessingFeedbackAdapter(feedback)
        try:
            # every output that cannot be written stops the run before any work (and any output)
            parameters = checked_destinations(self, parameters)
            check_numbers(self, parameters)
            check_geometry_types(self, parameters, context)
            records = project_log(context.project() if context is not None else None)
            if records is not None:
                records.check_writable()
            results = self.compute(parameters, context, feedback, core_feedback)
            if records is not None:
                self._record(records, parameters, context, results, feedback)
            return results
        except RifaError as error:  # Canceled included
            message = message_text(error.msg)
            # drop the frames of the failed run: the layers and feature sources they hold are freed
            # now rather than whenever the exception object goes
            traceback.clear_frames(error.__traceback__)
        except QgsProcessingException:
            raise
        except Exception as error:  # noqa: BLE001 - a bug: the user gets a message, the log the traceback
            logger.error("rifa:%s failed:\n%s", self.name(), traceback.format_exc())
            message = _tr_base(
                "rifa:{algorithm} stopped on an unexpected error ({error}). No output was written. Please report "
                "it with the details from the log panel (tab RIFA Zoning)."
            ).format(algorithm=self.name(), error=f"{type(error).__name__}: {error}")
            traceback.clear_frames(error.__traceback__)
        # raised outside the except block so it carries no __context__ (and no frames)
        raise QgsProcessingException(message)

    def compute(self, parameters, context, feedback, core_feedback: Feedback) -> dict:
        raise NotImplementedError

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "run" in cls.__dict__:
            raise TypeError(
                f"{cls.__name__} defines run(): rename it compute(); run() hides QgsProcessingAlgorithm.run "
                "that processing.run() calls"
            )

    # -- records
    def record_summary(self, results: dict) -> str:
        """One line for the records log; algorithms override it with what a reader needs."""
        import json

        return json.dumps(results, ensure_ascii=False, default=str, sort_keys=True)

    def _record(self, records, parameters, context, results, feedback) -> None:
        # a RecordsError here (file locked since the check) fails the run: an unrecorded run must be seen
        records.append(f"rifa:{self.name()}", describe_parameters(parameters, context), self.record_summary(results))
        feedback.pushInfo(_tr_base("Recorded in {path}.").format(path=records.path))


# -- checks every algorithm gets before any work (the parameter definitions say what is allowed)

_GEOMETRY_OF_TYPE = {
    QgsProcessing.SourceType.TypeVectorPoint: QgsWkbTypes.GeometryType.PointGeometry,
    QgsProcessing.SourceType.TypeVectorLine: QgsWkbTypes.GeometryType.LineGeometry,
    QgsProcessing.SourceType.TypeVectorPolygon: QgsWkbTypes.GeometryType.PolygonGeometry,
}
_GEOMETRY_NAMES = {
    QgsWkbTypes.GeometryType.PointGeometry: QT_TRANSLATE_NOOP("core", "points"),
    QgsWkbTypes.GeometryType.LineGeometry: QT_TRANSLATE_NOOP("core", "lines"),
    QgsWkbTypes.GeometryType.PolygonGeometry: QT_TRANSLATE_NOOP("core", "polygons"),
    QgsWkbTypes.GeometryType.NullGeometry: QT_TRANSLATE_NOOP("core", "no geometry"),
}


def check_numbers(algorithm, parameters: dict) -> None:
    """Every number parameter given is finite and within its definition's range (NaN and infinity
    pass Processing's own range check: every comparison with NaN is false)."""
    for definition in algorithm.parameterDefinitions():
        if not isinstance(definition, QgsProcessingParameterNumber):
            continue
        value = parameters.get(definition.name())
        if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue  # an expression or a property: Processing evaluates and checks it
        where = {"parameter": definition.name(), "description": definition.description(), "value": f"{number:g}"}
        if not math.isfinite(number):
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "{parameter} ({description}) must be a finite number (got {value})."), **where)
            )
        low, high = definition.minimum(), definition.maximum()
        integer = definition.dataType() == QgsProcessingParameterNumber.Type.Integer
        if not low <= number <= high or (integer and number != int(number)):
            if high < 1e300:
                template = (
                    QT_TRANSLATE_NOOP("core", "{parameter} ({description}) must be a whole number from {low:g} to {high:g} (got {value}).")
                    if integer
                    else QT_TRANSLATE_NOOP("core", "{parameter} ({description}) must be from {low:g} to {high:g} (got {value}).")
                )
            else:
                template = (
                    QT_TRANSLATE_NOOP("core", "{parameter} ({description}) must be a whole number of at least {low:g} (got {value}).")
                    if integer
                    else QT_TRANSLATE_NOOP("core", "{parameter} ({description}) must be at least {low:g} (got {value}).")
                )
            raise InputError(Msg(template, low=low, high=high, **where))


def check_geometry_types(algorithm, parameters: dict, context) -> None:
    """Every layer given to a point, line or polygon parameter holds that kind of geometry: a polygon
    layer given as nests, or nests given as roads, would run and give a wrong answer. A layer of
    geometry collections (which QGIS 3.22 gives no CRS) is refused for every parameter, naming
    what the parameter needs."""
    from .geometry_io import collection_error
    from .layer_io import layer_name

    for definition in algorithm.parameterDefinitions():
        kinds = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)
        if not isinstance(definition, kinds) or parameters.get(definition.name()) is None:
            continue
        allowed = {_GEOMETRY_OF_TYPE[t] for t in definition.dataTypes() if t in _GEOMETRY_OF_TYPE}
        if len(allowed) != len(definition.dataTypes()):
            allowed = set()  # any geometry
        if isinstance(definition, QgsProcessingParameterFeatureSource):
            source = algorithm.parameterAsSource(parameters, definition.name(), context)
        else:
            source = algorithm.parameterAsVectorLayer(parameters, definition.name(), context)
        if source is None:
            continue  # Processing names a layer it cannot load
        found = QgsWkbTypes.geometryType(source.wkbType())
        name = layer_name(algorithm, parameters, definition.name(), context)
        expected = Msg(_GEOMETRY_NAMES[next(iter(allowed))]) if len(allowed) == 1 else None
        if found == QgsWkbTypes.GeometryType.UnknownGeometry:
            raise collection_error(name, source.wkbType(), expected)
        if not allowed or found in allowed:
            continue
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Layer '{layer}' given as {parameter} ({description}) holds {found}; {parameter} needs {expected}."),
                layer=name,
                parameter=definition.name(),
                description=definition.description(),
                found=Msg(_GEOMETRY_NAMES.get(found, QT_TRANSLATE_NOOP("core", "no geometry"))),
                expected=expected,
            )
        )
