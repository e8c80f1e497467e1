"""Guessing the fields of the case layers from their names and types (core, no QGIS)."""

from __future__ import annotations

from rifa_zoning.core.fields import guess_field, guess_fields

ADMIN_ROLES = ("county_code", "county_name", "city_code", "city_name", "province")


def test_the_sample_counties_get_every_field_and_never_fid():
    fields = [("fid", "integer"), ("county_code", "text"), ("county_name", "text"), ("city_code", "text"),
              ("city_name", "text"), ("province", "text"), ("source_note", "text")]
    assert guess_fields(fields, ADMIN_ROLES) == {role: role for role in ADMIN_ROLES}


def test_missing_roles_stay_empty_rather_than_taking_another_field():
    fields = [("fid", "integer"), ("OBJECTID", "integer"), ("adcode", "integer"), ("name", "text")]
    assert guess_fields(fields, ADMIN_ROLES) == {
        "county_code": "adcode", "county_name": "name", "city_code": "", "city_name": "", "province": ""}


def test_a_city_code_is_no_county_code_and_the_primary_key_is_never_guessed():
    assert guess_field([("city_code", "text"), ("xzq_code", "text")], "county_code") == ""
    assert guess_field([("xzqdm", "text")], "county_code", exclude=["xzqdm"]) == ""
    assert guess_field([("id", "integer"), ("code", "integer")], "county_code") == "code"


def test_types_decide_between_names():
    assert guess_field([("date", "real"), ("found_on", "date")], "date") == "found_on"
    assert guess_field([("发现日期", "text")], "date") == "发现日期"
    assert guess_field([("name", "integer")], "village_name") == ""


def test_one_field_is_not_guessed_for_two_roles():
    fields = [("fid", "integer"), ("name", "text"), ("class", "text")]
    assert guess_fields(fields, ("road_name", "road_class")) == {"road_name": "name", "road_class": "class"}
    assert guess_fields([("name", "text")], ("county_name", "village_name")) == {"county_name": "name", "village_name": ""}
