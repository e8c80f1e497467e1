"""The Processing provider ``rifa`` ("RIFA quarantine zoning")."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..paths import ICON, version
from ..tools.i18n import tr
from .affected_units import AffectedUnitsAlgorithm
from .barrier_buffer import BarrierBufferAlgorithm
from .checkpoints import CheckpointsAlgorithm
from .create_store import CreateStoreAlgorithm
from .declare_zones import DeclareZonesAlgorithm
from .delineate_zones import DelineateZonesAlgorithm
from .describe_boundary import DescribeBoundaryAlgorithm
from .lifting_status import LiftingStatusAlgorithm
from .lockdown_map import LockdownMapAlgorithm
from .lockdown_order import LockdownOrderAlgorithm
from .outbreak_grade import OutbreakGradeAlgorithm
from .period_report import PeriodReportAlgorithm
from .survey_plan import SurveyPlanAlgorithm
from .verify_records import VerifyRecordsAlgorithm


def algorithm_classes() -> list:
    """Every algorithm of the provider, in menu order."""
    return [
        BarrierBufferAlgorithm,
        DelineateZonesAlgorithm,
        OutbreakGradeAlgorithm,
        CheckpointsAlgorithm,
        AffectedUnitsAlgorithm,
        DescribeBoundaryAlgorithm,
        LockdownMapAlgorithm,
        VerifyRecordsAlgorithm,
        CreateStoreAlgorithm,
        DeclareZonesAlgorithm,
        LiftingStatusAlgorithm,
        SurveyPlanAlgorithm,
        PeriodReportAlgorithm,
        LockdownOrderAlgorithm,
    ]


class RifaProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "rifa"

    def name(self) -> str:
        return tr("RIFA quarantine zoning")

    def longName(self) -> str:
        return tr("RIFA quarantine zoning (red imported fire ant)")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:
        return str(ICON)

    def versionInfo(self) -> str:
        return version()

    def loadAlgorithms(self) -> None:
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
