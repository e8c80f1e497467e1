"""The one-command demo: the whole RIFA Zoning job on the Putian sample data, through qgis_process.

``make demo`` runs it after installing what it needs. It calls the real algorithms the way a
bureau would script them, one ``qgis_process.bin run <alg> --json -- PARAM=value ...`` each:

1. ``rifa:delineatezones``  nests -> occurrence points, occurrence areas, quarantine and
   threatened zones, the Mulan River and the ridges as barriers, the bridges as crossings;
2. ``rifa:outbreakgrade``   which counties and cities have nests -> the grade;
3. ``rifa:checkpoints``     where roads cross the quarantine zone boundary;
4. ``rifa:affectedunits``   which counties lie in which zone, and how much of them;
5. ``rifa:lockdownmap``     the PDF map for the lockdown order (封锁令) and a PNG preview, with the
   rivers, ridges and roads that explain the zones' shape and the checkpoints;
6. ``rifa:describeboundary`` the written boundary of the quarantine zone (四至: 东至…，南至…);
7. ``rifa:lockdownorder``   the order itself as a Word document, with the map as its annex.

Then the case after the first day: ``rifa:declarezones`` declares the zones (version 1, the order's
number and date) into ``rifa_case.gpkg`` and ``rifa:periodreport`` writes the weekly report of the
week ending on the order's date (``weekly_report.docx``).

Everything goes to ``demo_output/`` (``--output-dir``): ``rifa_demo.gpkg`` (every output as a layer),
``lockdown_map.pdf``, ``lockdown_map.png``, ``lockdown_order.docx`` and ``summary.json`` (the figures
printed at the end).
The plugin is loaded from this checkout through a temporary QGIS_PLUGINPATH and enabled in a
throwaway HOME, so the user's QGIS profile is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_script import ROOT, SAMPLE  # noqa: E402

QGIS_PROCESS = "qgis_process.bin"  # Debian's qgis_process wrapper adds a flag QGIS 3.22 rejects

# The demo's choices, inside the Putian 2006 profile's legal ranges (plan 第三章 二(二)).
OCCURRENCE_RADIUS = 3000
QUARANTINE_RADIUS = 5000
THREAT_EXTENSION = 10000
CROSSING_WIDTH = 50
ORDER_NUMBER = "莆政封〔2025〕1号(示例 sample)"
AUTHORITY = "莆田市人民政府(示例 sample)"
ISSUE_DATE = "2025-04-12"

ALGORITHMS = ["rifa:delineatezones", "rifa:outbreakgrade", "rifa:checkpoints", "rifa:affectedunits",
              "rifa:lockdownmap", "rifa:describeboundary", "rifa:lockdownorder"]


class DemoError(Exception):
    pass


def sample(layer: str) -> str:
    return f"{SAMPLE}|layername={layer}"


class QgisProcess:
    """``qgis_process.bin`` headless, with this checkout as the plugin ``rifa_zoning``."""

    def __init__(self, workdir: Path):
        plugins = workdir / "plugins"
        plugins.mkdir()
        (plugins / "rifa_zoning").symlink_to(ROOT, target_is_directory=True)
        home = workdir / "home"
        home.mkdir()
        self.env = dict(os.environ)
        for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QGIS_OPTS"):
            self.env.pop(key, None)
        site = sysconfig.get_paths()["purelib"]  # the venv's shapely 2
        self.env.update({
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "QGIS_PLUGINPATH": str(plugins),
            "PYTHONPATH": os.pathsep.join(p for p in (site, os.environ.get("PYTHONPATH", "")) if p),
        })

    def call(self, *args: str) -> subprocess.CompletedProcess:
        if shutil.which(QGIS_PROCESS) is None:
            raise DemoError(f"{QGIS_PROCESS} not found: install QGIS (make deps) first")
        return subprocess.run([QGIS_PROCESS, *args], env=self.env, capture_output=True, text=True, check=False)

    def enable_plugin(self) -> None:
        done = self.call("plugins", "enable", "rifa_zoning")
        if done.returncode != 0:
            raise DemoError("could not enable the plugin rifa_zoning:\n" + done.stdout + done.stderr)
        listed = self.call("list").stdout
        missing = [alg for alg in ALGORITHMS if alg not in listed]
        if missing:
            raise DemoError("this checkout does not provide " + ", ".join(missing)
                            + " (not merged yet?); the demo needs all of " + ", ".join(ALGORITHMS))

    def run(self, algorithm: str, params: list[tuple[str, object]]) -> dict:
        """Run one algorithm; ``params`` may repeat a name (multiple-layer parameters)."""
        args = ["run", algorithm, "--json", "--"] + [f"{name}={value}" for name, value in params]
        done = self.call(*args)
        try:
            answer = json.loads(done.stdout)
        except json.JSONDecodeError:
            answer = None
        if done.returncode != 0 or answer is None or "results" not in answer:
            tail = "\n".join((done.stdout + "\n" + done.stderr).strip().splitlines()[-25:])
            raise DemoError(f"{algorithm} failed (exit code {done.returncode}):\n{tail}")
        return answer["results"]


def table(gpkg: Path, name: str) -> str:
    """A destination for a layer ``name`` inside the GeoPackage ``gpkg`` (created if needed)."""
    return f"ogr:dbname='{gpkg}' table=\"{name}\" (geom)"


def rows(gpkg: Path, name: str) -> list[dict]:
    with sqlite3.connect(gpkg) as db:
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute(f'SELECT * FROM "{name}"')]


def run_chain(out: Path, log=print) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    gpkg = out / "rifa_demo.gpkg"
    pdf, png = out / "lockdown_map.pdf", out / "lockdown_map.png"
    order = out / "lockdown_order.docx"
    for old in (gpkg, pdf, png, order, out / "summary.json"):
        old.unlink(missing_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rifa_demo_") as tmp:
        qp = QgisProcess(Path(tmp))
        qp.enable_plugin()

        log("1/7 rifa:delineatezones: occurrence points and zones, the Mulan River as a barrier ...")
        zones = qp.run("rifa:delineatezones", [
            ("NESTS", sample("nests")), ("VILLAGES", sample("villages")), ("VILLAGE_NAME_FIELD", "name"),
            ("DATE_FIELD", "found_on"),
            ("BARRIERS", sample("rivers")), ("BARRIERS", sample("ridges")),
            ("CROSSINGS", sample("bridges")), ("CROSSING_WIDTH", CROSSING_WIDTH),
            ("OCCURRENCE_RADIUS", OCCURRENCE_RADIUS), ("QUARANTINE_RADIUS", QUARANTINE_RADIUS),
            ("THREAT_EXTENSION", THREAT_EXTENSION),
            ("OCCURRENCE_AREAS", table(gpkg, "occurrence_areas")),
            ("QUARANTINE_ZONES", table(gpkg, "quarantine_zones")),
            ("THREATENED_ZONES", table(gpkg, "threatened_zones")),
            ("OCCURRENCE_POINTS", table(gpkg, "occurrence_points")),
        ])

        log("2/7 rifa:outbreakgrade: counties and cities with nests ...")
        grade = qp.run("rifa:outbreakgrade", [
            ("NESTS", sample("nests")), ("ADMIN", sample("counties")),
            ("COUNTY_CODE_FIELD", "county_code"), ("COUNTY_NAME_FIELD", "county_name"),
            ("CITY_CODE_FIELD", "city_code"), ("CITY_NAME_FIELD", "city_name"), ("PROVINCE_FIELD", "province"),
            ("OUTPUT", table(gpkg, "outbreak_counties")),
        ])

        log("3/7 rifa:checkpoints: road entrances of the quarantine zone ...")
        checkpoints = qp.run("rifa:checkpoints", [
            ("ZONES", zones["QUARANTINE_ZONES"]), ("ROADS", sample("roads")),
            ("ROAD_NAME_FIELD", "name"), ("ROAD_CLASS_FIELD", "class"), ("MERGE_DISTANCE", 50),
            ("OUTPUT", table(gpkg, "checkpoints")),
        ])

        log("4/7 rifa:affectedunits: counties inside the quarantine zone ...")
        qp.run("rifa:affectedunits", [
            ("ZONES", zones["QUARANTINE_ZONES"]), ("UNITS", sample("counties")),
            ("UNIT_ID_FIELD", "county_code"), ("UNIT_NAME_FIELD", "county_name"),
            ("OUTPUT", table(gpkg, "affected_units")),
        ])

        log("5/7 rifa:lockdownmap: the map for the lockdown order ...")
        qp.run("rifa:lockdownmap", [
            ("QUARANTINE", zones["QUARANTINE_ZONES"]), ("THREATENED", zones["THREATENED_ZONES"]),
            ("OCCURRENCE", zones["OCCURRENCE_AREAS"]), ("NESTS", sample("nests")),
            ("CHECKPOINTS", checkpoints["OUTPUT"]),
            # the rivers and ridges that shape the zones, the roads that enter them
            ("BARRIERS", sample("rivers")), ("BARRIERS", sample("ridges")), ("ROADS", sample("roads")),
            ("VILLAGES", sample("villages")), ("UNITS", sample("counties")), ("UNIT_ID_FIELD", "county_code"), ("UNIT_NAME_FIELD", "county_name"),
            ("ORDER_NUMBER", ORDER_NUMBER), ("AUTHORITY", AUTHORITY), ("ISSUE_DATE", ISSUE_DATE),
            ("GRADE", grade["GRADE_LABEL"]), ("PAPER", 1), ("ORIENTATION", 0),  # A3 landscape: one page
            ("OUTPUT", pdf), ("OUTPUT_PNG", png),
        ])

        named = [("ROADS", sample("roads")), ("BARRIERS", sample("rivers")), ("BARRIERS", sample("ridges")),
                 ("VILLAGES", sample("villages")), ("UNITS", sample("counties"))]
        log("6/7 rifa:describeboundary: the quarantine zone in words (四至) ...")
        qp.run("rifa:describeboundary", [
            ("ZONES", zones["QUARANTINE_ZONES"]), *named, ("OUTPUT", table(gpkg, "quarantine_boundary")),
        ])

        log("7/7 rifa:lockdownorder: the order (封锁令) as a Word document, the map as its annex ...")
        qp.run("rifa:lockdownorder", [
            ("QUARANTINE", zones["QUARANTINE_ZONES"]), ("THREATENED", zones["THREATENED_ZONES"]),
            ("CHECKPOINTS", checkpoints["OUTPUT"]), *named,
            ("ORDER_NUMBER", ORDER_NUMBER), ("AUTHORITY", AUTHORITY), ("ISSUE_DATE", ISSUE_DATE),
            ("GRADE", grade["GRADE"]), ("MAP", pdf), ("OUTPUT", order),
        ])
        case = run_case(qp, out, zones, log)
    summary = summarize(gpkg, grade)
    summary["case"] = case
    summary["seconds"] = round(time.monotonic() - started, 1)
    summary["files"] = {"geopackage": str(gpkg), "pdf": str(pdf), "png": str(png), "order": str(order)}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def run_case(qp: QgisProcess, out: Path, zones: dict, log=print) -> dict:
    """The case after the first day: declare the zones (rifa:declarezones) into ``rifa_case.gpkg``
    and write the weekly report of the week ending on the order's date (rifa:periodreport)."""
    case, docx = out / "rifa_case.gpkg", out / "weekly_report.docx"
    for old in (case, docx):
        old.unlink(missing_ok=True)
    log("case: rifa:declarezones: the zones of the order, version 1 ...")
    declared = qp.run("rifa:declarezones", [
        ("CASE", case), ("QUARANTINE", zones["QUARANTINE_ZONES"]), ("THREATENED", zones["THREATENED_ZONES"]),
        ("OCCURRENCE", zones["OCCURRENCE_AREAS"]), ("ORDER_NUMBER", ORDER_NUMBER), ("DECLARED_ON", ISSUE_DATE),
    ])
    log("case: rifa:periodreport: the weekly report ...")
    weekly = qp.run("rifa:periodreport", [
        ("CASE", case), ("DETECTIONS", sample("nests")), ("DATE_FIELD", "found_on"), ("VILLAGE_FIELD", "village"),
        ("COUNTIES", sample("counties")), ("COUNTY_NAME_FIELD", "county_name"),
        ("PERIOD", 0), ("PERIOD_END", ISSUE_DATE), ("OUTPUT", docx),
    ])
    return {
        "declared_zones": int(declared["N_NEW"]),
        "new_detections": int(weekly["N_NEW_DETECTIONS"]),
        "new_occurrence_points": int(weekly["N_NEW_OCCURRENCE_POINTS"]),
        "quarantine_km2": round(float(weekly["AREA_QUARANTINE_KM2"]), 1),
        "files": {"case": str(case), "weekly_report": str(docx)},
    }


