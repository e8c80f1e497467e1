"""Writing a report document with python-docx: headings, paragraphs and tables, Chinese fonts set.

Small on purpose: the period report (``rifa:periodreport``) builds its document from these; the
lockdown order fills a Word template instead. python-docx is imported when a document is made, so
the plugin loads without it and the algorithm says what to install.
"""

from __future__ import annotations

from ..core.errors import InputError
from ..tools.dependencies import docx_problem

EAST_ASIAN_FONT = "SimSun"  # 宋体: what Chinese offices' Word has; LibreOffice substitutes Noto CJK


def require_docx():
    """The ``docx`` module, or an InputError saying how to install python-docx
    (``tools.dependencies.docx_problem``)."""
    problem = docx_problem()
    if problem:
        raise InputError(problem)
    import docx

    return docx


def _east_asian(style_or_run, font: str) -> None:
    from docx.oxml.ns import qn

    properties = style_or_run.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def new_document(font: str = EAST_ASIAN_FONT):
    docx = require_docx()
    document = docx.Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        _east_asian(document.styles[name], font)
    return document


def add_table(document, header: list[str], rows: list[list], empty: str = "") -> None:
    """A grid table with a bold header row; ``empty`` as one paragraph instead when there are no rows."""
    if not rows:
        document.add_paragraph(empty)
        return
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = "" if value is None else str(value)
    document.add_paragraph()
