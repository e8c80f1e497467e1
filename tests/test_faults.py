"""Data that must never be lost or broken (issue 14): an output naming an input, a full disk, a
locked output, SIGTERM/SIGINT while writing, cancel in a long grade run.

End to end through Processing (``processing.run`` and ``qgis_process.bin``) on real files. The full
disk is a small tmpfs mounted by the test and unmounted after it (skipped with the reason when
``mount`` is not allowed); the signals go to the test's own ``qgis_process.bin`` subprocess.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
from rifa_test_utils import Recorder, make_layer, qgis_process, qgis_process_env
from rifa_test_utils import gpkg_tables as tables
from rifa_test_utils import rifa_failure as failure
from rifa_test_utils import run_rifa as run

UTM = "EPSG:32650"
X0, Y0 = 700000.0, 2812000.0
ZONE_OUTPUTS = ("OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS")


def nests_rows(n, seed=3, spread=3000.0):
    rng = np.random.default_rng(seed)
    return [(f"POINT({X0 + x} {Y0 + y})", {"n": i}) for i, (x, y) in enumerate(rng.uniform(-spread, spread, (n, 2)))]


def survey(path: Path, n_nests=3) -> Path:
    """A county survey GeoPackage: nests and rivers."""
    make_layer("Point", UTM, nests_rows(n_nests), "nests", path=path)
    make_layer("LineString", UTM, [(f"LINESTRING({X0 + 500} {Y0 - 4000}, {X0 + 500} {Y0 + 4000})", {"name": "r"})],
               "rivers", path=path)
    return path


def snapshot(folder: Path) -> dict:
    """Every file of ``folder`` by name with the SHA-256 of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if "~rifa-" in name or name.endswith(("-journal", "-wal"))]


def zone_outputs(folder: Path) -> dict:
    return {name: str(folder / f"{name.lower()}.gpkg") for name in ZONE_OUTPUTS}


# -- an output that names an input --------------------------------------------------------------


def test_a_survey_geopackage_given_as_output_is_refused_and_keeps_all_its_layers(rifa_provider, tmp_path):
    path = survey(tmp_path / "survey.gpkg")
    before = snapshot(tmp_path)
    message = failure("delineatezones", {"NESTS": f"{path}|layername=nests", **zone_outputs(tmp_path),
                                         "OCCURRENCE_AREAS": str(path)})
    assert "'Occurrence areas'" in message and "'Nests (detections)'" in message and str(path) in message
    assert "replaces the whole file" in message
    assert snapshot(tmp_path) == before  # nothing written, not even the other three outputs
    assert tables(path) == {"nests": 3, "rivers": 1}


@pytest.mark.parametrize("kind", ["same table", "shapefile", "geojson", "barrier table"])
def test_an_output_equal_to_an_input_is_refused_naming_both(rifa_provider, tmp_path, kind):
    path = survey(tmp_path / "survey.gpkg")
    if kind == "same table":
        parameters = {"INPUT": f"{path}|layername=nests", "OUTPUT": f"ogr:dbname='{path}' table=\"nests\" (geom)"}
        expected = ("'Input (nests, occurrence points, zones)'", "'Barrier-aware zones'", "table 'nests'")
    elif kind == "barrier table":
        parameters = {"INPUT": f"{path}|layername=nests", "BARRIERS": [f"{path}|layername=rivers"],
                      "OUTPUT": f"ogr:dbname='{path}' table=\"RIVERS\" (geom)"}  # SQLite: names ignore case
        expected = ("'Barriers", "'Barrier-aware zones'", "table 'RIVERS'")
    else:
        single = tmp_path / ("nests.shp" if kind == "shapefile" else "nests.geojson")
        layer = QgsVectorLayer(f"{path}|layername=nests", "nests", "ogr")
        run_native_copy(layer, single)
        parameters = {"INPUT": str(single), "OUTPUT": str(single)}
        expected = ("'Input (nests, occurrence points, zones)'", "'Barrier-aware zones'", str(single))
    before = snapshot(tmp_path)
    message = failure("barrierbuffer", {"DISTANCE": 100, **parameters})
    assert all(text in message for text in expected), message
    assert snapshot(tmp_path) == before


