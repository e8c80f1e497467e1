"""A bureau's shared store in PostGIS (issue 20), against a real PostgreSQL + PostGIS server.

The server is started by ``pg_server.postgis_server`` for this module (a private cluster on a
free port, removed afterwards) and the tests fail, never skip, when it cannot be started.
Outputs of ``rifa:delineatezones`` and ``rifa:checkpoints`` go to PostGIS tables through
``processing.run`` and ``qgis_process.bin`` (``postgres://``, ``postgis:``, ``service=`` and a
saved QGIS connection); the records log lives in the store made by ``rifa:createstore``, is
append-only by grants (a technician's DELETE is refused by the server), and keeps its chain
under 20 concurrent ``qgis_process`` runs; a server stopped mid-run leaves no half-written table.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from pg_server import PostgisServer
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer
from rifa_test_utils import Recorder, make_layer, qgis_process, qgis_process_env

UTM = "EPSG:32650"
X0, Y0 = 700_000.0, 2_800_000.0
ZONE_OUTPUTS = ("OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS")


def run(algorithm, parameters, feedback=None, context=None):
    import processing

    return processing.run(f"rifa:{algorithm}", parameters, feedback=feedback, context=context)


def nests(tmp_path, coords=((0, 0), (800, 0), (1600, 0))):
    return make_layer("Point", UTM, [(f"POINT({X0 + x} {Y0 + y})", {"n": i}) for i, (x, y) in enumerate(coords)],
                      "nests", tmp_path / "nests.gpkg")


def square_zone(tmp_path, size=1000.0):
    wkt = f"POLYGON(({X0} {Y0}, {X0 + size} {Y0}, {X0 + size} {Y0 + size}, {X0} {Y0 + size}, {X0} {Y0}))"
    return make_layer("Polygon", UTM, [(wkt, {"zone_id": "Q1", "zone_type": "quarantine"})], "zones",
                      tmp_path / "zones.gpkg")


def roads(tmp_path, n=2):
    rows = [(f"LINESTRING({X0 - 100} {Y0 + 100 + 200 * i}, {X0 + 1100} {Y0 + 100 + 200 * i})", {"name": f"r{i}"})
            for i in range(n)]
    return make_layer("LineString", UTM, rows, "roads", tmp_path / "roads.gpkg")


def pg_uri(server, database, table, schema="public", prefix="postgres://", geometry="geom"):
    return (f"{prefix}dbname='{database}' host=127.0.0.1 port={server.port} user='postgres' "
            f'table="{schema}"."{table}" ({geometry})')


def query(server, database, sql, params=None, user="postgres"):
    connection = server.connect(database, user)
    try:
        cursor = connection.cursor()
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def tables(server, database, schema="public") -> list[str]:
    return sorted(row[0] for row in query(
        server, database, "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)))


def counter():
    counter.n = getattr(counter, "n", 0) + 1
    return counter.n


@pytest.fixture(scope="module")
def postgis_server():
    """A running server for the tests of this module, removed after them (also when they fail)."""
    server = PostgisServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def process_env(plugin_parent_dir, tmp_path_factory):
    """The environment of qgis_process.bin with the plugin enabled in a fresh profile."""
    home = tmp_path_factory.mktemp("home")
    done = qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    return qgis_process_env(plugin_parent_dir, home)


@pytest.fixture
def database(postgis_server):
    """A fresh database with PostGIS for one test."""
    name = f"t{counter()}"
    postgis_server.create_database(name)
    return name


@pytest.fixture
def store(rifa_provider, postgis_server, database):
    """A database with the shared store made by rifa:createstore, and a technician login."""
    value = postgis_server.conninfo(database)
    result = run("createstore", {"STORE": value})
    assert result["APPLIED"] == "1,2,3" and result["SCHEMA"] == "rifa"
    query(postgis_server, database, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tech1') THEN "
          "CREATE ROLE tech1 LOGIN IN ROLE rifa_technicians; END IF; END $$")
    return value


# -- outputs to PostGIS tables -------------------------------------------------------------------


def test_delineatezones_writes_its_four_outputs_to_postgis_tables(rifa_provider, postgis_server, database, tmp_path):
    outputs = {name: pg_uri(postgis_server, database, name.lower()) for name in ZONE_OUTPUTS}
    run("delineatezones", {"NESTS": nests(tmp_path), "QUARANTINE_RADIUS": 3000, **outputs})
    assert tables(postgis_server, database) == sorted([n.lower() for n in ZONE_OUTPUTS] + ["spatial_ref_sys"])
    layer = QgsVectorLayer(outputs["QUARANTINE_ZONES"][len("postgres://"):], "q", "postgres")
    assert layer.isValid() and layer.featureCount() == 1 and layer.crs().authid() == UTM
    (zone,) = layer.getFeatures()
    assert zone["zone_id"] == 1 and zone["n_nests"] == 3 and 30e6 < zone.geometry().area() < 40e6
    assert query(postgis_server, database, "SELECT count(*) FROM occurrence_points")[0][0] == 3
    # run again with one nest far away: each table replaced whole (renamed over in one transaction)
    run("delineatezones", {"NESTS": nests(tmp_path, [(0, 0), (50_000, 0)]), "QUARANTINE_RADIUS": 3000, **outputs})
    assert query(postgis_server, database, "SELECT count(*) FROM quarantine_zones")[0][0] == 2
    assert not [t for t in tables(postgis_server, database) if t.startswith("rifa_part_")]
    indexes = {row[0] for row in query(postgis_server, database,
                                       "SELECT indexname FROM pg_indexes WHERE tablename = 'quarantine_zones'")}
    assert indexes and all("rifa_part" not in name for name in indexes) and "quarantine_zones_pkey" in indexes


def test_checkpoints_through_qgis_process_to_postgis_and_a_service(rifa_provider, postgis_server, database, tmp_path,
                                                                   process_env):
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[bureau]\nhost=127.0.0.1\nport={postgis_server.port}\ndbname={database}\nuser=postgres\n")
    zones, network = square_zone(tmp_path), roads(tmp_path)
    env = dict(process_env)
    env["PGSERVICEFILE"] = str(services)
    for output, table in ((pg_uri(postgis_server, database, "checkpoints", prefix="postgis:"), "checkpoints"),
                          ("postgres://service='bureau' table=\"public\".\"checkpoints_svc\" (geom)", "checkpoints_svc")):
        done = subprocess.run(["qgis_process.bin", "run", "rifa:checkpoints", "--", f"ZONES={zones.source()}",
                               f"ROADS={network.source()}", f"OUTPUT={output}"], env=env, capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        rows = query(postgis_server, database, f"SELECT checkpoint_id, ST_X(geom) - {X0}, ST_Y(geom) - {Y0} FROM {table} "
                     "ORDER BY checkpoint_id")
        assert len(rows) == 4  # two roads through the square: each crosses its edge twice
        assert sorted((round(x), round(y)) for _, x, y in rows) == [(0, 100), (0, 300), (1000, 100), (1000, 300)]


def test_delineatezones_through_qgis_process_into_the_shared_schema(rifa_provider, postgis_server, store, database,
                                                                    tmp_path, process_env):
    outputs = [f"{name}=" + pg_uri(postgis_server, database, name.lower(), schema="rifa_outputs").replace(
        "user='postgres'", "user='tech1'") for name in ZONE_OUTPUTS]
    done = subprocess.run(["qgis_process.bin", "run", "rifa:delineatezones", "--", f"NESTS={nests(tmp_path).source()}",
                           "QUARANTINE_RADIUS=3000", "THREAT_EXTENSION=5000", *outputs], env=process_env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert tables(postgis_server, database, "rifa_outputs") == sorted(name.lower() for name in ZONE_OUTPUTS)
    rows = query(postgis_server, database, "SELECT zone_id, n_nests, ST_Area(geom) / 1e6, ST_SRID(geom) "
                 "FROM rifa_outputs.quarantine_zones")
    assert len(rows) == 1 and rows[0][:2] == (1, 3) and 30 < rows[0][2] < 40 and rows[0][3] == 32650
    assert query(postgis_server, database, "SELECT count(*) FROM rifa_outputs.threatened_zones")[0][0] == 1
    owners = {row[0] for row in query(postgis_server, database,
                                      "SELECT tableowner FROM pg_tables WHERE schemaname = 'rifa_outputs'")}
    assert owners == {"rifa_technicians"}


def test_an_output_through_a_saved_qgis_connection(rifa_provider, postgis_server, database, tmp_path):
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connection = metadata.createConnection(f"dbname='{database}' host=127.0.0.1 port={postgis_server.port} user='postgres'", {"saveUsername": True})
    metadata.saveConnection(connection, "RIFA bureau test")
    try:
        result = run("checkpoints", {"ZONES": square_zone(tmp_path), "ROADS": roads(tmp_path, 1),
                                     "OUTPUT": "postgres://connection='RIFA bureau test' table=\"public\".\"cp\" (geom)"})
        assert "cp" in str(result["OUTPUT"])
        assert query(postgis_server, database, "SELECT count(*) FROM cp")[0][0] == 2
        with pytest.raises(QgsProcessingException, match="no PostgreSQL connection named 'Nowhere'"):
            run("checkpoints", {"ZONES": square_zone(tmp_path), "ROADS": roads(tmp_path, 1),
                                "OUTPUT": "postgres://connection='Nowhere' table=\"public\".\"cp\" (geom)"})
    finally:
        metadata.deleteConnection("RIFA bureau test")


def test_a_schema_that_refuses_new_tables_stops_the_run_before_any_work(rifa_provider, postgis_server, store, database,
                                                                        tmp_path):
    query(postgis_server, database, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'outsider') THEN "
          "CREATE ROLE outsider LOGIN; END IF; END $$")
    output = pg_uri(postgis_server, database, "zones", schema="rifa_outputs").replace("user='postgres'", "user='outsider'")
    with pytest.raises(QgsProcessingException) as error:
        run("checkpoints", {"ZONES": square_zone(tmp_path), "ROADS": roads(tmp_path, 1), "OUTPUT": output})
    assert "PostGIS table rifa_outputs.zones" in str(error.value) and "may not create tables" in str(error.value)


# -- the records store ---------------------------------------------------------------------------


def test_createstore_is_rerunnable_and_records_go_to_postgis(rifa_provider, postgis_server, store, database, tmp_path):
    from rifa_zoning.tools.records import set_records_path
    from rifa_zoning.tools.store_postgres import PostgresRecordsLog

    again = run("createstore", {"STORE": store})
    assert again["APPLIED"] == "" and again["VERSION"] == 3
    assert query(postgis_server, database, "SELECT version FROM rifa.schema_migrations ORDER BY 1") == [(1,), (2,), (3,)]
    technician = postgis_server.conninfo(database, user="tech1")
    project = QgsProject.instance()
    set_records_path(project, technician)
    try:
        # the technician writes outputs into the shared schema and the run is recorded in the store
        output = pg_uri(postgis_server, database, "checkpoints", schema="rifa_outputs").replace(
            "user='postgres'", "user='tech1' password='secret'")
        feedback = Recorder()
        run("checkpoints", {"ZONES": square_zone(tmp_path), "ROADS": roads(tmp_path, 1), "OUTPUT": output}, feedback)
        assert any("Recorded in" in info for info in feedback.infos)
        log = PostgresRecordsLog(technician)
        (record,) = log.records()
        assert record["fid"] == 1 and record["action"] == "rifa:checkpoints"
        assert json.loads(record["parameters"])["OUTPUT"].startswith("postgres://")
        assert "secret" not in record["parameters"] and "password=***" in record["parameters"]
        assert query(postgis_server, database, "SELECT db_user FROM rifa.rifa_records") == [("tech1",)]
        owner = query(postgis_server, database, "SELECT tableowner FROM pg_tables WHERE tablename = 'checkpoints'")
        assert owner == [("rifa_technicians",)]  # another technician may replace it
        verified = run("verifyrecords", {})
        assert verified["VALID"] is True and verified["COUNT"] == 1
    finally:
        set_records_path(project, None)


def test_createstore_upgrades_a_store_of_an_older_version(rifa_provider, postgis_server, store, database):
    from rifa_zoning.tools.store_postgres import PostgresRecordsLog

    PostgresRecordsLog(store).append("checklist", {"item": "lockdown_order"}, "done")
    # the store as version 2 of the plugin left it: no zone versions yet
    query(postgis_server, database, "DROP TABLE rifa.zone_versions; DROP FUNCTION rifa.zone_versions_guard(); "
          "DELETE FROM rifa.schema_migrations WHERE version = 3")
    result = run("createstore", {"STORE": store})
    assert result["APPLIED"] == "3" and result["VERSION"] == 3
    assert query(postgis_server, database, "SELECT count(*) FROM rifa.zone_versions") == [(0,)]
    assert query(postgis_server, database, "SELECT has_column_privilege('tech1', 'rifa.zone_versions', 'valid_to', "
                 "'UPDATE'), has_column_privilege('tech1', 'rifa.zone_versions', 'area_km2', 'UPDATE')") == [(True, False)]
    log = PostgresRecordsLog(store)
    assert [r["action"] for r in log.records()] == ["checklist"] and log.verify().ok


def test_a_technician_may_insert_and_select_but_never_delete_update_truncate_or_alter(postgis_server, store, database):
    import psycopg2

    from rifa_zoning.tools.store_postgres import PostgresRecordsLog

    log = PostgresRecordsLog(postgis_server.conninfo(database, user="tech1"))
    log.append("checklist", {"item": "lockdown_order"}, "done", user="张三")
    for sql in ("DELETE FROM rifa.rifa_records", "UPDATE rifa.rifa_records SET result = 'x'",
                "TRUNCATE rifa.rifa_records", "ALTER TABLE rifa.rifa_records DISABLE TRIGGER USER",
                "DROP TABLE rifa.rifa_records", "UPDATE rifa.rifa_records_head SET last_fid = 0",
                "CREATE TABLE rifa.mine (x int)"):
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            query(postgis_server, database, sql, user="tech1")
    # the owner is refused by the triggers too
    with pytest.raises(psycopg2.errors.RaiseException, match="append-only"):
        query(postgis_server, database, "DELETE FROM rifa.rifa_records")
    assert log.verify().ok and [r["user"] for r in log.records()] == ["张三"]
    # a record whose hash the client gives is numbered and chained by the server all the same
    query(postgis_server, database, "INSERT INTO rifa.rifa_records (fid, \"time\", \"user\", action, parameters, result, "
          "hash) VALUES (99, 't', 'u', 'a', '{}', 'r', 'forged')", user="tech1")
    assert [r["fid"] for r in log.records()] == [1, 2] and log.verify().ok


def test_an_altered_store_is_found_and_blocks_the_next_record(postgis_server, store, database):
    from rifa_zoning.tools.records import RecordsError
    from rifa_zoning.tools.store_postgres import PostgresRecordsLog

    log = PostgresRecordsLog(store)
    for i in range(3):
        log.append("checklist", {"i": i}, "ok")
    # the owner (superuser) bypasses the triggers: the chain shows it
    query(postgis_server, database, "ALTER TABLE rifa.rifa_records DISABLE TRIGGER rifa_records_no_update; "
          "UPDATE rifa.rifa_records SET result = 'changed' WHERE fid = 2; "
          "ALTER TABLE rifa.rifa_records ENABLE TRIGGER rifa_records_no_update")
    verification = log.verify()
    assert not verification.ok and verification.broken == [2]
    with pytest.raises(RecordsError, match="record 2"):
        log.check_writable()


def test_twenty_concurrent_qgis_process_runs_keep_every_record_and_the_chain(rifa_provider, postgis_server, store,
                                                                           database, tmp_path, process_env):
    from rifa_zoning.tools.records import set_records_path
    from rifa_zoning.tools.store_postgres import PostgresRecordsLog

    technician = postgis_server.conninfo(database, user="tech1")
    project = QgsProject()
    set_records_path(project, technician)
    assert project.write(str(tmp_path / "bureau.qgz"))
    zones, network = square_zone(tmp_path), roads(tmp_path, 1)
    runs = []
    for i in range(20):
        output = pg_uri(postgis_server, database, f"cp_{i % 4}", schema="rifa_outputs").replace(
            "user='postgres'", "user='tech1'")
        runs.append(subprocess.Popen(
            ["nice", "-n", "10", "qgis_process.bin", "run", "rifa:checkpoints", f"--project_path={tmp_path / 'bureau.qgz'}",
             "--", f"ZONES={zones.source()}", f"ROADS={network.source()}", f"OUTPUT={output}"],
            env=process_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    outcomes = [(process.wait(timeout=600), process.stdout.read()) for process in runs]
    for process in runs:
        process.stdout.close()
    assert [code for code, _ in outcomes] == [0] * 20, [text[-2000:] for code, text in outcomes if code][:1]
    log = PostgresRecordsLog(technician)
    records = log.records()
    assert [r["fid"] for r in records] == list(range(1, 21))
    assert all(r["action"] == "rifa:checkpoints" for r in records)
    assert sorted(json.loads(r["parameters"])["OUTPUT"].split('"')[3] for r in records) == sorted(
        f"cp_{i % 4}" for i in range(20))
    assert log.verify().ok
    for i in range(4):  # four runs replaced each table: each is whole
        assert query(postgis_server, database, f"SELECT count(*) FROM rifa_outputs.cp_{i}")[0][0] == 2
    assert tables(postgis_server, database, "rifa_outputs") == [f"cp_{i}" for i in range(4)]


# -- the server stopped mid-run ------------------------------------------------------------------


class StopServerAt(Recorder):
    """Stops the server when the run's progress reaches ``at`` (100: every feature written, before
    the outputs are put in place and the run recorded)."""

    def __init__(self, server, at):
        super().__init__()
        self.server, self.at = server, at

    def setProgress(self, value):  # noqa: N802
        super().setProgress(value)
        if value >= self.at and self.server.running:
            self.server.stop("immediate")


@pytest.mark.parametrize("at", [50, 100], ids=["while-computing", "after-writing"])
def test_the_server_stopped_mid_run_fails_clearly_and_leaves_the_old_tables(rifa_provider, tmp_path, at):
    from rifa_zoning.tools.records import set_records_path
    from rifa_zoning.tools.store_postgres import PostgresRecordsLog

    server = PostgisServer()  # a server of its own: this test stops it
    try:
        server.start()
        server.create_database("bureau")
        value = server.conninfo("bureau")
        run("createstore", {"STORE": value})
        project = QgsProject.instance()
        set_records_path(project, value)
        outputs = {name: pg_uri(server, "bureau", name.lower(), schema="rifa_outputs") for name in ZONE_OUTPUTS}
        try:
            run("delineatezones", {"NESTS": nests(tmp_path), "QUARANTINE_RADIUS": 3000, **outputs})
            before = {name: query(server, "bureau", f"SELECT count(*), md5(string_agg(ST_AsBinary(geom)::text, ',' ORDER BY "
                                                    f"1)) FROM rifa_outputs.{name.lower()}") for name in ZONE_OUTPUTS}
            feedback = StopServerAt(server, at)
            with pytest.raises(QgsProcessingException) as error:
                run("delineatezones", {"NESTS": nests(tmp_path, [(0, 0), (40_000, 0), (80_000, 0)]),
                                       "QUARANTINE_RADIUS": 3000, **outputs}, feedback)
        finally:
            set_records_path(project, None)
        message = str(error.value)
        assert "Traceback" not in message and "Nothing was replaced" in message and "PostGIS table rifa_outputs." in message
        assert not server.running
        server.start()
        after = {name: query(server, "bureau", f"SELECT count(*), md5(string_agg(ST_AsBinary(geom)::text, ',' ORDER BY "
                                               f"1)) FROM rifa_outputs.{name.lower()}") for name in ZONE_OUTPUTS}
        assert after == before
        log = PostgresRecordsLog(value)
        assert [r["action"] for r in log.records()] == ["rifa:delineatezones"] and log.verify().ok
        # a part the failed run could not drop (the server was gone) keeps its rifa_part_ name
        assert all(t.startswith("rifa_part_") for t in tables(server, "bureau", "rifa_outputs")
                   if t not in {n.lower() for n in ZONE_OUTPUTS})
    finally:
        server.remove()


def test_createstore_names_a_server_that_does_not_answer(rifa_provider, process_env):
    server = PostgisServer()  # never started: nothing listens on its port
    try:
        with pytest.raises(QgsProcessingException, match="Cannot connect to the PostgreSQL store"):
            run("createstore", {"STORE": server.conninfo()})
        done = subprocess.run(["qgis_process.bin", "run", "rifa:createstore", "--", "STORE=Nowhere"], env=process_env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode != 0 and "no PostgreSQL connection named 'Nowhere'" in done.stdout + done.stderr
    finally:
        server.remove()


# -- the desktop and the GeoPackage log ---------------------------------------------------------


def test_the_dock_records_into_the_shared_store_and_shows_it_without_the_password(qgis_iface, qgis_new_project,
                                                                                   postgis_server, store, database):
    from rifa_zoning.dialogs.response_dock import ResponseDock
    from rifa_zoning.tools.records import set_records_path
    from rifa_zoning.tools.store_postgres import PostgresRecordsLog

    technician = postgis_server.conninfo(database, user="tech1") + " password=secret"
    set_records_path(QgsProject.instance(), technician)
    dock = ResponseDock(qgis_iface)
    try:
        dock.lang = "en"
        assert dock.record("checklist", {"item": "report_local_hq", "done": True}, "done", ask=True)
        dock.update_records_label()
        assert dock.records_label.text() == "1 record(s); the chain of hashes and the triggers are intact."
        assert "secret" not in dock.records_edit.text() and "password=***" in dock.records_edit.text()
    finally:
        dock.cleanup()
        dock.deleteLater()
        set_records_path(QgsProject.instance(), None)
    (record,) = PostgresRecordsLog(technician).records()
    assert record["action"] == "checklist" and '"item": "report_local_hq"' in record["parameters"]


def test_a_record_names_the_output_not_its_staged_part(rifa_provider, tmp_path):
    from rifa_zoning.tools.records import RecordsLog, set_records_path

    project = QgsProject.instance()
    set_records_path(project, str(tmp_path / "records.gpkg"))
    try:
        run("checkpoints", {"ZONES": square_zone(tmp_path), "ROADS": roads(tmp_path, 1),
                            "OUTPUT": str(tmp_path / "checkpoints.gpkg")})
    finally:
        set_records_path(project, None)
    (record,) = RecordsLog(tmp_path / "records.gpkg").records()
    assert json.loads(record["parameters"])["OUTPUT"] == str(tmp_path / "checkpoints.gpkg")


# -- the case's zone versions in the store --------------------------------------------------------


def dated_nests(tmp_path, coords, dates, name="dated"):
    return make_layer("Point", UTM, [(f"POINT({X0 + x} {Y0 + y})", {"found_on": d}) for (x, y), d in zip(coords, dates)],
                      name, tmp_path / f"{name}.gpkg")


def test_zone_versions_in_the_store_declared_revised_and_never_rewritten(rifa_provider, postgis_server, store, database,
                                                                         tmp_path, process_env):
    import psycopg2

    technician = postgis_server.conninfo(database, user="tech1")
    first = run("delineatezones", {"NESTS": dated_nests(tmp_path, [(0, 0), (800, 0)], ["2024-05-01"] * 2, "first"),
                                   "QUARANTINE_RADIUS": 3000, "QUARANTINE_ZONES": "memory:", "OCCURRENCE_AREAS": "memory:",
                                   "THREATENED_ZONES": "memory:", "OCCURRENCE_POINTS": "memory:"})
    result = run("declarezones", {"CASE": technician, "QUARANTINE": first["QUARANTINE_ZONES"],
                                  "ORDER_NUMBER": "莆政封〔2024〕1号", "DECLARED_ON": "2024-05-02"})
    assert result["N_NEW"] == 1
    # the second declaration through qgis_process: a nest 2 km east grows the zone
    second = run("delineatezones", {"NESTS": dated_nests(tmp_path, [(0, 0), (800, 0), (2000, 0)],
                                                         ["2024-05-01"] * 2 + ["2024-05-20"], "second"),
                                    "QUARANTINE_RADIUS": 3000, "QUARANTINE_ZONES": str(tmp_path / "q2.gpkg"),
                                    "OCCURRENCE_AREAS": "memory:", "THREATENED_ZONES": "memory:", "OCCURRENCE_POINTS": "memory:"})
    done = subprocess.run(["qgis_process.bin", "run", "rifa:declarezones", "--json", "--", f"CASE={technician}",
                           f"QUARANTINE={second['QUARANTINE_ZONES']}", "DECLARED_ON=2024-05-21"], env=process_env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["results"]["N_REVISED"] == 1
    rows = query(postgis_server, database, "SELECT zone_type, zone_id, version, change, valid_from::text, valid_to::text, "
                 "order_number, ST_SRID(geom), area_km2 FROM rifa.zone_versions ORDER BY fid")
    assert [row[:7] for row in rows] == [
        ("quarantine", "1", 1, "new", "2024-05-02", "2024-05-21", "莆政封〔2024〕1号"),
        ("quarantine", "1", 2, "revised", "2024-05-21", None, ""),
    ]
    assert rows[0][7] == 4326 and rows[1][8] > rows[0][8] > 30
    # the technician may close an open version and nothing else; nobody deletes
    for sql in ("DELETE FROM rifa.zone_versions", "UPDATE rifa.zone_versions SET area_km2 = 0",
                "TRUNCATE rifa.zone_versions"):
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            query(postgis_server, database, sql, user="tech1")
    with pytest.raises(psycopg2.errors.RaiseException, match="never rewritten"):
        query(postgis_server, database, "UPDATE rifa.zone_versions SET valid_to = '2030-01-01' WHERE version = 1",
              user="tech1")
    with pytest.raises(psycopg2.errors.RaiseException, match="never rewritten"):
        query(postgis_server, database, "DELETE FROM rifa.zone_versions")
    # the lifting status reads the versions from the store
    status = run("liftingstatus", {"CASE": technician,
                                   "DETECTIONS": dated_nests(tmp_path, [(2000, 0)], ["2024-05-20"], "detections"),
                                   "DATE_FIELD": "found_on", "AS_OF": "2024-06-30", "MONTHS_WITHOUT_DETECTION": 1,
                                   "OUTPUT": "memory:"})
    (row,) = status["OUTPUT"].getFeatures()
    assert (row["zone_id"], row["version"], row["status"]) == ("1", 2, "eligible")
