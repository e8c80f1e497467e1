"""Small helpers the lockdown algorithms share: layer names for messages, zone ids, field values."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsField, QgsFields
from qgis.PyQt.QtCore import QVariant

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg


def layer_name(algorithm, parameters, name: str, context) -> str:
    """The name the user knows a layer parameter by (the layer's name, else the parameter's)."""
    layer = algorithm.parameterAsVectorLayer(parameters, name, context)
    if layer is not None and layer.name():
        return layer.name()
    # "selected features only" comes as a source definition: no layer, but the source has its name
    source = algorithm.parameterAsSource(parameters, name, context)
    if source is not None and source.sourceName():
        return source.sourceName()
    definition = algorithm.parameterDefinition(name)
    return definition.description() if definition is not None else name


def no_features_error(name: str) -> InputError:
    """The error for a layer without features with a geometry."""
    return InputError(Msg(QT_TRANSLATE_NOOP("core", "Layer '{layer}' has no features with a geometry."), layer=name))


def require_features(source, name: str) -> None:
    """Stop with a clear message when a layer (feature source or list of read features) is empty."""
    count = len(source) if isinstance(source, list) else source.featureCount()
    if count == 0:
        raise no_features_error(name)


def find_field(fields: QgsFields, *names: str) -> int:
    """Index of the first field called one of ``names`` (case-insensitive), or -1."""
    lowered = {fields.at(i).name().lower(): i for i in range(fields.count())}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return -1


def zone_id_field(fields: QgsFields) -> int:
    return find_field(fields, "zone_id")


def zone_id_output_field(zone_fields: QgsFields) -> QgsField:
    """The ``zone_id`` field of an output: the zone layer's own (same name and type), else whole
    numbers (the zones' feature ids are used then)."""
    index = zone_id_field(zone_fields)
    return QgsField(zone_fields.at(index)) if index >= 0 else QgsField("zone_id", QVariant.LongLong)


def field_value(feature: QgsFeature, index: int, default=None):
    """Attribute ``index`` as a Python value (None for NULL), or ``default`` when index < 0."""
    if index < 0:
        return default
    value = feature.attributes()[index]
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return default if default is not None else None
    return value
