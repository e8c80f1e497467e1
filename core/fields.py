"""Guessing which field of a layer plays which role (county code, village name, detection date…).

The dock fills its field pickers with these guesses so that the technician picks a layer once and
corrects a wrong guess rather than choosing every field. A guess comes from the field's name
(exact, case-insensitive, in the order of the role's candidates, then a name containing one of the
role's words) and its type; an identifier such as ``fid`` or the layer's primary key is never
guessed, and one field is never guessed for two roles of the same layer.

Fields are given as ``(name, kind)`` pairs, ``kind`` one of ``text``, ``integer``, ``real``,
``date``, ``datetime`` or ``other`` (the caller maps its own types).
"""

from __future__ import annotations

from dataclasses import dataclass

CODE_KINDS = ("text", "integer")
TEXT_KINDS = ("text",)
DATE_KINDS = ("date", "datetime", "text")
IDENTIFIERS = ("fid", "ogc_fid", "objectid", "gid", "id", "rowid", "pk", "uid", "fid_1")


@dataclass(frozen=True)
class Role:
    exact: tuple[str, ...]  # whole names, best first
    words: tuple[str, ...]  # parts of names, tried when no exact name matches
    kinds: tuple[str, ...]
    avoid: tuple[str, ...] = ()  # a name containing one of these is not this role (city_code is no county code)


ROLES = {
    "county_code": Role(("county_code", "adcode", "county_adcode", "xzqdm", "county_id", "code", "区划代码", "县代码"),
                        ("county_code", "adcode", "xzqdm", "代码"), CODE_KINDS, ("city", "prov", "town", "市", "省")),
    "county_name": Role(("county_name", "county", "xzqmc", "name", "名称", "县名", "县"),
                        ("county", "xzqmc", "县"), TEXT_KINDS, ("city", "prov", "town", "code", "市", "省")),
    "city_code": Role(("city_code", "city_adcode", "city_id", "市代码"), ("city_code", "市代码"), CODE_KINDS),
    "city_name": Role(("city_name", "city", "市名", "市"), ("city_name", "市名"), TEXT_KINDS, ("code",)),
    "province": Role(("province", "province_name", "prov", "省", "省名"), ("province", "省"), TEXT_KINDS, ("code",)),
    "village_name": Role(("name", "village", "village_name", "community", "村名", "名称"),
                         ("village", "name", "村", "名称"), TEXT_KINDS, ("town", "county", "city")),
    "date": Role(("found_on", "date", "detected", "detected_on", "detection_date", "found", "report_date",
                  "reported", "发现日期", "日期", "时间"),
                 ("date", "found", "detect", "report", "日期", "时间"), DATE_KINDS),
    "road_name": Role(("name", "road_name", "road", "ref", "路名", "名称"), ("name", "路名", "名称"), TEXT_KINDS,
                      ("class", "type")),
    "road_class": Role(("class", "road_class", "fclass", "highway", "type", "grade", "等级", "类别"),
                       ("class", "type", "等级"), CODE_KINDS),
    "unit_id": Role(("unit_id", "county_code", "adcode", "code", "xzqdm"), ("code", "adcode"), CODE_KINDS, ("city", "prov")),
    "unit_name": Role(("unit_name", "county_name", "name", "xzqmc", "名称"), ("name", "名称"), TEXT_KINDS,
                      ("city", "prov", "code")),
}


def _usable(name: str, kind: str, role: Role, excluded: set[str]) -> bool:
    low = name.lower()
    return kind in role.kinds and low not in IDENTIFIERS and low not in excluded


def guess_field(fields: list[tuple[str, str]], role: str, exclude=()) -> str:
    """The name of the field of ``fields`` that plays ``role``, or "" when none fits.

    ``exclude``: names never to guess (the layer's primary key, fields already guessed for
    another role)."""
    spec = ROLES[role]
    excluded = {name.lower() for name in exclude}
    usable = [(name, kind) for name, kind in fields if _usable(name, kind, spec, excluded)]
    by_name = {name.lower(): name for name, _ in usable}
    for candidate in spec.exact:
        if candidate.lower() in by_name:
            return by_name[candidate.lower()]
    for word in spec.words:
        for name, _ in usable:
            low = name.lower()
            if word in low and not any(bad in low for bad in spec.avoid):
                return name
    return ""


def guess_fields(fields: list[tuple[str, str]], roles, exclude=()) -> dict[str, str]:
    """Guesses for several ``roles`` of one layer, in the order given, never one field twice."""
    taken = set(exclude)
    guesses = {}
    for role in roles:
        guesses[role] = guess_field(fields, role, taken)
        if guesses[role]:
            taken.add(guesses[role])
    return guesses
