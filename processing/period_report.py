"""``rifa:periodreport``: the weekly handling report and the monthly summary of the case as .docx
(第三章 一(二)2 and (二)4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QDate

from ..core.errors import QT_TRANSLATE_NOOP
from ..core.profile import MAX_GROUPING_DISTANCE, MAX_MONTHS_WITHOUT_DETECTION, load_profile
from ..tools.store_postgres import display_name, is_postgres
from .base import RifaAlgorithm
from .layer_io import layer_name
from .sheet_texts import SHEET_LANGUAGE_NAMES, SHEET_LANGUAGES

PERIODS = ("weekly", "monthly")
# where the Outbreak response dock keeps its state in the project (dialogs/response_dock.py)
DOCK_SCOPE, DOCK_KEY = "rifa_zoning", "response/"
GRADES = (3, 2, 1)

# Words of the report, in the report's language (LANGUAGE; default Chinese, the language of the
# offices it goes to), translated by tools.i18n.SheetLanguage like the lockdown map.
WORDS = {
    "title_weekly": QT_TRANSLATE_NOOP("LockdownSheet", "Weekly report on the handling of the red imported fire ant outbreak"),
    "title_monthly": QT_TRANSLATE_NOOP("LockdownSheet", "Monthly summary of the red imported fire ant outbreak"),
    "basis_weekly": QT_TRANSLATE_NOOP(
        "LockdownSheet",
        "Eradication, lockdown, disinfection, monitoring and quarantine, reported every week to the city and "
        "provincial headquarters plant offices (chapter 3, section 1(2)2).",
    ),
    "basis_monthly": QT_TRANSLATE_NOOP(
        "LockdownSheet",
        "Summary of the month, reported before the 1st of the next month to the city and provincial headquarters "
        "plant offices (chapter 3, section 1(2)4).",
    ),
    "period": QT_TRANSLATE_NOOP("LockdownSheet", "Period: {start} to {end}"),
    "made": QT_TRANSLATE_NOOP("LockdownSheet", "Case: {case}. Rule profile: {profile}. Prepared on {date}."),
    "summary": QT_TRANSLATE_NOOP("LockdownSheet", "Summary"),
    "item": QT_TRANSLATE_NOOP("LockdownSheet", "Item"),
    "value": QT_TRANSLATE_NOOP("LockdownSheet", "Value"),
    "n_detections": QT_TRANSLATE_NOOP("LockdownSheet", "New detections"),
    "n_points": QT_TRANSLATE_NOOP("LockdownSheet", "New occurrence points"),
    "n_changed": QT_TRANSLATE_NOOP("LockdownSheet", "Zones changed"),
    "area_q": QT_TRANSLATE_NOOP("LockdownSheet", "Quarantine zones in force (km²)"),
    "area_t": QT_TRANSLATE_NOOP("LockdownSheet", "Threatened zones in force (km²)"),
    "by_place": QT_TRANSLATE_NOOP("LockdownSheet", "New detections by county and village"),
    "county": QT_TRANSLATE_NOOP("LockdownSheet", "County"),
    "village": QT_TRANSLATE_NOOP("LockdownSheet", "Village"),
    "detections": QT_TRANSLATE_NOOP("LockdownSheet", "Detections"),
    "first": QT_TRANSLATE_NOOP("LockdownSheet", "First found"),
    "last": QT_TRANSLATE_NOOP("LockdownSheet", "Last found"),
    "none": QT_TRANSLATE_NOOP("LockdownSheet", "None."),
    "new_points": QT_TRANSLATE_NOOP("LockdownSheet", "New occurrence points"),
    "no_village": QT_TRANSLATE_NOOP("LockdownSheet", "(no village name)"),
    "changes": QT_TRANSLATE_NOOP("LockdownSheet", "Zone changes"),
    "zone": QT_TRANSLATE_NOOP("LockdownSheet", "Zone"),
    "version": QT_TRANSLATE_NOOP("LockdownSheet", "Version"),
    "from": QT_TRANSLATE_NOOP("LockdownSheet", "In force from"),
    "order": QT_TRANSLATE_NOOP("LockdownSheet", "Order number"),
    "change": QT_TRANSLATE_NOOP("LockdownSheet", "Change"),
    "added": QT_TRANSLATE_NOOP("LockdownSheet", "Added (km²)"),
    "removed": QT_TRANSLATE_NOOP("LockdownSheet", "Removed (km²)"),
    "area": QT_TRANSLATE_NOOP("LockdownSheet", "Area (km²)"),
    "in_force": QT_TRANSLATE_NOOP("LockdownSheet", "Zones in force on {date}"),
    "new": QT_TRANSLATE_NOOP("LockdownSheet", "new"),
    "revised": QT_TRANSLATE_NOOP("LockdownSheet", "revised"),
    "unchanged": QT_TRANSLATE_NOOP("LockdownSheet", "unchanged"),
    "lifted": QT_TRANSLATE_NOOP("LockdownSheet", "lifted"),
    "measures": QT_TRANSLATE_NOOP("LockdownSheet", "Measures (checklist of the Outbreak response panel)"),
    "no_checklist": QT_TRANSLATE_NOOP(
        "LockdownSheet", "No checklist in the project: the Outbreak response panel keeps it (T0 and the items ticked)."
    ),
    "measure": QT_TRANSLATE_NOOP("LockdownSheet", "Measure"),
    "citation": QT_TRANSLATE_NOOP("LockdownSheet", "Plan section"),
    "due": QT_TRANSLATE_NOOP("LockdownSheet", "Due"),
    "state": QT_TRANSLATE_NOOP("LockdownSheet", "State"),
    "done_at": QT_TRANSLATE_NOOP("LockdownSheet", "done {time}"),
    "overdue": QT_TRANSLATE_NOOP("LockdownSheet", "overdue"),
    "surveys": QT_TRANSLATE_NOOP("LockdownSheet", "Surveys"),
    "surveys_done": QT_TRANSLATE_NOOP(
        "LockdownSheet", "Surveys in the period: {total} ({negative} negative, {positive} positive)."
    ),
    "no_surveys": QT_TRANSLATE_NOOP("LockdownSheet", "No survey layer was given."),
    "lifting": QT_TRANSLATE_NOOP("LockdownSheet", "Lifting status on {date} (chapter 5, section 6)"),
    "months": QT_TRANSLATE_NOOP("LockdownSheet", "Months without detection before lifting: {months}."),
    "no_months": QT_TRANSLATE_NOOP(
        "LockdownSheet", "The rule profile names no number of months without detection: no eligible dates are shown."
    ),
    "last_detection": QT_TRANSLATE_NOOP("LockdownSheet", "Last detection"),
    "months_clean": QT_TRANSLATE_NOOP("LockdownSheet", "Months without detection"),
    "eligible_from": QT_TRANSLATE_NOOP("LockdownSheet", "May be lifted from"),
    "negative_since": QT_TRANSLATE_NOOP("LockdownSheet", "Negative surveys since"),
    "status": QT_TRANSLATE_NOOP("LockdownSheet", "Status"),
    "active": QT_TRANSLATE_NOOP("LockdownSheet", "in force"),
    "eligible": QT_TRANSLATE_NOOP("LockdownSheet", "may be lifted"),
    "totals": QT_TRANSLATE_NOOP(
        "LockdownSheet", "Totals of the month for the city and provincial headquarters plant offices (chapter 3, section 1(2)4)"
    ),
    "to_date": QT_TRANSLATE_NOOP("LockdownSheet", "Detections to date"),
    "points_to_date": QT_TRANSLATE_NOOP("LockdownSheet", "Occurrence points to date"),
    "counties_to_date": QT_TRANSLATE_NOOP("LockdownSheet", "Counties with detections to date"),
    "zones_in_force": QT_TRANSLATE_NOOP("LockdownSheet", "Zones in force"),
    "area_o": QT_TRANSLATE_NOOP("LockdownSheet", "Occurrence areas in force (km²)"),
    "footer": QT_TRANSLATE_NOOP(
        "LockdownSheet",
        "Internal working document. Every report also goes to the same-level government (chapter 3, section 1(2)5).",
    ),
    "occurrence": QT_TRANSLATE_NOOP("LockdownSheet", "Occurrence area"),
    "quarantine": QT_TRANSLATE_NOOP("LockdownSheet", "Quarantine zone"),
    "threatened": QT_TRANSLATE_NOOP("LockdownSheet", "Threatened zone"),
}


def checklist_state(project):
    """(T0, {item: done_at}) the Outbreak response panel saved in ``project``, or None."""
    import json

    from ..core.occurrence import parse_date

    if project is None:
        return None
    t0_text, ok = project.readEntry(DOCK_SCOPE, DOCK_KEY + "t0", "")
    if not ok or not t0_text:
        return None
    try:
        t0 = dt.datetime.fromisoformat(t0_text)
        state = json.loads(project.readEntry(DOCK_SCOPE, DOCK_KEY + "checklist", "{}")[0] or "{}")
    except ValueError:
        return None
    done = {}
    for item, entry in state.items():
        try:
            stamp = parse_date(entry.get("done_at", ""))
        except (ValueError, AttributeError):
            stamp = None
        if isinstance(stamp, dt.datetime):
            done[item] = stamp
    return t0, done


class PeriodReportAlgorithm(RifaAlgorithm):
    FILE_TABLES = {"CASE": ("zone_versions",)}  # the case is read for its versions only (processing/outputs.py)
    CASE = "CASE"
    DETECTIONS = "DETECTIONS"
    DATE_FIELD = "DATE_FIELD"
    VILLAGE_FIELD = "VILLAGE_FIELD"
    COUNTIES = "COUNTIES"
    COUNTY_NAME_FIELD = "COUNTY_NAME_FIELD"
    SURVEYS = "SURVEYS"
    SURVEY_DATE_FIELD = "SURVEY_DATE_FIELD"
    PERIOD = "PERIOD"
    PERIOD_END = "PERIOD_END"
    GROUPING_DISTANCE = "GROUPING_DISTANCE"
    MONTHS_WITHOUT_DETECTION = "MONTHS_WITHOUT_DETECTION"
    GRADE = "GRADE"
    PROFILE = "PROFILE"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"
    N_NEW_DETECTIONS = "N_NEW_DETECTIONS"  # outputs (numbers)
    N_NEW_OCCURRENCE_POINTS = "N_NEW_OCCURRENCE_POINTS"
    N_ZONES_CHANGED = "N_ZONES_CHANGED"
    AREA_QUARANTINE_KM2 = "AREA_QUARANTINE_KM2"

    group_key = "response"

    def name(self) -> str:
        return "periodreport"

    def displayName(self) -> str:
        return self.tr("Weekly or monthly report (.docx)")

    def help_text(self) -> str:
        return self.tr(
            "<p>Writes the report of a period of the case as a Word document: the weekly handling report "
            "(PERIOD 0: the 7 days ending on PERIOD_END; chapter 3, section 1(2)2) or the monthly summary "
            "(PERIOD 1: the calendar month containing PERIOD_END, due before the 1st of the next month; "
            "chapter 3, section 1(2)4).</p>"
            "<p>It lists the new detections by county (COUNTIES, optional) and village (VILLAGE_FIELD, optional), "
            "the new occurrence points (a village whose first detection lies in the period; detections without a "
            "village are grouped by GROUPING_DISTANCE), the zone changes and the zones in force from the case, the "
            "measures done and overdue from the checklist of the Outbreak response panel (saved in the project; "
            "GRADE chooses the grade's checklist), the surveys of the period (SURVEYS, optional) and the lifting "
            "status (chapter 5, section 6). The monthly report adds the month's totals for the city and provincial "
            "offices. Detections after PERIOD_END are not counted.</p>"
            "<p>Output values: N_NEW_DETECTIONS, N_NEW_OCCURRENCE_POINTS, N_ZONES_CHANGED (zones new, revised or "
            "lifted in the period), AREA_QUARANTINE_KM2 (quarantine zones in force on the last day). The report is "
            "in Chinese unless LANGUAGE = English.</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.CASE, self.tr("Case GeoPackage"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.DETECTIONS, self.tr("Detections (nests found)"), [QgsProcessing.SourceType.TypeVectorPoint])
        )
        self.addParameter(QgsProcessingParameterField(self.DATE_FIELD, self.tr("Detection date field"), parentLayerParameterName=self.DETECTIONS))
        self.addParameter(
            QgsProcessingParameterField(self.VILLAGE_FIELD, self.tr("Village field"), parentLayerParameterName=self.DETECTIONS, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.COUNTIES, self.tr("County-level units"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True)
        )
        self.addParameter(
            QgsProcessingParameterField(self.COUNTY_NAME_FIELD, self.tr("County name field"), parentLayerParameterName=self.COUNTIES, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.SURVEYS, self.tr("Survey results"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True)
        )
        self.addParameter(
            QgsProcessingParameterField(self.SURVEY_DATE_FIELD, self.tr("Survey date field"), parentLayerParameterName=self.SURVEYS, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(self.PERIOD, self.tr("Period"), [self.tr("Weekly (7 days ending on the period end)"), self.tr("Monthly (calendar month)")], defaultValue=0)
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                self.PERIOD_END, self.tr("Period end (default today)"), QgsProcessingParameterDateTime.Type.Date,
                defaultValue=QDate.currentDate(), optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterDistance(
                self.GROUPING_DISTANCE,
                self.tr("Grouping distance of detections without a village (0 to {most:g} m)").format(most=MAX_GROUPING_DISTANCE),
                defaultValue=500, minValue=0, maxValue=MAX_GROUPING_DISTANCE,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MONTHS_WITHOUT_DETECTION,
                self.tr("Months without detection before lifting (1 to {most}; empty: from the rule profile)").format(most=MAX_MONTHS_WITHOUT_DETECTION),
                QgsProcessingParameterNumber.Type.Integer, defaultValue=load_profile().months_without_detection(), optional=True, minValue=1,
                maxValue=MAX_MONTHS_WITHOUT_DETECTION,
            )
        )
        self.addParameter(QgsProcessingParameterEnum(self.GRADE, self.tr("Outbreak grade of the checklist"), ["III", "II", "I"], defaultValue=0))
        self.add_profile_parameter(self.tr("Rule profile (JSON; empty: Putian 2006)"))
        self.addParameter(QgsProcessingParameterEnum(self.LANGUAGE, self.tr("Report language"), SHEET_LANGUAGE_NAMES, defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Report"), self.tr("Word document (*.docx)")))
        for name, description in (
            (self.N_NEW_DETECTIONS, self.tr("New detections")),
            (self.N_NEW_OCCURRENCE_POINTS, self.tr("New occurrence points")),
            (self.N_ZONES_CHANGED, self.tr("Zones changed")),
            (self.AREA_QUARANTINE_KM2, self.tr("Quarantine zones in force (km²)")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, description))

    def compute(self, parameters, context, feedback, core_feedback):
        from ..core.report import period_report
        from ..tools.i18n import sheet_language
        from .case_store import CaseStore, case_path, date_parameter, read_dated_points
        from .docx_report import require_docx
        from .geometry_io import read_features
        from .lifting_status import case_frame
        from .outputs import check_writable

        require_docx()
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        check_writable(output, self.parameterDefinition(self.OUTPUT).description())
        profile = self.profile_parameter(parameters, context)
        months = (self.parameterAsInt(parameters, self.MONTHS_WITHOUT_DETECTION, context)
                  if self.is_given(parameters, self.MONTHS_WITHOUT_DETECTION) else profile.months_without_detection())
        period = PERIODS[self.parameterAsEnum(parameters, self.PERIOD, context)]
        end = date_parameter(self, parameters, self.PERIOD_END, context)
        path = case_path(self, parameters, self.CASE, context, must_exist=True)
        store = CaseStore(path)
        frame = case_frame(store, context)
        versions = store.read(frame, context)
        step = core_feedback.step(0, 60)
        detections = read_dated_points(
            self.parameterAsSource(parameters, self.DETECTIONS, context), frame,
            layer_name(self, parameters, self.DETECTIONS, context), self.parameterAsString(parameters, self.DATE_FIELD, context),
            step, context, village_field=self.parameterAsString(parameters, self.VILLAGE_FIELD, context),
        )
        surveys = None
        if self.is_given(parameters, self.SURVEYS):
            surveys = read_dated_points(
                self.parameterAsSource(parameters, self.SURVEYS, context), frame,
                layer_name(self, parameters, self.SURVEYS, context), self.parameterAsString(parameters, self.SURVEY_DATE_FIELD, context),
                step, context,
            )
        counties = []
        if self.is_given(parameters, self.COUNTIES):
            source = self.parameterAsSource(parameters, self.COUNTIES, context)
            name_field = self.parameterAsString(parameters, self.COUNTY_NAME_FIELD, context)
            index = source.fields().lookupField(name_field) if name_field else -1
            for item in read_features(source, frame, layer_name(self, parameters, self.COUNTIES, context), step, context):
                value = item.feature.attributes()[index] if index >= 0 else item.fid
                counties.append(("" if value is None else str(value), item.geometry))
        report = period_report(
            period, end, versions, detections, surveys or [], counties, months,
            self.parameterAsDouble(parameters, self.GROUPING_DISTANCE, context),
        )
        core_feedback.progress(70)
        language = SHEET_LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        grade = GRADES[self.parameterAsEnum(parameters, self.GRADE, context)]
        checklist = checklist_state(context.project() if context is not None else None)
        document = build_document(report, sheet_language(language).tr, language, profile, path, months, surveys is not None, checklist, grade)
        document.save(self.output_part(self.OUTPUT, output))  # moved into place when the run is complete
        return {
            self.OUTPUT: output,
            self.N_NEW_DETECTIONS: len(report.new_detections),
            self.N_NEW_OCCURRENCE_POINTS: len(report.new_occurrence_points),
            self.N_ZONES_CHANGED: report.n_zones_changed,
            self.AREA_QUARANTINE_KM2: round(report.area_km2("quarantine"), 6),
        }


def build_document(report, tr, language: str, profile, case: str, months, with_surveys: bool, checklist, grade: int):
    """The report as a python-docx Document; ``tr`` translates WORDS into the report language."""
    from .docx_report import new_document

    writer = ReportWriter(new_document(), tr)
    writer.title(report, profile, case)
    writer.summary(report)
    writer.detections(report)
    writer.zones(report)
    writer.measures(report, profile, checklist, grade, "zh" if language.startswith("zh") else "en")
    writer.surveys(report, with_surveys)
    writer.lifting(report, months)
    if report.period == "monthly":
        writer.totals(report)
    writer.document.add_paragraph(writer.word("footer"))
    return writer.document


class ReportWriter:
    """Writes the sections of the period report into ``document``, in the words of ``tr``."""

    def __init__(self, document, tr):
        self.document = document
        self.tr = tr

    def word(self, key, **params) -> str:
        return self.tr(WORDS[key]).format(**params) if params else self.tr(WORDS[key])

    def zone(self, zone_type: str, zone_id) -> str:
        return f"{self.word(zone_type) if zone_type in WORDS else zone_type} {zone_id}"

    @staticmethod
    def km2(value) -> str:
        return f"{value:.2f}"

    def table(self, headers: list[str], rows: list, empty: str = "") -> None:
        """A table with the words ``headers`` as its header; the word ``empty`` when it has no rows."""
        from .docx_report import add_table

        add_table(self.document, [self.word(h) for h in headers], rows, self.word(empty) if empty else "")

    def title(self, report, profile, case: str) -> None:
        word = self.word
        self.document.add_heading(word("title_" + report.period), level=0)
        self.document.add_paragraph(word("basis_" + report.period))
        self.document.add_paragraph(word("period", start=report.start.isoformat(), end=report.end.isoformat()))
        shown = display_name(case) if is_postgres(case) else Path(case).name  # never a database password
        self.document.add_paragraph(word("made", case=shown, profile=profile.label, date=dt.date.today().isoformat()))

    def summary(self, report) -> None:
        word = self.word
        self.document.add_heading(word("summary"), level=1)
        self.table(["item", "value"], [
            [word("n_detections"), len(report.new_detections)],
            [word("n_points"), len(report.new_occurrence_points)],
            [word("n_changed"), report.n_zones_changed],
            [word("area_q"), self.km2(report.area_km2("quarantine"))],
            [word("area_t"), self.km2(report.area_km2("threatened"))],
        ])

    def detections(self, report) -> None:
        """The new detections by county and village, and the new occurrence points."""
        word = self.word
        self.document.add_heading(word("by_place"), level=1)
        self.table(
            ["county", "village", "detections", "first", "last"],
            [[p.county or "—", p.village or word("no_village"), p.count, p.first.isoformat(), p.last.isoformat()]
             for p in report.by_place],
            "none",
        )
        self.document.add_heading(word("new_points"), level=1)
        self.table(
            ["county", "village", "detections", "first"],
            [[p.county or "—", p.village or word("no_village"), p.count, p.first.isoformat()] for p in report.new_occurrence_points],
            "none",
        )

    def zones(self, report) -> None:
        """The zone versions declared in the period, and the zones in force at its end."""
        word, km2 = self.word, self.km2
        self.document.add_heading(word("changes"), level=1)
        self.table(
            ["zone", "version", "from", "order", "change", "added", "removed"],
            [[self.zone(v.zone_type, v.zone_id), v.version, v.valid_from.isoformat(), v.order_number, word(v.change),
              km2(v.added_km2), km2(v.removed_km2)] for v in report.zone_changes],
            "none",
        )
        self.document.add_heading(word("in_force", date=report.end.isoformat()), level=1)
        self.table(
            ["zone", "version", "from", "order", "area"],
            [[self.zone(v.zone_type, v.zone_id), v.version, v.valid_from.isoformat(), v.order_number, km2(v.area_km2)]
             for v in report.in_force],
            "none",
        )

    def measures(self, report, profile, checklist, grade: int, lang: str) -> None:
        """The measures of the checklist done in the period or overdue at its end."""
        from ..core.checklist import build_checklist, is_overdue

        word = self.word
        self.document.add_heading(word("measures"), level=1)
        if checklist is None:
            self.document.add_paragraph(word("no_checklist"))
            return
        t0, done = checklist
        moment = dt.datetime.combine(report.end, dt.time(23, 59, 59))
        rows = []
        for entry in build_checklist(profile, grade, t0, moment):
            done_at = done.get(entry.id)
            done_at = done_at if done_at is not None and done_at <= moment else None
            if is_overdue(entry, done_at, moment, t0):
                state = word("overdue")
            elif done_at is not None:  # a recurring report: the latest one, also when its period is over
                state = word("done_at", time=done_at.strftime("%Y-%m-%d %H:%M"))
            else:
                continue  # not done and not due yet
            due = entry.due.strftime("%Y-%m-%d %H:%M") if entry.due else entry.text("due_text", lang)
            rows.append([entry.text("title", lang), entry.citation, due, state])
        self.table(["measure", "citation", "due", "state"], rows, "none")

    def surveys(self, report, with_surveys: bool) -> None:
        word = self.word
        self.document.add_heading(word("surveys"), level=1)
        if with_surveys:
            counts = report.surveys
            self.document.add_paragraph(word("surveys_done", total=sum(counts.values()), negative=counts.get("negative", 0),
                                             positive=counts.get("positive", 0)))
        else:
            self.document.add_paragraph(word("no_surveys"))

    def lifting(self, report, months) -> None:
        """The lifting status of every zone at the end of the period."""
        word = self.word
        self.document.add_heading(word("lifting", date=report.end.isoformat()), level=1)
        self.document.add_paragraph(word("months", months=months) if months is not None else word("no_months"))
        self.table(
            ["zone", "last_detection", "months_clean", "eligible_from", "negative_since", "status"],
            [[self.zone(r.zone_type, r.zone_id),
              r.last_detection.isoformat() if r.last_detection else "—", r.months_clean if r.status != "lifted" else "—",
              r.eligible_from.isoformat() if r.eligible_from else "—", r.surveys_since_last_detection if r.status != "lifted" else "—",
              word(r.status)] for r in report.lifting],
            "none",
        )

    def totals(self, report) -> None:
        """The monthly summary's totals to date."""
        word, km2 = self.word, self.km2
        totals = report.totals
        self.document.add_heading(word("totals"), level=1)
        self.table(["item", "value"], [
            [word("n_detections"), len(report.new_detections)],
            [word("to_date"), totals["detections_to_date"]],
            [word("n_points"), len(report.new_occurrence_points)],
            [word("points_to_date"), totals["occurrence_points_to_date"]],
            [word("counties_to_date"), totals["counties_to_date"]],
            [word("zones_in_force"), totals["zones_in_force"]],
            [word("area_q"), km2(totals["quarantine_km2"])],
            [word("area_t"), km2(totals["threatened_km2"])],
            [word("area_o"), km2(totals["occurrence_km2"])],
        ])
