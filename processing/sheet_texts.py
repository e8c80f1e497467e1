"""The words printed on the lockdown map (``rifa:lockdownmap``), in the sheet's language.

The sheet's language is a parameter (``LANGUAGE``; default Chinese, the language of the lockdown
order the map is annexed to), not the language of the interface: the English sources here
(context ``LockdownSheet``) are translated by ``tools.i18n.SheetLanguage``. The words of the
layout's own items (captions, table headings) are in ``layout_template.py``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ..core.errors import QT_TRANSLATE_NOOP
from ..paths import version
from ..tools.i18n import sheet_language
from .layout_template import TEMPLATE_LANGUAGE

# LANGUAGE enum index -> sheet language; the options are language names in their own language
SHEET_LANGUAGES = ["zh_CN", "en"]
SHEET_LANGUAGE_NAMES = ["中文", "English"]
TITLE_SOURCE = QT_TRANSLATE_NOOP("LockdownSheet", "Lockdown map of the red imported fire ant quarantine zone")

SHEET = {
    "occurrence": QT_TRANSLATE_NOOP("LockdownSheet", "Occurrence area"),
    "quarantine": QT_TRANSLATE_NOOP("LockdownSheet", "Quarantine zone"),
    "threatened": QT_TRANSLATE_NOOP("LockdownSheet", "Threatened zone"),
    "nests": QT_TRANSLATE_NOOP("LockdownSheet", "Nests"),
    "checkpoints": QT_TRANSLATE_NOOP("LockdownSheet", "Road entrance checkpoints"),
    "units": QT_TRANSLATE_NOOP("LockdownSheet", "Administrative boundaries"),
    "roads": QT_TRANSLATE_NOOP("LockdownSheet", "Roads"),
    "villages": QT_TRANSLATE_NOOP("LockdownSheet", "Villages"),
    "river": QT_TRANSLATE_NOOP("LockdownSheet", "River (barrier)"),
    "ridge": QT_TRANSLATE_NOOP("LockdownSheet", "Ridge (barrier)"),
    "barrier": QT_TRANSLATE_NOOP("LockdownSheet", "Natural barrier"),
    "barriers": QT_TRANSLATE_NOOP("LockdownSheet", "Natural barriers"),
    "meets_rule": QT_TRANSLATE_NOOP("LockdownSheet", "meets the {n}-point rule"),
    "below_minimum": QT_TRANSLATE_NOOP("LockdownSheet", "fewer than {n} occurrence points"),
    "occurrence_point": QT_TRANSLATE_NOOP("LockdownSheet", "Occurrence point"),
    "continued": QT_TRANSLATE_NOOP("LockdownSheet", "{title} (continued)"),
    "crs": QT_TRANSLATE_NOOP("LockdownSheet", "CRS: {crs}; graticule: WGS 84"),
    "sources": QT_TRANSLATE_NOOP("LockdownSheet", "Data sources: {sources}"),
    "source": QT_TRANSLATE_NOOP("LockdownSheet", "{name} ({crs})"),
    "separator": QT_TRANSLATE_NOOP("LockdownSheet", "; "),
    "with_note": QT_TRANSLATE_NOOP("LockdownSheet", "{text}. {note}"),
    "gcj02": QT_TRANSLATE_NOOP(
        "LockdownSheet",
        "The administrative boundaries are sample data (GCJ-02 coordinates, off by several hundred metres, "
        "for illustration only)",
    ),
    "result": QT_TRANSLATE_NOOP("LockdownSheet", "computed result"),
    "profile": QT_TRANSLATE_NOOP(
        "LockdownSheet", "Delineated under: {profile}. Internal working map. Made with RIFA Zoning {version}, {date}"
    ),
}
ZONE_WORDS = {k: SHEET[k] for k in ("occurrence", "quarantine", "threatened")}


def default_title(language: str = TEMPLATE_LANGUAGE) -> str:
    """The title printed when TITLE is left empty (or at the Chinese default) in ``language``."""
    return sheet_language(language).tr(TITLE_SOURCE)


def source_note(layers, sheet, barriers=()) -> str:
    """Files (or "results" for layers in memory) with their CRS, each named once."""
    parts: list[str] = []
    gcj02 = False
    kinds = ("occurrence", "quarantine", "threatened", "nests", "checkpoints", "units", "roads")
    for kind, layer in [(kind, layers.get(kind)) for kind in kinds] + [("barriers", b) for b in barriers]:
        if layer is None:
            continue
        source = layer.source().split("|")[0]
        name = Path(source).name if layer.providerType() == "ogr" else sheet.tr(SHEET["result"])
        text = sheet.tr(SHEET["source"]).format(name=name, crs=layer.crs().authid() or layer.crs().description())
        if text not in parts:
            parts.append(text)
        # the shared Fujian counties and the sample data derived from them are GCJ-02 (Amap)
        if kind == "units" and ("fujian_counties" in source or "GCJ-02" in layer.metadata().abstract()):
            gcj02 = True
    text = sheet.tr(SHEET["sources"]).format(sources=sheet.tr(SHEET["separator"]).join(parts))
    if gcj02:
        text = sheet.tr(SHEET["with_note"]).format(text=text, note=sheet.tr(SHEET["gcj02"]))
    return text


def crs_note(sheet, crs) -> str:
    """The map's CRS, named and with its code (the graticule is WGS 84)."""
    return sheet.tr(SHEET["crs"]).format(crs=f"{crs.description()} ({crs.authid()})")


def profile_note(sheet, profile) -> str:
    """The rule profile the zones were delineated under, the plugin's version and today's date."""
    return sheet.tr(SHEET["profile"]).format(
        profile=profile.display_label(sheet.language), version=version(), date=datetime.date.today().isoformat()
    )
