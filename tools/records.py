"""The records log (处理记录, 第五章 八): an append-only table in a GeoPackage the user chooses.

Every successful run of a ``rifa:`` algorithm and every checklist change is appended as one row
(time, user, action, parameters, result summary) to the attributes table ``rifa_records``
(registered in ``gpkg_contents`` as ``attributes``, so QGIS opens it as a table). Rows are never
rewritten: triggers refuse UPDATE and DELETE on the table.

Where the log lives: the project variable ``rifa_records_gpkg`` (Project Properties ▸
Variables; the dock sets it, by default to ``<project>_rifa_records.gpkg`` beside the project
file). Algorithms log only when that variable is set in the project they run in: ``qgis_process``
without ``--project_path`` (or with a project that lacks it) logs nothing.

Writes use SQLite directly with a short busy timeout: when another program holds the file
(SQLite "database is locked") the action fails with a clear message and nothing already logged
is touched.
"""

from __future__ import annotations

import csv
import getpass
import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from ..core.errors import RifaError
from .i18n import tr

TABLE = "rifa_records"
COLUMNS = ("time", "user", "action", "parameters", "result")
VARIABLE = "rifa_records_gpkg"
BUSY_TIMEOUT_S = 1.0


class RecordsError(RifaError):
    """The records log cannot be read or written (locked, not a GeoPackage, no permission)."""


def _locked_message(path: str, error: Exception) -> str:
    return tr(
        "The records GeoPackage {path} is locked by another program ({error}). Nothing was recorded and the "
        "records already in it are intact. Close the other program (or stop editing the table) and try again."
    ).format(path=path, error=error)


def _error(path: str, error: Exception) -> RecordsError:
    text = str(error)
    if isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return RecordsError(_locked_message(path, error))
    return RecordsError(tr("Cannot write the records GeoPackage {path}: {error}").format(path=path, error=text))