def run_native_copy(layer, path: Path) -> None:
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile" if path.suffix == ".shp" else "GeoJSON"
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(),
                                                                     options)
    assert error == QgsVectorFileWriter.NoError, message


def test_new_tables_in_the_geopackage_of_the_input_keep_its_layers(rifa_provider, tmp_path):
    path = survey(tmp_path / "survey.gpkg")
    outputs = {name: f"ogr:dbname='{path}' table=\"{name.lower()}\" (geom)" for name in ZONE_OUTPUTS}
    result = run("delineatezones", {"NESTS": f"{path}|layername=nests", "BARRIERS": [f"{path}|layername=rivers"],
                                    **outputs})
    found = tables(path)
    assert found["nests"] == 3 and found["rivers"] == 1
    assert all(found[name.lower()] >= 1 for name in ZONE_OUTPUTS)
    assert result["QUARANTINE_ZONES"] == f"{path}|layername=quarantine_zones"
    assert QgsVectorLayer(result["QUARANTINE_ZONES"], "q", "ogr").featureCount() == found["quarantine_zones"]
    assert leftovers(tmp_path) == []


def test_two_outputs_into_one_file_are_refused(rifa_provider, tmp_path):
    nests = make_layer("Point", UTM, nests_rows(3), "nests")
    outputs = {**zone_outputs(tmp_path), "THREATENED_ZONES": str(tmp_path / "zones.gpkg"),
               "OCCURRENCE_POINTS": str(tmp_path / "zones.gpkg")}
    message = failure("delineatezones", {"NESTS": nests, **outputs})
    assert "'Threatened zones' and 'Occurrence points' both write to" in message
    assert os.listdir(tmp_path) == []


def test_qgis_process_refuses_the_survey_geopackage_as_output(plugin_parent_dir, tmp_path):
    path = survey(tmp_path / "survey.gpkg")
    before = snapshot(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    assert qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home).returncode == 0
    done = qgis_process(["run", "rifa:barrierbuffer", "--", f"INPUT={path}|layername=nests", "DISTANCE=100",
                         f"OUTPUT={path}"], plugin_parent=plugin_parent_dir, home=home)
    assert done.returncode != 0
    assert "would overwrite the input" in done.stdout + done.stderr
    assert {k: v for k, v in snapshot(tmp_path).items()} == before
    assert tables(path) == {"nests": 3, "rivers": 1}