def _zones(gpkg: Path, name: str) -> dict:
    zones = rows(gpkg, name)
    return {
        "count": len(zones),
        "area_km2": round(sum(z["area_km2"] for z in zones), 1),
        "meeting_rule": sum(1 for z in zones if z.get("meets_rule")),
    }


def summarize(gpkg: Path, grade: dict) -> dict:
    points = rows(gpkg, "occurrence_points")
    units = rows(gpkg, "affected_units")
    return {
        "grade": int(grade["GRADE"]),
        "grade_label": grade["GRADE_LABEL"],
        "n_counties": int(grade["N_COUNTIES"]),
        "n_cities": int(grade["N_CITIES"]),
        "n_unassigned": int(grade["N_UNASSIGNED"]),
        "outbreak_counties": [r.get("county_name") for r in rows(gpkg, "outbreak_counties")],
        "occurrence_points": len(points),
        "nests": sum(int(p["n_nests"]) for p in points),
        "occurrence_areas": _zones(gpkg, "occurrence_areas"),
        "quarantine_zones": _zones(gpkg, "quarantine_zones"),
        "threatened_zones": _zones(gpkg, "threatened_zones"),
        "checkpoints": len(rows(gpkg, "checkpoints")),
        "boundary": [r["description"] for r in rows(gpkg, "quarantine_boundary")],
        "affected_units": [
            {"unit": u["unit_name"], "area_km2": round(u["area_km2"], 1), "share_pct": round(u["share_pct"], 1)}
            for u in units
        ],
    }


