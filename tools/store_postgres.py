"""A bureau's shared store in PostgreSQL/PostGIS (issue 20): the records log (and the case's zone
versions, ``processing/case_store_postgres.py``) in a schema.

Where: the project variable ``rifa_records_gpkg`` names a GeoPackage file *or* a PostgreSQL
connection: ``service=bureau`` (a libpq service of ``~/.pg_service.conf``), any libpq connection
string (``host=… dbname=… user=…``, ``postgresql://…``), or the name of a PostgreSQL connection
saved in QGIS (Browser ▸ PostgreSQL; its saved or authcfg credentials are used). A token
``schema=…`` picks the schema (default ``rifa``). :func:`open_log` gives the right log for a value.

The schema is made by :func:`migrate` (``rifa:createstore``, ``make store``): numbered migrations
in ``<schema>.schema_migrations``, each applied once in one transaction under an advisory lock, so
running it again (or twice at once) is harmless and a newer plugin adds only what is missing.

Append-only in the database, not only in the plugin:

- the technicians' role (default ``rifa_technicians``, a group: make each technician a login role
  ``IN ROLE rifa_technicians``) is granted SELECT and INSERT on ``rifa_records`` and nothing else:
  UPDATE, DELETE and TRUNCATE are refused by the grants, DDL because it owns nothing there;
- triggers refuse UPDATE, DELETE and TRUNCATE for every role, the owner included (an owner can
  drop a trigger, so :meth:`PostgresRecordsLog.verify` checks they are there);
- the record number and the hash are computed by a trigger inside the inserting transaction: it
  locks the chain's head row (``SELECT … FOR UPDATE``), so concurrent writers wait for each other
  and the chain can neither fork nor skip; numbers have no gaps (no sequence), and a rolled-back
  insert leaves no trace. The hash is the same formula as the GeoPackage log
  (:func:`tools.records.record_hash`, JSON built with ``to_json``), so one verifier checks both.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from .i18n import tr
from .records import COLUMNS, TABLE, RecordsError, RecordsLog, Verification, _describe, record_hash

DEFAULT_SCHEMA = "rifa"
DEFAULT_TECHNICIANS = "rifa_technicians"
HEAD = "rifa_records_head"
MIGRATIONS_TABLE = "schema_migrations"
OUTPUTS_SUFFIX = "_outputs"  # the schema for output tables: <schema>_outputs
CONNECT_TIMEOUT_S = 10
_LIBPQ_KEY = re.compile(r"^\s*(service|dbname|host|hostaddr|port|user|password|sslmode|connect_timeout)\s*=", re.I)
_SCHEMA_TOKEN = re.compile(r"""(?:^|\s)schema\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"([^"]*)"|(\S+))""", re.I)
_PREFIX = re.compile(r"^\s*(?:postgres|postgis|pg):(?://)?", re.I)
TRIGGER_NAMES = (f"{TABLE}_chain", f"{TABLE}_no_update", f"{TABLE}_no_delete", f"{TABLE}_no_truncate")


# -- which store a value names


def qgis_connections() -> dict:
    """The PostgreSQL connections saved in QGIS, by name (empty outside QGIS)."""
    try:
        from qgis.core import QgsProviderRegistry

        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        return dict(metadata.connections()) if metadata is not None else {}
    except Exception:  # noqa: BLE001 - no QGIS or no postgres provider
        return {}


def is_postgres(value) -> bool:
    """True when ``value`` names a PostgreSQL store rather than a GeoPackage file."""
    text = str(value or "").strip()
    if not text:
        return False
    if _PREFIX.match(text) or text.lower().startswith(("postgresql://", "postgres://")) or _LIBPQ_KEY.match(text):
        return True
    if text.lower().endswith(".gpkg") or "/" in text or "\\" in text:
        return False
    return _without_schema(text)[0] in qgis_connections()


def _without_schema(text: str) -> tuple[str, str | None]:
    match = _SCHEMA_TOKEN.search(text)
    if not match:
        return text.strip(), None
    schema = next(group for group in match.groups() if group is not None)
    return (text[: match.start()] + " " + text[match.end():]).strip(), schema


def resolve(value) -> tuple[str, str]:
    """(libpq connection string, schema) of a store value; RecordsError for an unknown connection."""
    text = _PREFIX.sub("", str(value).strip(), count=1)
    text, schema = _without_schema(text)
    if text.lower().startswith(("postgresql://", "postgres://")) or _LIBPQ_KEY.match(text):
        return text, schema or DEFAULT_SCHEMA
    connections = qgis_connections()
    if text not in connections:
        raise RecordsError(
            tr("There is no PostgreSQL connection named '{name}' in QGIS (Browser ▸ PostgreSQL), and it is no "
               "connection string (service=… or host=… dbname=…).").format(name=text)
        )
    from qgis.core import QgsDataSourceUri

    uri = QgsDataSourceUri(connections[text].uri())
    return uri.connectionInfo(True), schema or DEFAULT_SCHEMA


