"""The interface language: Qt translators for English (the source text) or Bengali.

The Bengali text is kept in `kb_app/i18n/gyan_bn.ts` (updated with `make i18n`, which runs
pyside6-lupdate over kb_app/gui) and compiled to `gyan_bn.qm` by the build (`make run`,
`make test`, setup.py's build_py); the .qm is not committed. Qt's own strings (the buttons
of standard dialogs, a line edit's context menu) come from PySide6's `qtbase_bn.qm` when
it ships one.

The language is the preference (`Preferences.interface_language`) when the user chose
one, else the system's: a Bengali system locale gives the Bengali interface. Installing a
language also makes its QLocale the default, so numbers and dates formatted by Qt (`%Ln`
in translated text, `kb_app.gui.locale_text`) follow it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

ENGLISH, BENGALI = "en", "bn"
LANGUAGES = (ENGLISH, BENGALI)
SYSTEM = "system"
LOCALES = {ENGLISH: (QLocale.Language.English, QLocale.Country.UnitedStates),
           BENGALI: (QLocale.Language.Bengali, QLocale.Country.Bangladesh)}

_installed: list[QTranslator] = []
_language = ENGLISH
_applied = False  # whether a language was installed in this process yet


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate's name
    """Marks `text` for translation in `context` (pyside6-lupdate reads the literals) and
    returns it as it is; it is translated where it is shown. Qt's own returns `object`
    to type checkers: this one is typed."""
    return text


# Qt's own text the windows show (standard dialog buttons, the context menus of text
# fields), in Qt's contexts: PySide6 ships no qtbase_bn.qm, so gyan_bn.ts carries them.
QT_OWN = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"), QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"), QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"), QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"), QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"), QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"), QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"), QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"), QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Undo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Redo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Cu&t"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Paste"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Delete"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
)


def folder() -> Path:
    """Where the translations are: kb_app/i18n (in a checkout, a wheel, a frozen build)."""
    return Path(__file__).resolve().parent.parent / "i18n"


def system_language(system: QLocale | None = None) -> str:
    """The interface language the system's locale asks for: Bengali, else English."""
    locale = system if system is not None else QLocale.system()
    return BENGALI if locale.language() == QLocale.Language.Bengali else ENGLISH


def resolve(choice: str, system: QLocale | None = None) -> str:
    """The language to show for a preference: "en", "bn", or "system" (anything else)."""
    return choice if choice in LANGUAGES else system_language(system)


def locale(language: str) -> QLocale:
    return QLocale(*LOCALES.get(language, LOCALES[ENGLISH]))


def current() -> str:
    """The language installed last ("en" before any)."""
    return _language


def install(language: str) -> str:
    """Make `language` the interface language of the running application: its translators
    replace the ones installed before, and its locale becomes the default. Returns the
    language now shown ("en" when the Bengali translation is missing: an unbuilt .qm)."""
    global _language, _applied
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    shown = ENGLISH
    if language == BENGALI and app is not None:
        ours = QTranslator(app)
        if ours.load(f"gyan_{BENGALI}", str(folder())):
            QCoreApplication.installTranslator(ours)
            _installed.append(ours)
            shown = BENGALI
            qt = QTranslator(app)
            qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{BENGALI}", qt_folder):
                QCoreApplication.installTranslator(qt)
                _installed.append(qt)
    _language, _applied = shown, True
    QLocale.setDefault(locale(shown))
    return shown


def apply(choice: str) -> str:
    """Install the language a preference asks for (see `resolve`), if it is not the one
    shown; returns the language shown."""
    wanted = resolve(choice)
    if not _applied or wanted != _language:
        return install(wanted)
    return _language


__all__ = ["BENGALI", "ENGLISH", "LANGUAGES", "QT_TRANSLATE_NOOP", "SYSTEM", "apply",
           "current", "folder", "install", "locale", "resolve", "system_language"]
