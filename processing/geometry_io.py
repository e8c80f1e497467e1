"""Between QGIS layers and ``core``: the working CRS, reading features into shapely, writing back.

Distances in the plan are metres on the ground. Each run picks a *working CRS* where planar
metres are true metres: the input's own CRS when it is projected and distorts distances by less
than 0.05 % around the data, otherwise a local Transverse Mercator centred on the data (scale
factor 1, so distortion stays below ~0.01 % over 100 km). Every layer is reprojected into it and
results are written back in the reference layer's CRS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeatureSource,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..core.feedback import Feedback
from .layer_io import no_features_error

MAX_SCALE_ERROR = 5e-4  # 0.05 %: half the accuracy budget of the zone engine (0.1 % of r)
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


@dataclass
class WorkingFrame:
    """The working CRS of a run and how it was chosen (for the log)."""

    crs: QgsCoordinateReferenceSystem
    description: Msg

    def transform_from(self, crs: QgsCoordinateReferenceSystem, context=None) -> QgsCoordinateTransform:
        return QgsCoordinateTransform(crs, self.crs, _transform_context(context))

    def transform_to(self, crs: QgsCoordinateReferenceSystem, context=None) -> QgsCoordinateTransform:
        return QgsCoordinateTransform(self.crs, crs, _transform_context(context))


def _transform_context(context):
    return context.transformContext() if context is not None else QgsProject.instance().transformContext()


def require_crs(crs: QgsCoordinateReferenceSystem, layer_name: str) -> None:
    if not crs.isValid():
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core", "Layer '{layer}' has no coordinate reference system (CRS). Set its CRS "
                    "(Layer Properties > Source) and run again."
                ),
                layer=layer_name,
            )
        )


def scale_error(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context=None) -> float:
    """How far planar metres in ``crs`` differ from ground metres at the centre of ``extent``."""
    if crs.isGeographic():
        return float("inf")
    factor = QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), QgsUnitTypes.DistanceMeters)
    centre = extent.center()
    step = max(extent.width(), extent.height(), 1000.0 / factor) / 10.0
    distance_area = QgsDistanceArea()
    distance_area.setSourceCrs(crs, _transform_context(context))
    distance_area.setEllipsoid(crs.ellipsoidAcronym() or "EPSG:7030")
    worst = 0.0
    for dx, dy in ((step, 0.0), (0.0, step)):
        other = QgsPointXY(centre.x() + dx, centre.y() + dy)
        try:
            ground = distance_area.measureLine(QgsPointXY(centre), other)
        except Exception:  # noqa: BLE001 - outside the CRS's area of use
            return float("inf")
        if ground <= 0:
            return float("inf")
        worst = max(worst, abs(step * factor / ground - 1.0))
    return worst


def centred_crs(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, projection: str, context=None):
    """A metric CRS of ``projection`` (e.g. ``+proj=tmerc +k=1``) centred on ``extent`` (in ``crs``),
    with the centre's longitude and latitude (rounded to 0.0001°, for the log)."""
    centre = QgsCoordinateTransform(crs, WGS84, _transform_context(context)).transform(extent.center())
    lon, lat = round(centre.x(), 4), round(centre.y(), 4)
    centred = QgsCoordinateReferenceSystem.fromProj(
        f"{projection} +lat_0={lat} +lon_0={lon} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
    )
    return centred, lon, lat


def choose_working_crs(
    crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, layer_name: str, context=None
) -> WorkingFrame:
    """The working CRS for data in ``crs`` covering ``extent`` (in ``crs``)."""
    require_crs(crs, layer_name)
    centre = extent.center()
    if not all(math.isfinite(v) for v in (centre.x(), centre.y(), extent.width(), extent.height())):
        # an empty GeoPackage layer reports an extent of +-DBL_MAX, whose centre is infinite: nothing to
        # place (issue 13, item 6)
        raise no_features_error(layer_name)
    if extent.isNull() or extent.isEmpty():
        extent = QgsRectangle(extent.xMinimum(), extent.yMinimum(), extent.xMinimum() + 1, extent.yMinimum() + 1)
    error = scale_error(crs, extent, context)
    if error <= MAX_SCALE_ERROR:
        return WorkingFrame(
            crs,
            Msg(
                QT_TRANSLATE_NOOP("core", "Working CRS: {crs} (the input's own; distance error {error:.3f} %)."),
                crs=crs.authid() or crs.description(),
                error=error * 100,
            ),
        )
    local, lon, lat = centred_crs(crs, extent, "+proj=tmerc +k=1", context)
    return WorkingFrame(
        local,
        Msg(
            QT_TRANSLATE_NOOP(
                "core",
                "Working CRS: local Transverse Mercator centred on {lon}°E {lat}°N, because {crs} "
                "does not keep distances (geographic or distorted).",
            ),
            lon=lon,
            lat=lat,
            crs=crs.authid() or crs.description(),
        ),
    )


