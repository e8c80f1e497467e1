"""The barriers prepared by one run kept for the next on the same input (issue 18): ``Barriers.prepared``.

Reused only for the same barriers (labels, geometries coordinate for coordinate, crossings, width) and
the same sources with at most the same reach; never after an edit, saved or not.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from rifa_test_utils import make_layer

from rifa_zoning.core import barriers as barriers_module
from rifa_zoning.core.barriers import Barriers
from rifa_zoning.core.feedback import RecordingFeedback
from rifa_zoning.core.zones import barrier_buffer

NESTS = [shapely.Point(-100.0, 0.0), shapely.Point(-300.0, 400.0)]


def _river(dy=0.0):
    return ("river #1", shapely.LineString([(0.0, -2000.0 + dy), (10.0, 0.0), (0.0, 2000.0)]))


def _prepared(lines, crossings=(), width=50.0, reach=1000.0, nests=NESTS, feedback=None):
    return Barriers.prepared(
        lines=lines, crossings=crossings, crossing_width=width, reach_of=(nests, reach), feedback=feedback
    )


def _shares(a: Barriers, b: Barriers) -> bool:
    return np.shares_memory(a.view().seg, b.view().seg)


@pytest.fixture(autouse=True)
def _nothing_kept():
    barriers_module._KEPT.clear()
    yield
    barriers_module._KEPT.clear()


def test_the_same_barriers_and_nests_are_prepared_once_and_give_the_same_zone():
    first = _prepared([_river()])
    zone_first = barrier_buffer(NESTS, 1000.0, first)
    second = _prepared([_river()])
    assert _shares(first, second)
    assert second.view().tree is not first.view().tree  # each run its own tree
    zone_second = barrier_buffer(NESTS, 1000.0, second)
    assert [shapely.to_wkb(z) for z in zone_second] == [shapely.to_wkb(z) for z in zone_first]
    assert not second.view().seg.flags.writeable


def test_a_smaller_reach_reuses_the_barriers_a_larger_one_prepares_them_again():
    first = _prepared([_river()], reach=1000.0)
    assert _shares(first, _prepared([_river()], reach=600.0))
    assert not _shares(first, _prepared([_river()], reach=1500.0))


@pytest.mark.parametrize(
    "change",
    ["vertex moved 1 mm", "label", "crossing added", "crossing width", "nest moved", "line added"],
)
def test_an_edited_input_is_prepared_again(change):
    first = _prepared([_river()], crossings=[("bridge #1", shapely.Point(5.0, 1000.0))])
    lines, crossings, width, nests = [_river()], [("bridge #1", shapely.Point(5.0, 1000.0))], 50.0, NESTS
    if change == "vertex moved 1 mm":
        lines = [_river(dy=0.001)]
    elif change == "label":
        lines = [("rivers #2", _river()[1])]
    elif change == "crossing added":
        crossings = crossings + [("bridge #2", shapely.Point(9.0, -200.0))]
    elif change == "crossing width":
        width = 60.0
    elif change == "nest moved":
        nests = [shapely.Point(-100.0, 0.001), NESTS[1]]
    else:
        lines = lines + [("river #3", shapely.LineString([(-50.0, 0.0), (-60.0, 300.0)]))]
    again = _prepared(lines, crossings=crossings, width=width, nests=nests)
    assert not _shares(first, again)
    assert again.view() is not None
    # and it is the input's own preparation
    fresh = Barriers.build(lines, [], crossings, width, reach_of=(nests, 1000.0))
    np.testing.assert_array_equal(again.view().seg, fresh.view().seg)


def test_a_crossing_opened_after_a_first_run_opens_the_river():
    closed = barrier_buffer(NESTS, 1000.0, _prepared([_river()]))
    opened = barrier_buffer(NESTS, 1000.0, _prepared([_river()], crossings=[("bridge", shapely.Point(10.0, 0.0))]))
    beyond = shapely.Point(200.0, 0.0)
    assert not any(z.contains(beyond) for z in closed)
    assert any(z.contains(beyond) for z in opened)


def test_the_warnings_of_the_preparation_are_given_again_when_it_is_reused():
    crossings = [("nowhere", shapely.Point(-500.0, -500.0))]
    for _ in range(2):
        feedback = RecordingFeedback()
        _prepared([_river()], crossings=crossings, feedback=feedback)
        assert any("nowhere" in w for w in feedback.warnings())
    assert barriers_module._KEPT


def test_a_preparation_larger_than_the_bound_is_not_kept(monkeypatch):
    monkeypatch.setattr(barriers_module, "KEEP_SEGMENTS", 1)  # the river has 2
    first = _prepared([_river()])
    assert not barriers_module._KEPT
    assert not _shares(first, _prepared([_river()]))


def test_rifa_barrierbuffer_after_an_edit_of_the_barrier_layer_sees_the_edit(rifa_provider):
    """A wall between a nest and a point; the layer edited (not saved) to open it, then the edit undone."""
    from qgis.core import QgsGeometry, QgsPointXY

    import processing

    x0, y0 = 700000.0, 2812000.0
    nests = make_layer("Point", "EPSG:32650", [(f"Point ({x0 - 100} {y0})", {"n": 1})], "nests")
    wall = make_layer("LineString", "EPSG:32650", [(f"LineString ({x0} {y0 - 2000}, {x0} {y0 + 2000})", {"n": 1})], "wall")
    beyond = QgsGeometry.fromPointXY(QgsPointXY(x0 + 100, y0))

    def reaches_beyond():
        out = processing.run("rifa:barrierbuffer", {"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [wall], "OUTPUT": "memory:"})
        return any(f.geometry().contains(beyond) for f in out["OUTPUT"].getFeatures())

    assert not reaches_beyond()
    kept = barriers_module._KEPT["barriers"]
    assert not reaches_beyond()  # the same barriers again: reused
    assert barriers_module._KEPT["barriers"] is kept
    wall.startEditing()
    fid = next(wall.getFeatures()).id()
    assert wall.changeGeometry(fid, QgsGeometry.fromWkt(f"LineString ({x0} {y0 + 500}, {x0} {y0 + 2000})"))
    assert reaches_beyond()  # the edit in the edit buffer counts
    assert barriers_module._KEPT["barriers"] is not kept
    wall.rollBack()
    assert not reaches_beyond()
