"""The layers drawn on the lockdown map (``rifa:lockdownmap``) and the map's CRS.

Copies of the input layers, styled (``styles.py``, ``sheet_style.py``) and named in the sheet's
language, in the temporary project of the sheet: the user's layers and project are never touched.
The legend follows the project's layer tree, top first.
"""

from __future__ import annotations

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeatureRequest

from .layer_io import field_name
from .sheet_style import add_villages, emphasise_labels, plain_zone_legends
from .sheet_texts import SHEET
from .styles import (
    BELOW_MINIMUM,
    MEETS_RULE,
    OCCURRENCE_POINT,
    label_barriers,
    relabel_rules,
    style_barriers,
    style_layer,
    style_roads,
)

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
BARRIER_NAME_FIELDS = ("name", "名称", "river_name", "ridge_name", "NAME")
# legend and drawing order: top first
DRAWING_ORDER = ("checkpoints", "nests", "occurrence", "quarantine", "threatened", "roads", "barriers", "units")


def map_crs(layer, context) -> QgsCoordinateReferenceSystem:
    """The layer's CRS when projected, otherwise the WGS 84 UTM zone of its centre."""
    crs = layer.crs()
    if not crs.isGeographic():
        return crs
    centre = QgsCoordinateTransform(crs, WGS84, context.transformContext()).transform(layer.extent().center())
    zone = int((centre.x() + 180) // 6) + 1
    return QgsCoordinateReferenceSystem(f"EPSG:{32600 + zone if centre.y() >= 0 else 32700 + zone}")


def draw_layers(project, inputs, font_family: str, sheet) -> dict:
    """The styled copies of ``inputs``' layers (and villages) in ``project``: kind -> layer, top
    first (the barriers as ``barriers0``, ``barriers1``…), their labels in the sheet's order of
    priority."""
    drawn = add_layers(project, inputs.layers, inputs.barriers, font_family, inputs.unit_name_field, sheet,
                       inputs.profile)
    if inputs.villages is not None:
        drawn = add_villages(project, drawn, inputs.villages, sheet.tr(SHEET["villages"]), font_family)
    emphasise_labels(drawn)
    plain_zone_legends(drawn)
    return drawn


def add_layers(project, layers, barriers, font_family, unit_name_field, sheet, profile) -> dict:
    """Copies of the input layers, styled, in a temporary project (the legend follows its tree).

    Barriers and roads lie under the zones: their outlines stay on top, and the rivers and
    roads show through the semi-transparent fills."""
    drawn = {}
    root = project.layerTreeRoot()
    points = profile.min_points("quarantine")
    for kind in DRAWING_ORDER:
        sources = barriers if kind == "barriers" else [layers[kind]] if kind in layers else []
        for index, source in enumerate(sources):
            copy = source.materialize(QgsFeatureRequest())
            copy.setCustomProperty("rifa/source", source.id())  # the layout added to a project shows the source
            copy.setName(sheet.tr(SHEET[kind]) if kind != "barriers" else source.name())
            if kind == "barriers":
                names = {k: sheet.tr(SHEET[k]) for k in ("river", "ridge", "barrier")}
                barrier = style_barriers(copy, names, source)
                copy.setName(names.get(barrier, sheet.tr(SHEET["barriers"])))
                name_field = field_name(copy.fields(), *BARRIER_NAME_FIELDS)
                if name_field:
                    label_barriers(copy, name_field, barrier, font_family)
            elif kind == "roads":
                style_roads(copy)
            else:
                label_field = {"checkpoints": "checkpoint_id", "units": unit_name_field}.get(kind, "")
                style_layer(copy, kind, font_family, label_field)
                n = profile.min_points(kind) if kind in ("occurrence", "quarantine") else points
                relabel_rules(copy, {  # the QML rule labels, in the sheet's language
                    MEETS_RULE: sheet.tr(SHEET["meets_rule"]).format(n=n),
                    BELOW_MINIMUM: sheet.tr(SHEET["below_minimum"]).format(n=n),
                    OCCURRENCE_POINT: sheet.tr(SHEET["occurrence_point"]),
                })
            project.addMapLayer(copy, False)
            root.addLayer(copy)
            drawn[kind if kind != "barriers" else f"barriers{index}"] = copy
    return drawn