# -- a small disk --------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """``small_disk(size)``: a tmpfs of that size mounted for the test; unmounted after, also on failure."""
    mounted = []

    def mount(size="4m") -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(point)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs for the full-disk test: {done.stderr.strip() or done.returncode}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def fill(disk: Path, leave: int = 0) -> None:
    """Fill ``disk`` until ``leave`` bytes are free (tmpfs counts whole pages)."""
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        chunk = b"\0" * 65536
        while True:
            try:
                if os.write(descriptor, chunk) == 0:
                    break
            except OSError:
                if len(chunk) == 1:
                    break
                chunk = chunk[: len(chunk) // 2]
    finally:
        os.close(descriptor)
    if leave:
        size = (disk / "filler").stat().st_size
        os.truncate(disk / "filler", max(0, size - leave))


def test_a_full_disk_fails_the_run_and_keeps_the_previous_outputs_exactly(rifa_provider, small_disk):
    disk = small_disk("4m")
    outputs = zone_outputs(disk)
    run("delineatezones", {"NESTS": make_layer("Point", UTM, nests_rows(3), "nests"), **outputs})
    before = snapshot(disk)
    fill(disk, leave=200 * 1024)  # room for a part or two, not for four
    more = make_layer("Point", UTM, nests_rows(3000, seed=9, spread=20000.0), "more nests")
    message = failure("delineatezones", {"NESTS": more, **outputs})
    assert "space" in message or "full" in message, message
    assert "Nothing was replaced" in message
    (disk / "filler").unlink()
    assert snapshot(disk) == before
    assert leftovers(disk) == []
    for path in outputs.values():
        assert QgsVectorLayer(path, "old", "ogr").isValid()


def test_a_full_disk_keeps_the_geopackage_a_table_goes_into(rifa_provider, small_disk):
    disk = small_disk("4m")
    path = survey(disk / "survey.gpkg", n_nests=20)
    outputs = {name: f"ogr:dbname='{path}' table=\"{name.lower()}\" (geom)" for name in ZONE_OUTPUTS}
    run("delineatezones", {"NESTS": f"{path}|layername=nests", **outputs})
    before = snapshot(disk)
    fill(disk, leave=400 * 1024)
    more = make_layer("Point", UTM, nests_rows(3000, seed=9, spread=20000.0), "more nests")
    message = failure("delineatezones", {"NESTS": more, **outputs})
    assert "Nothing was replaced" in message, message
    (disk / "filler").unlink()
    assert snapshot(disk) == before
    assert leftovers(disk) == []
    assert tables(path)["nests"] == 20


def test_lockdownmap_on_a_full_disk_says_so_and_keeps_the_previous_map(rifa_provider, small_disk):
    disk = small_disk("2m")
    zones = make_layer("Polygon", UTM, [(QgsGeometry.fromPointXY(QgsPointXY(X0, Y0)).buffer(5000, 16).asWkt(),
                                         {"zone_type": "quarantine", "zone_id": 1})], "q")
    previous = disk / "map.pdf"
    previous.write_bytes(b"%PDF-1.4 the map of last week\n%%EOF\n")
    before = snapshot(disk)
    fill(disk)
    message = failure("lockdownmap", {"QUARANTINE": zones, "ORDER_NUMBER": "1", "OUTPUT": str(previous)})
    assert "map.pdf" in message and "no space left on the device" in message, message
    (disk / "filler").unlink()
    assert snapshot(disk) == before
    assert leftovers(disk) == []


# -- a locked output -----------------------------------------------------------------------------


class LockWhenHalfDone(Recorder):
    """Feedback that locks a GeoPackage (as another program editing it would) once the run is half done."""

    def __init__(self, path):
        super().__init__()
        self.path, self.other = path, None

    def setProgress(self, value):  # noqa: N802
        super().setProgress(value)
        if value >= 50 and self.other is None:
            self.other = sqlite3.connect(self.path, isolation_level=None)
            self.other.execute("BEGIN EXCLUSIVE")

    def release(self):
        if self.other is not None:
            self.other.execute("ROLLBACK")
            self.other.close()


@pytest.mark.parametrize("when", ["before the run", "during the run"])
def test_a_locked_output_leaves_every_earlier_output_of_the_run_intact(rifa_provider, tmp_path, when):
    outputs = zone_outputs(tmp_path)
    run("delineatezones", {"NESTS": make_layer("Point", UTM, nests_rows(3), "nests"), **outputs})
    before = snapshot(tmp_path)
    feedback = LockWhenHalfDone(outputs["THREATENED_ZONES"])
    if when == "before the run":  # found before any work
        feedback.setProgress(50)
        feedback.progress.clear()
    try:
        message = failure("delineatezones", {"NESTS": make_layer("Point", UTM, nests_rows(30, seed=4), "n"), **outputs},
                          feedback)
    finally:
        feedback.release()
    assert "Cannot replace the output 'Threatened zones'" in message and "locked" in message, message
    assert "Nothing was replaced" in message
    if when == "before the run":
        assert feedback.progress == []  # no work done
    else:
        assert max(feedback.progress) >= 90  # found when moving the outputs into place
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []
    for path in outputs.values():
        assert QgsVectorLayer(path, "old", "ogr").featureCount() >= 1


# -- signals while writing -----------------------------------------------------------------------


def units_file(path: Path, side: int) -> Path:
    """``side`` × ``side`` square units of 200 m, named and coded, in a GeoPackage."""
    rows = []
    for i in range(side):
        for j in range(side):
            x, y = X0 + 200.0 * i, Y0 + 200.0 * j
            rows.append((f"POLYGON(({x} {y}, {x + 200} {y}, {x + 200} {y + 200}, {x} {y + 200}, {x} {y}))",
                         {"code": f"{i:03d}{j:03d}", "name": f"村 {i}-{j}"}))
    make_layer("Polygon", UTM, rows, "units", path=path)
    return path


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_while_writing_stops_the_run_and_keeps_the_previous_output(rifa_provider, plugin_parent_dir, tmp_path,
                                                                             number):
    units = units_file(tmp_path / "units.gpkg", 60)  # 3,600 units: a table of 3,600 rows to write
    side = 60 * 200.0
    zone = (f"POLYGON(({X0 - 10} {Y0 - 10}, {X0 + side + 10} {Y0 - 10}, {X0 + side + 10} {Y0 + side + 10}, "
            f"{X0 - 10} {Y0 + side + 10}, {X0 - 10} {Y0 - 10}))")
    zones = tmp_path / "zones.gpkg"
    make_layer("Polygon", UTM, [(zone, {"zone_type": "quarantine", "zone_id": 1})], "zones", path=zones)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "affected.gpkg"
    parameters = {"ZONES": f"{zones}|layername=zones", "UNITS": f"{units}|layername=units", "UNIT_ID_FIELD": "code",
                  "UNIT_NAME_FIELD": "name"}
    run("affectedunits", {**parameters, "UNITS": make_layer("Polygon", UTM, [(zone, {"code": "1", "name": "县"})], "u"),
                          "OUTPUT": str(target)})
    before = snapshot(out)
    home = tmp_path / "home"
    home.mkdir()
    env = qgis_process_env(plugin_parent_dir, home)
    assert subprocess.run(["qgis_process.bin", "plugins", "enable", "rifa_zoning"], env=env, capture_output=True,
                          check=False).returncode == 0
    args = ["qgis_process.bin", "run", "rifa:affectedunits", "--", *(f"{k}={v}" for k, v in parameters.items()),
            f"OUTPUT={target}"]
    for _attempt in range(3):  # the signal must land while the part is written (a fast run may end first)
        process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        parts = []
        try:
            while process.poll() is None and not any("~rifa-part-" in name for name in os.listdir(out)):
                time.sleep(0.002)  # polling (the cores are shared), not a timing assumption
            if process.poll() is None:
                process.send_signal(signal.SIGSTOP)  # frozen with its part half written
                parts = [name for name in os.listdir(out) if "~rifa-part-" in name]
                process.send_signal(number)
                process.send_signal(signal.SIGCONT)
            stdout, stderr = process.communicate(timeout=300)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        if process.returncode != 0 and parts:
            break
        assert process.returncode == 0, stdout + stderr
        before = snapshot(out)  # it finished first: its output is the previous one of the next try
    else:
        pytest.fail("the run always finished before the signal arrived")
    assert f"Stopped by the signal {signal.Signals(number).name}" in stdout + stderr, stdout + stderr
    assert snapshot(out) == before
    assert leftovers(out) == []
    assert QgsVectorLayer(str(target), "old", "ogr").isValid()


# -- cancel in a long grade run ------------------------------------------------------------------


def test_outbreakgrade_on_200000_nests_stops_on_cancel(rifa_provider):
    admin = make_layer("Polygon", "EPSG:4326", [
        ("POLYGON((118 24,120 24,120 26,118 26,118 24))", {"county_code": "350304", "county_name": "荔城区"}),
    ], "counties")
    rng = np.random.default_rng(2)
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "many nests", "memory")
    features = []
    for x, y in rng.uniform((118.1, 24.1), (119.9, 25.9), (200_000, 2)):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    feedback = Recorder(cancel_at=80.0)  # canceled when the nests are read: in the loop over them
    message = failure("outbreakgrade", {"NESTS": layer, "ADMIN": admin, "COUNTY_CODE_FIELD": "county_code",
                                        "COUNTY_NAME_FIELD": "county_name", "OUTPUT": "memory:"}, feedback)
    assert message == "Canceled by the user."
    assert max(feedback.progress) < 90, feedback.progress[-5:]