def report(summary: dict) -> str:
    zone = "{count} zone(s), {area_km2} km²"
    lines = [
        "RIFA Zoning demo: Putian sample data (approximate, not authoritative)",
        f"  outbreak grade     {summary['grade_label']}: nests in {summary['n_counties']} counties "
        f"({', '.join(summary['outbreak_counties'])}) of {summary['n_cities']} city",
        f"  occurrence points  {summary['occurrence_points']} villages, {summary['nests']} nests",
        f"  occurrence areas   {zone.format(**summary['occurrence_areas'])} (r = {OCCURRENCE_RADIUS} m)",
        f"  quarantine zones   {zone.format(**summary['quarantine_zones'])} (r = {QUARANTINE_RADIUS} m), "
        f"{summary['quarantine_zones']['meeting_rule']} meeting the 3-point rule",
        f"  threatened zones   {zone.format(**summary['threatened_zones'])} (+{THREAT_EXTENSION} m)",
        f"  checkpoints        {summary['checkpoints']} road entrances of the quarantine zone",
        "  affected units     " + ", ".join(
            f"{u['unit']} {u['area_km2']} km² ({u['share_pct']} %)" for u in summary["affected_units"]),
        f"  case               {summary['case']['declared_zones']} zones declared; weekly report: "
        f"{summary['case']['new_detections']} new detections, {summary['case']['new_occurrence_points']} new occurrence points",
        *(f"  boundary (四至)     {text}" for text in summary["boundary"]),
        f"  written            {', '.join([*summary['files'].values(), *summary['case']['files'].values()])}",
        f"  time               {summary['seconds']} s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the RIFA Zoning chain on the Putian sample data.")
    parser.add_argument("--output-dir", default=str(ROOT / "demo_output"), help="where to write (default demo_output/)")
    args = parser.parse_args(argv)
    try:
        summary = run_chain(Path(args.output_dir).resolve())
    except DemoError as error:
        print(f"demo failed: {error}", file=sys.stderr)
        return 1
    print(report(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
