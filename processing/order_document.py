"""Filling the lockdown order's Word template (python-docx; no QGIS here).

The template (``resources/templates/lockdown_order.docx``, or the TEMPLATE a bureau gives) is an
ordinary .docx a bureau edits in Word or LibreOffice. Its placeholders, in double braces:

- ``{{name}}`` anywhere (body, tables, headers, footers): replaced by the value of ``name``
  (``title``, ``order_number``, ``authority``, ``issue_date``, ``grade``, ``legal_basis``,
  ``duration``, ``lifting``, ``profile``, ``checkpoint_count``, ``units``). A paragraph holding a
  placeholder without a value (``units`` when no unit layer was given) is left out.
- ``{{q.field}}``: the paragraph is repeated for every quarantine zone (``q.zone_id``,
  ``q.area_km2``, ``q.perimeter_km``, ``q.description``, ``q.east`` … ``q.north`` (one direction's
  clause), ``q.units``); ``{{t.field}}`` likewise for the threatened zones; ``{{m.number}}`` /
  ``{{m.text}}`` / ``{{m.citation}}`` for the measures. With no item the paragraph goes.
- ``{{cp.field}}`` in a table row: the row is repeated for every checkpoint (``cp.number``,
  ``cp.road``, ``cp.road_class``, ``cp.lon``, ``cp.lat``, ``cp.zone_id``); with none, the row is
  left with the value of ``no_checkpoints`` in its first cell.
- ``{{map}}``: the paragraph gets the map pictures (one per page), 16 cm wide.

A placeholder must be typed in one go (Word may split text it autocorrects into pieces): the
text of a paragraph is joined before it is replaced, and the paragraph keeps the format of its
first piece.
"""

from __future__ import annotations

import copy
import re

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)\s*\}\}")
REPEATED = ("q", "t", "m")
MAP_WIDTH_CM = 16.0


def _keys(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def _set_text(paragraph, text: str) -> None:
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _fill(text: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda m: "" if values.get(m.group(1)) is None else str(values[m.group(1)]), text)


def _remove(element) -> None:
    element.getparent().remove(element)


def _paragraphs(document):
    """Every paragraph of the body, its tables, and the headers and footers."""
    def of(container):
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from of(cell)

    yield from of(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part is not None and not part.is_linked_to_previous:
                yield from of(part)


def fill_document(document, values: dict, lists: dict, checkpoints: list[dict], pictures: list[str],
                  no_checkpoints: str = "") -> None:
    """Fill ``document`` (a python-docx Document) in place. ``lists``: {"q": [...], "t": [...],
    "m": [...]}, each a list of dicts of fields; ``checkpoints``: dicts of fields."""
    from docx.shared import Cm

    _fill_checkpoint_rows(document, checkpoints, no_checkpoints)
    for paragraph in list(_paragraphs(document)):
        text = paragraph.text
        keys = _keys(text)
        if not keys:
            continue
        prefixes = {key.split(".")[0] for key in keys if "." in key}
        repeated = prefixes & set(REPEATED)
        if repeated:
            prefix = sorted(repeated)[0]
            element = paragraph._p
            for item in lists.get(prefix, []):
                clone = copy.deepcopy(element)
                element.addprevious(clone)
                from docx.text.paragraph import Paragraph

                copy_paragraph = Paragraph(clone, paragraph._parent)
                merged = {**values, **{f"{prefix}.{k}": v for k, v in item.items()}}
                _set_text(copy_paragraph, _fill(text, merged))
            _remove(element)
            continue
        if "map" in keys:
            _set_text(paragraph, _fill(text, values))
            for index, picture in enumerate(pictures):
                run = paragraph.add_run()
                if index:
                    run.add_break()
                run.add_picture(str(picture), width=Cm(MAP_WIDTH_CM))
            continue
        if any(values.get(key) is None for key in keys):
            _remove(paragraph._p)
            continue
        _set_text(paragraph, _fill(text, values))


def _fill_checkpoint_rows(document, checkpoints: list[dict], no_checkpoints: str) -> None:
    from docx.table import _Row

    for table in document.tables:
        for row in list(table.rows):
            cells_text = [cell.text for cell in row.cells]
            if not any("{{cp." in text or "{{ cp." in text for text in cells_text):
                continue
            element = row._tr
            if not checkpoints:
                for index, cell in enumerate(row.cells):
                    for paragraph in cell.paragraphs:
                        _set_text(paragraph, no_checkpoints if index == 0 else "")
                continue
            for checkpoint in checkpoints:
                clone = copy.deepcopy(element)
                element.addprevious(clone)
                new_row = _Row(clone, table)
                merged = {f"cp.{k}": v for k, v in checkpoint.items()}
                for cell in new_row.cells:
                    for paragraph in cell.paragraphs:
                        if _keys(paragraph.text):
                            _set_text(paragraph, _fill(paragraph.text, merged))
            _remove(element)
