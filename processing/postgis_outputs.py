"""Outputs into PostGIS tables, staged like file outputs (see ``processing/outputs.py``).

A layer destination ``postgres://dbname=… table="schema"."zones" (geom)`` (or ``postgis:…``,
QGIS's older spelling; ``service=…`` and authcfg work as in QGIS) is written by Processing to a
part table beside the target in the same schema, ``rifa_part_<pid>_<random>_<table>``. When the
whole run is complete and every part reads back with all its features, the targets of one
database are replaced in one transaction: the old table is dropped and the part renamed to it
(with its indexes and sequence). Readers see the old table or the new one, never a half-written
one; a failure (the server stopped, a full disk, a lock held too long) rolls back the
transaction and leaves the old table, and the part is dropped (or, when the server is gone,
left under its ``rifa_part_`` name, never under the target's).

``connection='<name>'`` in the URI stands for the PostgreSQL connection of that name saved in
QGIS (Browser ▸ PostgreSQL): ``postgres://connection='Bureau' table="rifa_outputs"."zones" (geom)``.

A new table in a schema belongs to that schema's owner when the writer is a member of it (the
store's ``<schema>_outputs`` schema is owned by the technicians' role, so any technician can
replace an output another one wrote).
"""

from __future__ import annotations

import os
import re

from qgis.core import QgsDataSourceUri, QgsProcessingOutputLayerDefinition, QgsProperty

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg

_PG_SINK = re.compile(r"^\s*(?:postgres|postgis):(?://)?", re.I)
PART_MARK = "rifa_part_"
LOCK_TIMEOUT = "30s"
_MAX_NAME = 63  # PostgreSQL's identifier length (bytes)


def _text(value):
    from .outputs import _static_sink

    text = _static_sink(value)
    return text if isinstance(text, str) else None


def is_postgres_destination(value) -> bool:
    text = _text(value)
    return bool(text and _PG_SINK.match(text))


def destination_uri(value) -> QgsDataSourceUri:
    """The data source of a ``postgres:`` destination, a saved QGIS connection resolved."""
    text = _PG_SINK.sub("", _text(value), count=1)
    uri = QgsDataSourceUri(text)
    name = uri.param("connection")
    if name:
        from ..tools.store_postgres import qgis_connections

        connections = qgis_connections()
        if name not in connections:
            raise InputError(Msg(QT_TRANSLATE_NOOP(
                "core", "There is no PostgreSQL connection named '{name}' in QGIS (Browser ▸ PostgreSQL)."), name=name))
        resolved = QgsDataSourceUri(connections[name].uri())
        resolved.setDataSource(uri.schema(), uri.table(), uri.geometryColumn(), uri.sql(), uri.keyColumn())
        if uri.srid():
            resolved.setSrid(uri.srid())
        uri = resolved
    if not uri.table():
        raise InputError(Msg(QT_TRANSLATE_NOOP(
            "core", "The PostGIS destination '{uri}' names no table (table=\"schema\".\"name\")."), uri=text))
    return uri


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _short(name: str, limit: int) -> str:
    encoded = name.encode("utf-8")[:limit]
    return encoded.decode("utf-8", "ignore")


