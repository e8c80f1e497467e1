"""Rule profiles: every number of the plan (radius ranges, 3-point rule, grade thresholds,
deadlines, the measures checklist) lives in a JSON file, never in code.

A bureau can load its own profile with different numbers without code changes; every result
records which profile made it (:attr:`RuleProfile.label`). The default profile is the Putian
emergency plan (莆政办[2006]2号), ``resources/profiles/putian_2006.json``.

Format ``rifa-zoning-profile/1`` (all keys required unless marked optional):

- ``format``: ``"rifa-zoning-profile/1"``; ``id``; ``name``; ``name_zh`` (optional)
- ``source``: ``title``, ``document`` (e.g. ``莆政办[2006]2号``), ``issuer``, ``issued``
  (optional: ``title_en``)
- ``boundary`` (optional; needed by ``rifa:describeboundary`` and ``rifa:lockdownorder``): the
  written boundary (四至, ``core/boundary.py``). ``follow_distance_m``, ``reference_radius_m``,
  ``distance_step_m`` (metres > 0) and ``texts`` {zh, en}, each with the templates
  :data:`BOUNDARY_TEMPLATES` (``sentence`` uses ``{east}`` … ``{north}``; ``clause``
  ``{direction}``, ``{place}``, ``{lon}``, ``{lat}``; ``bank``/``side`` ``{name}``, ``{side}``;
  ``junction`` ``{a}``, ``{b}``; ``offset`` ``{reference}``, ``{direction}``, ``{distance}``), and
  ``headings`` {east, south, west, north}, ``directions`` (the eight compass words).
- ``order`` (optional; needed by ``rifa:lockdownorder``): ``citation``; ``title``,
  ``legal_basis`` (may use ``{title}``, ``{title_en}``, ``{document}``), ``duration``,
  ``lifting``, each {zh, en}; ``measures``: list of {zh, en, ``citation``, optional ``grades``}.
- optional ``lifting``: ``months_without_detection`` (whole number >= 1, or null when the plan
  names none: the algorithms then ask for it), ``citation``, optional ``report_citation``, ``note``
- optional ``monitoring``: ``survey_spacing_m`` (metres > 0, or null), ``citation``, optional ``note``
- ``zones.occurrence`` / ``zones.quarantine``: ``radius_m`` {``min``, ``max``, ``default``},
  ``min_points`` (integer >= 1), ``citation``; ``zones.threatened``: ``extension_m`` {``min``,
  ``max``, ``default``}, ``citation``. Metres, 0 < min <= default <= max.
- ``grades``: ``citation``, optional ``citations`` {"3"|"2"|"1": text} (the sub-section of each
  grade, e.g. ``第一章 四(二)``; default ``citation``), ``grade_II_min_counties``, ``grade_I_min_cities``,
  ``grade_I_min_counties_in_province`` (integers >= 1), ``labels`` {"3"|"2"|"1": {zh, en}}
- ``responders``: ``citation`` and for "3", "2", "1": ``plan_activated_by``,
  ``order_issued_by``, ``headquarters``, each {zh, en}
- ``checklist``: list of items {``id`` (unique), ``kind`` ("report" | "measure"), ``title``
  {zh, en}, ``responsible`` {zh, en} (may contain ``{order_issued_by}``), ``citation``,
  ``due``, optional ``grades`` (list of 3/2/1 the item applies to; default all)}. ``due.type``:
  ``offset`` (``hours`` after T0, the report time), ``after`` (``hours`` after the due time of
  item ``after``), ``weekly``, ``monthly`` (before ``day`` of each month), ``none``; every
  ``due`` has ``text`` {zh, en} as the plan words it.
"""

from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..paths import resources_path
from .errors import QT_TRANSLATE_NOOP, InputError, Msg, ProfileError

FORMAT = "rifa-zoning-profile/1"
DEFAULT_PROFILE = resources_path("profiles", "putian_2006.json")
GRADES = (3, 2, 1)
DUE_TYPES = ("offset", "after", "weekly", "monthly", "none")
ZONE_KINDS = {"occurrence": "radius_m", "quarantine": "radius_m", "threatened": "extension_m"}

