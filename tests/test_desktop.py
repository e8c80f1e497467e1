"""The real QGIS desktop (``qgis.bin`` under Xvfb) driven as a technician would drive it, in English
and in Chinese (``zh-Hans``, what QGIS stores when a user picks 简体中文): the sample layers loaded,
picked once in the "Outbreak response" dock, and every step's button pressed and run.

The driver (``scripts/desktop_driver.py``) runs inside QGIS and writes what it saw to a JSON
report; the assertions are here. Each run takes about a minute.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rifa_test_utils import SAMPLE_GPKG as SAMPLE

from rifa_zoning.scripts.qgis_desktop import desktop_available, run_desktop

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "scripts" / "desktop_driver.py"
STEPS = ["zoning", "grade", "checkpoints", "affected", "map", "order", "declare"]
TYPED = {"map": {"ORDER_NUMBER": "莆政封〔2025〕1号", "AUTHORITY": "莆田市人民政府", "ISSUE_DATE": "2025-04-12"}}
PICK = {
    "single": {"nests_combo": "nests", "admin_combo": "counties", "villages_combo": "villages",
               "crossings_combo": "bridges", "roads_combo": "roads"},
    "barriers": ["rivers", "ridges"],
}
LAYERS = {"nests": "nests", "counties": "counties", "villages": "villages", "rivers": "rivers", "ridges": "ridges",
          "bridges": "bridges", "roads": "roads"}

pytestmark = pytest.mark.skipif(not desktop_available(), reason="needs qgis.bin and xvfb-run")


def drive(tmp_path: Path, locale: str) -> dict:
    data = tmp_path / "putian_sample.gpkg"
    shutil.copy(SAMPLE, data)
    settings = {
        "data": str(data), "project": str(tmp_path / "outbreak.qgz"), "report": str(tmp_path / "report.json"),
        "layers": LAYERS, "pick": PICK, "steps": STEPS, "typed": TYPED, "width": 1366, "height": 768,
    }
    startup = DRIVER.read_text(encoding="utf-8").replace("{settings}", json.dumps(settings, ensure_ascii=False))
    done = run_desktop(startup, locale=locale, size=(1366, 768), timeout=360)
    report_file = tmp_path / "report.json"
    assert report_file.is_file(), done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert not report["errors"], report["errors"]
    assert not report["modal"], report["modal"]
    return report


def check_chain(report: dict, tmp_path: Path) -> None:
    gpkg = tmp_path / "outbreak_rifa_case.gpkg"
    assert report["fields"] == {
        "county_code": "county_code", "county_name": "county_name", "city_code": "city_code",
        "city_name": "city_name", "province": "province", "date": "found_on", "village_name": "name",
        "road_name": "name", "road_class": "class",
    }
    assert report["t0"] != "" and report["checklist_rows"] > 0
    assert not report["dock_horizontal_scroll"]
    assert report["panel_widths"][2] >= 400  # the dock opens wide enough for its pickers (not 250 px)
    steps = report["steps"]
    zoning = steps["zoning"]["parameters"]
    assert zoning["NESTS"] == "layer:nests" and zoning["VILLAGES"] == "layer:villages"
    assert zoning["VILLAGE_NAME_FIELD"] == "name" and zoning["DATE_FIELD"] == "found_on"
    assert sorted(zoning["BARRIERS"]) == ["layer:ridges", "layer:rivers"] and zoning["CROSSINGS"] == "layer:bridges"
    for output, table in (("QUARANTINE_ZONES", "quarantine_zones"), ("THREATENED_ZONES", "threatened_zones"),
                          ("OCCURRENCE_AREAS", "occurrence_areas"), ("OCCURRENCE_POINTS", "occurrence_points")):
        assert zoning[output] == f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"
    grade = steps["grade"]["parameters"]
    assert (grade["NESTS"], grade["ADMIN"]) == ("layer:nests", "layer:counties")
    assert (grade["COUNTY_CODE_FIELD"], grade["CITY_CODE_FIELD"], grade["PROVINCE_FIELD"]) == (
        "county_code", "city_code", "province")
    checkpoints = steps["checkpoints"]["parameters"]
    assert checkpoints["ROADS"] == "layer:roads"
    assert (checkpoints["ROAD_NAME_FIELD"], checkpoints["ROAD_CLASS_FIELD"]) == ("name", "class")
    affected = steps["affected"]["parameters"]
    assert (affected["UNITS"], affected["UNIT_ID_FIELD"], affected["UNIT_NAME_FIELD"]) == (
        "layer:counties", "county_code", "county_name")
    lockdown = steps["map"]["parameters"]
    assert lockdown["NESTS"] == "layer:nests" and lockdown["ROADS"] == "layer:roads"
    assert sorted(lockdown["BARRIERS"]) == ["layer:ridges", "layer:rivers"]
    assert lockdown["GRADE"] == "二级"
    assert lockdown["OUTPUT"] == str(tmp_path / "outbreak_lockdown_map.pdf")
    for key in STEPS:
        step = steps[key]
        assert step["closed"] and step["status"] == "done", (key, step)
        assert step["messages"], key
        assert step["dialog_size"][0] <= 1366 and step["dialog_size"][1] <= 768
    assert report["final_status"] == dict.fromkeys(STEPS, "done")
    assert report["panel_fits"], (report["panel_widths"], report["too_wide"])  # nothing cut on the right of the dock
    assert (tmp_path / "outbreak_lockdown_map.pdf").stat().st_size > 10_000
    assert gpkg.is_file()
    order = steps["order"]["parameters"]  # the order: filled from the case, the map's typed values and its PDF
    assert (order["UNITS"], order["ROADS"], order["VILLAGES"]) == ("layer:counties", "layer:roads", "layer:villages")
    assert sorted(order["BARRIERS"]) == ["layer:ridges", "layer:rivers"]
    assert order["GRADE"] == 2 and order["MAP"] == str(tmp_path / "outbreak_lockdown_map.pdf")
    assert {name: order[name] for name in TYPED["map"]} == TYPED["map"]
    assert order["OUTPUT"] == str(tmp_path / "outbreak_lockdown_order.docx")
    import docx

    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "outbreak_lockdown_order.docx")).paragraphs)
    assert "莆政封〔2025〕1号" in text and "莆田市人民政府" in text and "2025年4月12日" in text
    declare = steps["declare"]["parameters"]  # the zones declared with the order's number and date
    assert declare["CASE"] == str(gpkg) and declare["ORDER_NUMBER"] == "莆政封〔2025〕1号"
    assert "2025, 4, 12" in str(declare["DECLARED_ON"])
    assert [tuple(row[1:3]) for row in report["timeline"] if row[2] in ("Declaration 1", "第1次公布")] == [
        ("2025-04-12", "Declaration 1" if report["badge"] == "Grade II" else "第1次公布")]
    return steps


def test_the_chain_in_english(tmp_path):
    report = drive(tmp_path, "en_US")
    steps = check_chain(report, tmp_path)
    assert report["badge"] == "Grade II"
    assert steps["zoning"]["parameters"]["QUARANTINE_ZONES"]
    assert steps["zoning"]["button"] == "1. Zones…"
    zoning_message = steps["zoning"]["messages"][0]
    assert "Quarantine zones (1)" in zoning_message and "Threatened zones" in zoning_message
    assert "Checkpoints (9)" in steps["checkpoints"]["messages"][0]
    assert "Lockdown map written" in steps["map"]["messages"][0] and "Open PDF" in steps["map"]["message_buttons"]
    for name in ("Quarantine zones", "Threatened zones", "Occurrence areas", "Occurrence points", "Checkpoints",
                 "Affected units", "Outbreak counties"):
        assert report["layers"].count(name) == 1, (name, report["layers"])
    assert {"Checkpoints", "Quarantine zones"} <= set(report["labelled"])
    assert report["layouts"] == ["Lockdown map"]
    order = steps["order"]
    assert order["button"] == "6. Lockdown order…"
    assert (order["parameters"]["QUARANTINE"], order["parameters"]["CHECKPOINTS"]) == ("layer:Quarantine zones", "layer:Checkpoints")
    assert order["messages"][0].endswith("Lockdown order written: outbreak_lockdown_order.docx.")
    assert "Open document" in order["message_buttons"]
    assert steps["declare"]["button"] == "Declare zones…"
    assert steps["declare"]["messages"][0].endswith("Zones declared in outbreak_rifa_case.gpkg: 4 new, 0 revised, 0 unchanged, 0 lifted.")


def test_the_chain_in_chinese(tmp_path):
    report = drive(tmp_path, "zh-Hans")
    steps = check_chain(report, tmp_path)
    assert report["badge"] == "二级"
    assert report["rule"].startswith("1个设区市的")
    assert "莆田2006" in report["counts"] and "Putian" not in report["counts"]
    assert steps["zoning"]["button"] == "1. 划定疫区…"
    assert "疫区（1）" in steps["zoning"]["messages"][0]
    assert "检查站（9）" in steps["checkpoints"]["messages"][0]
    assert "封锁图已写出" in steps["map"]["messages"][0] and "打开 PDF" in steps["map"]["message_buttons"]
    for name in ("疫区", "受威胁区", "发生区", "发生点", "检查站", "涉及行政区", "发生疫情的县"):
        assert report["layers"].count(name) == 1, (name, report["layers"])
    assert report["layouts"] == ["封锁图"]
    order = steps["order"]
    assert order["button"] == "6. 封锁令…"
    assert (order["parameters"]["QUARANTINE"], order["parameters"]["CHECKPOINTS"]) == ("layer:疫区", "layer:检查站")
    assert order["messages"][0].endswith("封锁令已写出：outbreak_lockdown_order.docx。")
    assert "打开文档" in order["message_buttons"]
    assert steps["declare"]["button"] == "公布区域…"
    assert steps["declare"]["messages"][0].endswith("区域已公布，写入 outbreak_rifa_case.gpkg：新增 4 个，修订 0 个，未变 0 个，撤销 0 个。")
    english = [text for text in report["legend"] if text in ("meets the rule", "occurrence point")
               or text.startswith("below the minimum")]
    assert not english, english
