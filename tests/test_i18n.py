"""Loading the translation for the QGIS locale: exact, mapped (zh-Hans -> zh_CN), two-letter."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from rifa_zoning.tools import i18n

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="zh_CN">
<context><name>RifaZoning</name>
<message><source>Test phrase</source><translation>测试短语</translation></message>
</context></TS>
"""


@pytest.fixture
def qm_folder(tmp_path):
    lrelease = shutil.which("lrelease")
    assert lrelease, "lrelease missing: make test installs qttools5-dev-tools"
    ts = tmp_path / "rifa_zoning_zh_CN.ts"
    ts.write_text(TS, encoding="utf-8")
    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(tmp_path / "rifa_zoning_zh_CN.qm")], check=True)
    return tmp_path


@pytest.mark.parametrize("locale", ["zh_CN", "zh-Hans", "zh_Hans", "zh-CN", "zh"])
def test_chinese_locales_find_the_zh_cn_file(qm_folder, locale):
    assert i18n.qm_file_for(locale, qm_folder) == qm_folder / "rifa_zoning_zh_CN.qm"


def test_two_letter_fallback(qm_folder):
    (qm_folder / "rifa_zoning_zh_CN.qm").rename(qm_folder / "rifa_zoning_zh.qm")
    assert i18n.qm_file_for("zh_TW", qm_folder) == qm_folder / "rifa_zoning_zh.qm"


def test_english_needs_no_file(qm_folder):
    assert i18n.qm_file_for("en_US", qm_folder) is None


def test_installed_translator_translates_and_is_removed(qgis_app, qm_folder):
    loaded = i18n.install_translator("zh-Hans", folder=qm_folder)
    try:
        assert loaded == qm_folder / "rifa_zoning_zh_CN.qm"
        assert i18n.tr("Test phrase") == "测试短语"
    finally:
        i18n.remove_translator()
    assert QCoreApplication.translate("RifaZoning", "Test phrase") == "Test phrase"


# -- the shipped translation: complete, placeholders intact, glossary terms, used at run time

ROOT = Path(__file__).resolve().parent.parent
ZH_TS = ROOT / "i18n" / "rifa_zoning_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|\[%.*?%\]")
# English term in a source (lower case, word start) -> the Chinese term its translation must use
# (the plan's own words, docs/putian-rifa-emergency-plan-2006.zh.txt)
GLOSSARY = {
    "quarantine zone": "疫区",
    "threatened zone": "受威胁区",
    "occurrence area": "发生区",
    "occurrence point": "发生点",
    "lockdown order": "封锁令",
    "nest": "蚁巢",
    "outbreak grade": "疫情等级",
    "barrier": "屏障",
    "checkpoint": "检查站",
    "rule profile": "规则配置",
}
CHINESE_NUMERALS = "一二三四五六七八九"


def shipped_messages() -> list[tuple[str, str, str]]:
    """(context, source, translation) of every message of the zh_CN .ts."""
    messages = []
    for context in ET.parse(ZH_TS).getroot().iter("context"):
        for message in context.iter("message"):
            messages.append((context.findtext("name"), message.findtext("source"), message.findtext("translation") or ""))
    return messages


