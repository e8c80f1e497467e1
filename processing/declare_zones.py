"""``rifa:declarezones``: append a declaration of the zones to the case (table ``zone_versions``)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsRectangle,
)

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from .base import RifaAlgorithm
from .layer_io import field_value, layer_name, zone_id_field

# parameter -> zone type
ZONE_LAYERS = {"OCCURRENCE": "occurrence", "QUARANTINE": "quarantine", "THREATENED": "threatened"}


def zone_id_text(value) -> str:
    """A zone id as stored in the case: whole numbers without ``.0``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


class DeclareZonesAlgorithm(RifaAlgorithm):
    FILE_TABLES = {"CASE": ("zone_versions",)}  # the case is read for its versions only (processing/outputs.py)
    CASE = "CASE"
    QUARANTINE = "QUARANTINE"
    THREATENED = "THREATENED"
    OCCURRENCE = "OCCURRENCE"
    ORDER_NUMBER = "ORDER_NUMBER"
    DECLARED_ON = "DECLARED_ON"
    NOTE = "NOTE"
    N_NEW = "N_NEW"  # outputs: the zones of each change
    N_REVISED = "N_REVISED"
    N_UNCHANGED = "N_UNCHANGED"
    N_LIFTED = "N_LIFTED"

    group_key = "response"

    def name(self) -> str:
        return "declarezones"

    def displayName(self) -> str:
        return self.tr("Declare zones (new zone version)")

    def help_text(self) -> str:
        return self.tr(
            "<p>Records a declaration of the zones in the case GeoPackage (table zone_versions): the zones "
            "in force from DECLARED_ON under the order ORDER_NUMBER. Zones are revised as new nests are "
            "found and lifted after eradication (chapter 5, section 6); the case keeps every version.</p>"
            "<p>Each zone is known by its type (the layer it comes from) and its zone_id (the field of the "
            "rifa:delineatezones outputs; otherwise the feature id). Every zone named gets a new version "
            "(1, 2, …) and the version before it is closed (valid_to = DECLARED_ON). A zone of a layer "
            "given here that the layer no longer holds is lifted: it gets a last version without geometry "
            "(change = lifted). An empty layer lifts all zones of its type; a layer left out leaves its "
            "zones as they are.</p>"
            "<p>Each version records what changed: change (new, revised, unchanged, lifted), area_km2, "
            "added_km2 and removed_km2 against the version before (true ground km²). Versions are never "
            "rewritten or deleted: triggers in the GeoPackage refuse it. A declaration dated before the "
            "latest one in the case is refused.</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(self.CASE, self.tr("Case GeoPackage (created when missing)"), extension="gpkg")
        )
        names = {
            self.QUARANTINE: self.tr("Quarantine zones"),
            self.THREATENED: self.tr("Threatened zones"),
            self.OCCURRENCE: self.tr("Occurrence areas"),
        }
        for parameter in (self.QUARANTINE, self.THREATENED, self.OCCURRENCE):
            self.addParameter(
                QgsProcessingParameterFeatureSource(parameter, names[parameter], [QgsProcessing.SourceType.TypeVectorPolygon], optional=True)
            )
        self.addParameter(QgsProcessingParameterString(self.ORDER_NUMBER, self.tr("Order number (e.g. of the lockdown order)"), optional=True))
        self.addParameter(
            QgsProcessingParameterDateTime(self.DECLARED_ON, self.tr("Declared on (zones in force from)"), QgsProcessingParameterDateTime.Type.Date, optional=True)
        )
        self.addParameter(QgsProcessingParameterString(self.NOTE, self.tr("Note"), optional=True, multiLine=True))
        self.addOutput(QgsProcessingOutputFile(self.CASE, self.tr("Case GeoPackage")))
        for name, description in (
            (self.N_NEW, self.tr("New zones")),
            (self.N_REVISED, self.tr("Revised zones")),
            (self.N_UNCHANGED, self.tr("Unchanged zones")),
            (self.N_LIFTED, self.tr("Lifted zones")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, description))

    def compute(self, parameters, context, feedback, core_feedback):
        import shapely

        from ..core.case import DeclaredZone, declare
        from ..tools.records import now_text
        from .affected_units import equal_area_frame
        from .case_store import CaseStore, case_path, date_parameter
        from .geometry_io import read_features

        path = case_path(self, parameters, self.CASE, context, must_exist=False)
        store = CaseStore(path)
        declared_on = date_parameter(self, parameters, self.DECLARED_ON, context)
        order_number = self.parameterAsString(parameters, self.ORDER_NUMBER, context).strip()
        note = self.parameterAsString(parameters, self.NOTE, context).strip()

        sources = {}
        for parameter, kind in ZONE_LAYERS.items():
            if self.is_given(parameters, parameter):
                source = self.parameterAsSource(parameters, parameter, context)
                if source is not None:
                    sources[kind] = (source, layer_name(self, parameters, parameter, context))
        if not sources:
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "Give at least one zone layer (QUARANTINE, THREATENED or OCCURRENCE) to declare."))
            )
        store_crs = store.crs()
        first_source, first_name = next(iter(sources.values()))
        extent = QgsRectangle(first_source.sourceExtent())
        frame_crs = first_source.sourceCrs()
        if first_source.featureCount() == 0 and store_crs is not None:
            frame_crs, extent = store_crs, store.layer().extent()
        frame = equal_area_frame(frame_crs, extent, first_name, context)
        core_feedback.info(frame.description)
        versions = store.read(frame, context)

        zones = []
        for kind, (source, name) in sources.items():
            id_index = zone_id_field(source.fields())
            for item in read_features(source, frame, name, core_feedback.step(0, 50), context):
                geometry = shapely.normalize(item.geometry)
                zones.append(DeclaredZone(kind, zone_id_text(field_value(item.feature, id_index, item.fid)), geometry))
        declaration = declare(versions, zones, set(sources), declared_on, order_number, note)
        for zone_type, zone_id in declaration.unrelated:
            core_feedback.warn(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "The {zone_type} zone {zone_id} does not overlap its previous version: is zone_id {zone_id} still the same zone?",
                    ),
                    zone_type=zone_type,
                    zone_id=zone_id,
                )
            )
        store.write(declaration, store_crs if store_crs is not None else first_source.sourceCrs(), frame, now_text(), context)
        for version in declaration.new:
            core_feedback.info(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "{zone_type} zone {zone_id}: version {version} ({change}), {area:.2f} km², {added:.2f} km² added, {removed:.2f} km² removed.",
                    ),
                    zone_type=version.zone_type, zone_id=version.zone_id, version=version.version, change=version.change,
                    area=version.area_km2, added=version.added_km2, removed=version.removed_km2,
                )
            )
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "Declaration of {date} recorded in {path}: {new} new, {revised} revised, {unchanged} unchanged, {lifted} lifted zone(s)."),
                date=declared_on.isoformat(), path=path, new=declaration.count("new"), revised=declaration.count("revised"),
                unchanged=declaration.count("unchanged"), lifted=declaration.count("lifted"),
            )
        )
        return {
            self.CASE: path,
            self.N_NEW: declaration.count("new"),
            self.N_REVISED: declaration.count("revised"),
            self.N_UNCHANGED: declaration.count("unchanged"),
            self.N_LIFTED: declaration.count("lifted"),
        }
