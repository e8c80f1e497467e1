"""``make demo-postgis``: the demo chain of ``scripts/demo.py`` into a shared store in PostGIS.

1. a local PostgreSQL + PostGIS server (``scripts/local_postgis.py``, a cluster of its own in
   ``demo_output/postgis/``), or the store given with ``--store`` (``service=bureau``, a
   connection string or a QGIS connection name);
2. ``rifa:createstore`` makes the store (schema ``rifa``: the records; ``rifa_outputs``: tables);
3. a project ``demo_output/rifa_bureau.qgz`` whose records go to the store (project variable
   ``rifa_records_gpkg``);
4. the chain of ``make demo`` through ``qgis_process.bin --project_path=…``: every layer output is
   a PostGIS table of ``rifa_outputs`` and every run is recorded in ``rifa.rifa_records``; the
   map, the order and the case stay files in ``demo_output/``;
5. ``rifa:verifyrecords`` checks the chain; the figures are printed as by ``make demo``.

The local server is stopped at the end (its data is kept: ``--keep-running`` leaves it up, and
the connection string is printed for QGIS's Browser).
"""

from __future__ import annotations

import argparse
import decimal
import sys
import tempfile
from pathlib import Path

import demo
from local_postgis import PostgisServer, ServerError

SCHEMA = "rifa"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the RIFA Zoning demo chain into a PostGIS store.")
    parser.add_argument("--output-dir", default=str(demo.ROOT / "demo_output"), help="where files go (default demo_output/)")
    parser.add_argument("--store", help="an existing store (service=…, a connection string or a QGIS connection name); "
                                        "default: a local server in <output-dir>/postgis")
    parser.add_argument("--keep-running", action="store_true", help="leave the local server running")
    args = parser.parse_args(argv)
    out = Path(args.output_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        if args.store:
            store = args.store
        else:
            server = PostgisServer(out / "postgis")
            server.start()
            if not (out / "postgis" / "created").exists():
                server.create_database("rifa_demo")
                (out / "postgis" / "created").write_text("rifa_demo\n")
            store = server.conninfo("rifa_demo")
            print(f"local PostGIS server: {store} (data in {server.root})")
        summary = run(out, store)
    except (demo.DemoError, ServerError) as error:
        print(f"demo failed: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None and not args.keep_running:
            server.stop()
    print(demo.report(summary))
    print(f"records: {summary['records']}")
    print(f"tables: {', '.join(summary['tables'])} (schema {SCHEMA}_outputs of {store})")
    return 0


def run(out: Path, store: str) -> dict:
    """The demo chain with PostGIS tables as its layer outputs and the store as its records log."""
    import psycopg2
    from qgis.core import QgsApplication, QgsExpressionContextUtils, QgsProject

    with tempfile.TemporaryDirectory(prefix="rifa_demo_pg_") as tmp:
        qp = demo.QgisProcess(Path(tmp))
        qp.enable_plugin()
        created = qp.run("rifa:createstore", [("STORE", store)])
        print(f"rifa:createstore: schema {created['SCHEMA']} at version {created['VERSION']:.0f}")
    app = QgsApplication([], False)
    app.initQgis()
    project_path = out / "rifa_bureau.qgz"
    project = QgsProject()
    QgsExpressionContextUtils.setProjectVariable(project, "rifa_records_gpkg", store)
    if not project.write(str(project_path)):
        raise demo.DemoError(f"could not write {project_path}")
    conninfo = _conninfo(store)

    def table(_gpkg, name):  # the chain's layer outputs: tables of <schema>_outputs
        return f"postgres://{conninfo} table=\"{SCHEMA}_outputs\".\"{name}\" (geom)"

    def rows(_gpkg, name):
        with psycopg2.connect(conninfo) as connection:
            cursor = connection.cursor()
            cursor.execute(f'SELECT * FROM "{SCHEMA}_outputs"."{name}"')
            names = [column.name for column in cursor.description]
            return [{key: float(value) if isinstance(value, decimal.Decimal) else value for key, value in zip(names, row)}
                    for row in cursor.fetchall()]

    class RecordedQgisProcess(demo.QgisProcess):
        def call(self, *args):
            if args and args[0] == "run":
                args = (args[0], args[1], f"--project_path={project_path}", *args[2:])
            return super().call(*args)

    demo.table, demo.rows, demo.QgisProcess = table, rows, RecordedQgisProcess
    summary = demo.run_chain(out)
    with tempfile.TemporaryDirectory(prefix="rifa_demo_pg_") as tmp:
        verified = RecordedQgisProcess(Path(tmp))
        verified.enable_plugin()
        result = verified.run("rifa:verifyrecords", [])
    summary["records"] = result["REPORT"]
    summary["files"]["geopackage"] = f"the PostGIS tables of {SCHEMA}_outputs"
    with psycopg2.connect(conninfo) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY 1", (f"{SCHEMA}_outputs",))
        summary["tables"] = [row[0] for row in cursor.fetchall()]
    return summary


def _conninfo(store: str) -> str:
    sys.path.insert(0, str(Path(tempfile.mkdtemp(prefix="rifa_pkg_"))))
    link = Path(sys.path[0]) / "rifa_zoning"
    link.symlink_to(demo.ROOT, target_is_directory=True)
    from rifa_zoning.tools.store_postgres import resolve

    return resolve(store)[0]


if __name__ == "__main__":
    sys.exit(main())