def display_name(value) -> str:
    """The store as shown in messages: the value without a password."""
    return re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", str(value).strip(), flags=re.I)


def psycopg2_module():
    try:
        import psycopg2
    except ImportError:
        raise RecordsError(
            tr("The PostgreSQL store needs the Python module psycopg2, which is missing: install it (Debian: apt "
               "install python3-psycopg2; OSGeo4W: it comes with QGIS).")
        ) from None
    return psycopg2


def connect(conninfo: str, name: str):
    """A psycopg2 connection; RecordsError with the server's reason when it cannot be made."""
    psycopg2 = psycopg2_module()
    try:
        connection = psycopg2.connect(conninfo, connect_timeout=CONNECT_TIMEOUT_S, application_name="rifa_zoning")
    except psycopg2.Error as error:
        raise RecordsError(
            tr("Cannot connect to the PostgreSQL store {store}: {error}").format(
                store=name, error=str(error).strip() or type(error).__name__)
        ) from None
    return connection


def quote_ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


# -- migrations


def _m1_records(schema: str, technicians: str) -> list[str]:
    s, r = quote_ident(schema), quote_ident(technicians)
    fields = " || ',' || ".join(f"coalesce(to_json(NEW.{quote_ident(c)})::text, 'null')" for c in COLUMNS)
    return [
        "CREATE EXTENSION IF NOT EXISTS postgis",
        f"CREATE TABLE {s}.{TABLE} (fid bigint PRIMARY KEY, "
        + ", ".join(f"{quote_ident(c)} text NOT NULL" for c in COLUMNS)
        + ", hash text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(), "
        "db_user text NOT NULL DEFAULT session_user)",
        f"COMMENT ON TABLE {s}.{TABLE} IS 'RIFA Zoning records 处理记录: append-only, hash-chained'",
        f"CREATE TABLE {s}.{HEAD} (id int PRIMARY KEY CHECK (id = 1), last_fid bigint NOT NULL, last_hash text NOT NULL)",
        f"INSERT INTO {s}.{HEAD} VALUES (1, 0, '')",
        # the chain, in the inserting transaction: the head row is locked until it commits
        f"""CREATE FUNCTION {s}.{TABLE}_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $$
            DECLARE head record;
            BEGIN
              SELECT last_fid, last_hash INTO head FROM {s}.{HEAD} WHERE id = 1 FOR UPDATE;
              NEW.fid := head.last_fid + 1;
              NEW.hash := encode(sha256(convert_to('[' || to_json(head.last_hash)::text || ',' || {fields} || ']',
                                                   'UTF8')), 'hex');
              NEW.recorded_at := now();
              NEW.db_user := session_user;
              UPDATE {s}.{HEAD} SET last_fid = NEW.fid, last_hash = NEW.hash WHERE id = 1;
              RETURN NEW;
            END $$""",
        f"""CREATE FUNCTION {s}.{TABLE}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'RIFA records are append-only (% refused)', TG_OP; END $$""",
        f"CREATE TRIGGER {TABLE}_chain BEFORE INSERT ON {s}.{TABLE} FOR EACH ROW EXECUTE FUNCTION {s}.{TABLE}_chain()",
        f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {s}.{TABLE} FOR EACH ROW EXECUTE FUNCTION {s}.{TABLE}_refuse()",
        f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {s}.{TABLE} FOR EACH ROW EXECUTE FUNCTION {s}.{TABLE}_refuse()",
        f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {s}.{TABLE} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {s}.{TABLE}_refuse()",
        f"CREATE TRIGGER {HEAD}_no_delete BEFORE DELETE OR TRUNCATE ON {s}.{HEAD} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {s}.{TABLE}_refuse()",
        f"REVOKE ALL ON SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON FUNCTION {s}.{TABLE}_chain() FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
    ]


def _m2_outputs(schema: str, technicians: str) -> list[str]:
    o, r = quote_ident(schema + OUTPUTS_SUFFIX), quote_ident(technicians)
    # the technicians' group owns the outputs schema: a technician may replace another's output table
    return [f"CREATE SCHEMA IF NOT EXISTS {o}", f"ALTER SCHEMA {o} OWNER TO {r}", f"REVOKE ALL ON SCHEMA {o} FROM PUBLIC"]


def _grants(schema: str, technicians: str) -> list[str]:
    """Applied on every run of :func:`migrate` (after the migrations): exactly these rights."""
    s, r = quote_ident(schema), quote_ident(technicians)
    return [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT ON {s}.{TABLE} TO {r}",
        f"GRANT SELECT ON {s}.{HEAD}, {s}.{MIGRATIONS_TABLE} TO {r}",
        *_case_grants(schema, technicians),
    ]


