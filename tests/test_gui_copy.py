# ruff: noqa: F811 - the tests take the agent window fixture imported from test_gui
"""Copying an article as plain text (Ctrl+Shift+T) for a chat or an email: its structure
survives the paste, and nothing from an internal block ever goes out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from kb_app.articles import parse_article
from kb_app.gui.article_pane import ArticlePane
from tests.conftest import write
from tests.test_gui import sync_now, type_query, window  # noqa: F401 - the window fixture

ARTICLE = """\
---
id: reset-router
title: Reset the AirNest router
visibility: public
---
# Reset the AirNest router

A reset clears **all** settings. Read the [full guide](https://example.com/reset-guide)
first, or the [warranty policy](../general/warranty.md).

## Steps

1. Unplug the router.
2. Hold the *reset* button for ten seconds.
   Keep holding while the light blinks.
3. Plug it back in.

## What the lights mean

- Green: online
- Red: no internet
  - call the line provider

| Light | Meaning |
|-------|---------|
| Green | Online |
| Red | Offline |

```
admin / airnest123
```

::: internal
Escalate to desk 4 with code RST-9.
:::

Done.
"""

EXPECTED = """\
Reset the AirNest router

A reset clears all settings. Read the full guide (https://example.com/reset-guide) first, \
or the warranty policy.

Steps

1. Unplug the router.
2. Hold the reset button for ten seconds. Keep holding while the light blinks.
3. Plug it back in.

What the lights mean

• Green: online
• Red: no internet
   • call the line provider

Light | Meaning
Green | Online
Red | Offline

admin / airnest123

Done."""


def test_copy_as_plain_text_keeps_the_structure(qtbot, window, kb_dir) -> None:
    write(kb_dir, "router/reset.md", ARTICLE, dedent=False)
    sync_now(qtbot, window)
    type_query(qtbot, window, "reset router")
    qtbot.keyClick(window.box, Qt.Key.Key_Return)
    assert window.pane.article.id == "reset-router"
    qtbot.keyClick(window.pane.browser, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied == EXPECTED
    assert "RST-9" not in copied


SECRET = "QQSECRETQQ"
# Random text can hold any Markdown but no fence (` ~) and no Q, so the secret cannot appear
# by chance and every `::: internal` below is outside code: a real internal block.
TEXT = st.text(st.characters(blacklist_characters="Q`~", blacklist_categories=("Cs",)),
               max_size=40)
LINE = TEXT.map(lambda t: " ".join(t.splitlines()))
BLOCKS = st.one_of(
    TEXT,
    LINE.map(lambda t: f"# {t}"), TEXT.map(lambda t: f"1. {t}\n2. {t}"),
    TEXT.map(lambda t: f"- {t}\n  - {t}"), LINE.map(lambda t: f"| {t} | x |\n|---|---|\n| a |"),
    TEXT.map(lambda t: f"```\n{t}\n```"), LINE.map(lambda t: f"[{t}](https://x.org/{t})"),
    TEXT.map(lambda t: f"> {t}"),
    st.sampled_from([":::", "::: internal", "<div>", "***", "    code", "\\", "|", "---"]),
)
INTERNAL = st.tuples(LINE, LINE).map(lambda p: f"::: internal\n{p[0]}{SECRET}{p[1]}\n:::")


@pytest.fixture(scope="module")
def pane(qapp):
    return ArticlePane(Path("."))


@given(st.lists(st.one_of(BLOCKS, INTERNAL), max_size=8), LINE)
def test_plain_copy_never_shows_internal_text_and_never_fails(pane, blocks, title) -> None:
    body = "\n\n".join(blocks)
    article, _ = parse_article(f"# {title}\n\n{body}\n", "a.md", "a", "a")
    pane.show_article(article, None)
    copied = pane.plain_text()
    assert SECRET not in copied
    assert not body.strip() or copied.strip()


@pytest.mark.parametrize("hostile", ["[", "*", "`", "<a@", "**a", "[a](", "_a", "<", "!["])
def test_plain_copy_of_a_hostile_line_is_quick(hostile) -> None:
    """A line of thousands of link, emphasis or tag openers is read in one pass: copying
    it must not freeze the window (patterns that retry from every opener took minutes)."""
    import time

    from kb_app.plaintext import plain

    start = time.perf_counter()
    plain(hostile * (150_000 // len(hostile)))
    assert time.perf_counter() - start < 3  # about 0.03 s; generous for busy machines


def test_plain_copy_details() -> None:
    from kb_app.plaintext import plain

    assert plain("## Steps ##\n\n**Tap *Reset* now** and `a*b`, 5 * 3.") == (
        "Steps\n\nTap Reset now and a*b, 5 * 3.")
    assert plain("Mail <help@example.com> or see [docs][d].\n\n[d]: https://d.example") == (
        "Mail help@example.com or see docs (https://d.example).")
