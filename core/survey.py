"""Survey grids for monitoring the zones (第五章 四: emergency monitoring of the quarantine and
threatened zones).

Grid nodes lie at whole multiples of the spacing in the working CRS (so two runs on the same zones
give the same points) and are kept where a zone covers them (boundary included). They are numbered
in walking order, zone by zone (zones in ``zone_id`` order): rows from north to south, the first
row of a zone west to east, the next east to west, and so on (boustrophedon), so a team walks
from one point to the next without going back. A point covered by two zones goes to the first. A
zone too small to hold a grid node gets one point inside it (``on_grid`` False).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from .errors import QT_TRANSLATE_NOOP, InputError, Msg
from .feedback import Feedback

MAX_POINTS = 1_000_000


@dataclass(frozen=True)
class SurveyZone:
    zone_id: object
    zone_type: str
    geometry: shapely.Geometry  # in a metric working CRS


@dataclass(frozen=True)
class SurveyPoint:
    point_no: int
    zone: SurveyZone
    row_no: int  # 1 = the northernmost row of its zone
    x: float
    y: float
    on_grid: bool


def _id_key(value):
    text = str(value)
    return (0, int(text), "") if text.lstrip("-").isdigit() else (1, 0, text)


def survey_grid(zones: list[SurveyZone], spacing: float, feedback: Feedback | None = None) -> list[SurveyPoint]:
    """Survey points on a ``spacing`` grid clipped to ``zones``, numbered in walking order."""
    feedback = feedback or Feedback()
    if not spacing > 0:
        raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The survey spacing must be greater than 0 m (got {spacing:g} m)."), spacing=spacing))
    ordered = sorted(zones, key=lambda z: _id_key(z.zone_id))
    total = 0
    for zone in ordered:
        xmin, ymin, xmax, ymax = zone.geometry.bounds
        total += (math.floor(xmax / spacing) - math.ceil(xmin / spacing) + 1) * (math.floor(ymax / spacing) - math.ceil(ymin / spacing) + 1)
    if total > MAX_POINTS:
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP("core", "A survey spacing of {spacing:g} m gives about {count} points (at most {most}): choose a larger spacing."),
                spacing=spacing, count=total, most=MAX_POINTS,
            )
        )
    taken: set[tuple[int, int]] = set()
    points: list[SurveyPoint] = []
    small: list[str] = []
    for index, zone in enumerate(ordered):
        feedback.check_canceled()
        feedback.progress(100.0 * index / max(1, len(ordered)))
        geometry = zone.geometry
        xmin, ymin, xmax, ymax = geometry.bounds
        columns = np.arange(math.ceil(xmin / spacing), math.floor(xmax / spacing) + 1, dtype=np.int64)
        rows = np.arange(math.floor(ymax / spacing), math.ceil(ymin / spacing) - 1, -1, dtype=np.int64)  # north first
        found = []
        if columns.size and rows.size:
            grid_i, grid_j = np.meshgrid(columns, rows)
            xs, ys = grid_i.ravel() * spacing, grid_j.ravel() * spacing
            shapely.prepare(geometry)
            inside = shapely.covers(geometry, shapely.points(xs, ys))
            found = [(int(j), int(i)) for i, j, keep in zip(grid_i.ravel(), grid_j.ravel(), inside) if keep and (int(i), int(j)) not in taken]
        if not found:
            point = geometry.point_on_surface()
            points.append(SurveyPoint(len(points) + 1, zone, 1, point.x, point.y, False))
            small.append(str(zone.zone_id))
            continue
        by_row: dict[int, list[int]] = {}
        for j, i in found:
            by_row.setdefault(j, []).append(i)
        for row_no, j in enumerate(sorted(by_row, reverse=True), start=1):
            columns_in_row = sorted(by_row[j], reverse=(row_no % 2 == 0))
            for i in columns_in_row:
                taken.add((i, j))
                points.append(SurveyPoint(len(points) + 1, zone, row_no, i * spacing, j * spacing, True))
    if small:
        feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "Zone(s) {zones} hold no grid node at {spacing:g} m: one survey point inside each (on_grid = false)."),
                zones=", ".join(small), spacing=spacing,
            )
        )
    feedback.progress(100)
    return points