def _case_grants(schema: str, technicians: str) -> list[str]:
    from ..processing.case_store_postgres import grants

    return grants(schema, technicians)


def _m3_zone_versions(schema: str, technicians: str) -> list[str]:
    from ..processing.case_store_postgres import migration

    return migration(schema, technicians)


MIGRATIONS = (
    (1, "records log (rifa_records): append-only, hash chain computed by a trigger", _m1_records),
    (2, "schema for output tables (<schema>_outputs), owned by the technicians' role", _m2_outputs),
    (3, "the case's zone versions (zone_versions): never rewritten or deleted", _m3_zone_versions),
)
LATEST = MIGRATIONS[-1][0]


def migrate(value, technicians: str = DEFAULT_TECHNICIANS, feedback=None) -> list[int]:
    """Create or update the store's schema; returns the migrations applied by this call."""
    conninfo, schema = resolve(value)
    name = display_name(value)
    psycopg2 = psycopg2_module()
    connection = connect(conninfo, name)
    s = quote_ident(schema)
    applied = []
    try:
        with connection:  # one transaction: all of it, or nothing
            cursor = connection.cursor()
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"rifa-store:{schema}",))
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (technicians,))
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {quote_ident(technicians)} NOLOGIN")
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {s}")
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {s}.{MIGRATIONS_TABLE} (version int PRIMARY KEY, description text NOT NULL, "
                "applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT session_user)"
            )
            cursor.execute(f"SELECT version FROM {s}.{MIGRATIONS_TABLE}")
            done = {row[0] for row in cursor.fetchall()}
            for version, description, statements in MIGRATIONS:
                if version in done:
                    continue
                for statement in statements(schema, technicians):
                    cursor.execute(statement)
                cursor.execute(f"INSERT INTO {s}.{MIGRATIONS_TABLE} (version, description) VALUES (%s, %s)",
                               (version, description))
                applied.append(version)
                if feedback is not None:
                    feedback.pushInfo(tr("Migration {version}: {description}").format(
                        version=version, description=description))
            for statement in _grants(schema, technicians):
                cursor.execute(statement)
    except psycopg2.Error as error:
        raise RecordsError(
            tr("Could not create the store in {store} (schema {schema}): {error}. Nothing was changed.").format(
                store=name, schema=schema, error=str(error).strip())
        ) from None
    finally:
        connection.close()
    return applied


# -- the records log


