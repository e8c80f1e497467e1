"""``rifa:delineatezones`` refuses bad input with a message naming the problem: radii outside the
profile's range, malformed profiles, missing fields. Through ``processing.run`` on real layers."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsProcessingException
from rifa_test_utils import make_layer

from rifa_zoning.core.profile import DEFAULT_PROFILE

CRS = "EPSG:32650"  # UTM 50N: Putian


@pytest.fixture
def nests():
    rows = [(f"POINT({500000 + 300 * i} 2800000)", {"found": "2024-05-01"}) for i in range(3)]
    return make_layer("Point", CRS, rows, "nests")


def _run(nests, **extra):
    import processing

    parameters = {
        "NESTS": nests,
        "OCCURRENCE_AREAS": "memory:",
        "QUARANTINE_ZONES": "memory:",
        "THREATENED_ZONES": "memory:",
        "OCCURRENCE_POINTS": "memory:",
    }
    parameters.update(extra)
    return processing.run("rifa:delineatezones", parameters)


def _message(error) -> str:
    return str(error.value.args[0]) if error.value.args else str(error.value)


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        ("QUARANTINE_RADIUS", 9000,
         "Quarantine radius 9000 m is outside 3000–8000 m (profile Putian 2006, 莆政办[2006]2号 第三章)."),
        ("OCCURRENCE_RADIUS", 1500,
         "Occurrence radius 1500 m is outside 2000–5000 m (profile Putian 2006, 莆政办[2006]2号 第三章)."),
        ("THREAT_EXTENSION", 20000,
         "Threatened zone extension 20000 m is outside 5000–15000 m (profile Putian 2006, 莆政办[2006]2号 第三章)."),
    ],
)
def test_a_radius_outside_the_profile_range_fails_with_the_profile_message(rifa_provider, nests, parameter, value, message):
    with pytest.raises(QgsProcessingException) as error:
        _run(nests, **{parameter: value})
    assert _message(error) == message


def _profile_file(tmp_path, change):
    data = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bureau.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_malformed_profile_names_the_field(rifa_provider, nests, tmp_path):
    path = _profile_file(tmp_path, lambda d: d["zones"]["quarantine"]["radius_m"].pop("max"))
    with pytest.raises(QgsProcessingException) as error:
        _run(nests, PROFILE=str(path))
    assert str(path) in _message(error)
    assert "zones.quarantine.radius_m.max" in _message(error)


def test_a_profile_that_is_not_json_says_where(rifa_provider, nests, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "rifa-zoning-profile/1",\n  "id": }', encoding="utf-8")
    with pytest.raises(QgsProcessingException) as error:
        _run(nests, PROFILE=str(path))
    assert "not valid JSON (line 2" in _message(error)


def test_another_profile_changes_the_legal_range_and_the_message(rifa_provider, nests, tmp_path):
    def change(data):
        data["name"] = "Test bureau"
        data["zones"]["quarantine"]["radius_m"] = {"min": 1000, "max": 2500, "default": 2000}

    path = _profile_file(tmp_path, change)
    with pytest.raises(QgsProcessingException) as error:
        _run(nests, PROFILE=str(path), QUARANTINE_RADIUS=3000)
    assert _message(error) == "Quarantine radius 3000 m is outside 1000–2500 m (profile Test bureau, 莆政办[2006]2号 第三章)."


def test_the_parameters_show_the_legal_range_and_default_to_the_profile(rifa_provider):
    algorithm = rifa_provider.algorithm("delineatezones")
    quarantine = algorithm.parameterDefinition("QUARANTINE_RADIUS")
    assert quarantine.description() == "Quarantine radius (m) [legal 3000–8000, Putian 2006]"
    assert quarantine.defaultValue() == 5000
    assert algorithm.parameterDefinition("OCCURRENCE_RADIUS").defaultValue() == 3000
    assert algorithm.parameterDefinition("THREAT_EXTENSION").defaultValue() == 10000
    assert "[legal 5000–15000, Putian 2006]" in algorithm.parameterDefinition("THREAT_EXTENSION").description()
    assert algorithm.parameterDefinition("MIN_POINTS").defaultValue() == 3
    assert algorithm.parameterDefinition("GROUPING_DISTANCE").defaultValue() == 500
    names = {p.name() for p in algorithm.parameterDefinitions()}
    assert {"NESTS", "VILLAGES", "VILLAGE_NAME_FIELD", "GROUPING_DISTANCE", "DATE_FIELD", "BARRIERS", "CROSSINGS",
            "CROSSING_WIDTH", "OCCURRENCE_RADIUS", "QUARANTINE_RADIUS", "THREAT_EXTENSION", "MIN_POINTS", "PROFILE",
            "OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS"} <= names
    help_text = algorithm.shortHelpString()
    # English help cites the plan in English (the zh_CN translation cites 第三章 二(二)1…3: test_i18n.py)
    for citation in ("chapter 3, section 2(2)1", "chapter 3, section 2(2)2", "chapter 3, section 2(2)3",
                     "Putian 2006 (莆政办[2006]2号)"):
        assert citation in help_text


def test_a_date_field_missing_from_the_nests_is_named(rifa_provider, nests):
    with pytest.raises(QgsProcessingException) as error:
        _run(nests, DATE_FIELD="seen_on")
    assert "seen_on" in _message(error)
