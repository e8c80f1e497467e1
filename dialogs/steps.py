"""The steps of an outbreak case in the dock: zoning, grade, checkpoints, affected units, map, order;
and, after the first day, the case's declarations, lifting status, survey plans and reports.

Each step is one entry of :data:`STEPS`: the algorithm, the button text, a function giving every
parameter it can from the case (the layers and fields the technician picked once in the dock) and
the previous steps' outputs, and where its outputs go (named layers of the case GeoPackage beside
the project, or a file beside it). Adding a step is adding an entry. Parameter names come from the
algorithms' constants.

A step's *signature* is its filled input parameters plus the run times of the steps it reads and
the edits seen on its input layers: a step whose signature changed since its last run is stale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..core.errors import QT_TRANSLATE_NOOP
from ..processing.affected_units import AffectedUnitsAlgorithm as Affected
from ..processing.barrier_params import BARRIERS, CROSSING_WIDTH, CROSSINGS
from ..processing.checkpoints import CheckpointsAlgorithm as Checkpoints
from ..processing.declare_zones import DeclareZonesAlgorithm as Declare
from ..processing.delineate_zones import DelineateZonesAlgorithm as Zoning
from ..processing.lifting_status import LiftingStatusAlgorithm as Lifting
from ..processing.lockdown_map import LockdownMapAlgorithm as LockdownMap
from ..processing.lockdown_order import LockdownOrderAlgorithm as Order
from ..processing.outbreak_grade import OutbreakGradeAlgorithm as Grade
from ..processing.period_report import PeriodReportAlgorithm as Report
from ..processing.survey_plan import SurveyPlanAlgorithm as Survey
from ..tools.dependencies import docx_problem


@dataclass
class Case:
    """What the technician picked in the dock: layer ids ("" = none) and field names ("" = none)."""

    nests: str = ""
    admin: str = ""
    villages: str = ""
    barriers: list = field(default_factory=list)
    crossings: str = ""
    roads: str = ""
    fields: dict = field(default_factory=dict)  # role -> field name (county_code, date, road_name, …)
    grade: int = 0
    grade_text: str = ""  # the grade as the lockdown sheet prints it (二级)
    override: int = 0
    override_reason: str = ""
    gpkg: str = ""  # the case GeoPackage (zone versions, the steps' layers)
    remembered: dict = field(default_factory=dict)  # key of each step that ran -> the values typed in its dialog


@dataclass(frozen=True)
class Output:
    parameter: str
    table: str  # GeoPackage table, or the file name suffix of a file output (e.g. "lockdown_map.pdf")
    style: str = ""  # a kind of processing/styles.py applied after loading ("" = the algorithm's own)
    file: bool = False


@dataclass(frozen=True)
class Step:
    key: str
    algorithm: str
    text: str  # button text, translated where shown
    inputs: Callable[[Case, Callable[[str, str], str]], dict]  # (case, output of a previous step) -> parameters
    outputs: tuple[Output, ...]
    reads: tuple[str, ...] = ()  # keys of the steps whose outputs it uses
    remember: tuple[str, ...] = ()  # parameters the technician sets in the dialog, offered again next time
    problem: Callable[[], str | None] | None = None  # why it cannot run here (a missing package), else None
    unsigned: tuple[str, ...] = ()  # inputs left out of the signature (they follow its own runs)


def _zoning(case: Case, previous) -> dict:
    return {
        Zoning.NESTS: case.nests,
        Zoning.VILLAGES: case.villages,
        Zoning.VILLAGE_NAME_FIELD: case.fields.get("village_name", "") if case.villages else "",
        Zoning.DATE_FIELD: case.fields.get("date", ""),
        BARRIERS: list(case.barriers),
        CROSSINGS: case.crossings,
    }


def _grade(case: Case, previous) -> dict:
    names = case.fields
    return {
        Grade.NESTS: case.nests,
        Grade.ADMIN: case.admin,
        Grade.COUNTY_CODE_FIELD: names.get("county_code", ""),
        Grade.COUNTY_NAME_FIELD: names.get("county_name", ""),
        Grade.CITY_CODE_FIELD: names.get("city_code", ""),
        Grade.CITY_NAME_FIELD: names.get("city_name", ""),
        Grade.PROVINCE_FIELD: names.get("province", ""),
        Grade.OVERRIDE_GRADE: {0: 0, 2: 1, 1: 2}.get(case.override, 0),
        Grade.OVERRIDE_REASON: case.override_reason if case.override else "",
    }


def _checkpoints(case: Case, previous) -> dict:
    return {
        Checkpoints.ZONES: previous("zoning", Zoning.QUARANTINE_ZONES),
        Checkpoints.ROADS: case.roads,
        Checkpoints.ROAD_NAME_FIELD: case.fields.get("road_name", "") if case.roads else "",
        Checkpoints.ROAD_CLASS_FIELD: case.fields.get("road_class", "") if case.roads else "",
    }


def _affected(case: Case, previous) -> dict:
    return {
        Affected.ZONES: previous("zoning", Zoning.QUARANTINE_ZONES),
        Affected.UNITS: case.admin,
        Affected.UNIT_ID_FIELD: case.fields.get("county_code", ""),
        Affected.UNIT_NAME_FIELD: case.fields.get("county_name", ""),
    }


def _map(case: Case, previous) -> dict:
    return {
        LockdownMap.QUARANTINE: previous("zoning", Zoning.QUARANTINE_ZONES),
        LockdownMap.THREATENED: previous("zoning", Zoning.THREATENED_ZONES),
        LockdownMap.OCCURRENCE: previous("zoning", Zoning.OCCURRENCE_AREAS),
        LockdownMap.NESTS: case.nests,
        LockdownMap.CHECKPOINTS: previous("checkpoints", Checkpoints.OUTPUT),
        LockdownMap.UNITS: case.admin,
        LockdownMap.UNIT_ID_FIELD: case.fields.get("county_code", ""),
        LockdownMap.UNIT_NAME_FIELD: case.fields.get("county_name", ""),
        LockdownMap.BARRIERS: list(case.barriers),
        LockdownMap.ROADS: case.roads,
        LockdownMap.GRADE: case.grade_text,
    }


def _typed(case: Case, name: str, keys=("map",)) -> str:
    """What the technician typed for ``name`` in the first of the steps ``keys`` that has it."""
    for key in keys:
        value = case.remembered.get(key, {}).get(name, "")
        if value not in ("", None):
            return value
    return ""


def _order(case: Case, previous) -> dict:
    """The order names the zones, checkpoints and features of the map, with the map's number,
    authority and date (typed once, in the map's dialog) and the map itself as the annex."""
    return {
        Order.QUARANTINE: previous("zoning", Zoning.QUARANTINE_ZONES),
        Order.THREATENED: previous("zoning", Zoning.THREATENED_ZONES),
        Order.CHECKPOINTS: previous("checkpoints", Checkpoints.OUTPUT),
        Order.UNITS: case.admin,
        Order.ROADS: case.roads,
        Order.BARRIERS: list(case.barriers),
        Order.VILLAGES: case.villages,
        Order.GRADE: case.grade or "",
        Order.MAP: previous("map", LockdownMap.OUTPUT),
        Order.ORDER_NUMBER: _typed(case, LockdownMap.ORDER_NUMBER),
        Order.AUTHORITY: _typed(case, LockdownMap.AUTHORITY),
        Order.ISSUE_DATE: _typed(case, LockdownMap.ISSUE_DATE),
    }


def _declare(case: Case, previous) -> dict:
    """The zones of the last zoning run; the first declaration takes the order's number and date."""
    first = "declare" not in case.remembered  # the steps that ran are in ``remembered`` (maybe with nothing typed)
    return {
        Declare.CASE: case.gpkg,
        Declare.QUARANTINE: previous("zoning", Zoning.QUARANTINE_ZONES),
        Declare.THREATENED: previous("zoning", Zoning.THREATENED_ZONES),
        Declare.OCCURRENCE: previous("zoning", Zoning.OCCURRENCE_AREAS),
        Declare.ORDER_NUMBER: _typed(case, Order.ORDER_NUMBER, ("declare", "order", "map")),
        Declare.DECLARED_ON: _iso_date(_typed(case, Order.ISSUE_DATE, ("order", "map"))) if first else "",
    }


def _iso_date(text: str):
    """A typed ``2025-04-12`` as the date it is, else "" (the order's date may be any text)."""
    from qgis.PyQt.QtCore import QDate, Qt

    day = QDate.fromString(str(text).strip(), Qt.DateFormat.ISODate)
    return day if day.isValid() else ""


def _lifting(case: Case, previous) -> dict:
    return {
        Lifting.CASE: case.gpkg,
        Lifting.DETECTIONS: case.nests,
        Lifting.DATE_FIELD: case.fields.get("date", ""),
    }


def _survey(case: Case, previous) -> dict:
    return {Survey.ZONES: previous("zoning", Zoning.QUARANTINE_ZONES)}


def _report(case: Case, previous) -> dict:
    return {
        Report.CASE: case.gpkg,
        Report.DETECTIONS: case.nests,
        Report.DATE_FIELD: case.fields.get("date", ""),
        Report.VILLAGE_FIELD: case.fields.get("nest_village", ""),
        Report.COUNTIES: case.admin,
        Report.COUNTY_NAME_FIELD: case.fields.get("county_name", "") if case.admin else "",
        Report.GRADE: {3: 0, 2: 1, 1: 2}.get(case.grade, ""),
        Report.MONTHS_WITHOUT_DETECTION: _typed(case, Lifting.MONTHS_WITHOUT_DETECTION, ("lifting",)),
    }


STEPS: tuple[Step, ...] = (
    Step("zoning", "rifa:delineatezones", QT_TRANSLATE_NOOP("RifaZoning", "1. Zones…"), _zoning,
         (Output(Zoning.OCCURRENCE_AREAS, "occurrence_areas"), Output(Zoning.QUARANTINE_ZONES, "quarantine_zones", "quarantine"),
          Output(Zoning.THREATENED_ZONES, "threatened_zones"), Output(Zoning.OCCURRENCE_POINTS, "occurrence_points")),
         remember=(Zoning.OCCURRENCE_RADIUS, Zoning.QUARANTINE_RADIUS, Zoning.THREAT_EXTENSION, Zoning.GROUPING_DISTANCE,
                   Zoning.MIN_POINTS, CROSSING_WIDTH)),
    Step("grade", "rifa:outbreakgrade", QT_TRANSLATE_NOOP("RifaZoning", "2. Grade…"), _grade,
         (Output(Grade.OUTPUT, "outbreak_counties"),)),
    Step("checkpoints", "rifa:checkpoints", QT_TRANSLATE_NOOP("RifaZoning", "3. Checkpoints…"), _checkpoints,
         (Output(Checkpoints.OUTPUT, "checkpoints", "checkpoints"),), reads=("zoning",),
         remember=(Checkpoints.MERGE_DISTANCE,)),
    Step("affected", "rifa:affectedunits", QT_TRANSLATE_NOOP("RifaZoning", "4. Affected units…"), _affected,
         (Output(Affected.OUTPUT, "affected_units"),), reads=("zoning",)),
    Step("map", "rifa:lockdownmap", QT_TRANSLATE_NOOP("RifaZoning", "5. Lockdown map…"), _map,
         (Output(LockdownMap.OUTPUT, "lockdown_map.pdf", file=True),), reads=("zoning", "checkpoints"),
         remember=(LockdownMap.TITLE, LockdownMap.ORDER_NUMBER, LockdownMap.AUTHORITY, LockdownMap.ISSUE_DATE,
                   LockdownMap.PAPER, LockdownMap.ORIENTATION, LockdownMap.LANGUAGE)),
    Step("order", "rifa:lockdownorder", QT_TRANSLATE_NOOP("RifaZoning", "6. Lockdown order…"), _order,
         (Output(Order.OUTPUT, "lockdown_order.docx", file=True),), reads=("zoning", "checkpoints", "map"),
         remember=(Order.ORDER_NUMBER, Order.AUTHORITY, Order.ISSUE_DATE), problem=docx_problem),
)
# the case after the first day (README "The case after the first day"): its own group box in the dock
CASE_STEPS: tuple[Step, ...] = (
    Step("declare", "rifa:declarezones", QT_TRANSLATE_NOOP("RifaZoning", "Declare zones…"), _declare, (),
         reads=("zoning",), remember=(Declare.ORDER_NUMBER,),
         unsigned=(Declare.ORDER_NUMBER, Declare.DECLARED_ON)),
    Step("lifting", "rifa:liftingstatus", QT_TRANSLATE_NOOP("RifaZoning", "Lifting status…"), _lifting,
         (Output(Lifting.OUTPUT, "lifting_status"),), reads=("declare",),
         remember=(Lifting.MONTHS_WITHOUT_DETECTION, Lifting.SURVEYS, Lifting.SURVEY_DATE_FIELD)),
    Step("survey", "rifa:surveyplan", QT_TRANSLATE_NOOP("RifaZoning", "Survey plan…"), _survey,
         (Output(Survey.OUTPUT, "survey_points"), Output(Survey.FIELD_PACKAGE, "field_package.gpkg", file=True)),
         reads=("zoning",), remember=(Survey.SPACING,)),
    Step("report", "rifa:periodreport", QT_TRANSLATE_NOOP("RifaZoning", "Weekly or monthly report…"), _report,
         (Output(Report.OUTPUT, "period_report.docx", file=True),), reads=("declare",),
         remember=(Report.PERIOD, Report.LANGUAGE, Report.SURVEYS, Report.SURVEY_DATE_FIELD)),
)
ALL_STEPS = STEPS + CASE_STEPS
STEP_BY_KEY = {step.key: step for step in ALL_STEPS}


def table_destination(gpkg: str | Path, table: str) -> str:
    """A Processing destination: layer ``table`` of the GeoPackage ``gpkg`` (created if needed)."""
    return f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"


def case_gpkg_path(project_file: str) -> Path | None:
    """``<project>_rifa_case.gpkg`` beside the project file; None for an unsaved project."""
    if not project_file:
        return None
    path = Path(project_file)
    return path.with_name(f"{path.stem}_rifa_case.gpkg")


def output_values(step: Step, gpkg: Path) -> dict:
    """The destinations of ``step``'s outputs in the case GeoPackage (files beside it)."""
    values = {}
    for output in step.outputs:
        if output.file:
            values[output.parameter] = str(gpkg.with_name(gpkg.stem.removesuffix("_rifa_case") + "_" + output.table))
        else:
            values[output.parameter] = table_destination(gpkg, output.table)
    return values


def signature(parameters: dict, upstream: dict, edits: dict) -> str:
    """What a step's result depends on, as one comparable text."""
    return json.dumps({"parameters": parameters, "upstream": upstream, "edits": edits}, sort_keys=True, default=str)
