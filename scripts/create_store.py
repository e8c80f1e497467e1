"""``make store STORE=…``: create or update a bureau's shared store (what ``rifa:createstore`` does).

Runs :func:`tools.store_postgres.migrate` in the user's QGIS profile, so the STORE may be the
name of a PostgreSQL connection saved in QGIS as well as ``service=…`` or a connection string.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create or update the RIFA Zoning shared store in PostGIS.")
    parser.add_argument("store", help="service=…, host=… dbname=… user=…, or a QGIS PostgreSQL connection name")
    parser.add_argument("--technicians", default="rifa_technicians", help="the technicians' group role")
    args = parser.parse_args(argv)
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()  # the user's profile: its saved PostgreSQL connections
    package = Path(tempfile.mkdtemp(prefix="rifa_pkg_"))
    (package / "rifa_zoning").symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(package))
    from rifa_zoning.tools.records import RecordsError
    from rifa_zoning.tools.store_postgres import LATEST, display_name, migrate, resolve

    try:
        schema = resolve(args.store)[1]
        applied = migrate(args.store, args.technicians)
    except RecordsError as error:
        print(f"make store failed: {error}", file=sys.stderr)
        return 1
    done = f"migrations {', '.join(map(str, applied))} applied" if applied else "already up to date"
    print(f"store {display_name(args.store)}, schema {schema} (outputs: {schema}_outputs): version {LATEST}, {done}.")
    print(f"technicians' role: {args.technicians} (GRANT {args.technicians} TO <login>); project variable "
          f"rifa_records_gpkg = {display_name(args.store)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