class PgStage:
    """One output into a PostGIS table: the part table written first, renamed over the target."""

    layer = True
    into_existing = False

    def __init__(self, name: str, output: str, uri: QgsDataSourceUri, tabular: bool = False):
        self.name, self.output, self.uri = name, output, uri
        self.tabular = tabular  # features without geometry: a table without a geometry column
        self.schema = uri.schema() or "public"
        self.target = uri.table()
        prefix = f"{PART_MARK}{os.getpid()}_{os.urandom(4).hex()}_"
        self.part = prefix + _short(self.target, _MAX_NAME - len(prefix))
        self.conninfo = uri.connectionInfo(True)
        self.store = f"{uri.database() or uri.service()}"
        self.sinks: list = []
        self.count = 0

    def qualified(self, table: str) -> str:
        return f"{_quote(self.schema)}.{_quote(table)}"

    def staged_value(self, value) -> QgsProcessingOutputLayerDefinition:
        part = QgsDataSourceUri(self.uri)
        geometry = "" if self.tabular else (self.uri.geometryColumn() or "geom")
        part.setDataSource(self.schema, self.part, geometry, self.uri.sql(), self.uri.keyColumn())
        staged = QgsProcessingOutputLayerDefinition(value) if isinstance(value, QgsProcessingOutputLayerDefinition) \
            else QgsProcessingOutputLayerDefinition(str(value))
        staged.sink = QgsProperty.fromValue("postgres://" + part.uri(False))
        return staged

    # -- what StagedOutputs asks of a stage
    def write_error(self, problem) -> InputError:
        return InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Could not write the output '{output}' to the PostGIS table {table} (database {store}): {problem}. "
                    "Nothing was replaced: the table that was there before the run is unchanged.",
                ),
                output=self.output, table=f"{self.schema}.{self.target}", store=self.store, problem=problem,
            )
        )

    def _connect(self):
        from ..tools.records import RecordsError
        from ..tools.store_postgres import connect

        try:
            return connect(self.conninfo, self.store)
        except RecordsError as error:
            raise self.write_error(str(error)) from None

    def close(self) -> None:
        from .outputs import _Stage

        _Stage.close(self)

    def verify(self) -> None:
        import psycopg2

        connection = self._connect()
        try:
            cursor = connection.cursor()
            cursor.execute(f"SELECT count(*) FROM {self.qualified(self.part)}")
            found = cursor.fetchone()[0]
        except psycopg2.Error as error:
            raise self.write_error(str(error).strip()) from None
        finally:
            connection.close()
        if found != self.count:
            raise self.write_error(Msg(QT_TRANSLATE_NOOP("core", "{found} of {count} features were written"),
                                       found=found, count=self.count))

    def discard(self) -> None:
        self.close()
        try:
            import psycopg2

            connection = psycopg2.connect(self.conninfo, connect_timeout=5)
        except Exception:  # noqa: BLE001 - the server is gone: the part keeps its rifa_part_ name
            return
        try:
            with connection:
                connection.cursor().execute(f"DROP TABLE IF EXISTS {self.qualified(self.part)}")
        except Exception:  # noqa: BLE001
            pass
        finally:
            connection.close()

    def _replace(self, cursor) -> None:
        """Inside the caller's transaction: the part becomes the target."""
        part, target = self.qualified(self.part), self.qualified(self.target)
        cursor.execute(
            "SELECT n.nspowner::regrole::text, pg_has_role(n.nspowner, 'MEMBER') FROM pg_namespace n WHERE nspname = %s",
            (self.schema,),
        )
        owner = cursor.fetchone()
        # runs that replace the same table at once take turns (two that found no table would both create it)
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"rifa-output:{target}",))
        cursor.execute("SELECT to_regclass(%s)", (target,))
        if cursor.fetchone()[0] is not None:
            cursor.execute(f"LOCK TABLE {target} IN ACCESS EXCLUSIVE MODE")
            cursor.execute(f"DROP TABLE {target}")
        cursor.execute(f"ALTER TABLE {part} RENAME TO {_quote(self.target)}")
        cursor.execute(  # its primary key, sequence and QGIS's spatial index sidx_<table>_<geom>
            "SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = %s::regnamespace "
            "AND c.relkind IN ('i', 'S') AND strpos(c.relname, %s) > 0", (_quote(self.schema), self.part),
        )
        for relname, kind in cursor.fetchall():
            renamed = _short(relname.replace(self.part, self.target), _MAX_NAME)
            verb = "INDEX" if kind == "i" else "SEQUENCE"
            cursor.execute(f"ALTER {verb} {self.qualified(relname)} RENAME TO {_quote(renamed)}")
        if owner and owner[1]:
            cursor.execute(f"ALTER TABLE {target} OWNER TO {_quote(owner[0])}")


def replace_tables(stages: list[PgStage]) -> None:
    """The parts renamed over their targets: one transaction per database."""
    import psycopg2

    groups: dict[str, list[PgStage]] = {}
    for stage in stages:
        groups.setdefault(stage.conninfo, []).append(stage)
    for group in groups.values():
        connection = group[0]._connect()
        current = group[0]
        try:
            with connection:
                cursor = connection.cursor()
                cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                for current in sorted(group, key=lambda stage: (stage.schema, stage.target)):  # locks in one order
                    current._replace(cursor)
        except psycopg2.Error as error:
            raise current.write_error(str(error).strip()) from None
        finally:
            connection.close()


def check_destination(value, output: str) -> None:
    """Before any work: the server answers and the schema takes new tables (InputError if not)."""
    import psycopg2

    stage = PgStage("", output, destination_uri(value))
    connection = stage._connect()
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT has_schema_privilege(%s, 'CREATE')", (stage.schema,))
        allowed = cursor.fetchone()[0]
    except psycopg2.Error as error:
        raise stage.write_error(str(error).strip()) from None
    finally:
        connection.close()
    if not allowed:
        raise stage.write_error(Msg(QT_TRANSLATE_NOOP(
            "core", "the database user may not create tables in the schema {schema}"), schema=stage.schema))
