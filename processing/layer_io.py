"""Small helpers the lockdown algorithms share: layer names for messages, zone ids, field values."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsField, QgsFields
from qgis.PyQt.QtCore import QDate, QDateTime

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from . import compat


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


def field_name(fields: QgsFields, *names: str) -> str:
    """The name of the first field called one of ``names`` (case-insensitive), as the layer spells
    it, or ""."""
    index = find_field(fields, *names)
    return fields.at(index).name() if index >= 0 else ""


def zone_id_field(fields: QgsFields) -> int:
    return find_field(fields, "zone_id")


def zone_id_output_field(zone_fields: QgsFields) -> QgsField:
    """The ``zone_id`` field of an output: the zone layer's own (same name and type), else whole
    numbers (the zones' feature ids are used then)."""
    index = zone_id_field(zone_fields)
    return QgsField(zone_fields.at(index)) if index >= 0 else compat.field("zone_id", compat.LONG)


def make_fields(table) -> QgsFields:
    """The fields of an output from ``(name, type)`` pairs (types: ``compat.INT``, ``compat.STRING``...)."""
    fields = QgsFields()
    for name, kind in table:
        fields.append(compat.field(name, kind))
    return fields


def is_null(value) -> bool:
    """True for an attribute that is NULL: None, a null QVariant (or a null QDate, QDateTime)."""
    return value is None or (hasattr(value, "isNull") and value.isNull())


def python_value(value, default=None):
    """An attribute value as Python: NULL -> ``default``; QDate -> date, QDateTime -> datetime (an
    invalid one -> its text); anything else as it is. The one conversion of attribute values."""
    if is_null(value):
        return default
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else str(value.toString())
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else str(value.toString())
    return value


def field_value(feature: QgsFeature, index: int, default=None):
    """Attribute ``index`` as a Python value (:func:`python_value`), ``default`` for NULL or when
    index < 0."""
    return python_value(feature.attributes()[index], default) if index >= 0 else default


def text_value(feature: QgsFeature, field: str) -> str:
    """The attribute called ``field`` as stripped text; "" when NULL or when no field is named."""
    return str(python_value(feature[field], "")).strip() if field else ""
