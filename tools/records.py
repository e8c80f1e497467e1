"""The records log (处理记录, 第五章 八): an append-only, hash-chained table in a GeoPackage.

Every successful run of a ``rifa:`` algorithm and every checklist change is appended as one row
(time, user, action, parameters, result summary, hash) to the attributes table ``rifa_records``
(registered in ``gpkg_contents`` as ``attributes``, so QGIS opens it as a table). Rows are never
rewritten: triggers refuse UPDATE and DELETE on the table.

Tamper evidence: each record's ``hash`` is the SHA-256 of the previous record's hash and its own
time, user, action, parameters and result (:func:`record_hash`). :meth:`RecordsLog.verify` (the
dock and ``rifa:verifyrecords``) recomputes the chain and checks the triggers, the file's
integrity, gaps in the record numbers and records removed from the end, and names each broken
record. The log is verified before every write: a damaged or altered log is reported and never
appended to or silently started again (a missing table in a file that held a log, a dropped
trigger, an edited record). The chain is evidence, not a signature: whoever knows the formula can
forge a consistent chain, so keep exported copies (CSV) elsewhere as well.

Logs written before the chain existed (no ``hash`` column) are migrated on their first write:
the column is added, the old records are left exactly as they were (they are legal records) and
a record ``rifa:records-chain-start`` is appended whose parameters hold a short hash of each old
record; its own hash starts the chain. From then on a change to an old record is found too.

Where the log lives: the project variable ``rifa_records_gpkg`` (Project Properties ▸
Variables; the dock sets it, by default to ``<project>_rifa_records.gpkg`` beside the project
file), or a bureau's shared PostgreSQL store (``service=…`` or a QGIS connection name: see
``tools/store_postgres.py``). Algorithms log only when that variable is set in the project they run in: ``qgis_process``
without ``--project_path`` (or with a project that lacks it) logs nothing.

Writes use SQLite directly with a short busy timeout: when another program holds the file
(SQLite "database is locked") the action fails with a clear message and nothing already logged
is touched. A new log file is made complete beside its target and then linked into place, so
runs at once that all find no log agree on one.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.request import pathname2url

from ..core.errors import RifaError
from .i18n import tr

TABLE = "rifa_records"
META = "rifa_records_meta"
COLUMNS = ("time", "user", "action", "parameters", "result")
VARIABLE = "rifa_records_gpkg"
BUSY_TIMEOUT_S = 3.0  # runs at once wait for each other; another program holding the file is reported after it
CHAIN_START = "rifa:records-chain-start"
TRIGGERS = {
    f"{table}_no_{verb.lower()}": (
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, 'RIFA records are append-only'); END"
    )
    for table in (TABLE, META)
    for verb in ("UPDATE", "DELETE")
}


class RecordsError(RifaError):
    """The records log cannot be read or written (locked, not a GeoPackage, no permission,
    damaged or altered)."""


def _locked_message(path: str, error: Exception) -> str:
    return tr(
        "The records GeoPackage {path} is locked by another program ({error}). Nothing was recorded and the "
        "records already in it are intact. Close the other program (or stop editing the table) and try again."
    ).format(path=path, error=error)


def _error(path: str, error: Exception) -> RecordsError:
    text = str(error)
    if isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return RecordsError(_locked_message(path, error))
    if "malformed" in text or "not a database" in text:
        return _altered(path, [tr("The file is damaged ({error}).").format(error=text)])
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return _read_only(path, text)
    return RecordsError(tr("Cannot write the records GeoPackage {path}: {error}").format(path=path, error=text))


def _read_only(path: str, text: str) -> RecordsError:
    return RecordsError(
        tr("Cannot write the records GeoPackage {path}: {error}. The file or its folder cannot be written (a "
           "read-only disk or folder?). Nothing was done.").format(path=path, error=text)
    )


def _altered(path: str, problems: list[str]) -> RecordsError:
    return RecordsError(
        tr("The records log {path} is damaged or was altered, so nothing was recorded and nothing was done: {problems} "
           "Keep this file as it is (it is the evidence) and choose a new records file in the dock (Records), or "
           "restore a copy.").format(path=path, problems=" ".join(problems))
    )


def record_hash(previous: str, time, user, action, parameters, result) -> str:
    """The chain link: SHA-256 (hex) of the previous record's hash and this record's fields."""
    payload = json.dumps([previous or "", time, user, action, parameters, result], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _row_digest(row) -> str:
    """A short hash of an old (unchained) record, kept in the chain-start record."""
    return hashlib.sha256(json.dumps(list(row), ensure_ascii=False, default=str).encode("utf-8")).hexdigest()[:16]


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


@dataclass
class Verification:
    """What :meth:`RecordsLog.verify` found: ``problems`` empty means the log is intact."""

    path: str
    count: int = 0
    legacy: int = 0  # records from before the chain, covered by the chain-start record
    problems: list[str] = field(default_factory=list)
    broken: list[int] = field(default_factory=list)  # fids of the records at fault

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            text = tr("{count} record(s); the chain of hashes and the triggers are intact.").format(count=self.count)
            if self.legacy:
                text += " " + tr("{legacy} of them are from before the chain and are covered by its first record.").format(
                    legacy=self.legacy)
            return text
        return tr("{count} record(s); the log was altered or is damaged: {problems}").format(
            count=self.count, problems=" ".join(self.problems))


def _describe(row: dict) -> str:
    return tr("record {fid} ({time}, {action})").format(fid=row["fid"], time=row.get("time"), action=row.get("action"))


class RecordsLog:
    """The log in one GeoPackage file; created on first write."""

    def __init__(self, path: str | os.PathLike):
        self.path = str(path)

    # -- the file
    def _connect(self, read_only: bool = False) -> _Closing:
        if read_only:
            connection = sqlite3.connect(f"file:{pathname2url(self.path)}?mode=ro", uri=True,
                                         timeout=BUSY_TIMEOUT_S, isolation_level=None)
        else:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        # bytes that are not UTF-8 (garbage written into the file) read as U+FFFD: the hash then says so
        connection.text_factory = lambda data: data.decode("utf-8", "replace")
        return _Closing(connection)

    def _check_path(self) -> None:
        if Path(self.path).is_dir():
            raise RecordsError(
                tr("The records path {path} is a folder: choose a GeoPackage file (.gpkg) for the records.").format(
                    path=self.path)
            )

    def exists(self) -> bool:
        """True when the file holds the records table."""
        self._check_path()
        if not Path(self.path).is_file():
            return False
        try:
            with self._connect(read_only=True) as connection:
                return _has_table(connection, TABLE)
        except sqlite3.OperationalError as error:
            raise _error(self.path, error) from None  # locked: say so, never "not a GeoPackage"
        except sqlite3.DatabaseError:
            return False  # not an SQLite file: ensure() says it is no GeoPackage

    def ensure(self) -> bool:
        """Create the log when there is none; True when this call made it. A file that held a log
        whose table is gone is refused (RecordsError), never started again."""
        self._check_path()
        if not Path(self.path).exists():
            return self._create_file()
        try:
            with self._connect() as connection:
                _require_geopackage(connection, self.path)
                if _has_table(connection, TABLE):
                    return False
                connection.execute("BEGIN IMMEDIATE")
                try:
                    if _has_table(connection, TABLE):  # another run made it meanwhile
                        connection.execute("ROLLBACK")
                        return False
                    traces = _log_traces(connection)
                    if traces:
                        raise _altered(self.path, [tr("The records table is missing, but the file held a log ({traces}): "
                                                      "it was deleted.").format(traces=", ".join(traces))])
                    _create_tables(connection)
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
                return True
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) or "not a database" not in str(error):
                raise _error(self.path, error) from None
            raise RecordsError(tr("{path} is not a GeoPackage: choose a .gpkg file for the records.").format(
                path=self.path)) from None

    def _create_file(self) -> bool:
        """A new GeoPackage with the log, made complete beside the target and linked into place
        (atomic: runs at once that all find no file agree on one)."""
        from osgeo import gdal, ogr

        folder = Path(self.path).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _error(self.path, error) from None
        if not os.access(folder, os.W_OK):  # a read-only file system refuses even root
            raise _read_only(self.path, tr("the folder {folder} is read-only").format(folder=folder))
        part = folder / f"{Path(self.path).stem}~rifa-new-{os.getpid()}-{os.urandom(4).hex()}.gpkg"
        try:
            dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(part))
            if dataset is None:
                raise OSError(gdal.GetLastErrorMsg() or str(part))
            dataset.FlushCache()
            dataset = None
            with _Closing(sqlite3.connect(str(part), isolation_level=None)) as connection:
                connection.execute("BEGIN IMMEDIATE")
                _create_tables(connection)
                connection.execute("COMMIT")
            try:
                os.link(part, self.path)
                return True
            except FileExistsError:
                return False  # another run was first: its log is the log
            except OSError:  # a file system without hard links
                if Path(self.path).exists():
                    return False
                os.replace(part, self.path)
                return True
        except (RuntimeError, AttributeError, OSError, sqlite3.Error) as error:
            raise _error(self.path, error) from None
        finally:
            try:
                part.unlink()
            except OSError:
                pass

    # -- writing
    @contextmanager
    def _writing(self, commit: bool):
        """A write transaction on the log, after checking it: an altered or damaged log is never
        written. Committed at the end when ``commit``, else rolled back."""
        try:
            with self._connect() as connection:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    problems = _verify(connection, self.path).problems
                    if problems:
                        raise _altered(self.path, problems)
                    yield connection
                    if commit:
                        connection.execute("COMMIT")
                finally:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise _error(self.path, error) from None

    def check_writable(self) -> bool:
        """Fail now (RecordsError) if the log could not be written, or is damaged or altered:
        before a long run, not after it. True when the log was created by this call."""
        created = self.ensure()
        with self._writing(commit=False) as connection:
            # a real write (rolled back): a read-only file system or file fails here
            connection.execute(f"CREATE TABLE {TABLE}_probe (x)")
        return created

    def append(self, action: str, parameters=None, result: str = "", user: str | None = None, time: str | None = None) -> int:
        """Append one record; returns its fid. ``parameters``: text or anything JSON can write."""
        if not isinstance(parameters, str):
            parameters = json.dumps(parameters if parameters is not None else {}, ensure_ascii=False, default=str, sort_keys=True)
        row = (time or now_text(), user or current_user(), action, parameters, str(result))
        self.ensure()
        with self._writing(commit=True) as connection:
            if not _has_hash_column(connection):
                _start_chain(connection)
            fid = _insert(connection, row)
            connection.execute(
                "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
                (TABLE,),
            )
        return fid

    # -- reading
    def records(self) -> list[dict]:
        """Every record, oldest first: dicts with fid, :data:`COLUMNS` and hash (None before the chain)."""
        if not self.exists():
            return []
        try:
            with self._connect(read_only=True) as connection:
                return _rows(connection)
        except sqlite3.Error as error:
            raise _error(self.path, error) from None

    def verify(self) -> Verification:
        """Check the file, the triggers and the chain of hashes; never writes."""
        self._check_path()
        if not Path(self.path).is_file():
            return Verification(self.path, problems=[tr("There is no records log at {path}.").format(path=self.path)])
        try:
            with self._connect(read_only=True) as connection:
                return _verify(connection, self.path)
        except sqlite3.OperationalError as error:
            raise _error(self.path, error) from None
        except sqlite3.DatabaseError as error:
            return Verification(self.path, problems=[tr("The file cannot be read as a GeoPackage ({error}).").format(
                error=error)])

    def latest(self, action: str) -> dict | None:
        for record in reversed(self.records()):
            if record["action"] == action:
                return record
        return None

    def export_csv(self, path: str | os.PathLike) -> int:
        """Write every record to a CSV file (UTF-8 with BOM, opens in Excel with Chinese intact)."""
        records = self.records()
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["fid", *COLUMNS, "hash"])
            writer.writeheader()
            writer.writerows(records)
        return len(records)


# -- the SQL side (one connection, inside the caller's transaction where it writes)


def _has_table(connection, name: str) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def _has_hash_column(connection) -> bool:
    return any(row[1] == "hash" for row in connection.execute(f"PRAGMA table_info({TABLE})"))


def _require_geopackage(connection, path: str) -> None:
    if not _has_table(connection, "gpkg_contents"):
        raise RecordsError(tr("{path} is not a GeoPackage: choose a .gpkg file for the records.").format(path=path))


def _log_traces(connection) -> list[str]:
    """What is left of a log whose table is gone (a dropped table leaves some of these)."""
    traces = []
    if connection.execute("SELECT 1 FROM gpkg_contents WHERE table_name=?", (TABLE,)).fetchone():
        traces.append("gpkg_contents")
    if _has_table(connection, META):
        traces.append(META)
    if _has_table(connection, "gpkg_ogr_contents") and connection.execute(
            "SELECT 1 FROM gpkg_ogr_contents WHERE table_name=?", (TABLE,)).fetchone():
        traces.append("gpkg_ogr_contents")
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type='trigger' AND name LIKE ?", (f"{TABLE}_%",)).fetchone():
        traces.append("triggers")
    return traces


def _create_tables(connection) -> None:
    connection.execute(
        f"CREATE TABLE {TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        + ", ".join(f'"{name}" TEXT' for name in COLUMNS) + ", hash TEXT)"
    )
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
        "VALUES (?, 'attributes', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
        (TABLE, TABLE, "RIFA Zoning records 处理记录"),
    )
    connection.execute(f"CREATE TABLE {META} (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute(f"INSERT INTO {META} VALUES ('created', ?)", (now_text(),))
    for sql in TRIGGERS.values():
        connection.execute(sql)


def _ensure_meta(connection) -> None:
    if not _has_table(connection, META):
        connection.execute(f"CREATE TABLE {META} (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute(f"INSERT INTO {META} VALUES ('created', ?)", (now_text(),))
    for name, sql in TRIGGERS.items():
        if name.startswith(META):
            connection.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


def _start_chain(connection) -> None:
    """Migrate a log from before the chain (see the module docstring)."""
    legacy = connection.execute(f"SELECT fid, {', '.join(COLUMNS)} FROM {TABLE} ORDER BY fid").fetchall()
    connection.execute(f"ALTER TABLE {TABLE} ADD COLUMN hash TEXT")
    _ensure_meta(connection)
    connection.execute(f"INSERT OR IGNORE INTO {META} VALUES ('chain_started', ?)", (now_text(),))
    for name, sql in TRIGGERS.items():
        if name.startswith(TABLE + "_"):
            connection.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))
    parameters = json.dumps({"records_before_the_chain": {str(row[0]): _row_digest(row) for row in legacy}},
                            ensure_ascii=False, sort_keys=True)
    _insert(connection, (now_text(), current_user(), CHAIN_START, parameters,
                         f"{len(legacy)} record(s) from before the chain of hashes"))


def _insert(connection, row) -> int:
    last = connection.execute(f"SELECT hash FROM {TABLE} ORDER BY fid DESC LIMIT 1").fetchone()
    previous = last[0] if last and last[0] else ""
    cursor = connection.execute(
        f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}, hash) VALUES (?, ?, ?, ?, ?, ?)",
        (*row, record_hash(previous, *row)),
    )
    return int(cursor.lastrowid)


def _rows(connection) -> list[dict]:
    hashed = _has_hash_column(connection)
    rows = connection.execute(
        f"SELECT fid, {', '.join(COLUMNS)}, {'hash' if hashed else 'NULL'} FROM {TABLE} ORDER BY fid"
    ).fetchall()
    return [dict(zip(("fid", *COLUMNS, "hash"), row)) for row in rows]


def _verify(connection, path: str) -> Verification:
    result = Verification(path)
    problems = result.problems
    check = connection.execute("PRAGMA quick_check").fetchall()
    if [row[0] for row in check] != ["ok"]:
        problems.append(tr("The file is damaged ({error}).").format(error="; ".join(str(r[0]) for r in check[:3])))
        return result
    if not _has_table(connection, TABLE):
        traces = _log_traces(connection) if _has_table(connection, "gpkg_contents") else []
        if traces:
            problems.append(tr("The records table is missing, but the file held a log ({traces}): it was deleted.").format(
                traces=", ".join(traces)))
        else:
            problems.append(tr("{path} holds no records log.").format(path=path))
        return result
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info({TABLE})")]
    if list(columns[1:6]) != list(COLUMNS) or columns[0] != "fid":
        problems.append(tr("The records table has other columns than a records log ({columns}).").format(
            columns=", ".join(columns)))
        return result
    hashed = "hash" in columns
    if hashed and not _has_table(connection, META):
        problems.append(tr("The table {name} that belongs to the log is missing: it was deleted.").format(name=META))
    triggers = dict(connection.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'").fetchall())
    for name, sql in TRIGGERS.items():
        if name.startswith(META) and not hashed:
            continue  # a log from before the chain has no meta table yet
        if name not in triggers:
            problems.append(tr("The trigger {name} that keeps the log append-only is missing: records could have been "
                               "changed or deleted.").format(name=name))
        elif " ".join(triggers[name].replace("IF NOT EXISTS ", "").split()) != sql:
            problems.append(tr("The trigger {name} was altered.").format(name=name))
    kinds = connection.execute(
        f"SELECT fid, {', '.join(f'typeof({c})' for c in (*COLUMNS, *(('hash',) if hashed else ())))} FROM {TABLE} ORDER BY fid"
    ).fetchall()
    rows = _rows(connection)
    result.count = len(rows)
    for kind in kinds:
        wrong = [c for c, t in zip((*COLUMNS, "hash"), kind[1:]) if t not in ("text", "null")]
        if wrong:
            problems.append(tr("Record {fid}: the field(s) {fields} hold data that is not text.").format(
                fid=kind[0], fields=", ".join(wrong)))
            result.broken.append(kind[0])
    previous_fid = 0
    for row in rows:
        if row["fid"] > previous_fid + 1:
            first, last = previous_fid + 1, row["fid"] - 1
            problems.append(tr("Records {first}–{last} are missing (deleted).").format(first=first, last=last)
                            if last > first else tr("Record {fid} is missing (deleted).").format(fid=first))
        previous_fid = row["fid"]
    sequence = connection.execute("SELECT seq FROM sqlite_sequence WHERE name=?", (TABLE,)).fetchone() \
        if _has_table(connection, "sqlite_sequence") else None
    if sequence and rows and sequence[0] > rows[-1]["fid"]:
        problems.append(tr("The last record(s) after record {fid} were deleted (numbers up to {seq} were used).").format(
            fid=rows[-1]["fid"], seq=sequence[0]))
    elif sequence and not rows and sequence[0] > 0:
        problems.append(tr("Every record was deleted (numbers up to {seq} were used).").format(seq=sequence[0]))
    if not hashed:
        result.legacy = len(rows)
        return result  # from before the chain: migrated on the next write
    previous = ""
    chained = False
    legacy: list[dict] = []
    for row in rows:
        fields = [row[c] for c in COLUMNS]
        if row["hash"] is None:
            if chained:
                problems.append(tr("{record} has no hash: it was added by hand or by an older version of the plugin.").format(
                    record=_describe(row)))
                result.broken.append(row["fid"])
            else:
                legacy.append(row)
            continue
        if not chained:
            chained = True
            if legacy or row["action"] == CHAIN_START:
                _check_chain_start(row, legacy, result)
        if row["hash"] != record_hash(previous, *fields):
            problems.append(tr("{record} does not match its hash: it was changed, or a record before it was removed or "
                               "changed.").format(record=_describe(row)))
            result.broken.append(row["fid"])
        previous = row["hash"]
    if legacy and not chained:
        result.legacy = len(legacy)
    return result


def _check_chain_start(row: dict, legacy: list[dict], result: Verification) -> None:
    try:
        kept = json.loads(row["parameters"])["records_before_the_chain"]
    except (ValueError, KeyError, TypeError):
        result.problems.append(tr("{record} should list the records from before the chain and does not.").format(
            record=_describe(row)))
        result.broken.append(row["fid"])
        return
    result.legacy = len(legacy)
    found = {str(old["fid"]): old for old in legacy}
    for fid, digest in kept.items():
        old = found.get(fid)
        if old is None:
            continue  # reported as a gap in the numbers
        if _row_digest([old["fid"], *(old[c] for c in COLUMNS)]) != digest:
            result.problems.append(tr("{record} (from before the chain) was changed.").format(record=_describe(old)))
            result.broken.append(old["fid"])
    for fid, old in found.items():
        if fid not in kept:
            result.problems.append(tr("{record} (from before the chain) was added later.").format(record=_describe(old)))
            result.broken.append(old["fid"])


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
    from .store_postgres import is_postgres

    if is_postgres(value):
        return value  # a PostgreSQL store (tools/store_postgres.py), not a file
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
    from .store_postgres import open_log

    path = configured_path(project)
    return open_log(path) if path else None


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
        if isinstance(value, str) and "password" in value.lower():  # a database URI: never its password
            from .store_postgres import display_name

            value = display_name(value)
        described[name] = value
    return described
