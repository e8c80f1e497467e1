"""The records log (处理记录) is evidence (issue 14): damage and tampering are found and named,
a log that cannot be written stops a run before any work, a missing log is never restarted in
silence, runs at once share one new log, old logs are migrated into the chain of hashes.

Through Processing (``processing.run``, ``qgis_process.bin``) and the records dialog, on real
GeoPackage files changed with sqlite3 as a user with a database tool would.
"""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsExpressionContextUtils, QgsProject
from rifa_test_utils import make_layer, qgis_process_env, rifa_failure, run_rifa

from rifa_zoning.tools.records import RecordsError, RecordsLog, set_records_path


def grade_inputs(path: Path | None = None):
    admin = make_layer("Polygon", "EPSG:4326", [
        ("POLYGON((119 25,119.1 25,119.1 25.1,119 25.1,119 25))", {"county_code": "350304", "county_name": "荔城区"}),
        ("POLYGON((119.1 25,119.2 25,119.2 25.1,119.1 25.1,119.1 25))", {"county_code": "350302", "county_name": "城厢区"}),
    ], "counties", path=path)
    nests = make_layer("Point", "EPSG:4326", [("POINT(119.05 25.05)", {"n": 1}), ("POINT(119.15 25.05)", {"n": 2})],
                       "nests", path=path)
    return nests, admin


def grade_parameters(output="memory:") -> dict:
    nests, admin = grade_inputs()
    return {"NESTS": nests, "ADMIN": admin, "COUNTY_CODE_FIELD": "county_code", "COUNTY_NAME_FIELD": "county_name",
            "OUTPUT": output}


def run_grade(output="memory:"):
    return run_rifa("outbreakgrade", grade_parameters(output))


def grade_failure(output="memory:") -> str:
    return rifa_failure("outbreakgrade", grade_parameters(output))


def verify_failure(path) -> str:
    return rifa_failure("verifyrecords", {"RECORDS": str(path)})


@pytest.fixture
def project_log(tmp_path):
    """A records log with three records, configured in the project; unset after."""
    log = RecordsLog(tmp_path / "records.gpkg")
    for n in (1, 2, 3):
        log.append("checklist", {"item": f"item {n}"}, f"result {n}")
    set_records_path(QgsProject.instance(), log.path)
    yield log
    set_records_path(QgsProject.instance(), None)


