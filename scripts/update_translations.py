"""Collect every translatable string of the plugin into ``i18n/rifa_zoning_<lang>.ts``.

Why not pylupdate5: PyQt 5.15's pylupdate5 files module-level ``tr("…")`` under ``@default``
and gives implicitly concatenated strings a wrong context, so the .qm would never match. This
script reads the Python code with ``ast`` and knows our conventions:

- ``self.tr("…")`` inside a class: context = the class name (``QCoreApplication.translate(cls, …)``)
- ``tr("…")`` (tools/i18n.py): context ``RifaZoning``; ``tr("…", "Ctx")`` / ``context="Ctx"``
- ``QCoreApplication.translate("Ctx", "…")`` and ``QT_TRANSLATE_NOOP("Ctx", "…")``
- ``_tr_base("…")`` (processing/base.py): context ``RifaAlgorithm``

Existing translations are kept; strings no longer in the code are dropped (like -noobsolete).
Chinese translations get full-width punctuation (:func:`full_width`), so translations merged from
elsewhere are normalized by ``make ts``.
``--check`` exits 1 when the .ts files are out of date or have unfinished messages.
Usage: python scripts/update_translations.py [--check] [zh_CN ...]
"""

from __future__ import annotations

import ast
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
SKIP_DIRS = {"tests", "benchmarks", "scripts", ".venv", "build", "dist", ".git"}
DEFAULT_LANGUAGES = ["zh_CN"]
FREE_FUNCTIONS = {"tr": "RifaZoning", "_tr_base": "RifaAlgorithm"}


def _string(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


class _Collector(ast.NodeVisitor):
    def __init__(self, filename: str):
        self.filename = filename
        self.classes: list[str] = []
        self.found: list[tuple[str, str, str, int]] = []  # context, source, file, line

    def visit_ClassDef(self, node):
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node):
        func = node.func
        args = node.args
        kwargs = {k.arg: k.value for k in node.keywords}
        if isinstance(func, ast.Attribute) and func.attr == "tr" and isinstance(func.value, ast.Name) \
                and func.value.id == "self" and args and self.classes:
            self._add(self.classes[-1], _string(args[0]), node)
        elif isinstance(func, ast.Name) and func.id in FREE_FUNCTIONS and args:
            context = FREE_FUNCTIONS[func.id]
            if len(args) > 1 and _string(args[1]):
                context = _string(args[1])
            elif "context" in kwargs and _string(kwargs["context"]):
                context = _string(kwargs["context"])
            self._add(context, _string(args[0]), node)
        elif (isinstance(func, ast.Name) and func.id == "QT_TRANSLATE_NOOP") or (
            isinstance(func, ast.Attribute) and func.attr == "translate"
            and isinstance(func.value, ast.Name) and func.value.id == "QCoreApplication"
        ):
            if len(args) >= 2:
                self._add(_string(args[0]), _string(args[1]), node)
        self.generic_visit(node)

    def _add(self, context, source, node):
        if context and source:
            self.found.append((context, source, self.filename, node.lineno))


def collect() -> dict[tuple[str, str], list[tuple[str, int]]]:
    messages: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in SKIP_DIRS or "__pycache__" in relative.parts:
            continue
        collector = _Collector(str(relative))
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), str(relative)))
        for context, source, filename, line in collector.found:
            messages.setdefault((context, source), []).append((filename, line))
    return messages


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    translations = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            if text and translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                translations[(name, message.findtext("source"))] = text
    return translations


# -- Chinese sentences take full-width punctuation (，；：（）); plan citations (第一章 四(二)),
# placeholders, HTML tags and file dialog filters ("CSV 文件 (*.csv)") keep their form. The printed
# sheet's texts (LockdownSheet) follow the order document's typography and are left alone.
CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
NUMERAL = "[一二三四五六七八九十]+"
CITATION = re.compile(rf"第{NUMERAL}章(?:\s*{NUMERAL}(?:\({NUMERAL}\)\d*)?(?:[、和及至]{NUMERAL}(?:\({NUMERAL}\)\d*)?)*)?")
KEPT = re.compile(r"\{[^{}]*\}|\[%.*?%\]|<[^>]*>|\s?\(\*\.[^)]*\)")
KEEP_PUNCTUATION = ("LockdownSheet",)


def _is_cjk(char: str) -> bool:
    return bool(char) and re.match(f"[{CJK}]", char) is not None


def full_width(text: str) -> str:
    """``text`` with full-width , ; : ( ) where they belong to Chinese sentences."""
    kept: list[str] = []

    def keep(match):
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    chars = list(KEPT.sub(keep, CITATION.sub(keep, text)))
    opened = []
    for i, char in enumerate(chars):  # a pair of parentheses holding or touching Chinese
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            j = opened.pop()
            inner = "".join(chars[j + 1:i])
            before = chars[j - 1] if j > 0 else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if re.search(f"[{CJK}]", inner) or "\x00" in inner or _is_cjk(before) or _is_cjk(after):
                chars[j], chars[i] = "（", "）"
    text = "".join(chars)
    for half, full in ((",", "，"), (";", "；"), (":", "：")):
        text = re.sub(rf"(?<=[{CJK}])\s*{re.escape(half)}\s*", full, text)
        text = re.sub(rf"\s*{re.escape(half)}\s*(?=[{CJK}])", full, text)
    text = re.sub(r"[ \t]+（", "（", re.sub(r"）[ \t]+", "）", text))
    while "\x00" in text:
        text = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return text


def build_ts(language: str, messages, translations) -> str:
    root = ET.Element("TS", version="2.1", language=language)
    by_context: dict[str, list[str]] = {}
    for context, source in messages:
        by_context.setdefault(context, []).append(source)
    for context in sorted(by_context):
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source in sorted(by_context[context]):
            message = ET.SubElement(element, "message")
            for filename, _line in messages[(context, source)][:1]:
                ET.SubElement(message, "location", filename=f"../{filename}")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            text = translations.get((context, source))
            if text and language.startswith("zh") and context not in KEEP_PUNCTUATION:
                text = full_width(text)
            if text:
                translation.text = text
            else:
                translation.set("type", "unfinished")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="unicode") + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    languages = [a for a in argv if not a.startswith("--")] or DEFAULT_LANGUAGES
    messages = collect()
    status = 0
    for language in languages:
        path = I18N / f"rifa_zoning_{language}.ts"
        translations = read_ts(path)
        text = build_ts(language, messages, translations)
        missing = sorted(key for key in messages if key not in translations)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"{path.relative_to(ROOT)} is out of date: run 'make ts'")
                status = 1
            for context, source in missing:
                print(f"untranslated [{language}] {context}: {source!r}")
                status = 1
        else:
            I18N.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {len(messages)} messages, {len(missing)} untranslated")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