# Bounds checked before any value is used (a profile is a file anyone can hand over). They are
# sanity limits, not rules of a plan: the shipped profile is 15 kB, nests 4 deep, its radii are
# at most 15 km and its counts at most 10.
MAX_BYTES = 1_000_000
MAX_DEPTH = 16
MAX_RADIUS_M = 100_000.0  # the zone engine keeps its 0.1 % within one local projection up to here
MAX_MIN_POINTS = 1000  # also the range of delineatezones' MIN_POINTS
# the largest distance nests are grouped over into one occurrence point (a natural village, 第三章 二(二)1,
# is a few km across at most): the GROUPING_DISTANCE parameters. Here, not in core.occurrence: the plugin
# must load without shapely, and the algorithms read their bounds at import.
MAX_GROUPING_DISTANCE = 5000.0
MAX_COUNT = 10_000  # county / city thresholds of the grades
MAX_HOURS = 24 * 366 * 10  # deadlines: ten years
MAX_CHECKLIST_ITEMS = 1000


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    default: float

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high


class RuleProfile:
    """A validated rule profile. Use :func:`load_profile` to make one."""

    def __init__(self, data: dict, path: Path | None = None):
        _validate(data)
        self.data = data
        self.path = path

    # -- identity
    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def name(self) -> str:
        return self.data["name"]

    @property
    def document(self) -> str:
        return self.data["source"]["document"]

    @property
    def label(self) -> str:
        """How outputs and messages name the profile: ``Putian 2006 (莆政办[2006]2号)``."""
        return f"{self.name} ({self.document})"

    def display_name(self, lang: str = "en") -> str:
        """The profile's name in the interface language: ``莆田2006`` in Chinese (``name_zh``), else ``Putian 2006``."""
        return self.data.get("name_zh") or self.name if lang.startswith("zh") else self.name

    def display_label(self, lang: str = "en") -> str:
        """:attr:`label` in the interface language: ``莆田2006（莆政办[2006]2号）`` in Chinese."""
        if lang.startswith("zh"):
            return f"{self.display_name(lang)}（{self.document}）"
        return self.label

    # -- zones
    def radius_range(self, kind: str) -> Range:
        """``kind``: occurrence, quarantine (radius) or threatened (extension beyond the quarantine zone)."""
        spec = self.data["zones"][kind][ZONE_KINDS[kind]]
        return Range(float(spec["min"]), float(spec["max"]), float(spec["default"]))

    def min_points(self, kind: str = "quarantine") -> int:
        return int(self.data["zones"][kind]["min_points"])

    def zone_citation(self, kind: str) -> str:
        return self.data["zones"][kind]["citation"]

    def check_radius(self, kind: str, value: float) -> float:
        """``value`` if it lies in the legal range, else an InputError naming value, range and profile."""
        legal = self.radius_range(kind)
        if value in legal:
            return value
        templates = {
            "occurrence": QT_TRANSLATE_NOOP("core", "Occurrence radius {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation})."),
            "quarantine": QT_TRANSLATE_NOOP("core", "Quarantine radius {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation})."),
            "threatened": QT_TRANSLATE_NOOP("core", "Threatened zone extension {value:g} m is outside {low:g}–{high:g} m (profile {profile} {citation})."),
        }
        raise InputError(
            Msg(
                templates[kind],
                value=value,
                low=legal.low,
                high=legal.high,
                profile=f"{self.name}, {self.document}",
                citation=_chapter(self.zone_citation(kind)),
            )
        )

    # -- the written boundary and the order (optional sections)
    def boundary(self, language: str = "zh") -> dict:
        """The ``boundary`` section with the texts of ``language`` ("zh" or "en") as ``texts``."""
        section = self._section("boundary")
        return {**section, "texts": section["texts"][language]}

    def order(self) -> dict:
        return self._section("order")

    def order_measures(self, grade: int) -> list[dict]:
        """The order's measures that apply to ``grade``, in profile order."""
        return [m for m in self.order()["measures"] if grade in m.get("grades", GRADES)]

    def _section(self, key: str) -> dict:
        if key not in self.data:
            where = f" {self.path}" if self.path else ""
            raise ProfileError(
                Msg(QT_TRANSLATE_NOOP("core", "Rule profile{where}: the field '{field}' is missing."), where=where, field=key)
            )
        return self.data[key]

    # -- grades and responders
    @property
    def grades(self) -> dict:
        return self.data["grades"]

    def grade_label(self, grade: int) -> dict:
        """{zh, en} label of grade 3, 2 or 1."""
        return self.data["grades"]["labels"][str(grade)]

    def grade_citation(self, grade: int) -> str:
        """The plan section of grade 3, 2 or 1 (``第一章 四(二)``), or the grades section as a whole."""
        return self.data["grades"].get("citations", {}).get(str(grade)) or self.data["grades"]["citation"]

    def responders(self, grade: int) -> dict:
        return self.data["responders"][str(grade)]

    # -- checklist
    def checklist(self, grade: int | None = None) -> list[dict]:
        """The checklist items that apply to ``grade`` (all when None), in profile order."""
        return [item for item in self.data["checklist"] if grade is None or grade in item.get("grades", GRADES)]

    # -- the case after the first day (optional sections)
    def months_without_detection(self) -> int | None:
        """Calendar months without detection before a zone may be lifted, or None (the plan names none)."""
        value = self.data.get("lifting", {}).get("months_without_detection")
        return None if value is None else int(value)

    def survey_spacing(self) -> float | None:
        """Default spacing of survey grids in metres, or None."""
        value = self.data.get("monitoring", {}).get("survey_spacing_m")
        return None if value is None else float(value)

    def section_citation(self, section: str, key: str = "citation") -> str:
        """The plan section of an optional section (``lifting``, ``monitoring``), or ""."""
        return str(self.data.get(section, {}).get(key, ""))

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2)


