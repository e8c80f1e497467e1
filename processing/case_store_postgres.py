"""The case's zone versions in a bureau's shared PostgreSQL store (``<schema>.zone_versions``).

The same table as the case GeoPackage's (``processing/case_store.py``), made by migration 3 of
``rifa:createstore``, in WGS 84 (EPSG:4326: one CRS for every county of the store). The rules are
the database's: technicians may SELECT and INSERT and UPDATE only the column ``valid_to``; a
trigger lets an update only close an open version, and refuses DELETE and TRUNCATE for everybody;
``(zone_type, zone_id, version)`` is unique. A declaration is written in one transaction, under a
lock of the case: two technicians declaring at once cannot both make version 2 of a zone, the
second one is told to run again.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsDataSourceUri, QgsVectorLayer

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg, RifaError
from .case_store import COLUMNS, TABLE, CaseStore

SRID = 4326
_TYPES = {"text": "text", "int": "integer", "date": "date", "real": "double precision"}


def migration(schema: str, technicians: str) -> list[str]:
    """Migration 3 of the store (``tools/store_postgres.py``): the table, its trigger and grants."""
    from ..tools.store_postgres import quote_ident

    s = quote_ident(schema)
    same = " AND ".join(f"NEW.{name} IS NOT DISTINCT FROM OLD.{name}" for name, _ in COLUMNS if name != "valid_to")
    return [
        f"CREATE TABLE {s}.{TABLE} (fid bigserial PRIMARY KEY, "
        + ", ".join(f"{name} {_TYPES[kind]}" for name, kind in COLUMNS)
        + f", geom geometry(MultiPolygon, {SRID}), UNIQUE (zone_type, zone_id, version))",
        f"COMMENT ON TABLE {s}.{TABLE} IS 'RIFA zone versions 疫区版本: never rewritten or deleted'",
        f"""CREATE FUNCTION {s}.{TABLE}_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'UPDATE' AND OLD.valid_to IS NULL AND NEW.valid_to IS NOT NULL AND NEW.fid = OLD.fid
                 AND {same} AND NEW.geom IS NOT DISTINCT FROM OLD.geom THEN
                RETURN NEW;
              END IF;
              RAISE EXCEPTION 'zone versions are never rewritten or deleted: only valid_to of an open version is set (% refused)', TG_OP;
            END $$""",
        f"CREATE TRIGGER {TABLE}_guard BEFORE UPDATE OR DELETE ON {s}.{TABLE} FOR EACH ROW EXECUTE FUNCTION {s}.{TABLE}_guard()",
        f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {s}.{TABLE} FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {s}.{TABLE}_guard()",
    ]


def grants(schema: str, technicians: str) -> list[str]:
    from ..tools.store_postgres import quote_ident

    s, r = quote_ident(schema), quote_ident(technicians)
    return [
        f"GRANT SELECT, INSERT, UPDATE (valid_to) ON {s}.{TABLE} TO {r}",
        f"GRANT USAGE ON SEQUENCE {s}.{TABLE}_fid_seq TO {r}",
    ]


class PostgresCaseStore(CaseStore):
    """The versions of the case in a shared store (``CaseStore(value)`` gives one for a store value)."""

    def __init__(self, path: str):
        from ..tools.store_postgres import display_name, resolve

        self.value = str(path)
        self.path = display_name(path)
        self.conninfo, self.schema = resolve(path)

    def _error(self, error) -> RifaError:
        return RifaError(Msg(
            QT_TRANSLATE_NOOP("core", "Cannot write the zone versions to the PostgreSQL store {store}: {error}. Nothing of "
                                      "this declaration was recorded."),
            store=self.path, error=str(error).strip()))

    def _connect(self):
        from ..tools.records import RecordsError
        from ..tools.store_postgres import connect

        try:
            return connect(self.conninfo, self.path)
        except RecordsError as error:
            raise RifaError(Msg("{text}", text=str(error))) from None

    def _table(self) -> str:
        from ..tools.store_postgres import quote_ident

        return f"{quote_ident(self.schema)}.{TABLE}"

    def has_versions(self) -> bool:
        import psycopg2

        connection = self._connect()
        try:
            cursor = connection.cursor()
            cursor.execute("SELECT to_regclass(%s)", (self._table(),))
            if cursor.fetchone()[0] is None:
                raise InputError(Msg(QT_TRANSLATE_NOOP(
                    "core", "The PostgreSQL store {store} has no table {table} yet: ask the administrator to run "
                            "rifa:createstore again (it adds what is missing)."), store=self.path, table=self._table()))
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {self._table()})")
            return bool(cursor.fetchone()[0])
        except psycopg2.Error as error:
            raise self._error(error) from None
        finally:
            connection.close()

    def layer(self) -> QgsVectorLayer:
        uri = QgsDataSourceUri(self.conninfo)
        uri.setDataSource(self.schema, TABLE, "geom", "", "fid")
        layer = QgsVectorLayer(uri.uri(False), TABLE, "postgres")
        if not layer.isValid():
            raise InputError(Msg(QT_TRANSLATE_NOOP("core", "Cannot open the table {table} of the case {path}."),
                                 table=TABLE, path=self.path))
        return layer

    def crs(self) -> QgsCoordinateReferenceSystem:
        return QgsCoordinateReferenceSystem(f"EPSG:{SRID}")

    def write(self, declaration, store_crs, frame, declared_at: str, context=None) -> None:
        """Close the versions of ``declaration.closed`` and append ``declaration.new``, in one transaction."""
        import psycopg2

        from .geometry_io import shapely_to_qgs

        transform = frame.transform_to(self.crs(), context)
        names = [name for name, _ in COLUMNS]
        connection = self._connect()
        try:
            with connection:
                cursor = connection.cursor()
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"rifa-case:{self._table()}",))
                for version in declaration.closed:
                    cursor.execute(f"UPDATE {self._table()} SET valid_to = %s WHERE fid = %s AND valid_to IS NULL",
                                   (version.valid_to, int(version.key)))
                    if cursor.rowcount != 1:
                        raise InputError(Msg(QT_TRANSLATE_NOOP(
                            "core", "Another declaration changed the {zone_type} zone {zone_id} in {store} while this one "
                                    "ran: nothing was recorded. Run the declaration again."),
                            zone_type=version.zone_type, zone_id=version.zone_id, store=self.path))
                for version in declaration.new:
                    values = [declared_at if name == "declared_at" else getattr(version, name, None) for name in names]
                    values = [round(v, 6) if isinstance(v, float) else v for v in values]
                    wkb = None
                    if version.geometry is not None:
                        wkb = bytes(shapely_to_qgs(version.geometry, transform).asWkb())
                    cursor.execute(
                        f"INSERT INTO {self._table()} ({', '.join(names)}, geom) VALUES ({', '.join(['%s'] * len(names))}, "
                        f"ST_Multi(ST_GeomFromWKB(%s, {SRID})))", (*values, psycopg2.Binary(wkb) if wkb else None),
                    )
        except psycopg2.errors.UniqueViolation:
            raise InputError(Msg(QT_TRANSLATE_NOOP(
                "core", "Another declaration of the same zones was recorded in {store} while this one ran: nothing was "
                        "recorded. Run the declaration again."), store=self.path)) from None
        except psycopg2.Error as error:
            raise self._error(error) from None
        finally:
            connection.close()
