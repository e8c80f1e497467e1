"""Translation: the ``tr()`` helper and loading ``i18n/rifa_zoning_<locale>.qm``.

Locale lookup follows 3liz ``qgis_plugin_tools``: exact locale (``zh_CN``), then the mapped
name (``zh-Hans`` -> ``zh_CN``), then the two-letter language (``zh``).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from ..core.errors import Msg
from ..paths import I18N_DIR

CONTEXT = "RifaZoning"

# QGIS and Qt spell some locales differently from our .qm files
LOCALE_ALIASES = {
    "zh-hans": "zh_CN",
    "zh_hans": "zh_CN",
    "zh-hans-cn": "zh_CN",
    "zh_hans_cn": "zh_CN",
    "zh-cn": "zh_CN",
    "zh": "zh_CN",  # plain "Chinese": Simplified, as our users write it
    "zh-hant": "zh_TW",
    "zh_hant": "zh_TW",
}

_translators: list[QTranslator] = []
_loaded: list[Path] = []


def tr(text: str, context: str = CONTEXT) -> str:
    """Translate a user-visible string of the plugin."""
    return QCoreApplication.translate(context, text)


def translate_core(template: str) -> str:
    """Translate a ``core`` message template (see ``core/errors.py``)."""
    return QCoreApplication.translate("core", template)


def message_text(message: Msg | str) -> str:
    """A ``core`` message (``core.errors.Msg``) in the user's language; other text as it is."""
    return message.format(translate_core) if isinstance(message, Msg) else str(message)


def user_locale() -> str:
    """The locale QGIS runs in: the user's override if set, else the system's."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "", type=str)
        if locale:
            return locale
    return settings.value("locale/userLocale", "", type=str) or QLocale.system().name()


def candidate_names(locale: str) -> list[str]:
    """The .qm base names to try for ``locale``, best first."""
    names = [locale]
    alias = LOCALE_ALIASES.get(locale.lower())
    if alias:
        names.append(alias)
    normalized = locale.replace("-", "_")
    if normalized not in names:
        names.append(normalized)
    short = normalized.split("_")[0]
    if short and short not in names:
        names.append(short)
    return names


def qm_file_for(locale: str, folder: Path = I18N_DIR) -> Path | None:
    """The translation file to load for ``locale``, or None (English needs none)."""
    for name in candidate_names(locale):
        path = folder / f"rifa_zoning_{name}.qm"
        if path.is_file():
            return path
    return None


def install_translator(locale: str | None = None, folder: Path | None = None) -> Path | None:
    """Load and install our translation for ``locale`` (default: the QGIS locale).

    Returns the .qm file loaded, or None. Safe to call more than once: the previous translator
    of the plugin is removed first.
    """
    remove_translator()
    path = qm_file_for(locale or user_locale(), folder or I18N_DIR)
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        return None
    QCoreApplication.installTranslator(translator)
    _translators.append(translator)
    _loaded.append(path)
    return path


def remove_translator() -> None:
    while _translators:
        QCoreApplication.removeTranslator(_translators.pop())
    _loaded.clear()


def current_language() -> str:
    """Two-letter language of the plugin's installed translation ("zh"), "en" when none is loaded."""
    if not _loaded:
        return "en"
    return _loaded[-1].stem.removeprefix("rifa_zoning_").split("_")[0]


# -- texts printed on a sheet (the lockdown map): the sheet's language, not the interface's

SHEET_CONTEXT = "LockdownSheet"


class SheetLanguage:
    """Translates the texts of a printed sheet into ``language`` through a translator of its own.

    The lockdown map is an annex of a Chinese order: it prints in Chinese whatever language the
    interface uses, so the sheet cannot use the application's installed translator. Source texts
    are English (context ``LockdownSheet``, marked with ``QT_TRANSLATE_NOOP``); ``en`` needs no file.
    """

    def __init__(self, language: str, folder: Path | None = None):
        self.language = language
        self.translator: QTranslator | None = None
        self.messages: dict[str, str] = {}
        if not language.lower().startswith("en"):
            path = qm_file_for(language, folder or I18N_DIR)
            translator = QTranslator()
            if path is not None and translator.load(str(path)):
                self.translator = translator
            else:  # not compiled (a checkout without 'make translations'): the .ts source itself
                self.messages = _ts_messages(language, folder or I18N_DIR, SHEET_CONTEXT)

    @property
    def complete(self) -> bool:
        """False when the sheet language needs a translation file that could not be loaded."""
        return self.translator is not None or bool(self.messages) or self.language.lower().startswith("en")

    def tr(self, text: str) -> str:
        if self.translator is not None:
            # const char* in the C++ API: PyQt5 would encode a str as ASCII
            translated = self.translator.translate(SHEET_CONTEXT.encode(), text.encode("utf-8"))
            if translated:
                return translated
        return self.messages.get(text) or text


def _ts_messages(language: str, folder: Path, context: str) -> dict[str, str]:
    """Source -> finished translation of ``context`` in ``rifa_zoning_<language>.ts`` (empty if none)."""
    import xml.etree.ElementTree as ET

    for name in candidate_names(language):
        path = folder / f"rifa_zoning_{name}.ts"
        if not path.is_file():
            continue
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError):
            return {}
        messages = {}
        for element in root.iter("context"):
            if element.findtext("name") != context:
                continue
            for message in element.iter("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") != "unfinished" and translation.text:
                    messages[message.findtext("source") or ""] = translation.text
        return messages
    return {}


_sheet_languages: dict[str, SheetLanguage] = {}


def sheet_language(language: str) -> SheetLanguage:
    """The (cached) :class:`SheetLanguage` of ``language``; retried while its file is missing."""
    sheet = _sheet_languages.get(language)
    if sheet is None or not sheet.complete:
        sheet = _sheet_languages[language] = SheetLanguage(language)
    return sheet