def _chapter(citation: str) -> str:
    """``第三章 二(二)2`` -> ``第三章`` (the short form used in range messages)."""
    return citation.split()[0] if citation else ""


def load_profile(path: str | Path | None = None) -> RuleProfile:
    """Load and validate a profile; None or "" loads the shipped Putian 2006 profile."""
    path = Path(path) if path else DEFAULT_PROFILE
    data = json_of(_read_text(path), path)
    try:
        return RuleProfile(data, path)
    except ProfileError as error:
        raise ProfileError(Msg(QT_TRANSLATE_NOOP("core", "Rule profile {path}: {problem}"), path=str(path), problem=error.msg)) from None


def _read_text(path: Path) -> str:
    """The profile's text: a regular file (not a device or a pipe), at most MAX_BYTES, UTF-8."""
    def refuse(template: str, **params) -> ProfileError:
        return ProfileError(Msg(template, path=str(path), **params))

    try:
        # checked before opening: opening a pipe would wait for a writer, a device never ends
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise refuse(QT_TRANSLATE_NOOP("core", "Rule profile {path} is not a regular file (a device, a pipe or a folder)."))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise refuse(QT_TRANSLATE_NOOP("core", "Cannot read the rule profile {path}: {error}"), error=error.strerror or error) from None
    if len(raw) > MAX_BYTES:
        raise refuse(
            QT_TRANSLATE_NOOP("core", "Rule profile {path} is larger than {size} kB: it is not a rule profile."),
            size=MAX_BYTES // 1000,
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse(QT_TRANSLATE_NOOP("core", "Rule profile {path} is UTF-16 text: save it as UTF-8 and load it again."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise refuse(
            QT_TRANSLATE_NOOP(
                "core", "Rule profile {path} is not UTF-8 text (byte 0x{byte} on line {line}): save it as UTF-8 "
                "(GBK and other encodings are not read)."
            ),
            byte=f"{raw[error.start]:02x}",
            line=line,
        ) from None


def _refuse_constant(name: str):
    raise ValueError(name)


def json_of(text: str, path: Path):
    """The JSON value of a profile's text; NaN and Infinity are refused, nesting is bounded."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise ProfileError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Rule profile {path} is not valid JSON (line {line}, column {column}): {error}"),
                path=str(path), line=error.lineno, column=error.colno, error=error.msg,
            )
        ) from None
    except ValueError as error:  # from _refuse_constant
        raise ProfileError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Rule profile {path} holds {value}, which is not a number: write a number."),
                path=str(path), value=str(error),
            )
        ) from None
    except RecursionError:
        data = None
    if data is None or _depth(data) > MAX_DEPTH:
        raise ProfileError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Rule profile {path} holds lists or objects more than {depth} levels deep: it is not a rule profile."),
                path=str(path), depth=MAX_DEPTH,
            )
        )
    return data


def _depth(data) -> int:
    """How deep lists and objects nest in ``data`` (without recursion)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            stack.extend((child, depth + 1) for child in (value.values() if isinstance(value, dict) else value))
    return deepest


# -- validation: each problem names the field by its dotted path


def _problem(field: str, template: str, **params) -> ProfileError:
    return ProfileError(Msg(template, field=field, **params))


def _get(data, field: str, kind, parent: str = ""):
    path = f"{parent}.{field}" if parent else field
    if not isinstance(data, dict) or field not in data:
        raise _problem(path, QT_TRANSLATE_NOOP("core", "the field '{field}' is missing."))
    value = data[field]
    ok = isinstance(value, kind) and not (kind in (int, (int, float)) and isinstance(value, bool))
    if not ok:
        names = {
            str: QT_TRANSLATE_NOOP("core", "text"),
            dict: QT_TRANSLATE_NOOP("core", "object"),
            list: QT_TRANSLATE_NOOP("core", "list"),
            int: QT_TRANSLATE_NOOP("core", "whole number"),
            (int, float): QT_TRANSLATE_NOOP("core", "number"),
        }
        # a Msg parameter is translated with the message
        kind_name = Msg(names[kind]) if kind in names else str(kind)
        raise _problem(path, QT_TRANSLATE_NOOP("core", "the field '{field}' must be a {kind}."), kind=kind_name)
    if isinstance(value, float) and not math.isfinite(value):  # 1e400 reads as infinity
        raise _problem(path, QT_TRANSLATE_NOOP("core", "the field '{field}' must be a finite number (got {value})."), value=value)
    return value


def _bounded(data, field: str, kind, parent: str, low, high):
    """``data[field]`` of ``kind`` within low..high, else a problem naming the field and the range."""
    value = _get(data, field, kind, parent)
    if not low <= value <= high:
        raise _problem(
            f"{parent}.{field}" if parent else field,
            QT_TRANSLATE_NOOP("core", "the field '{field}' must be from {low:g} to {high:g} (got {value:g})."),
            low=low, high=high, value=value,
        )
    return value


def _bilingual(data, field: str, parent: str) -> None:
    value = _get(data, field, dict, parent)
    for lang in ("zh", "en"):
        if not str(_get(value, lang, str, f"{parent}.{field}")).strip():
            raise _problem(f"{parent}.{field}.{lang}", QT_TRANSLATE_NOOP("core", "the field '{field}' is empty."))


# the optional sections of the written boundary (四至) and the lockdown order
BOUNDARY_TEMPLATES = ("sentence", "clause", "clause_coordinates", "bank", "side", "junction", "offset", "at", "within")
COMPASS_WORDS = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")


def _validate_texts(data) -> None:
    if "boundary" in data:
        _validate_boundary(_get(data, "boundary", dict))
    if "order" in data:
        _validate_order(_get(data, "order", dict))


def _validate_boundary(boundary: dict) -> None:
    for field in ("follow_distance_m", "reference_radius_m", "distance_step_m"):
        if _get(boundary, field, (int, float), "boundary") <= 0:
            raise _problem(f"boundary.{field}", QT_TRANSLATE_NOOP("core", "the field '{field}' must be more than 0."))
    texts = _get(boundary, "texts", dict, "boundary")
    for lang in ("zh", "en"):
        where = f"boundary.texts.{lang}"
        language = _get(texts, lang, dict, "boundary.texts")
        for field in BOUNDARY_TEMPLATES:
            _get(language, field, str, where)
        for field, words in (("headings", ("east", "south", "west", "north")), ("directions", COMPASS_WORDS)):
            table = _get(language, field, dict, where)
            for word in words:
                _get(table, word, str, f"{where}.{field}")


def _validate_order(order: dict) -> None:
    _get(order, "citation", str, "order")
    for field in ("title", "legal_basis", "duration", "lifting"):
        _bilingual(order, field, "order")
    measures = _get(order, "measures", list, "order")
    for index, measure in enumerate(measures):
        where = f"order.measures[{index}]"
        for lang in ("zh", "en"):
            if not str(_get(measure, lang, str, where)).strip():
                raise _problem(f"{where}.{lang}", QT_TRANSLATE_NOOP("core", "the field '{field}' is empty."))
        _get(measure, "citation", str, where)
        for grade in measure.get("grades", GRADES):
            if grade not in GRADES:
                raise _problem(f"{where}.grades", QT_TRANSLATE_NOOP("core", "the field '{field}' may hold only 3, 2 and 1."))


def _validate(data) -> None:
    if not isinstance(data, dict):
        raise _problem("(top level)", QT_TRANSLATE_NOOP("core", "the field '{field}' must be an object."))
    if _get(data, "format", str) != FORMAT:
        raise _problem("format", QT_TRANSLATE_NOOP("core", "the field '{field}' must be '{expected}'."), expected=FORMAT)
    for field in ("id", "name"):
        if not _get(data, field, str).strip():
            raise _problem(field, QT_TRANSLATE_NOOP("core", "the field '{field}' is empty."))
    source = _get(data, "source", dict)
    for field in ("title", "document", "issuer", "issued"):
        _get(source, field, str, "source")
    _validate_texts(data)  # the optional boundary and order sections
    _validate_case_sections(data)  # the optional lifting and monitoring sections

    zones = _get(data, "zones", dict)
    for kind, key in ZONE_KINDS.items():
        zone = _get(zones, kind, dict, "zones")
        where = f"zones.{kind}.{key}"
        spec = _get(zone, key, dict, f"zones.{kind}")
        low, high, default = (_bounded(spec, f, (int, float), where, 0, MAX_RADIUS_M) for f in ("min", "max", "default"))
        if not 0 < low <= default <= high:
            raise _problem(
                where, QT_TRANSLATE_NOOP("core", "the field '{field}' needs 0 < min <= default <= max (got {low}, {default}, {high})."),
                low=low, default=default, high=high,
            )
        _get(zone, "citation", str, f"zones.{kind}")
        if kind != "threatened":
            _bounded(zone, "min_points", int, f"zones.{kind}", 1, MAX_MIN_POINTS)

    grades = _get(data, "grades", dict)
    _get(grades, "citation", str, "grades")
    for field in ("grade_II_min_counties", "grade_I_min_cities", "grade_I_min_counties_in_province"):
        _bounded(grades, field, int, "grades", 1, MAX_COUNT)
    if "citations" in grades:
        citations = _get(grades, "citations", dict, "grades")
        for key in citations:
            if key not in ("3", "2", "1"):
                raise _problem(f"grades.citations.{key}", QT_TRANSLATE_NOOP("core", "the field '{field}' may hold only 3, 2 and 1."))
            _get(citations, key, str, "grades.citations")
    labels = _get(grades, "labels", dict, "grades")
    for grade in GRADES:
        _bilingual(labels, str(grade), "grades.labels")

    responders = _get(data, "responders", dict)
    _get(responders, "citation", str, "responders")
    for grade in GRADES:
        entry = _get(responders, str(grade), dict, "responders")
        for field in ("plan_activated_by", "order_issued_by", "headquarters"):
            _bilingual(entry, field, f"responders.{grade}")

    checklist = _get(data, "checklist", list)
    if len(checklist) > MAX_CHECKLIST_ITEMS:
        raise _problem(
            "checklist", QT_TRANSLATE_NOOP("core", "the field '{field}' holds {count} items, more than {most}."),
            count=len(checklist), most=MAX_CHECKLIST_ITEMS,
        )
    seen: set[str] = set()
    for index, item in enumerate(checklist):
        where = f"checklist[{index}]"
        item_id = _get(item, "id", str, where)
        if item_id in seen:
            raise _problem(f"{where}.id", QT_TRANSLATE_NOOP("core", "the field '{field}' repeats the id '{id}'."), id=item_id)
        seen.add(item_id)
        if _get(item, "kind", str, where) not in ("report", "measure"):
            raise _problem(f"{where}.kind", QT_TRANSLATE_NOOP("core", "the field '{field}' must be 'report' or 'measure'."))
        _bilingual(item, "title", where)
        _bilingual(item, "responsible", where)
        _get(item, "citation", str, where)
        due = _get(item, "due", dict, where)
        due_type = _get(due, "type", str, f"{where}.due")
        if due_type not in DUE_TYPES:
            raise _problem(f"{where}.due.type", QT_TRANSLATE_NOOP("core", "the field '{field}' must be one of {choices}."), choices=", ".join(DUE_TYPES))
        _bilingual(due, "text", f"{where}.due")
        if due_type in ("offset", "after"):
            _bounded(due, "hours", (int, float), f"{where}.due", 0, MAX_HOURS)
        if due_type == "after" and _get(due, "after", str, f"{where}.due") not in seen:
            raise _problem(f"{where}.due.after", QT_TRANSLATE_NOOP("core", "the field '{field}' must name an earlier checklist item."))
        if due_type == "monthly" and not 1 <= _get(due, "day", int, f"{where}.due") <= 28:
            raise _problem(f"{where}.due.day", QT_TRANSLATE_NOOP("core", "the field '{field}' must be a day from 1 to 28."))
        applies = _get(item, "grades", list, where) if "grades" in item else GRADES
        for grade in applies:
            if isinstance(grade, bool) or grade not in GRADES:
                raise _problem(f"{where}.grades", QT_TRANSLATE_NOOP("core", "the field '{field}' may hold only 3, 2 and 1."))


# bounds of the optional case sections (and of the parameters that override them)
MAX_MONTHS_WITHOUT_DETECTION = 120  # ten years: longer is a typing error, not a rule
MAX_SURVEY_SPACING_M = 10_000.0


def _validate_case_sections(data: dict) -> None:
    """The optional ``lifting`` and ``monitoring`` sections."""
    if "lifting" in data:
        lifting = _get(data, "lifting", dict)
        _get(lifting, "citation", str, "lifting")
        if lifting.get("months_without_detection") is not None and not 1 <= _get(lifting, "months_without_detection", int, "lifting") <= MAX_MONTHS_WITHOUT_DETECTION:
            raise _problem("lifting.months_without_detection", QT_TRANSLATE_NOOP("core", "the field '{field}' must be a whole number from 1 to 120."))
    if "monitoring" in data:
        monitoring = _get(data, "monitoring", dict)
        _get(monitoring, "citation", str, "monitoring")
        if monitoring.get("survey_spacing_m") is not None and not 0 < _get(monitoring, "survey_spacing_m", (int, float), "monitoring") <= MAX_SURVEY_SPACING_M:
            raise _problem("monitoring.survey_spacing_m", QT_TRANSLATE_NOOP("core", "the field '{field}' must be more than 0 and at most 10000 (metres)."))
