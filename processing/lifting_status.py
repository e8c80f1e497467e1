"""``rifa:liftingstatus``: how long each zone of the case has been without detection (第五章 六)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QDate

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..core.profile import MAX_MONTHS_WITHOUT_DETECTION, load_profile
from . import compat
from .base import RifaAlgorithm
from .layer_io import layer_name, make_fields

STATUS_FIELDS = (
    ("zone_type", compat.STRING), ("zone_id", compat.STRING), ("version", compat.INT),
    ("last_detection", compat.DATE), ("months_clean", compat.INT), ("eligible_from", compat.DATE),
    ("surveys_since_last_detection", compat.INT), ("status", compat.STRING), ("months_required", compat.INT),
    ("profile", compat.STRING),
)


def months_required(profile, given: int | None, parameter: str = "MONTHS_WITHOUT_DETECTION") -> int:
    """The months a zone must stay without detection: the parameter, else the profile's number."""
    if given is not None:
        return given
    months = profile.months_without_detection()
    if months is None:
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The rule profile {profile} names no period without detection before lifting ({citation}): "
                    "set {parameter} (calendar months).",
                ),
                profile=profile.label,
                citation=profile.section_citation("lifting") or "",
                parameter=parameter,
            )
        )
    return months


def case_frame(store, context):
    """The equal-area frame of a case: centred on its zones."""
    from .affected_units import equal_area_frame

    layer = store.layer()
    return equal_area_frame(layer.crs(), layer.extent(), store.path, context)


def status_rows(algorithm, parameters, context, core_feedback, names: dict, months: int | None):
    """(rows of ``core.case.lifting_status``, versions, frame) for the case and layers named in ``names``
    (keys CASE, DETECTIONS, DATE_FIELD, SURVEYS, SURVEY_DATE_FIELD, AS_OF)."""
    from ..core.case import lifting_status
    from .case_store import CaseStore, case_path, date_parameter, read_dated_points

    store = CaseStore(case_path(algorithm, parameters, names["CASE"], context, must_exist=True))
    as_of = date_parameter(algorithm, parameters, names["AS_OF"], context)
    frame = case_frame(store, context)
    versions = store.read(frame, context)
    detections_source = algorithm.parameterAsSource(parameters, names["DETECTIONS"], context)
    detections = read_dated_points(
        detections_source, frame, layer_name(algorithm, parameters, names["DETECTIONS"], context),
        algorithm.parameterAsString(parameters, names["DATE_FIELD"], context), core_feedback, context,
    )
    surveys = []
    if names.get("SURVEYS") and algorithm.is_given(parameters, names["SURVEYS"]):
        surveys_source = algorithm.parameterAsSource(parameters, names["SURVEYS"], context)
        surveys = read_dated_points(
            surveys_source, frame, layer_name(algorithm, parameters, names["SURVEYS"], context),
            algorithm.parameterAsString(parameters, names["SURVEY_DATE_FIELD"], context), core_feedback, context,
            only_negative=True,
        )
    later = sum(1 for d in detections if d.day > as_of)
    if later:
        core_feedback.info(
            Msg(QT_TRANSLATE_NOOP("core", "{count} detection(s) after {date} are not counted."), count=later, date=as_of.isoformat())
        )
    return lifting_status(versions, detections, surveys, as_of, months), versions, as_of