def test_every_string_is_collected_and_translated():
    """Fails when code gains a string the .ts lacks, or a translation is unfinished or empty."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert run.returncode == 0, "run 'make ts' and translate in i18n/rifa_zoning_zh_CN.ts:\n" + run.stdout + run.stderr
    assert len(shipped_messages()) > 200


def test_placeholders_match_the_source():
    wrong = [
        (context, source, translation)
        for context, source, translation in shipped_messages()
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation))
    ]
    assert not wrong, "\n".join(f"{c}: {s!r} -> {t!r}" for c, s, t in wrong)


def test_glossary_terms():
    wrong = []
    for context, source, translation in shipped_messages():
        for english, chinese in GLOSSARY.items():
            if re.search(r"\b" + english, source.lower()) and chinese not in translation:
                wrong.append(f"{english} -> {chinese} missing in {context}: {source[:70]!r} -> {translation[:70]!r}")
    assert not wrong, "\n".join(wrong)


def test_translations_cite_the_same_plan_chapters():
    """A text citing "chapter 3" in English cites 第三章 in Chinese, and no other chapter."""
    cited = 0
    for context, source, translation in shipped_messages():
        english = {CHINESE_NUMERALS[int(n) - 1] for n in re.findall(r"chapters? (\d)", source)}
        chinese = set(re.findall(r"第(.)章", translation))
        assert english == chinese, f"{context}: {source[:70]!r}"
        cited += bool(english)
    assert cited >= 8


@pytest.fixture
def chinese_ui(qgis_app):
    """The shipped zh_CN translation installed, as QGIS does for a Chinese locale; English again after."""
    loaded = i18n.install_translator("zh_CN")
    assert loaded == i18n.I18N_DIR / "rifa_zoning_zh_CN.qm", "no compiled .qm: run 'make translations'"
    yield
    i18n.remove_translator()
    i18n.install_translator()  # back to what the plugin loads for the test locale


def test_algorithms_in_chinese(rifa_provider, chinese_ui):
    from qgis.core import QgsApplication, QgsProcessingException
    from rifa_test_utils import make_layer

    import processing

    registry = QgsApplication.processingRegistry()
    algorithm = registry.algorithmById("rifa:barrierbuffer")
    assert algorithm.displayName() == "顾及屏障的缓冲区"
    assert algorithm.group() == "疫区划定"
    assert registry.algorithmById("rifa:lockdownmap").displayName() == "封锁令附图（PDF）"
    # parameter labels are made with the instance (QGIS loads the translator before the provider)
    fresh = registry.createAlgorithmById("rifa:barrierbuffer")
    assert fresh.parameterDefinition("BARRIERS").description() == "屏障（河流、山脊为线；湖泊、山体为面）"
    for alg in rifa_provider.algorithms():  # every help text cites the plan in Chinese
        assert re.search("第.章", alg.shortHelpString()), alg.id()
    zoning_help = registry.algorithmById("rifa:delineatezones").shortHelpString()
    for citation in ("第三章 二(二)1", "第三章 二(二)2", "第三章 二(二)3"):
        assert citation in zoning_help
    raw = {}  # the Chinese help names parameters by their labels, not BARRIERS, ROADS, UNITS
    for alg in rifa_provider.algorithms():
        fresh = registry.createAlgorithmById(alg.id())
        text = fresh.shortHelpString()
        named = [p.name() for p in fresh.parameterDefinitions() if re.search(rf"(?<![A-Za-z_]){p.name()}(?![A-Za-z_])", text)]
        if named:
            raw[alg.id()] = named
    assert not raw, raw
    # the profile by its Chinese name in Chinese texts
    zoning = registry.createAlgorithmById("rifa:delineatezones")
    radius = zoning.parameterDefinition("QUARANTINE_RADIUS")
    assert radius.description() == "疫区半径（米） [法定范围 3000–8000，莆田2006]"
    assert radius.metadata()["widget_wrapper"]["decimals"] == 0
    nests = make_layer("Point", "EPSG:4549", [("POINT(500000 2800000)", {})], "nests")
    with pytest.raises(QgsProcessingException, match=re.escape("距离必须大于 0 米（当前为 0）。")):
        processing.run("rifa:barrierbuffer", {"INPUT": nests, "DISTANCE": 0, "OUTPUT": "memory:"})
    # the range checks of every number parameter speak Chinese too (NaN refused by name)
    with pytest.raises(QgsProcessingException, match=r"必须是有限的数值（当前为 nan）。"):
        processing.run("rifa:barrierbuffer", {"INPUT": nests, "DISTANCE": float("nan"), "OUTPUT": "memory:"})


def test_english_again_after_chinese(rifa_provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().algorithmById("rifa:barrierbuffer")
    assert algorithm.displayName() == "Barrier-aware buffer"
    for alg in rifa_provider.algorithms():  # every help text cites the plan in English
        assert re.search(r"chapter \d", alg.shortHelpString()), alg.id()


def test_sheet_language_is_independent_of_the_interface(qgis_app):
    from rifa_zoning.processing.layout_template import LABELS, TEMPLATES
    from rifa_zoning.processing.sheet_texts import default_title

    chinese, english = i18n.sheet_language("zh_CN"), i18n.sheet_language("en")
    assert chinese.complete and english.complete
    assert default_title("zh_CN") == "红火蚁疫区封锁范围图"
    assert default_title("en") == "Lockdown map of the red imported fire ant quarantine zone"
    assert chinese.tr("Legend") == "图例"  # the application's (English) translator plays no part
    # the shipped templates hold the Chinese sheet texts, so localize_layout recognises them
    for path in TEMPLATES.values():
        text = path.read_text(encoding="utf-8")
        for item_id, (source, *_rest) in LABELS.items():
            translated = chinese.tr(source).replace("&", "&amp;").replace('"', "&quot;")
            assert translated in text, (path.name, item_id, translated)


# -- Chinese sentences use full-width punctuation (citations such as 第一章 四(二) keep their form)

_CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”"
_CITATION = re.compile(r"第[一二三四五六七八九十]+章(?:\s*[一二三四五六七八九十]+(?:\([一二三四五六七八九十]+\)\d*)?"
                       r"(?:[、和及至][一二三四五六七八九十]+(?:\([一二三四五六七八九十]+\)\d*)?)*)?")
_HALF_WIDTH = re.compile(rf"(?<=[{_CJK}])\s*[,;:()]|[,;:()]\s*(?=[{_CJK}])")


def half_width_punctuation(text: str) -> list[str]:
    """Half-width , ; : ( ) next to a Chinese character, outside citations and placeholders."""
    # file dialog filters keep Qt's ASCII form: "CSV 文件 (*.csv)"
    plain = re.sub(r"\{[^{}]*\}|\[%.*?%\]|<[^>]*>|\s?\(\*\.[^)]*\)", "x", _CITATION.sub("§", text))
    return [plain[max(0, m.start() - 6):m.end() + 6] for m in _HALF_WIDTH.finditer(plain)]


def test_chinese_texts_use_full_width_punctuation():
    import json

    from rifa_zoning.core.grading import apply_override, decide_grade
    from rifa_zoning.core.profile import load_profile

    # the sheet's texts (LockdownSheet) follow the order document's own typography
    texts = [(context, translation) for context, _, translation in shipped_messages() if context != "LockdownSheet"]
    profile_file = ROOT / "resources" / "profiles" / "putian_2006.json"

    def walk(value, where):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "zh" and isinstance(item, str):
                    texts.append((where, item))
                else:
                    walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    walk(json.loads(profile_file.read_text(encoding="utf-8")), profile_file.name)
    from rifa_zoning.core.grading import AffectedCounty

    profile = load_profile()
    counties = [AffectedCounty("350302", "城厢区", "350300", nests=1), AffectedCounty("350303", "涵江区", "350300", nests=1)]
    graded = decide_grade(counties, profile)
    texts += [("grading", graded.rule["zh"]), ("grading", apply_override(graded, 1, "省指挥部决定", profile).rule["zh"])]
    wrong = [(where, found) for where, text in texts for found in half_width_punctuation(text)]
    assert not wrong, wrong
    assert half_width_punctuation("二级(2个以上县(区)),第一章 四(二)")  # the check finds what it is for
    assert not half_width_punctuation("二级（2个以上县（区）），第一章 四(二)")