# -- moving into place: all or nothing; what a killed run left -----------------------------------


def test_a_failed_copy_into_a_geopackage_puts_back_the_outputs_already_renamed(rifa_provider, tmp_path):
    whole = tmp_path / "occurrence_areas.gpkg"
    path = survey(tmp_path / "survey.gpkg")
    nests = make_layer("Point", UTM, nests_rows(3), "nests")
    run("delineatezones", {"NESTS": nests, "OCCURRENCE_AREAS": str(whole), "QUARANTINE_ZONES": "memory:",
                           "THREATENED_ZONES": "memory:", "OCCURRENCE_POINTS": "memory:"})
    # a trigger refusing the new layer: the copy into the GeoPackage fails (its transaction rolls back)
    sql_connection = sqlite3.connect(str(path))
    sql_connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON gpkg_contents WHEN NEW.table_name = 'quarantine_zones' "
                           "BEGIN SELECT RAISE(ABORT, 'no new layers here'); END")
    sql_connection.commit()
    sql_connection.close()
    before = snapshot(tmp_path)
    message = failure("delineatezones", {
        "NESTS": make_layer("Point", UTM, nests_rows(30, seed=8), "more"), "OCCURRENCE_AREAS": str(whole),
        "QUARANTINE_ZONES": f"ogr:dbname='{path}' table=\"quarantine_zones\" (geom)",
        "THREATENED_ZONES": "memory:", "OCCURRENCE_POINTS": "memory:"})
    assert "Could not write the output 'Quarantine zones'" in message and "Nothing was replaced" in message, message
    assert snapshot(tmp_path) == before  # the occurrence areas, renamed into place first, are back as they were
    assert leftovers(tmp_path) == []


