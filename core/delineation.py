"""Occurrence areas, quarantine zones and threatened zones around the nests (plan 第三章 二(二)
1–3, see ``docs/putian-rifa-emergency-plan-2006.zh.txt``), barrier-aware through :mod:`core.zones`.

- Zones are drawn around every nest, not around occurrence point centroids.
- Occurrence areas: the barrier-aware zone of radius ``r_o`` around the nests; quarantine zones:
  the same with ``r_q``. Each connected part is one zone.
- Threatened zones: the barrier-aware buffer of the quarantine zones by the extension ``e``,
  minus the quarantine zones (a ring). With d_S the shortest-path (barrier-respecting) distance
  from the nests, the quarantine zones are Q = {d_S <= r_q}; a point at distance t from Q along
  an allowed path is at d_S <= r_q + t, and every shortest path from a nest to a point beyond Q
  leaves Q through a point at d_S = r_q, so the buffer of Q by e is exactly {d_S <= r_q + e}.
  The ring is therefore computed exactly as zone(nests, r_q + e) minus zone(nests, r_q), both
  radii (and r_o) from one engine expansion from the nests, with no second run from the long,
  segmented quarantine boundary.
- Each connected part of the ring is one threatened zone. A ring part may surround several
  quarantine zones (their rings merge): ``quarantine_ids`` lists them, ``n_points`` /
  ``n_nests`` are their totals and ``meets_rule`` is true when any of them meets the rule.
- The 3-point rule (MIN_POINTS): every zone is drawn; ``meets_rule`` tells whether it holds at
  least ``min_points`` occurrence points ("3 以上" includes 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from .errors import QT_TRANSLATE_NOOP, InputError, Msg
from .feedback import Feedback
from .occurrence import Grouping, id_list

KINDS = ("occurrence", "quarantine", "threatened")


@dataclass
class Zone:
    kind: str
    zone_id: int
    geometry: shapely.Geometry
    n_points: int
    n_nests: int
    meets_rule: bool
    radius_m: float  # the radius; for a threatened zone the extension beyond the quarantine zone
    quarantine_ids: tuple[int, ...] = ()


@dataclass
class Delineation:
    occurrence: list[Zone] = field(default_factory=list)
    quarantine: list[Zone] = field(default_factory=list)
    threatened: list[Zone] = field(default_factory=list)
    point_zone: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # quarantine zone id per point

    def zones(self, kind: str) -> list[Zone]:
        return getattr(self, kind)


def _polygons(geometries) -> list[shapely.Geometry]:
    """Connected parts (Polygons) of the engine's output, empty ones dropped."""
    parts = []
    for geometry in geometries:
        parts.extend(p for p in shapely.get_parts(geometry) if not p.is_empty and p.area > 0)
    return parts


def _nest_zones(nests: np.ndarray, polygons: list[shapely.Geometry]) -> np.ndarray:
    """Index of the polygon holding each nest (the nearest one if rounding left it outside)."""
    zone_of = np.full(len(nests), -1, dtype=np.int64)
    if not polygons:
        return zone_of
    tree = shapely.STRtree(polygons)
    nest_index, zone_index = tree.query(nests, predicate="intersects")
    zone_of[nest_index] = zone_index
    missing = np.flatnonzero(zone_of < 0)
    if missing.size:
        _, nearest = tree.query_nearest(nests[missing], return_distance=False, all_matches=False)
        zone_of[missing] = nearest
    return zone_of


