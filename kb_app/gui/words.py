"""The core's words as the interface shows them: an article's status and language, a
flag's kind, a desk's role, a template's name. The core keeps them in English (they are
values in files and settings); the windows show them in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kb_app.gui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Words"

WORDS = {
    # an article's status and visibility
    "draft": QT_TRANSLATE_NOOP("Words", "draft"),
    "published": QT_TRANSLATE_NOOP("Words", "published"),
    "archived": QT_TRANSLATE_NOOP("Words", "archived"),
    "public": QT_TRANSLATE_NOOP("Words", "public"),
    "internal": QT_TRANSLATE_NOOP("Words", "internal"),
    # a flag's kind
    "helpful": QT_TRANSLATE_NOOP("Words", "helpful"),
    "outdated": QT_TRANSLATE_NOOP("Words", "outdated"),
    "wrong": QT_TRANSLATE_NOOP("Words", "wrong"),
    # a result's badges
    "needs review": QT_TRANSLATE_NOOP("Words", "needs review"),
    "often opened for this search": QT_TRANSLATE_NOOP("Words", "often opened for this search"),
    "updated": QT_TRANSLATE_NOOP("Words", "updated"),
    # a desk's role
    "agent": QT_TRANSLATE_NOOP("Words", "agent"),
    "editor": QT_TRANSLATE_NOOP("Words", "editor"),
    # the article templates (kb_app.templates)
    "FAQ answer": QT_TRANSLATE_NOOP("Words", "FAQ answer"),
    "How-to": QT_TRANSLATE_NOOP("Words", "How-to"),
    "Troubleshooting": QT_TRANSLATE_NOOP("Words", "Troubleshooting"),
    "Complaint playbook": QT_TRANSLATE_NOOP("Words", "Complaint playbook"),
    "FAQ answer (বাংলা)": QT_TRANSLATE_NOOP("Words", "FAQ answer (বাংলা)"),
    "How-to (বাংলা)": QT_TRANSLATE_NOOP("Words", "How-to (বাংলা)"),
    "Troubleshooting (বাংলা)": QT_TRANSLATE_NOOP("Words", "Troubleshooting (বাংলা)"),
    "Complaint playbook (বাংলা)": QT_TRANSLATE_NOOP("Words", "Complaint playbook (বাংলা)"),
}
LANGUAGE_NAMES = {"en": QT_TRANSLATE_NOOP("Words", "English"),
                  "bn": QT_TRANSLATE_NOOP("Words", "Bengali")}


def word(value: str) -> str:
    """`value` in the interface language, if it is one of the core's words; else as is."""
    source = WORDS.get(value)
    return QCoreApplication.translate(CONTEXT, source) if source else value


def language(code: str) -> str:
    """An article language's name: "en" -> English / ইংরেজি; an unknown code as is."""
    source = LANGUAGE_NAMES.get(code)
    return QCoreApplication.translate(CONTEXT, source) if source else code


__all__ = ["LANGUAGE_NAMES", "WORDS", "language", "word"]