def sql(path, *statements):
    connection = sqlite3.connect(str(path), isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def raw_count(path) -> int:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute("SELECT count(*) FROM rifa_records").fetchone()[0]
    finally:
        connection.close()


# -- the chain and the triggers ------------------------------------------------------------------


def test_an_intact_log_verifies_and_every_record_carries_its_chained_hash(rifa_provider, project_log, tmp_path):
    run_grade(str(tmp_path / "counties.gpkg"))
    result = run_rifa("verifyrecords", {})  # the project's log
    assert result["VALID"] is True and result["COUNT"] == 4 and result["LEGACY"] == 0
    rows = project_log.records()
    assert len({r["hash"] for r in rows}) == 4 and all(len(r["hash"]) == 64 for r in rows)
    assert rows[-1]["action"] == "rifa:outbreakgrade"
    # the output as the user named it, not the part it was written to first
    assert str(tmp_path / "counties.gpkg") in rows[-1]["parameters"] and "~rifa-" not in rows[-1]["parameters"]


def test_drop_trigger_then_edit_is_named_and_the_log_is_never_appended_to(rifa_provider, project_log):
    sql(project_log.path, "DROP TRIGGER rifa_records_no_update",
        "UPDATE rifa_records SET result = 'result 2, changed afterwards' WHERE fid = 2")
    message = verify_failure(project_log.path)
    assert "trigger rifa_records_no_update" in message and "is missing" in message, message
    assert "record 2 (" in message and "does not match its hash" in message
    assert "record 1 (" not in message and "record 3 (" not in message  # exactly the record that was edited
    message = grade_failure()
    assert "damaged or was altered" in message and "record 2 (" in message
    assert raw_count(project_log.path) == 3


@pytest.mark.parametrize("deleted, expected", [(2, "Record 2 is missing (deleted)"),
                                               (3, "The last record(s) after record 2 were deleted")])
def test_deleted_records_are_named(rifa_provider, project_log, deleted, expected):
    sql(project_log.path, "DROP TRIGGER rifa_records_no_delete", f"DELETE FROM rifa_records WHERE fid = {deleted}")
    message = verify_failure(project_log.path)
    assert expected in message, message
    assert RecordsLog(project_log.path).verify().ok is False


def test_a_dropped_meta_table_is_reported(rifa_provider, project_log):
    sql(project_log.path, "DROP TABLE rifa_records_meta")
    message = verify_failure(project_log.path)
    assert "The table rifa_records_meta that belongs to the log is missing" in message, message
    assert "trigger rifa_records_meta_no_update" in message


@pytest.mark.parametrize("how", ["sqlite3", "ogr"])
def test_a_dropped_records_table_is_reported_and_never_started_again(rifa_provider, project_log, how):
    if how == "sqlite3":
        sql(project_log.path, "DROP TABLE rifa_records")
    else:  # the OGR way also removes the table from gpkg_contents
        from osgeo import ogr

        dataset = ogr.Open(project_log.path, update=1)
        dataset.ExecuteSQL("DROP TABLE rifa_records")
        dataset = None
    message = verify_failure(project_log.path)
    assert "The records table is missing, but the file held a log" in message, message
    message = grade_failure()
    assert "The records table is missing" in message
    connection = sqlite3.connect(project_log.path)
    try:
        assert connection.execute("SELECT name FROM sqlite_master WHERE name='rifa_records'").fetchone() is None
    finally:
        connection.close()


def test_garbage_inside_a_record_is_found_and_stops_the_run(rifa_provider, project_log, tmp_path):
    data = bytearray(Path(project_log.path).read_bytes())
    at = data.find(b"result 2")
    assert at > 0
    data[at:at + 8] = b"\xff\xfe\x00garb\x01"  # bytes written over the record, as a broken disk or tool would
    Path(project_log.path).write_bytes(bytes(data))
    verification = RecordsLog(project_log.path).verify()
    assert not verification.ok and verification.broken == [2], verification.problems
    output = tmp_path / "counties.gpkg"
    message = grade_failure(str(output))
    assert "damaged or was altered" in message and "record 2 (" in message
    assert not output.exists()  # checked before any work: no output, no "Recorded in…"
    assert raw_count(project_log.path) == 3


def test_a_damaged_records_file_is_reported(rifa_provider, project_log):
    data = bytearray(Path(project_log.path).read_bytes())
    at = data.find(b"result 2")
    page = at - at % 4096  # the b-tree page that holds the record: its header overwritten
    data[page:page + 64] = b"\xa5" * 64
    Path(project_log.path).write_bytes(bytes(data))
    message = verify_failure(project_log.path)
    assert "damaged" in message, message
    message = grade_failure()
    assert "damaged" in message


def test_the_records_dialog_says_which_record_is_broken(qgis_iface, project_log):
    from rifa_zoning.dialogs.records_dialog import RecordsDialog

    sql(project_log.path, "DROP TRIGGER rifa_records_no_update", "UPDATE rifa_records SET user = 'someone' WHERE fid = 3")
    dialog = RecordsDialog(project_log)
    text = dialog.check_label.text()
    assert "record 3 (" in text and "rifa_records_no_update" in text, text
    assert dialog.table.item(2, 0).background().color().name() == "#f8d7da"
    assert dialog.table.item(1, 0).background().style() == 0  # an intact record is not marked


# -- logs from before the chain ------------------------------------------------------------------


def old_log(path: Path) -> None:
    """A log as plugin versions before the chain wrote it (OGR table, two triggers, no hash)."""
    from osgeo import ogr

    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer("rifa_records", geom_type=ogr.wkbNone, options=["DESCRIPTION=RIFA Zoning records 处理记录"])
    for name in ("time", "user", "action", "parameters", "result"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    dataset = None
    statements = [f"CREATE TRIGGER IF NOT EXISTS rifa_records_no_{verb.lower()} BEFORE {verb} ON rifa_records "
                  f"BEGIN SELECT RAISE(ABORT, 'RIFA records are append-only'); END" for verb in ("UPDATE", "DELETE")]
    statements += [f"INSERT INTO rifa_records (time, user, action, parameters, result) VALUES "
                   f"('2024-05-0{n}T09:00:00+08:00', '张三', 'checklist', '{{}}', 'old {n}')" for n in (1, 2)]
    sql(path, *statements)


def test_an_old_log_is_migrated_into_the_chain_and_then_protected(rifa_provider, tmp_path):
    path = tmp_path / "old.gpkg"
    old_log(path)
    before = RecordsLog(path).verify()
    assert before.ok and before.legacy == 2
    set_records_path(QgsProject.instance(), str(path))
    try:
        run_grade()
    finally:
        set_records_path(QgsProject.instance(), None)
    rows = RecordsLog(path).records()
    assert [r["action"] for r in rows] == ["checklist", "checklist", "rifa:records-chain-start", "rifa:outbreakgrade"]
    assert [r["result"] for r in rows[:2]] == ["old 1", "old 2"] and rows[0]["hash"] is None  # left as they were
    after = RecordsLog(path).verify()
    assert after.ok and after.count == 4 and after.legacy == 2, after.problems
    sql(path, "DROP TRIGGER rifa_records_no_update", "UPDATE rifa_records SET result = 'old 1, edited' WHERE fid = 1")
    message = verify_failure(path)
    assert "record 1 (" in message and "(from before the chain) was changed" in message, message


# -- a log that cannot be written ----------------------------------------------------------------


def test_a_folder_as_records_path_is_a_clear_message(rifa_provider, tmp_path):
    folder = tmp_path / "records"
    folder.mkdir()
    with pytest.raises(RecordsError, match="is a folder"):
        RecordsLog(folder).append("a", {}, "x")
    set_records_path(QgsProject.instance(), str(folder))
    try:
        message = grade_failure()
    finally:
        set_records_path(QgsProject.instance(), None)
    assert f"The records path {folder} is a folder" in message
    assert list(folder.iterdir()) == []


@pytest.fixture
def read_only_disk(tmp_path):
    point = tmp_path / "disk"
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for the read-only test: {done.stderr.strip() or done.returncode}")
    try:
        log = RecordsLog(point / "records.gpkg")
        log.append("checklist", {}, "before")
        remount = subprocess.run(["mount", "-o", "remount,ro", str(point)], capture_output=True, text=True, check=False)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount the tmpfs read-only: {remount.stderr.strip()}")
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


@pytest.mark.parametrize("existing", [True, False], ids=["existing log", "new log"])
def test_a_read_only_file_system_stops_the_run_before_any_output(rifa_provider, read_only_disk, tmp_path, existing):
    path = read_only_disk / ("records.gpkg" if existing else "new_records.gpkg")
    set_records_path(QgsProject.instance(), str(path))
    output = tmp_path / "counties.gpkg"
    try:
        message = grade_failure(str(output))
    finally:
        set_records_path(QgsProject.instance(), None)
    assert "Cannot write the records GeoPackage" in message and "read-only" in message, message
    assert not output.exists()
    if existing:
        assert [r["result"] for r in RecordsLog(path).records()] == ["before"]
    else:
        assert not path.exists()


# -- runs at once --------------------------------------------------------------------------------


def test_eight_runs_at_once_on_a_new_records_file_all_succeed(plugin_parent_dir, tmp_path):
    data = tmp_path / "data.gpkg"
    grade_inputs(data)
    records = tmp_path / "records.gpkg"
    project = QgsProject()
    QgsExpressionContextUtils.setProjectVariable(project, "rifa_records_gpkg", str(records))
    assert project.write(str(tmp_path / "outbreak.qgz"))
    home = tmp_path / "home"
    home.mkdir()
    env = qgis_process_env(plugin_parent_dir, home)
    assert subprocess.run(["qgis_process.bin", "plugins", "enable", "rifa_zoning"], env=env, capture_output=True,
                          check=False).returncode == 0
    args = ["qgis_process.bin", "run", "rifa:outbreakgrade", f"--PROJECT_PATH={tmp_path / 'outbreak.qgz'}", "--",
            f"NESTS={data}|layername=nests", f"ADMIN={data}|layername=counties", "COUNTY_CODE_FIELD=county_code",
            "COUNTY_NAME_FIELD=county_name", "OUTPUT=TEMPORARY_OUTPUT"]
    processes = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(8)]
    answers = [process.communicate(timeout=600) for process in processes]
    failed = [out + err for process, (out, err) in zip(processes, answers) if process.returncode != 0]
    assert not failed, failed[0]
    verification = RecordsLog(records).verify()
    assert verification.ok and verification.count == 8, verification.problems
    assert sum("Started a new records log" in out + err for out, err in answers) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if "~rifa-" in p.name) == []


def test_the_dock_shows_an_altered_log(qgis_iface, qgis_new_project, tmp_path):
    from rifa_zoning.dialogs.response_dock import ResponseDock

    log = RecordsLog(tmp_path / "records.gpkg")
    log.append("checklist", {}, "one")
    log.append("checklist", {}, "two")
    dock = ResponseDock(qgis_iface)
    try:
        dock.set_records_file(log.path)
        assert dock.records_label.text().startswith("2 record(s); the chain of hashes and the triggers are intact")
        sql(log.path, "DROP TRIGGER rifa_records_no_delete", "DELETE FROM rifa_records WHERE fid = 1")
        dock.update_records_label()
        assert "the log was altered or is damaged" in dock.records_label.text()
        assert "Record 1 is missing (deleted)" in dock.records_label.text()
        assert not dock.record("checklist", {"item": "x"}, "three")  # refused, never appended
        assert raw_count(log.path) == 1
    finally:
        dock.cleanup()
        dock.deleteLater()
