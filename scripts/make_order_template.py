"""Writes ``resources/templates/lockdown_order.docx``, the editable template of the lockdown order
(封锁令) that ``rifa:lockdownorder`` fills. Placeholders: see ``processing/order_document.py``.

A bureau edits the .docx itself (Word, LibreOffice); this script only makes the shipped one:
``.venv/bin/python scripts/make_order_template.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "resources" / "templates" / "lockdown_order.docx"
BODY_FONT = "仿宋"  # Chinese official documents: 仿宋 body, 黑体 headings, 宋体 title (GB/T 9704)
HEADING_FONT = "黑体"
TITLE_FONT = "宋体"


def _font(run, family: str, size: float, bold: bool = False, colour: RGBColor | None = None) -> None:
    run.font.name = family
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), family)


def _paragraph(document, text: str, family=BODY_FONT, size=14.0, bold=False, align=None, indent=True,
               colour=None, space_after=4.0):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.line_spacing = 1.25
    if indent and align is None:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), family, size, bold, colour)
    return paragraph


def build() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = document.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    red = RGBColor(0xC0, 0x00, 0x00)
    _paragraph(document, "{{authority}}", TITLE_FONT, 22, True, WD_ALIGN_PARAGRAPH.CENTER, colour=red)
    _paragraph(document, "{{title}}", TITLE_FONT, 22, True, WD_ALIGN_PARAGRAPH.CENTER, space_after=8)
    _paragraph(document, "{{order_number}}", BODY_FONT, 14, False, WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _paragraph(document, "{{legal_basis}}")

    _paragraph(document, "一、封锁范围", HEADING_FONT, 14, indent=True)
    _paragraph(document, "（一）疫区", BODY_FONT, 14, True)
    _paragraph(document, "疫区Q{{q.zone_id}}（面积约{{q.area_km2}}平方千米）：{{q.description}}")
    _paragraph(document, "涉及行政区：{{units}}。")
    _paragraph(document, "（二）受威胁区", BODY_FONT, 14, True)
    _paragraph(document, "受威胁区T{{t.zone_id}}（面积约{{t.area_km2}}平方千米）：{{t.description}}")

    _paragraph(document, "二、道路出入口检查站", HEADING_FONT, 14)
    _paragraph(document, "在下列{{checkpoint_count}}处进出疫区的交通路口派专人守护，配备消毒设备：")
    table = document.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cells, texts, bold in (
        (table.rows[0].cells, ("编号", "道路", "经度（°E）", "纬度（°N）"), True),
        (table.rows[1].cells, ("{{cp.number}}", "{{cp.road}}", "{{cp.lon}}", "{{cp.lat}}"), False),
    ):
        for cell, text in zip(cells, texts):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(text), BODY_FONT, 12, bold)
    table.autofit = False
    widths = (Cm(1.8), Cm(7.4), Cm(3.2), Cm(3.2))
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    _paragraph(document, "", space_after=2)

    _paragraph(document, "三、封锁措施（疫情等级：{{grade}}）", HEADING_FONT, 14)
    _paragraph(document, "{{m.number}}．{{m.text}}")
    _paragraph(document, "四、封锁期限", HEADING_FONT, 14)
    _paragraph(document, "{{duration}}")
    _paragraph(document, "五、解除封锁", HEADING_FONT, 14)
    _paragraph(document, "{{lifting}}")
    _paragraph(document, "附件：疫区封锁范围图", BODY_FONT, 14, indent=True, space_after=12)

    _paragraph(document, "{{authority}}", BODY_FONT, 14, False, WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, "{{issue_date}}", BODY_FONT, 14, False, WD_ALIGN_PARAGRAPH.RIGHT, space_after=12)
    _paragraph(document, "划定依据：{{profile}}。内部工作文件，以盖章文本为准。", BODY_FONT, 10.5, indent=False)

    document.add_page_break()
    _paragraph(document, "附件", HEADING_FONT, 16, False, indent=False)
    _paragraph(document, "{{map}}", BODY_FONT, 14, False, WD_ALIGN_PARAGRAPH.CENTER)
    return document


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    build().save(OUTPUT)
    print(f"written {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
