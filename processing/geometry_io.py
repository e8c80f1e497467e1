"""Between QGIS layers and ``core``: the working CRS, reading features into shapely, writing back.

Distances in the plan are metres on the ground. Each run picks a *working CRS* where planar
metres are true metres: the input's own CRS when it is projected and distorts distances by less
than 0.05 % around the data, otherwise a local Transverse Mercator centred on the data (scale
factor 1, so distortion stays below ~0.01 % over 100 km). Every layer is reprojected into it and
results are written back in the reference layer's CRS.

Runs whose distances matter (``reach``: how far the zones reach beyond the data) keep the 0.1 %
promise or stop: the working CRS must keep distances within 0.05 % over the whole data extent
plus the reach (data spread over several UTM zones is refused, naming its extent), and zones in a
geographic CRS must not cross the 180° meridian or reach a pole. Coordinates that cannot be what
their CRS says (latitudes beyond 90°, metres declared as degrees, degrees declared as metres) are
refused for every layer, naming the layer, the CRS and the extent found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from qgis.core import (
    Qgis,
    QgsAbstractGeometry,
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
CURVE_TOLERANCE_M = 0.05  # arcs become chords at most 5 cm off: 5 % of the engine's smallest tolerance (1 m)
METRES_PER_DEGREE = 111_320.0  # of latitude (and of longitude at the equator), for margins only
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


class SpreadError(InputError):
    """The data spread too far for one working CRS to keep distances within MAX_SCALE_ERROR."""


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


def require_crs(crs: QgsCoordinateReferenceSystem, layer_name: str, wkb_type=None) -> None:
    if not crs.isValid():
        if wkb_type is not None and QgsWkbTypes.geometryType(wkb_type) == QgsWkbTypes.GeometryType.UnknownGeometry:
            raise collection_error(layer_name, wkb_type)
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core", "Layer '{layer}' has no coordinate reference system (CRS). Set its CRS "
                    "(Layer Properties > Source) and run again."
                ),
                layer=layer_name,
            )
        )


def collection_error(layer_name: str, wkb_type, expected: Msg | None = None) -> InputError:
    """The message for a layer of geometry collections (QGIS 3.22 gives such a layer no CRS)."""
    return InputError(
        Msg(
            QT_TRANSLATE_NOOP(
                "core", "Layer '{layer}' is of type {type} (mixed geometries): save its features as {expected} "
                "(e.g. Vector > Geometry Tools > Multipart to Singleparts, then Processing > Extract by "
                "expression) and run again."
            ),
            layer=layer_name,
            type=QgsWkbTypes.displayString(wkb_type) or "?",
            expected=expected or Msg(QT_TRANSLATE_NOOP("core", "points, lines or polygons")),
        )
    )


def _extent_text(extent: QgsRectangle) -> str:
    return f"{extent.xMinimum():.6g}, {extent.yMinimum():.6g} – {extent.xMaximum():.6g}, {extent.yMaximum():.6g}"


def _sample_points(extent: QgsRectangle) -> list[QgsPointXY]:
    """The corners, edge middles and centre of ``extent``."""
    xs = (extent.xMinimum(), extent.center().x(), extent.xMaximum())
    ys = (extent.yMinimum(), extent.center().y(), extent.yMaximum())
    return [QgsPointXY(x, y) for x in xs for y in ys]


def _impossible(layer_name: str, crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, why: Msg) -> InputError:
    return InputError(
        Msg(
            QT_TRANSLATE_NOOP(
                "core", "Layer '{layer}': its coordinates ({extent}) cannot be in its CRS {crs}: {why} Set the "
                "layer's true CRS (Layer Properties > Source) or fix the coordinates, and run again."
            ),
            layer=layer_name,
            extent=_extent_text(extent),
            crs=crs.authid() or crs.description(),
            why=why,
        )
    )


def check_coordinates(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, layer_name: str, context=None) -> None:
    """Refuse coordinates that cannot be what ``crs`` says: non-finite, latitudes beyond ±90° or
    longitudes beyond ±180° (lat/lon swapped, or metres declared as degrees), or a projected
    layer whose whole extent fits in ±180 × ±90 units and lies outside the CRS's area of use
    (degrees declared as metres)."""
    if extent.isNull():
        return
    values = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    if not all(math.isfinite(v) for v in values):
        raise _impossible(layer_name, crs, extent, Msg(QT_TRANSLATE_NOOP("core", "they are not finite numbers.")))
    xmin, ymin, xmax, ymax = values
    if crs.isGeographic():
        if abs(ymin) > 90 or abs(ymax) > 90:
            swapped = max(abs(xmin), abs(xmax)) <= 90 and max(abs(ymin), abs(ymax)) <= 180
            raise _impossible(
                layer_name, crs, extent,
                Msg(QT_TRANSLATE_NOOP("core", "latitudes lie within ±90°; these look like latitude and longitude swapped."))
                if swapped
                else Msg(QT_TRANSLATE_NOOP("core", "latitudes lie within ±90° and longitudes within ±180°; these look like metres.")),
            )
        if abs(xmin) > 180 or abs(xmax) > 180:
            raise _impossible(
                layer_name, crs, extent,
                Msg(QT_TRANSLATE_NOOP("core", "latitudes lie within ±90° and longitudes within ±180°; these look like metres.")),
            )
        return
    to_wgs84 = QgsCoordinateTransform(crs, WGS84, _transform_context(context))
    lonlat = []
    try:
        for point in _sample_points(extent):
            lonlat.append(to_wgs84.transform(point))
    except Exception:  # noqa: BLE001 - QgsCsException: outside what the CRS can express
        lonlat = []
    if not lonlat or not all(math.isfinite(p.x()) and math.isfinite(p.y()) and abs(p.y()) <= 90 for p in lonlat):
        raise _impossible(
            layer_name, crs, extent, Msg(QT_TRANSLATE_NOOP("core", "they lie outside the part of the Earth it can express."))
        )
    area = crs.bounds()  # area of use, WGS 84 degrees
    if max(abs(xmin), abs(xmax)) <= 180 and max(abs(ymin), abs(ymax)) <= 90 and not area.isNull() and not any(
        area.contains(p) for p in lonlat
    ):
        raise _impossible(
            layer_name, crs, extent,
            Msg(QT_TRANSLATE_NOOP("core", "they lie outside its area of use and look like degrees (longitude, latitude)."))
        )


def _ground_error(distance_area: QgsDistanceArea, factor: float, point: QgsPointXY, step: float) -> float:
    """How far planar distances in the CRS of ``distance_area`` differ from ground ones at ``point``."""
    worst = 0.0
    for dx, dy in ((step, 0.0), (0.0, step)):
        other = QgsPointXY(point.x() + dx, point.y() + dy)
        try:
            ground = distance_area.measureLine(QgsPointXY(point), other)
        except Exception:  # noqa: BLE001 - outside the CRS's area of use
            return float("inf")
        if not ground > 0:
            return float("inf")
        worst = max(worst, abs(step * factor / ground - 1.0))
    return worst


def _distance_area(crs: QgsCoordinateReferenceSystem, context=None) -> QgsDistanceArea:
    distance_area = QgsDistanceArea()
    distance_area.setSourceCrs(crs, _transform_context(context))
    distance_area.setEllipsoid(crs.ellipsoidAcronym() or "EPSG:7030")
    return distance_area


def worst_scale_error(crs: QgsCoordinateReferenceSystem, points_wgs84: list[QgsPointXY], context=None) -> float:
    """The largest distance error of planar metres in ``crs`` at the given points (WGS 84),
    measured over 1 km at each."""
    if crs.isGeographic():
        return float("inf")
    factor = QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), QgsUnitTypes.DistanceUnit.DistanceMeters)
    distance_area = _distance_area(crs, context)
    to_crs = QgsCoordinateTransform(WGS84, crs, _transform_context(context))
    worst = 0.0
    for point in points_wgs84:
        try:
            local = to_crs.transform(point)
        except Exception:  # noqa: BLE001
            return float("inf")
        worst = max(worst, _ground_error(distance_area, factor, local, 1000.0 / factor))
    return worst


def scale_error(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context=None) -> float:
    """How far planar metres in ``crs`` differ from ground metres at the centre of ``extent``
    (measured over a tenth of the extent, at least 100 m)."""
    if crs.isGeographic():
        return float("inf")
    factor = QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), QgsUnitTypes.DistanceUnit.DistanceMeters)
    step = max(extent.width(), extent.height(), 1000.0 / factor) / 10.0
    return _ground_error(_distance_area(crs, context), factor, extent.center(), step)


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
    crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, layer_name: str, context=None, reach: float | None = None
) -> WorkingFrame:
    """The working CRS for data in ``crs`` covering ``extent`` (in ``crs``).

    ``reach``: how far (metres) the results reach beyond the data, for runs whose distances
    matter. Then the working CRS must keep distances within MAX_SCALE_ERROR over the extent grown
    by ``reach``, and results in a geographic ``crs`` must not cross the 180° meridian or reach a
    pole; otherwise the run is refused (InputError naming the layer and its extent).
    """
    require_crs(crs, layer_name)
    if not all(math.isfinite(v) for v in (extent.center().x(), extent.center().y(), extent.width(), extent.height())):
        # an empty GeoPackage layer reports an extent of +-DBL_MAX, whose centre is infinite: nothing to
        # place (issue 13, item 6)
        raise no_features_error(layer_name)
    check_coordinates(crs, extent, layer_name, context)
    reached = _reached_points(crs, extent, reach, layer_name, context) if reach is not None else None
    if extent.isNull():
        extent = QgsRectangle(extent.xMinimum(), extent.yMinimum(), extent.xMinimum() + 1, extent.yMinimum() + 1)
    elif extent.isEmpty():  # one point, or points on one line of latitude: grown about its centre
        extent = extent.buffered(0.5)
    error = scale_error(crs, extent, context)
    if error <= MAX_SCALE_ERROR and reached is not None:
        error = max(error, worst_scale_error(crs, reached, context))
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
    if reached is not None:
        local_error = worst_scale_error(local, reached, context)
        if local_error > MAX_SCALE_ERROR:
            raise SpreadError(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core", "Layer '{layer}' spreads too far for one projection: from {west:.2f}°E to {east:.2f}°E "
                        "and {south:.2f}°N to {north:.2f}°N with the zones (reach {reach:g} m), distances would be off "
                        "by up to {error:.2f} % (the zones are exact to 0.1 %). Zone each region on its own (select "
                        "its features and tick Selected features only) and run again."
                    ),
                    layer=layer_name,
                    west=min(p.x() for p in reached), east=max(p.x() for p in reached),
                    south=min(p.y() for p in reached), north=max(p.y() for p in reached),
                    reach=reach,
                    error=local_error * 100,
                )
            )
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


def working_frames(source, layer_name: str, reach: float, context=None, feedback: Feedback | None = None):
    """``[(frame, fids)]``: the working CRS of the features of ``source`` whose results reach
    ``reach`` metres beyond them, and which features it is for (None: all).

    One frame when one keeps distances within MAX_SCALE_ERROR over all the data; otherwise the
    features are split into regions more than twice ``reach`` apart (their results can never meet:
    each region is computed on its own), each with its own frame. A region still too wide for
    one projection is refused (SpreadError naming its extent).
    """
    feedback = feedback or Feedback()
    crs, extent = source.sourceCrs(), source.sourceExtent()
    try:
        return [(choose_working_crs(crs, extent, layer_name, context, reach), None)]
    except SpreadError as error:
        spread = error
    request = QgsFeatureRequest().setNoAttributes()
    request.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    if isinstance(source, QgsProcessingFeatureSource):  # invalid geometries are repaired later, not refused
        features = source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    fids, boxes, geometries = [], [], []
    for i, feature in enumerate(features):
        if i % 1000 == 0:
            feedback.check_canceled()
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            continue
        if QgsWkbTypes.isCurvedType(geometry.wkbType()):
            geometry = QgsGeometry(geometry.constGet().segmentize())
        fids.append(feature.id())
        boxes.append(geometry.boundingBox())
        geometries.append(geometry)
    labels = _region_labels(geometries, crs, extent, reach, layer_name, context)
    if labels is None:
        raise spread
    if labels.max(initial=0) == 0:
        raise spread  # one region: no single projection fits it
    frames = []
    for label in range(int(labels.max()) + 1):
        members = np.flatnonzero(labels == label)
        box = QgsRectangle(boxes[members[0]])
        for index in members[1:]:
            box.combineExtentWith(boxes[index])
        frame = choose_working_crs(crs, box, layer_name, context, reach)
        frames.append((frame, [fids[i] for i in members]))
    feedback.info(
        Msg(
            QT_TRANSLATE_NOOP(
                "core", "Layer '{layer}' lies in {count} regions too far apart for one projection: each is computed "
                "in its own."
            ),
            layer=layer_name,
            count=len(frames),
        )
    )
    return frames


def _region_labels(geometries: list, crs, extent: QgsRectangle, reach: float, layer_name: str, context):
    """A region label per geometry (in ``crs``): geometries closer than 2 * ``reach`` on the ground,
    chained, share one (conservatively: a little farther may too). None when they cannot be told."""
    from ..core.occurrence import cluster_geometries

    # in a projection of the whole, whose planar distances are at most (1 + its worst scale error)
    # times the ground ones
    whole = choose_working_crs(crs, extent, layer_name, context)
    stretch = 1.0 + worst_scale_error(whole.crs, _reached_points(crs, extent, reach, layer_name, context), context)
    if math.isfinite(stretch):
        planar = _transformed(geometries, whole.transform_from(crs, context))
        if planar is not None:
            return cluster_geometries(planar, 2.0 * reach * stretch)
    # data on opposite sides of the Earth: in degrees, where one degree is at least 110 km of
    # latitude, or 110 km × cos(latitude) of longitude, on the ground
    lonlat = _transformed(geometries, QgsCoordinateTransform(crs, WGS84, _transform_context(context)))
    if lonlat is None:
        return None
    bounds = shapely.bounds(lonlat)
    north = min(89.0, float(np.abs(bounds[:, [1, 3]]).max()) + 2.0 * reach / 110_000.0)
    return cluster_geometries(lonlat, 2.0 * reach / (110_000.0 * math.cos(math.radians(north))))


def _transformed(geometries: list, transform: QgsCoordinateTransform):
    """The geometries transformed, as shapely (valid), or None when a transform fails."""
    wkbs = []
    for geometry in geometries:
        moved = QgsGeometry(geometry)
        try:
            moved.transform(transform)
        except Exception:  # noqa: BLE001 - QgsCsException: beyond what the target CRS can express
            return None
        wkbs.append(bytes(moved.asWkb()))
    result = shapely.make_valid(shapely_from_wkb(wkbs))
    return result if np.isfinite(shapely.bounds(result)).all() else None


def _reached_points(crs, extent: QgsRectangle, reach: float, layer_name: str, context) -> list[QgsPointXY]:
    """Sample points (WGS 84) of ``extent`` grown by ``reach`` metres; refuses results in a
    geographic CRS that would cross the 180° meridian or reach a pole."""
    if crs.isGeographic():
        north = max(abs(extent.yMinimum()), abs(extent.yMaximum()))
        dlat = reach / METRES_PER_DEGREE
        dlon = reach / (METRES_PER_DEGREE * max(math.cos(math.radians(min(north + dlat, 90.0))), 1e-9))
        grown = QgsRectangle(extent.xMinimum() - dlon, extent.yMinimum() - dlat, extent.xMaximum() + dlon, extent.yMaximum() + dlat)
        where = {"layer": layer_name, "crs": crs.authid() or crs.description(), "extent": _extent_text(extent), "reach": reach}
        if grown.yMaximum() >= 90 or grown.yMinimum() <= -90:
            raise InputError(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core", "Layer '{layer}' ({extent}): its zones (reach {reach:g} m) would cover a pole, which "
                        "{crs} cannot draw. Reproject the layer to a polar projected CRS and run again."
                    ),
                    **where,
                )
            )
        if grown.xMinimum() < -180 or grown.xMaximum() > 180:
            raise InputError(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core", "Layer '{layer}' ({extent}): its zones (reach {reach:g} m) would cross the 180° "
                        "meridian, where a polygon in {crs} wraps around the world. Reproject the layer to a projected "
                        "CRS of the place (e.g. its UTM zone) and run again."
                    ),
                    **where,
                )
            )
    else:
        margin = reach / QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), QgsUnitTypes.DistanceUnit.DistanceMeters)
        grown = extent.buffered(margin)
    to_wgs84 = QgsCoordinateTransform(crs, WGS84, _transform_context(context))
    points = []
    for point in _sample_points(grown):
        try:
            points.append(to_wgs84.transform(point))
        except Exception:  # noqa: BLE001 - beyond what the CRS can express: judged by the scale error
            continue
    return points or [to_wgs84.transform(extent.center())]


@dataclass
class InputFeature:
    """One feature read for ``core``: its id, attributes and shapely geometry in the working CRS."""

    fid: int
    geometry: shapely.Geometry
    feature: QgsFeature


_DIMENSION = {QgsWkbTypes.GeometryType.PointGeometry: 0, QgsWkbTypes.GeometryType.LineGeometry: 1, QgsWkbTypes.GeometryType.PolygonGeometry: 2}


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
        box = result.boundingBox()
        if not result.isEmpty() and not all(
            math.isfinite(v) for v in (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
        ):
            raise InputError(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core", "A result reaches beyond what {crs} can express (near a pole or the edge of its area): "
                        "use a projected CRS of the place for the input layer and run again."
                    ),
                    crs=transform.destinationCrs().authid() or transform.destinationCrs().description(),
                )
            )
    return result


def read_features(
    source,
    frame: WorkingFrame,
    layer_name: str,
    feedback: Feedback | None = None,
    context=None,
    request: QgsFeatureRequest | None = None,
    clip: QgsRectangle | None = None,
) -> list[InputFeature]:
    """Every usable feature of ``source`` (a feature source or vector layer) in the working CRS.

    Z/M are dropped, curves (circular arcs of a GeoPackage) become chords at most
    CURVE_TOLERANCE_M off, invalid geometries repaired (noted in the log), null and empty ones
    skipped (counted in the log). Coordinates that cannot be in the layer's CRS are refused.

    ``clip`` (a rectangle in the working CRS): only the features meeting it are read, and a
    feature reaching far beyond it is cut in its own CRS *before* reprojection. A polygon as
    large as a province or the world cannot be reprojected whole into a projection centred on
    the data (its far side has no meaningful coordinates there). The cut is made on the rectangle
    grown by its own size on every side, not on the rectangle: a cut adds a vertex, and the
    segment from it is straight in the layer's CRS, not in the working one (a river cut in
    degrees 1 km from a zone moved 5 cm there). Segments within the rectangle keep their own
    vertices, unless one spans from inside it to beyond the grown one.
    """
    feedback = feedback or Feedback()
    crs = source.sourceCrs()
    require_crs(crs, layer_name, source.wkbType())
    check_coordinates(crs, source.sourceExtent(), layer_name, context)
    request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    to_frame = cut = None
    if clip is None:
        request.setDestinationCrs(frame.crs, _transform_context(context))
        units = frame.crs
    else:
        to_frame = frame.transform_from(crs, context)
        request.setFilterRect(to_frame.transformBoundingBox(clip, Qgis.TransformDirection.Reverse))
        margin = max(clip.width(), clip.height())
        cut = to_frame.transformBoundingBox(clip.buffered(margin), Qgis.TransformDirection.Reverse)
        units = crs
    # the chord tolerance in the units curves are segmentized in (degrees for a geographic CRS)
    chord = CURVE_TOLERANCE_M / QgsUnitTypes.fromUnitToUnitFactor(units.mapUnits(), QgsUnitTypes.DistanceUnit.DistanceMeters)
    request.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    dimension = _DIMENSION.get(QgsWkbTypes.geometryType(source.wkbType()))
    features: list[InputFeature] = []
    skipped: list[int] = []
    repaired: list[int] = []
    if isinstance(source, QgsProcessingFeatureSource):
        # the Processing setting "stop on invalid geometry" would refuse what is repaired below
        features_iterator = source.getFeatures(request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks)
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
        if QgsWkbTypes.isCurvedType(qgs_geometry.wkbType()):
            qgs_geometry = QgsGeometry(qgs_geometry.constGet().segmentize(chord, QgsAbstractGeometry.SegmentationToleranceType.MaximumDifference))
        if to_frame is not None:
            if not cut.contains(qgs_geometry.boundingBox()):
                qgs_geometry = qgs_geometry.clipped(cut)
                if qgs_geometry.isNull() or qgs_geometry.isEmpty():
                    continue  # met the rectangle's corner only
            qgs_geometry = QgsGeometry(qgs_geometry)
            qgs_geometry.transform(to_frame)
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
    for report, template, ids in (
        (feedback.info, QT_TRANSLATE_NOOP("core", "Layer '{layer}': skipped {count} feature(s) without geometry (ids {ids})."), skipped),
        (feedback.warn, QT_TRANSLATE_NOOP("core", "Layer '{layer}': repaired {count} invalid geometry(ies) (ids {ids})."), repaired),
    ):
        if ids:
            report(Msg(template, layer=layer_name, count=len(ids), ids=_id_list(ids)))
    return features


def _id_list(ids: list[int], most: int = 10) -> str:
    text = ", ".join(str(i) for i in ids[:most])
    return text + (f", … (+{len(ids) - most})" if len(ids) > most else "")