class LiftingStatusAlgorithm(RifaAlgorithm):
    FILE_TABLES = {"CASE": ("zone_versions",)}  # the case is read for its versions only (processing/outputs.py)
    CASE = "CASE"
    DETECTIONS = "DETECTIONS"
    DATE_FIELD = "DATE_FIELD"
    SURVEYS = "SURVEYS"
    SURVEY_DATE_FIELD = "SURVEY_DATE_FIELD"
    AS_OF = "AS_OF"
    MONTHS_WITHOUT_DETECTION = "MONTHS_WITHOUT_DETECTION"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"

    group_key = "response"

    def name(self) -> str:
        return "liftingstatus"

    def displayName(self) -> str:
        return self.tr("Lifting status of the zones")

    def help_text(self) -> str:
        profile = load_profile()
        months = profile.months_without_detection()
        return self.tr(
            "<p>For every zone of the case: how long it has been without detection, and from when it may be "
            "lifted (chapter 5, section 6: after eradication and inspection the county government applies "
            "to lift the lockdown; the report on lifting: chapter 3, section 1(2)3). Zones are monitored "
            "meanwhile (chapter 5, section 4).</p>"
            "<p>A detection counts for the current version of every zone that contains it (a point on the "
            "boundary counts as inside). Detections after AS_OF are not counted; every detection needs a "
            "date. Without a detection inside, the clock starts at the zone's first declaration (a "
            "threatened zone, usually).</p>"
            "<p>eligible_from = last detection + MONTHS_WITHOUT_DETECTION calendar months; a day missing "
            "in the shorter month gives its last day (31 January + 1 month = 28 or 29 February). "
            "months_clean counts whole months to AS_OF. status: lifted (a declaration lifted the zone), "
            "eligible (AS_OF on or after eligible_from), else active. The number of months comes from the "
            "rule profile ({profile}: {months}); when the profile names none the parameter is required.</p>"
            "<p>SURVEYS: optional points of negative survey results (with a result field, only "
            "'negative' counts); surveys_since_last_detection counts those in the zone after the last "
            "detection.</p>"
        ).format(profile=profile.label, months=months if months is not None else self.tr("none (the plan names no number)"))

    def initAlgorithm(self, config=None):
        profile = load_profile()
        self.addParameter(QgsProcessingParameterFile(self.CASE, self.tr("Case GeoPackage"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.DETECTIONS, self.tr("Detections (nests found)"), [QgsProcessing.SourceType.TypeVectorPoint])
        )
        self.addParameter(QgsProcessingParameterField(self.DATE_FIELD, self.tr("Detection date field"), parentLayerParameterName=self.DETECTIONS))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SURVEYS, self.tr("Negative survey results"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(self.SURVEY_DATE_FIELD, self.tr("Survey date field"), parentLayerParameterName=self.SURVEYS, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                self.AS_OF, self.tr("As of (default today)"), QgsProcessingParameterDateTime.Type.Date,
                defaultValue=QDate.currentDate(), optional=True,
            )
        )
        months = profile.months_without_detection()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MONTHS_WITHOUT_DETECTION,
                self.tr("Months without detection before lifting (1 to {most}; empty: from the rule profile)").format(most=MAX_MONTHS_WITHOUT_DETECTION),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=months,
                optional=True,
                minValue=1,
                maxValue=MAX_MONTHS_WITHOUT_DETECTION,
            )
        )
        self.add_profile_parameter(self.tr("Rule profile (JSON; empty: Putian 2006)"))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Lifting status"), QgsProcessing.SourceType.TypeVector))
        for name, description in (("N_ACTIVE", self.tr("Active zones")), ("N_ELIGIBLE", self.tr("Zones eligible for lifting")), ("N_LIFTED", self.tr("Lifted zones"))):
            self.addOutput(QgsProcessingOutputNumber(name, description))

    def compute(self, parameters, context, feedback, core_feedback):
        profile = self.profile_parameter(parameters, context)
        given = (self.parameterAsInt(parameters, self.MONTHS_WITHOUT_DETECTION, context)
                 if self.is_given(parameters, self.MONTHS_WITHOUT_DETECTION) else None)
        months = months_required(profile, given)
        names = {k: k for k in ("CASE", "DETECTIONS", "DATE_FIELD", "SURVEYS", "SURVEY_DATE_FIELD", "AS_OF")}
        if self.is_given(parameters, self.SURVEYS) and not self.parameterAsString(parameters, self.SURVEY_DATE_FIELD, context):
            raise InputError(Msg(QT_TRANSLATE_NOOP("core", "Give the survey date field (SURVEY_DATE_FIELD) with the survey layer.")))
        rows, _versions, as_of = status_rows(self, parameters, context, core_feedback, names, months)

        dest_id = self.write_features(
            parameters, self.OUTPUT, context, make_fields(STATUS_FIELDS),
            [[row.zone_type, row.zone_id, row.version,
              QDate(row.last_detection) if row.last_detection else None,
              row.months_clean,
              QDate(row.eligible_from) if row.eligible_from else None,
              row.surveys_since_last_detection, row.status, months, profile.label] for row in rows],
        )
        counts = {status: sum(1 for r in rows if r.status == status) for status in ("active", "eligible", "lifted")}
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "Lifting status on {date} ({months} months without detection): {active} active, {eligible} eligible, {lifted} lifted zone(s)."),
                date=as_of.isoformat(), months=months, **counts,
            )
        )
        return {self.OUTPUT: dest_id, "N_ACTIVE": counts["active"], "N_ELIGIBLE": counts["eligible"], "N_LIFTED": counts["lifted"]}
