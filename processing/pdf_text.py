"""Text in the PDF that is the text printed: searchable, copyable, archivable.

Qt's PDF writer (QGIS 3.22 exports layouts with it) writes, for every embedded font, a ToUnicode
map from each glyph back to a character. It has two faults with Chinese fonts such as Noto Sans
CJK, both seen with ``pdftotext``:

- **Kangxi radicals.** The font maps a Kangxi radical (U+2F55 ⽕) and the unified ideograph
  (U+706B 火) to the same glyph. Qt's reverse map takes the *lowest* code point that gives the
  glyph, so the text reads 红⽕蚁, 莆⽥市⼈⺠政府. :func:`fix_radicals` rewrites, in the finished
  PDF, every ToUnicode entry that is a radical (U+2E80–U+2FDF) to the ideograph that shares its
  glyph in the font (asked of the font itself through QRawFont). Both are four hex digits, so the
  file keeps its length and its cross-reference table stays right.
- **Lost digits.** Text shaped by HarfBuzz in a Latin run (a grid label "118°50′E", "1.5 km")
  gets digit glyphs that the font's cmap does not give directly, and Qt writes no character for
  them. Fonts with ``QFont.PreferNoShaping`` are drawn with the cmap's glyphs (no ligatures or
  kerning are lost that a map needs): :func:`prefer_no_shaping` sets it on every text of a layout
  and on the labels of its layers before the export.
"""

from __future__ import annotations

import re
from pathlib import Path

from qgis.core import QgsRuleBasedLabeling, QgsVectorLayerSimpleLabeling
from qgis.PyQt.QtGui import QFont, QRawFont

from .sheet_fonts import change_layout_fonts

RADICALS = (0x2E80, 0x2FDF)  # CJK Radicals Supplement and Kangxi Radicals
IDEOGRAPHS = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))  # unified, extension A, compatibility
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def _unshaped(font: QFont) -> QFont:
    font = QFont(font)
    font.setStyleStrategy(QFont.StyleStrategy(int(font.styleStrategy()) | int(QFont.StyleStrategy.PreferNoShaping)))
    return font


def _unshaped_format(text_format):
    text_format.setFont(_unshaped(text_format.font()))
    return text_format


def prefer_no_shaping(layout, layers=()) -> None:
    """Every font of the layout's items and tables and of the layers' labels: PreferNoShaping."""
    change_layout_fonts(layout, _unshaped)
    for layer in layers:
        labeling = layer.labeling() if hasattr(layer, "labeling") else None
        if isinstance(labeling, QgsVectorLayerSimpleLabeling):
            settings = labeling.settings()
            settings.setFormat(_unshaped_format(settings.format()))
            layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        elif isinstance(labeling, QgsRuleBasedLabeling):
            labeling = labeling.clone()
            stack = [labeling.rootRule()]
            while stack:
                rule = stack.pop()
                stack.extend(rule.children())
                if rule.settings() is not None:
                    settings = rule.settings()
                    settings.setFormat(_unshaped_format(settings.format()))
                    rule.setSettings(settings)
            layer.setLabeling(labeling)


def radical_map(families) -> dict[int, int]:
    """Radical code point -> the ideograph drawn with the same glyph, in any of ``families``."""
    mapping: dict[int, int] = {}
    ideographs = [cp for low, high in IDEOGRAPHS for cp in range(low, high + 1)]
    ideograph_text = "".join(map(chr, ideographs))
    radicals = list(range(RADICALS[0], RADICALS[1] + 1))
    radical_text = "".join(map(chr, radicals))
    for family in families:
        for bold in (False, True):
            font = QFont(family)
            font.setBold(bold)
            raw = QRawFont.fromFont(font)
            if not raw.isValid():
                continue
            glyph_of = {}
            for cp, glyph in zip(ideographs, raw.glyphIndexesForString(ideograph_text)):
                if glyph:
                    glyph_of.setdefault(glyph, cp)  # the unified ideograph first
            for cp, glyph in zip(radicals, raw.glyphIndexesForString(radical_text)):
                if glyph and glyph in glyph_of:
                    mapping.setdefault(cp, glyph_of[glyph])
    return mapping


def fix_radicals(pdf: Path, families) -> int:
    """Rewrite radicals in the ToUnicode maps of ``pdf`` (in place) to their ideographs; returns
    how many entries changed. Only uncompressed CMap streams are touched (Qt writes them so)."""
    data = pdf.read_bytes()
    if b"begincmap" not in data:
        return 0
    mapping = radical_map(families)
    if not mapping:
        return 0
    changed = 0

    def entry(match):
        nonlocal changed
        code = int(match.group(1), 16)
        target = mapping.get(code)
        if target is None:
            return match.group(0)
        changed += 1
        return b"<%04X>" % target

    def stream(match):
        body = match.group(1)
        if b"begincmap" not in body:
            return match.group(0)
        # the source codes (glyph ids) are hex too: only the destinations of bfchar/bfrange change
        fixed = _fix_cmap(body, entry)
        return match.group(0).replace(body, fixed, 1)

    result = _STREAM.sub(stream, data)
    if changed:
        assert len(result) == len(data)
        pdf.write_bytes(result)
    return changed


def _fix_cmap(body: bytes, entry) -> bytes:
    """Apply ``entry`` to the destination codes of a CMap: "<src> <dst>" (bfchar), "<lo> <hi>
    [<d1> <d2> …]" and "<lo> <lo> <dst>" (bfrange). A range "<lo> <hi> <dst>" with hi > lo counts
    up from dst and is left as it is."""
    out = []
    for line in body.split(b"\n"):
        spans = list(_HEX.finditer(line))
        bracket = line.find(b"[")
        if bracket >= 0 and len(spans) >= 3:
            line = line[:bracket] + _HEX.sub(entry, line[bracket:])
        elif len(spans) == 3 and spans[0].group(1) == spans[1].group(1):
            line = line[: spans[1].end()] + _HEX.sub(entry, line[spans[1].end():])
        elif len(spans) == 2:
            line = line[: spans[0].end()] + _HEX.sub(entry, line[spans[0].end():])
        out.append(line)
    return b"\n".join(out)
