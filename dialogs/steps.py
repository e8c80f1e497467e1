"""The steps of an outbreak case in the dock: zoning, grade, checkpoints, affected units, map.

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
from ..processing.delineate_zones import DelineateZonesAlgorithm as Zoning
from ..processing.lockdown_map import LockdownMapAlgorithm as LockdownMap
from ..processing.outbreak_grade import OutbreakGradeAlgorithm as Grade


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
)
STEP_BY_KEY = {step.key: step for step in STEPS}


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