def now_text() -> str:
    """Local time with its UTC offset, to the second: ``2024-05-30T09:15:00+08:00``."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def current_user() -> str:
    try:
        from qgis.core import QgsApplication

        name = QgsApplication.userFullName()
    except Exception:  # noqa: BLE001 - outside QGIS
        name = ""
    try:
        login = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (some services)
        login = ""
    if name and login and name != login:
        return f"{name} ({login})"
    return name or login or "?"


class RecordsLog:
    """The log in one GeoPackage file; created on first write."""

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)

    # -- creation
    def exists(self) -> bool:
        if not Path(self.path).is_file():
            return False
        try:
            with self._connect() as connection:
                row = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLE,)).fetchone()
            return row is not None
        except sqlite3.OperationalError as error:
            raise _error(self.path, error) from None  # locked: say so, never "not a GeoPackage"
        except sqlite3.DatabaseError:
            return False  # not an SQLite file: ensure() says it is no GeoPackage

    def ensure(self) -> None:
        """Create the GeoPackage and/or the table when missing (through OGR: a valid GeoPackage)."""
        if self.exists():
            return
        from osgeo import gdal, ogr

        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        gdal.UseExceptions()
        try:
            if Path(self.path).is_file():
                dataset = ogr.Open(self.path, update=1)
                if dataset is None or dataset.GetDriver().GetName() != "GPKG":
                    raise RecordsError(tr("{path} is not a GeoPackage: choose a .gpkg file for the records.").format(path=self.path))
            else:
                dataset = ogr.GetDriverByName("GPKG").CreateDataSource(self.path)
            layer = dataset.CreateLayer(TABLE, geom_type=ogr.wkbNone, options=["DESCRIPTION=RIFA Zoning records 处理记录"])
            for name in COLUMNS:
                layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
            dataset = None  # close: flush
        except RuntimeError as error:
            raise _error(self.path, error) from None
        finally:
            gdal.DontUseExceptions()
        try:
            with self._connect() as connection:
                for verb in ("UPDATE", "DELETE"):
                    connection.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
                        f"BEGIN SELECT RAISE(ABORT, 'RIFA records are append-only'); END"
                    )
        except sqlite3.Error as error:
            raise _error(self.path, error) from None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        return _Closing(connection)

    # -- writing
    def check_writable(self) -> None:
        """Fail now (RecordsError) if the log could not be written: before a long run, not after."""
        try:
            self.ensure()
            with self._connect() as connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise _error(self.path, error) from None

    def append(self, action: str, parameters=None, result: str = "", user: str | None = None, time: str | None = None) -> int:
        """Append one record; returns its fid. ``parameters``: text or anything JSON can write."""
        if not isinstance(parameters, str):
            parameters = json.dumps(parameters if parameters is not None else {}, ensure_ascii=False, default=str, sort_keys=True)
        row = (time or now_text(), user or current_user(), action, parameters, str(result))
        self.ensure()
        try:
            with self._connect() as connection:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    cursor = connection.execute(
                        f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?)", row
                    )
                    connection.execute(
                        "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
                        (TABLE,),
                    )
                    connection.execute("COMMIT")
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                return int(cursor.lastrowid)
        except sqlite3.Error as error:
            raise _error(self.path, error) from None

    # -- reading
    def records(self) -> list[dict]:
        """Every record, oldest first: dicts with fid and :data:`COLUMNS`."""
        if not self.exists():
            return []
        try:
            with self._connect() as connection:
                rows = connection.execute(f"SELECT fid, {', '.join(COLUMNS)} FROM {TABLE} ORDER BY fid").fetchall()
        except sqlite3.Error as error:
            raise _error(self.path, error) from None
        return [dict(zip(("fid", *COLUMNS), row)) for row in rows]

    def latest(self, action: str) -> dict | None:
        for record in reversed(self.records()):
            if record["action"] == action:
                return record
        return None

    def export_csv(self, path: str | os.PathLike) -> int:
        """Write every record to a CSV file (UTF-8 with BOM, opens in Excel with Chinese intact)."""
        records = self.records()
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["fid", *COLUMNS])
            writer.writeheader()
            writer.writerows(records)
        return len(records)


class _Closing:
    """``with`` that closes the connection (sqlite3's own context manager only commits)."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()


# -- the project's log


def configured_path(project) -> str | None:
    """The records GeoPackage of ``project`` (the variable ``rifa_records_gpkg``), or None."""
    if project is None:
        return None
    from qgis.core import QgsExpressionContextUtils

    value = QgsExpressionContextUtils.projectScope(project).variable(VARIABLE)
    value = str(value).strip() if value else ""
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute() and project.absolutePath():
        path = Path(project.absolutePath()) / path
    return str(path)


def default_path(project) -> str | None:
    """``<project folder>/<project name>_rifa_records.gpkg``; None for a project never saved."""
    if project is None or not project.fileName():
        return None
    file = Path(project.fileName())
    return str(file.with_name(f"{file.stem}_rifa_records.gpkg"))


def set_records_path(project, path: str | None) -> None:
    from qgis.core import QgsExpressionContextUtils

    if path:
        QgsExpressionContextUtils.setProjectVariable(project, VARIABLE, str(path))
    else:
        QgsExpressionContextUtils.removeProjectVariable(project, VARIABLE)


def project_log(project) -> RecordsLog | None:
    path = configured_path(project)
    return RecordsLog(path) if path else None


def describe_parameters(parameters: dict, context=None) -> dict:
    """Parameter values as text a reader of the log understands (layers by name and source)."""
    from qgis.core import (
        QgsMapLayer,
        QgsProcessingFeatureSourceDefinition,
        QgsProcessingOutputLayerDefinition,
        QgsProperty,
    )

    project = context.project() if context is not None else None
    described = {}
    for name, value in (parameters or {}).items():
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            value = value.source
        elif isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink
        if isinstance(value, QgsProperty):
            value = value.staticValue()
        if isinstance(value, str) and project is not None and project.mapLayer(value) is not None:
            value = project.mapLayer(value)
        if isinstance(value, QgsMapLayer):
            value = f"{value.name()} ({value.source()})"
        elif not isinstance(value, (str, int, float, bool, type(None), list, dict)):
            value = str(value)
        described[name] = value
    return described
