"""The shared base of every RIFA Zoning algorithm (after QGIS's ``QgisAlgorithm``).

A concrete algorithm defines ``name``, ``displayName``, ``group_key``, ``help_text``,
``initAlgorithm`` and ``compute``. (Not ``run``: that would hide ``QgsProcessingAlgorithm.run``,
which ``processing.run`` calls, and every Python caller would fail with a TypeError.) The base owns translation, grouping, the icon, the shapely check
and turning ``core`` errors into ``QgsProcessingException`` with a translated message.

Convention for outputs: compute everything first, create and fill the sinks last. Every output
that names a file is written to a part beside its target and moved into place only when the
whole run is complete and every part reads back with all its features (``StagedOutputs`` in
``processing/outputs.py``): a cancel, an error, a full disk, a locked file or a SIGTERM/SIGINT
(which cancel the run) leave every file as it was before the run. An output that would write
over an input (or over another output) is refused before any work.

Records (处理记录, 第五章 八): when the project the algorithm runs in names a records GeoPackage
(project variable ``rifa_records_gpkg``, see ``tools/records.py``), every successful run is
appended to it (action ``rifa:<name>``, parameters, :meth:`RifaAlgorithm.record_summary`). The
log is checked for writing *before* the run, so a locked file stops the run before any output
is made; a project without the variable logs nothing (e.g. ``qgis_process`` without a project).
"""

from __future__ import annotations

import math
import re
import signal
import threading
import traceback
import warnings

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..core.errors import QT_TRANSLATE_NOOP, Canceled, InputError, Msg, RifaError
from ..core.feedback import Feedback
from ..core.profile import load_profile
from ..paths import ICON
from ..tools.dependencies import shapely_problem
from ..tools.i18n import current_language, message_text  # message_text: also imported from here (its old home)
from ..tools.log import logger
from ..tools.records import TABLE as RECORDS_TABLE
from ..tools.records import describe_parameters, project_log
from .outputs import StagedOutputs, checked_destinations, refuse_overwriting_inputs

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


def _labels_for_names(text: str, definitions) -> str:
    """``text`` with each parameter name (``ROADS``) written as its label (「道路」); the English help
    keeps the names, which scripts and ``qgis_process`` users type."""
    labels = {d.name(): d.description() for d in definitions}
    if not labels:
        return text
    pattern = re.compile(r"(?<![A-Za-z_])(" + "|".join(sorted(map(re.escape, labels), key=len, reverse=True)) + r")(?![A-Za-z_])")
    return pattern.sub(lambda m: f"「{labels[m.group(1)]}」", text)


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


class _StopOnSignals:
    """SIGTERM and SIGINT cancel the run (as the Cancel button does) while it lasts, so the
    outputs' parts are deleted and nothing is left half-written; the previous handlers come back
    after. Only in the main thread (``qgis_process``): a background task has no signals."""

    def __init__(self, feedback: QgsProcessingFeedback):
        self.feedback = feedback
        self.received: int | None = None
        self.previous: dict = {}

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGTERM, signal.SIGINT):
                try:
                    self.previous[number] = signal.signal(number, self._stop)
                except (ValueError, OSError):  # not allowed here
                    pass
        return self

    def _stop(self, number, frame) -> None:
        self.received = number
        self.feedback.cancel()

    def __exit__(self, *exc) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def _store_as_file(algorithm, parameters: dict) -> dict:
    """``parameters`` for QGIS's own check: a file parameter (the case GeoPackage) naming a shared
    PostgreSQL store (``service=…``, a QGIS connection name) has no file extension to check."""
    from ..tools.store_postgres import is_postgres

    checked = dict(parameters or {})
    for definition in algorithm.parameterDefinitions():
        value = checked.get(definition.name())
        if definition.type() == "file" and isinstance(value, str) and is_postgres(value):
            checked[definition.name()] = "store." + (definition.extension() or "gpkg")
    return checked