class PostgresRecordsLog(RecordsLog):
    """The records log in ``<schema>.rifa_records`` (same interface as the GeoPackage log)."""

    def __init__(self, value):
        self.value = str(value)
        self.path = display_name(value)  # shown in messages
        self.conninfo, self.schema = resolve(value)

    def _connection(self):
        return connect(self.conninfo, self.path)

    def _table(self, name: str = TABLE) -> str:
        return f"{quote_ident(self.schema)}.{name}"

    def _error(self, error) -> RecordsError:
        return RecordsError(
            tr("The PostgreSQL store {store} failed: {error}. Nothing was recorded; the records already in it are "
               "intact.").format(store=self.path, error=str(error).strip() or type(error).__name__)
        )

    def _version(self, cursor) -> int:
        cursor.execute("SELECT to_regclass(%s)", (f"{quote_ident(self.schema)}.{MIGRATIONS_TABLE}",))
        if cursor.fetchone()[0] is None:
            return 0
        cursor.execute(f"SELECT coalesce(max(version), 0) FROM {self._table(MIGRATIONS_TABLE)}")
        return int(cursor.fetchone()[0])

    def _missing(self) -> RecordsError:
        return RecordsError(
            tr("The PostgreSQL store {store} has no records schema '{schema}' yet: ask the administrator to create "
               "it (rifa:createstore, or make store).").format(store=self.path, schema=self.schema)
        )

    def exists(self) -> bool:
        psycopg2 = psycopg2_module()
        connection = self._connection()
        try:
            return self._version(connection.cursor()) >= 1
        except psycopg2.Error as error:
            raise self._error(error) from None
        finally:
            connection.close()

    def ensure(self) -> bool:
        """The store is made by the administrator (:func:`migrate`), never by a run."""
        if not self.exists():
            raise self._missing()
        return False

    def check_writable(self) -> bool:
        with self._snapshot() as cursor:
            if self._version(cursor) < 1:
                raise self._missing()
            cursor.execute("SELECT has_table_privilege(%s, 'INSERT')", (self._table(),))
            if not cursor.fetchone()[0]:
                raise RecordsError(
                    tr("The database user of {store} may not add records (no INSERT on {table}): ask the administrator "
                       "to make it a member of the technicians' role.").format(store=self.path, table=self._table())
                )
            problems = self._verify(cursor).problems
            if problems:
                raise RecordsError(
                    tr("The records log {path} is damaged or was altered, so nothing was recorded and nothing was "
                       "done: {problems}").format(path=self.path, problems=" ".join(problems))
                )
        return False

    @contextmanager
    def _snapshot(self):
        """A cursor on one snapshot of the store (REPEATABLE READ: the rows and the chain's head
        agree), rolled back and closed after; a database error becomes a RecordsError naming the store."""
        psycopg2 = psycopg2_module()
        connection = self._connection()
        try:
            cursor = connection.cursor()
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield cursor
        except psycopg2.Error as error:
            raise self._error(error) from None
        finally:
            connection.rollback()
            connection.close()

    def append(self, action: str, parameters=None, result: str = "", user: str | None = None, time: str | None = None) -> int:
        import json

        from .records import current_user, now_text

        if not isinstance(parameters, str):
            parameters = json.dumps(parameters if parameters is not None else {}, ensure_ascii=False, default=str,
                                    sort_keys=True)
        row = (time or now_text(), user or current_user(), action, parameters, str(result))
        psycopg2 = psycopg2_module()
        connection = self._connection()
        try:
            with connection:  # the trigger numbers and chains the record in this transaction
                cursor = connection.cursor()
                cursor.execute(
                    f"INSERT INTO {self._table()} ({', '.join(quote_ident(c) for c in COLUMNS)}) "
                    "VALUES (%s, %s, %s, %s, %s) RETURNING fid", row,
                )
                return int(cursor.fetchone()[0])
        except psycopg2.Error as error:
            raise self._error(error) from None
        finally:
            connection.close()

    def records(self) -> list[dict]:
        psycopg2 = psycopg2_module()
        connection = self._connection()
        try:
            cursor = connection.cursor()
            if self._version(cursor) < 1:
                return []
            return self._rows(cursor)
        except psycopg2.Error as error:
            raise self._error(error) from None
        finally:
            connection.close()

    def _rows(self, cursor) -> list[dict]:
        cursor.execute(f"SELECT fid, {', '.join(quote_ident(c) for c in COLUMNS)}, hash FROM {self._table()} ORDER BY fid")
        return [dict(zip(("fid", *COLUMNS, "hash"), row)) for row in cursor.fetchall()]

    def verify(self) -> Verification:
        with self._snapshot() as cursor:
            if self._version(cursor) < 1:
                return Verification(self.path, problems=[str(self._missing())])
            return self._verify(cursor)

    def _verify(self, cursor) -> Verification:
        result = Verification(self.path)
        problems = result.problems
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND tgenabled <> 'D' AND NOT tgisinternal",
            (self._table(),),
        )
        present = {row[0] for row in cursor.fetchall()}
        for name in TRIGGER_NAMES:
            if name not in present:
                problems.append(tr("The trigger {name} that keeps the log append-only is missing or disabled: records "
                                   "could have been changed or deleted.").format(name=name))
        rows = self._rows(cursor)
        result.count = len(rows)
        expected = 1
        for row in rows:
            if row["fid"] > expected:
                first, last = expected, row["fid"] - 1
                problems.append(tr("Records {first}–{last} are missing (deleted).").format(first=first, last=last)
                                if last > first else tr("Record {fid} is missing (deleted).").format(fid=first))
            expected = row["fid"] + 1
        cursor.execute(f"SELECT last_fid, last_hash FROM {self._table(HEAD)} WHERE id = 1")
        head = cursor.fetchone()
        if head is None:
            problems.append(tr("The head of the chain ({table}) is missing.").format(table=self._table(HEAD)))
        elif rows and head[0] > rows[-1]["fid"]:
            problems.append(tr("The last record(s) after record {fid} were deleted (numbers up to {seq} were used).").format(
                fid=rows[-1]["fid"], seq=head[0]))
        elif not rows and head[0] > 0:
            problems.append(tr("Every record was deleted (numbers up to {seq} were used).").format(seq=head[0]))
        previous = ""
        for row in rows:
            if row["hash"] != record_hash(previous, *(row[c] for c in COLUMNS)):
                problems.append(tr("{record} does not match its hash: it was changed, or a record before it was removed "
                                   "or changed.").format(record=_describe(row)))
                result.broken.append(row["fid"])
            previous = row["hash"]
        if head is not None and rows and head[0] == rows[-1]["fid"] and head[1] != rows[-1]["hash"]:
            problems.append(tr("{record} is not the record the chain ends with: it was changed.").format(
                record=_describe(rows[-1])))
        return result


def open_log(value) -> RecordsLog:
    """The records log a project variable value names: PostgreSQL or a GeoPackage file."""
    return PostgresRecordsLog(value) if is_postgres(value) else RecordsLog(value)