@dataclass
class InputFeature:
    """One feature read for ``core``: its id, attributes and shapely geometry in the working CRS."""

    fid: int
    geometry: shapely.Geometry
    feature: QgsFeature


_DIMENSION = {QgsWkbTypes.PointGeometry: 0, QgsWkbTypes.LineGeometry: 1, QgsWkbTypes.PolygonGeometry: 2}


def _keep_dimension(geometry: shapely.Geometry, dimension: int) -> shapely.Geometry:
    """The parts of ``geometry`` of the given dimension (make_valid may add lower ones)."""
    parts = [p for p in shapely.get_parts(geometry) if shapely.get_dimensions(p) == dimension]
    if not parts:
        return shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")
    if len(parts) == 1:
        return parts[0]
    if dimension == 2:
        return shapely.union_all(parts)
    return shapely.multilinestrings(parts) if dimension == 1 else shapely.multipoints(parts)


def shapely_from_wkb(wkbs: list[bytes]) -> np.ndarray:
    """Shapely geometries from QGIS WKB, Z/M dropped, all at once (for 10,000 nests a tenth of a second
    less than one at a time)."""
    return shapely.force_2d(shapely.from_wkb(np.array(wkbs, dtype=object)))


def shapely_to_qgs(geometry: shapely.Geometry, transform: QgsCoordinateTransform | None = None) -> QgsGeometry:
    result = QgsGeometry()
    # 2D explicitly: shapely >= 2.1 defaults to 4 dimensions, which an older GEOS loaded by QGIS
    # (qgis_process on Debian 12: GEOS 3.11) refuses
    result.fromWkb(shapely.to_wkb(geometry, output_dimension=2))
    if transform is not None and not transform.isShortCircuited():
        result.transform(transform)
    return result


def read_features(
    source,
    frame: WorkingFrame,
    layer_name: str,
    feedback: Feedback | None = None,
    context=None,
    request: QgsFeatureRequest | None = None,
) -> list[InputFeature]:
    """Every usable feature of ``source`` (a feature source or vector layer) in the working CRS.

    Z/M are dropped, invalid geometries repaired (noted in the log), null and empty ones skipped
    (counted in the log).
    """
    feedback = feedback or Feedback()
    require_crs(source.sourceCrs(), layer_name)
    request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    request.setDestinationCrs(frame.crs, _transform_context(context))
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    dimension = _DIMENSION.get(QgsWkbTypes.geometryType(source.wkbType()))
    features: list[InputFeature] = []
    skipped: list[int] = []
    repaired: list[int] = []
    if isinstance(source, QgsProcessingFeatureSource):
        # the Processing setting "stop on invalid geometry" would refuse what is repaired below
        features_iterator = source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    else:
        features_iterator = source.getFeatures(request)
    read, wkbs = [], []
    for i, feature in enumerate(features_iterator):
        if i % 1000 == 0:
            feedback.check_canceled()
        qgs_geometry = feature.geometry()
        if qgs_geometry is None or qgs_geometry.isNull() or qgs_geometry.isEmpty():
            skipped.append(feature.id())
            continue
        read.append(feature)
        wkbs.append(bytes(qgs_geometry.asWkb()))
    geometries = shapely_from_wkb(wkbs)
    for feature, geometry, ok in zip(read, geometries, shapely.is_valid(geometries)):
        if not ok:
            geometry = shapely.make_valid(geometry)
            if dimension is not None:
                geometry = _keep_dimension(geometry, dimension)
            repaired.append(feature.id())
        if geometry.is_empty:
            skipped.append(feature.id())
            continue
        features.append(InputFeature(feature.id(), geometry, feature))
    if skipped:
        feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "Layer '{layer}': skipped {count} feature(s) without geometry (ids {ids})."),
                layer=layer_name,
                count=len(skipped),
                ids=_id_list(skipped),
            )
        )
    if repaired:
        feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "Layer '{layer}': repaired {count} invalid geometry(ies) (ids {ids})."),
                layer=layer_name,
                count=len(repaired),
                ids=_id_list(repaired),
            )
        )
    return features


def _id_list(ids: list[int], most: int = 10) -> str:
    text = ", ".join(str(i) for i in ids[:most])
    return text + (f", … (+{len(ids) - most})" if len(ids) > most else "")