def _number(polygons: list, zone_of: np.ndarray, labels: np.ndarray) -> tuple[list, np.ndarray]:
    """Order zones by the lowest occurrence point they hold (zone 1 holds point 1); polygons
    holding no nest (cannot happen with a correct engine) go last."""
    keys = np.full(len(polygons), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(keys, zone_of, labels)
    order = np.argsort(keys, kind="stable")
    new_index = np.empty(len(polygons), dtype=np.int64)
    new_index[order] = np.arange(len(polygons))
    return [polygons[i] for i in order], new_index[zone_of]


def _counts(zone_of: np.ndarray, labels: np.ndarray, n_zones: int) -> tuple[np.ndarray, np.ndarray]:
    """Nests and distinct occurrence points per zone."""
    n_nests = np.bincount(zone_of, minlength=n_zones)
    pairs = np.unique(np.stack([zone_of, labels], axis=1), axis=0) if len(zone_of) else np.zeros((0, 2), dtype=np.int64)
    n_points = np.bincount(pairs[:, 0], minlength=n_zones)
    return n_points, n_nests


def _zones_around(kind, polygons, nests, labels, radius, min_points) -> tuple[list[Zone], np.ndarray]:
    zone_of = _nest_zones(nests, polygons)
    polygons, zone_of = _number(polygons, zone_of, labels)
    n_points, n_nests = _counts(zone_of, labels, len(polygons))
    zones = [
        Zone(kind, i + 1, polygon, int(n_points[i]), int(n_nests[i]), bool(n_points[i] >= min_points), float(radius))
        for i, polygon in enumerate(polygons)
    ]
    return zones, zone_of


def _majority(labels: np.ndarray, zone_of: np.ndarray, n_points: int) -> tuple[np.ndarray, list[int]]:
    """The zone holding most nests of each occurrence point (0-based), and the points split
    over several zones (possible when a barrier runs through a village)."""
    pairs, counts = np.unique(np.stack([labels, zone_of], axis=1), axis=0, return_counts=True)
    order = np.lexsort((-counts, pairs[:, 0]))  # by point, most nests first
    pairs = pairs[order]
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = pairs[1:, 0] != pairs[:-1, 0]
    result = np.zeros(n_points, dtype=np.int64)
    result[pairs[first, 0]] = pairs[first, 1]
    split = np.unique(pairs[~first, 0])
    return result, (split + 1).tolist()


def ring_parts(outer: list, inner: list, tol: float) -> list[shapely.Geometry]:
    """Connected parts of ``union(outer) - union(inner)`` without the slivers that rounding
    leaves where both boundaries follow the same barrier (parts thinner than ``tol``)."""
    if not outer:
        return []
    ring = shapely.difference(shapely.union_all(outer), shapely.union_all(inner) if inner else shapely.Polygon())
    parts = _polygons([ring])
    return [p for p in parts if not shapely.buffer(p, -tol / 2.0).is_empty]


def enclosed_error(count: int) -> InputError:
    """No zone at all around ``count`` sources: they all lie inside barrier polygons."""
    return InputError(
        Msg(
            QT_TRANSLATE_NOOP(
                "core", "No zone can be drawn: all {count} nest(s) or source feature(s) lie inside barrier polygons, "
                "whose interior is never part of a zone (the warnings name them). Barrier polygons are lakes and "
                "mountains: remove an administrative layer (province, counties) from the barriers and run again."
            ),
            count=count,
        )
    )


@dataclass
class DelineationInputs:
    """What :func:`delineate` was given: the nests, their occurrence points, the radii, the rule."""

    nests: np.ndarray  # shapely Points in a metric CRS
    grouping: Grouping
    occurrence_radius: float
    quarantine_radius: float
    threat_extension: float
    min_points: dict[str, int]
    barriers: object = None  # core.barriers.Barriers
    nest_labels: list[str] | None = None

    @property
    def outer_radius(self) -> float:
        """The radius of the threatened zones' outer edge around the nests."""
        return self.quarantine_radius + self.threat_extension


def delineate(
    nests,
    grouping: Grouping,
    occurrence_radius: float,
    quarantine_radius: float,
    threat_extension: float,
    min_points: dict[str, int],
    barriers=None,
    feedback: Feedback | None = None,
    nest_labels: list[str] | None = None,
) -> Delineation:
    """The three zone layers around ``nests`` (shapely Points in a metric CRS), grouped by
    ``grouping``. ``min_points``: {"occurrence": n, "quarantine": n}. ``barriers``: a
    :class:`core.barriers.Barriers` or None. ``nest_labels`` name the nests in warnings (default "#1"...)."""
    feedback = feedback or Feedback()
    inputs = DelineationInputs(
        np.asarray(nests, dtype=object), grouping, occurrence_radius, quarantine_radius, threat_extension, min_points,
        barriers, nest_labels,
    )
    result = Delineation()
    if len(inputs.nests) == 0:
        return result
    if occurrence_radius > quarantine_radius:
        feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "The occurrence radius {occurrence:g} m is larger than the quarantine radius {quarantine:g} m: occurrence areas will reach beyond the quarantine zones."),
                occurrence=occurrence_radius,
                quarantine=quarantine_radius,
            )
        )
    occurrence, quarantine, outer = _expand(inputs, feedback)
    result.occurrence, result.quarantine, result.point_zone = _occurrence_and_quarantine_zones(
        inputs, occurrence, quarantine, feedback
    )
    feedback.check_canceled()
    result.threatened = _threatened_zones(inputs, outer, result.quarantine)
    feedback.progress(100)
    _warn_rule_not_met(result, min_points, feedback)
    return result


