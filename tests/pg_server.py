"""The PostgreSQL + PostGIS server of the tests of the shared store (issue 20).

The server itself is ``scripts/local_postgis.py`` (also used by ``make demo-postgis``): a
private cluster on a free port of 127.0.0.1, removed after the tests. When it cannot be started
the tests that need it fail with the reason, they never skip (``make test`` installs the Debian
packages ``postgresql``, ``postgis``, ``postgresql-postgis`` and ``python3-psycopg2``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "rifa_local_postgis", Path(__file__).resolve().parent.parent / "scripts" / "local_postgis.py")
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)
PostgisServer, ServerError, SUPERUSER = _MODULE.PostgisServer, _MODULE.ServerError, _MODULE.SUPERUSER