def test_the_parts_a_killed_run_left_are_removed_by_the_next_run(rifa_provider, tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f"zones~rifa-part-{dead.pid}-0badcafe.gpkg"
    stale.write_bytes(b"half a GeoPackage")
    stale_journal = tmp_path / f"zones~rifa-part-{dead.pid}-0badcafe.gpkg-journal"
    stale_journal.write_bytes(b"a hot journal")
    live = tmp_path / f"zones~rifa-part-{os.getppid()}-0badcafe.gpkg"  # a run still going: left alone
    live.write_bytes(b"being written")
    run("barrierbuffer", {"INPUT": make_layer("Point", UTM, nests_rows(2), "n"), "DISTANCE": 100,
                          "OUTPUT": str(tmp_path / "zones.gpkg")})
    assert sorted(os.listdir(tmp_path)) == sorted(["zones.gpkg", live.name])


@pytest.mark.parametrize("name", ["zones.shp", "zones.geojson", "zones.gpkg", "units.csv", "疫区 2024.gpkg"])
def test_an_output_file_is_replaced_whole_once_complete(rifa_provider, tmp_path_factory, name):
    tmp_path = tmp_path_factory.mktemp("output")
    target = tmp_path / name
    for n in (2, 5):  # the second run replaces the first
        nests = make_layer("Point", UTM, [(f"POINT({X0 + 3000 * i} {Y0})", {"n": i}) for i in range(n)], "n")
        result = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 100, "DISSOLVE": False, "OUTPUT": str(target)})
    assert result["OUTPUT"].split("|")[0] == str(target)
    layer = QgsVectorLayer(result["OUTPUT"], "zones", "ogr")
    assert layer.isValid() and layer.featureCount() == 5
    assert leftovers(tmp_path) == []
    if name.endswith(".shp"):
        # the files QGIS's own writer makes for a shapefile (3.40 adds a .cpg): all moved in, nothing else
        import processing

        reference = tmp_path_factory.mktemp("reference") / name
        processing.run("native:buffer", {"INPUT": nests, "DISTANCE": 100, "OUTPUT": str(reference)})
        expected = sorted(p.suffix for p in reference.parent.iterdir())
        assert {".dbf", ".prj", ".shp", ".shx"} <= set(expected)
        assert sorted(p.suffix for p in tmp_path.iterdir()) == expected