def _expand(inputs: DelineationInputs, feedback: Feedback) -> tuple[list, list, list]:
    """The connected parts of the zones of the three radii (occurrence, quarantine, outer edge of
    the threatened zones), from one engine expansion from the nests (its multi-radius run)."""
    from .zones import barrier_buffers  # the engine; imported here so grouping works without it

    occurrence, quarantine, outer = (
        _polygons(zones)
        for zones in barrier_buffers(
            list(inputs.nests), [inputs.occurrence_radius, inputs.quarantine_radius, inputs.outer_radius],
            inputs.barriers, dissolve=True, labels=inputs.nest_labels, feedback=feedback.step(0, 90),
        )
    )
    feedback.check_canceled()
    if not occurrence or not quarantine or not outer:
        # every nest inside barrier polygons, whose interiors are never part of a zone: refused,
        # not an empty answer (a province or county layer given as barriers does this)
        raise enclosed_error(len(inputs.nests))
    return occurrence, quarantine, outer


def _occurrence_and_quarantine_zones(inputs: DelineationInputs, occurrence: list, quarantine: list, feedback: Feedback):
    """The numbered occurrence areas (with the quarantine zones they lie in) and quarantine zones,
    and the quarantine zone (1-based) of each occurrence point."""
    labels = inputs.grouping.labels
    occurrence_zones, _ = _zones_around(
        "occurrence", occurrence, inputs.nests, labels, inputs.occurrence_radius, inputs.min_points["occurrence"]
    )
    quarantine_zones, q_zone_of = _zones_around(
        "quarantine", quarantine, inputs.nests, labels, inputs.quarantine_radius, inputs.min_points["quarantine"]
    )
    for zone in quarantine_zones:
        zone.quarantine_ids = (zone.zone_id,)
    point_zone, split = _majority(labels, q_zone_of, len(inputs.grouping.points))
    if split:
        feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "Occurrence point(s) {ids} have nests in more than one quarantine zone (a barrier separates them); each point records the zone holding most of its nests."),
                ids=id_list(split),
            )
        )
    # occurrence areas: the quarantine zones they lie in
    q_tree = shapely.STRtree([zone.geometry for zone in quarantine_zones])
    for zone in occurrence_zones:
        hits = q_tree.query(zone.geometry, predicate="intersects")
        zone.quarantine_ids = tuple(sorted(int(h) + 1 for h in hits))
    return occurrence_zones, quarantine_zones, point_zone + 1


def _threatened_zones(inputs: DelineationInputs, outer: list, quarantine_zones: list[Zone]) -> list[Zone]:
    """The threatened rings, numbered by the quarantine zones they surround (see the module
    docstring for why they are exact); their counts are those zones' totals."""
    from .zones import tolerance

    q_polygons = [zone.geometry for zone in quarantine_zones]
    q_tree = shapely.STRtree(q_polygons)
    tol = tolerance(min(inputs.occurrence_radius, inputs.quarantine_radius))  # the engine's accuracy for these radii
    rings = ring_parts(outer, q_polygons, tol)
    surrounded = []
    for ring in rings:
        hits = q_tree.query(ring, predicate="dwithin", distance=2 * tol)
        surrounded.append(tuple(sorted(int(h) + 1 for h in hits)))
    order = sorted(range(len(rings)), key=lambda i: (surrounded[i] or (1 << 62,), i))
    threatened = []
    for number, index in enumerate(order, start=1):
        ids = surrounded[index]
        members = [quarantine_zones[i - 1] for i in ids]
        threatened.append(
            Zone(
                "threatened",
                number,
                rings[index],
                sum(z.n_points for z in members),
                sum(z.n_nests for z in members),
                any(z.meets_rule for z in members),
                float(inputs.threat_extension),
                ids,
            )
        )
    return threatened


def _warn_rule_not_met(result: Delineation, min_points: dict[str, int], feedback: Feedback) -> None:
    """One warning per kind listing the zones with fewer occurrence points than the rule asks."""
    templates = {
        "occurrence": QT_TRANSLATE_NOOP("core", "{count} occurrence area(s) hold fewer than {min_points} occurrence points and do not meet the rule (drawn anyway, meets_rule = false); zone id (points): {items}."),
        "quarantine": QT_TRANSLATE_NOOP("core", "{count} quarantine zone(s) hold fewer than {min_points} occurrence points and do not meet the rule (drawn anyway, meets_rule = false); zone id (points): {items}."),
    }
    for kind, template in templates.items():
        failing = [zone for zone in result.zones(kind) if not zone.meets_rule]
        if failing:
            feedback.warn(
                Msg(
                    template,
                    count=len(failing),
                    min_points=min_points[kind],
                    items=id_list([f"{z.zone_id} ({z.n_points})" for z in failing]),
                )
            )
