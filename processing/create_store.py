"""``rifa:createstore``: create or update a bureau's shared store in PostgreSQL/PostGIS.

The schema, its migrations, the roles and the grants are :func:`tools.store_postgres.migrate`.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterString,
)

from ..tools.records import RecordsError
from ..tools.store_postgres import DEFAULT_TECHNICIANS, LATEST, OUTPUTS_SUFFIX, display_name, migrate, resolve
from .base import RifaAlgorithm


class CreateStoreAlgorithm(RifaAlgorithm):
    STORE = "STORE"
    TECHNICIANS = "TECHNICIANS"

    group_key = "response"
    needs_shapely = False
    recorded = False  # it makes the place records go to

    def name(self) -> str:
        return "createstore"

    def displayName(self) -> str:
        return self.tr("Create the shared store (PostGIS)")

    def help_text(self) -> str:
        return self.tr(
            "Creates, or brings up to date, a bureau's shared store in a PostgreSQL/PostGIS database: the schema "
            "with the records log (chapter 5, section 8) and the case's zone versions, and a schema for output "
            "tables. Run it once as the "
            "database's administrator; running it again applies only the migrations that are missing.\n\n"
            "STORE: service=… (a libpq service), a connection string (host=… dbname=… user=…) or the name of a "
            "PostgreSQL connection saved in QGIS; add schema=… for another schema than rifa.\n\n"
            "TECHNICIANS: the group role of the technicians (created when missing, without login). Its members may "
            "add and read records and nothing else: UPDATE, DELETE, TRUNCATE and changes to the tables are refused "
            "by the database. Each record is numbered and chained to the one before inside the inserting "
            "transaction, so technicians working at the same time never break the chain. Output tables go to the "
            "schema <schema>_outputs, which the technicians share.\n\n"
            "Then set the project variable rifa_records_gpkg to the same STORE value, and give it as the CASE of "
            "rifa:declarezones, rifa:liftingstatus and rifa:periodreport."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(self.STORE, self.tr("PostgreSQL store (service=…, connection name)")))
        self.addParameter(
            QgsProcessingParameterString(self.TECHNICIANS, self.tr("Technicians' role"), defaultValue=DEFAULT_TECHNICIANS)
        )
        self.addOutput(QgsProcessingOutputString("SCHEMA", self.tr("Schema")))
        self.addOutput(QgsProcessingOutputString("OUTPUTS_SCHEMA", self.tr("Schema for output tables")))
        self.addOutput(QgsProcessingOutputNumber("VERSION", self.tr("Schema version")))
        self.addOutput(QgsProcessingOutputString("APPLIED", self.tr("Migrations applied by this run")))

    def compute(self, parameters, context, feedback, core_feedback) -> dict:
        value = self.parameterAsString(parameters, self.STORE, context).strip()
        technicians = self.parameterAsString(parameters, self.TECHNICIANS, context).strip() or DEFAULT_TECHNICIANS
        if not value:
            raise QgsProcessingException(self.tr("Give the PostgreSQL store (STORE): service=… or a connection name."))
        try:
            _, schema = resolve(value)
            applied = migrate(value, technicians, feedback)
        except RecordsError as error:
            raise QgsProcessingException(str(error)) from None
        if applied:
            feedback.pushInfo(self.tr("The store {store} (schema {schema}) is at version {version}.").format(
                store=display_name(value), schema=schema, version=LATEST))
        else:
            feedback.pushInfo(self.tr("The store {store} (schema {schema}) was already at version {version}: nothing "
                                      "to do.").format(store=display_name(value), schema=schema, version=LATEST))
        return {"SCHEMA": schema, "OUTPUTS_SCHEMA": schema + OUTPUTS_SUFFIX, "VERSION": LATEST,
                "APPLIED": ",".join(str(version) for version in applied)}
