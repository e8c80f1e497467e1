"""``rifa:verifyrecords``: check the records log (处理记录, 第五章 八) for tampering or damage.

The check itself is :meth:`tools.records.RecordsLog.verify` (the chain of hashes, the triggers,
the file's integrity, deleted records); the dock shows the same result.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputBoolean,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
)

from ..tools.records import RecordsLog, configured_path
from ..tools.store_postgres import open_log
from .base import RifaAlgorithm


class VerifyRecordsAlgorithm(RifaAlgorithm):
    RECORDS = "RECORDS"

    group_key = "response"
    needs_shapely = False
    recorded = False  # it reads the log; a damaged log must still be checkable

    def name(self) -> str:
        return "verifyrecords"

    def displayName(self) -> str:
        return self.tr("Verify the records log")

    def help_text(self) -> str:
        return self.tr(
            "Checks that the records log (chapter 5, section 8) is complete and unaltered. Each record carries a "
            "hash of its own time, user, action, parameters and result chained to the record before it; this "
            "algorithm recomputes the chain, checks the triggers that keep the table append-only, the integrity of "
            "the file, and that no record number is missing (a deleted record), and names every broken record.\n\n"
            "RECORDS: the records GeoPackage (empty: the one of the current project, which may be a shared "
            "PostgreSQL store).\n\n"
            "The run fails (exit code 1 in qgis_process) when the log was altered or is damaged; the message says "
            "which records. Outputs: VALID, COUNT (records), LEGACY (records from before the chain, covered by its "
            "first record) and REPORT."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.RECORDS, self.tr("Records GeoPackage (empty: the project's)"), extension="gpkg", optional=True
            )
        )
        self.addOutput(QgsProcessingOutputBoolean("VALID", self.tr("The log is intact")))
        self.addOutput(QgsProcessingOutputNumber("COUNT", self.tr("Records")))
        self.addOutput(QgsProcessingOutputNumber("LEGACY", self.tr("Records from before the chain")))
        self.addOutput(QgsProcessingOutputString("REPORT", self.tr("Report")))

    def compute(self, parameters, context, feedback, core_feedback) -> dict:
        path = self.parameterAsFile(parameters, self.RECORDS, context)
        if not path:
            path = configured_path(context.project() if context is not None else None)
        if not path:
            raise QgsProcessingException(
                self.tr("Choose the records GeoPackage: the project names none (variable rifa_records_gpkg).")
            )
        verification = (open_log(path) if not parameters.get(self.RECORDS) else RecordsLog(path)).verify()
        report = verification.summary()
        if not verification.ok:
            for problem in verification.problems:
                feedback.reportError(problem, fatalError=False)
            raise QgsProcessingException(
                self.tr("The records log {path} is not intact: {report}").format(path=path, report=report)
            )
        feedback.pushInfo(report)
        return {"VALID": True, "COUNT": verification.count, "LEGACY": verification.legacy, "REPORT": report}
