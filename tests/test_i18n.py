"""Loading the translation for the QGIS locale: exact, mapped (zh-Hans -> zh_CN), two-letter."""

from __future__ import annotations

import shutil
import subprocess

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