class RifaAlgorithm(QgsProcessingAlgorithm):
    """Subclasses implement :meth:`compute` (the computation) and the identity methods."""

    group_key = "zoning"
    needs_shapely = True
    recorded = True  # successful runs go to the project's records log
    _staged: StagedOutputs | None = None

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
        text = self.help_text()
        if current_language() == "zh":  # a Chinese reader knows a parameter by its label, not BARRIERS
            text = _labels_for_names(text, self.parameterDefinitions())
        return text

    def help_text(self) -> str:
        return ""

    # -- parameters and outputs several algorithms share
    PROFILE = "PROFILE"

    def add_profile_parameter(self, description: str) -> None:
        """The optional rule profile (a JSON file; left empty: the default profile, Putian 2006)."""
        self.addParameter(QgsProcessingParameterFile(self.PROFILE, description, extension="json", optional=True))

    def profile_parameter(self, parameters, context):
        """The rule profile of a run: the file given as PROFILE, else the default profile."""
        return load_profile(self.parameterAsFile(parameters, self.PROFILE, context) or None)

    def is_given(self, parameters, name: str) -> bool:
        """Whether an optional parameter was given: not left out, None or blank (scripts and
        ``qgis_process`` leave it out; the dialog gives "")."""
        value = parameters.get(name)
        return value is not None and not (isinstance(value, str) and not value.strip())

    def write_features(self, parameters, name: str, context, fields, rows, wkb_type=QgsWkbTypes.Type.NoGeometry,
                       crs=None, geometries=None) -> str:
        """Create the feature output ``name`` and add one feature per row of attributes (with the
        geometry of the same index in ``geometries``, when given); returns its destination."""
        sink, destination = self.create_sink(parameters, name, context, fields, wkb_type, crs)
        for index, attributes in enumerate(rows):
            feature = QgsFeature(fields)
            if geometries is not None:
                feature.setGeometry(geometries[index])
            feature.setAttributes(list(attributes))
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        return destination

    def create_sink(self, parameters, name: str, context, fields, wkb_type, crs=None):
        """``(sink, destination)`` of the feature output ``name``; a sink that cannot be made stops
        the run, naming the output."""
        sink, destination = self.parameterAsSink(
            parameters, name, context, fields, wkb_type, crs if crs is not None else QgsCoordinateReferenceSystem()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, destination

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
        return super().checkParameterValues(_store_as_file(self, parameters), context)

    def processAlgorithm(self, parameters, context, feedback):
        if self.needs_shapely:
            problem = shapely_problem()
            if problem:
                raise QgsProcessingException(problem)
        core_feedback = ProcessingFeedbackAdapter(feedback)
        staged = self._staged = StagedOutputs()
        stop = _StopOnSignals(feedback)
        try:
            with stop:
                # every output that cannot be written, or would write over an input, stops the run before
                # any work (and any output)
                parameters = checked_destinations(self, parameters)
                check_numbers(self, parameters)
                check_geometry_types(self, parameters, context)
                records = project_log(context.project() if context is not None else None) if self.recorded else None
                records_input = [(_tr_base("Records log"), records.path, RECORDS_TABLE)] if records is not None else []
                refuse_overwriting_inputs(self, parameters, context, records_input)
                if records is not None and records.check_writable():
                    feedback.pushInfo(_tr_base("Started a new records log at {path} (there was none).").format(
                        path=records.path))
                results = self.compute(staged.stage_parameters(self, parameters), context, feedback, core_feedback)
                staged.commit(feedback)
                if records is not None:  # the parameters as given: the targets, not the parts
                    self._record(records, parameters, context, results, feedback)
                return results
        except RifaError as error:  # Canceled included
            message = message_text(error.msg)
            if isinstance(error, Canceled) and stop.received is not None:
                message = _tr_base("Stopped by the signal {signal}: no output was written or replaced.").format(
                    signal=signal.Signals(stop.received).name
                )
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
        finally:
            staged.discard()  # the parts of a failed run (nothing once committed)
            self._staged = None
        # raised outside the except block so it carries no __context__ (and no frames)
        raise QgsProcessingException(message)

    def compute(self, parameters, context, feedback, core_feedback: Feedback) -> dict:
        raise NotImplementedError

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802 - QGIS API
        """As QGIS's, for a run in :meth:`processAlgorithm`: the sink writes the output's part and
        counts its features; the destination returned names the target (see ``StagedOutputs``)."""
        if self._staged is None:
            return super().parameterAsSink(parameters, name, context, *args, **kwargs)
        try:
            sink, destination = super().parameterAsSink(parameters, name, context, *args, **kwargs)
        except QgsProcessingException as error:  # the part could not be made (a full disk): name the target
            raise self._staged.sink_error(name, error) from None
        return self._staged.attach(name, sink, destination, context)

    def output_part(self, name: str, target) -> str:
        """Where a file output (not a layer) of this run is written before it is moved to ``target``."""
        return str(self._staged.file_part(name, target)) if self._staged is not None else str(target)

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
