"""Differences as the history and conflict views show them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kb_app.diffview import inline_html, merged_text, side_by_side_html

BEFORE = "# Warranty\n\nOne year for routers.\nParts and labour.\n"
AFTER = "# Warranty\n\nTwo years for routers.\nParts and labour.\nবাংলা লাইন\n"


def test_side_by_side_marks_the_changed_word_and_the_added_line() -> None:
    out = side_by_side_html(BEFORE, AFTER, "old <1>", "new")
    assert "old &lt;1&gt;" in out
    assert '#ff9e99">One</span>' in out and '#8fe08f">Two</span>' in out
    assert "বাংলা লাইন" in out and out.count("<tr>") >= 4


def test_inline_shows_removed_then_added() -> None:
    out = inline_html(BEFORE, AFTER, "a", "b")
    assert out.index("&minus; ") < out.index("+ ")
    assert "No differences" in inline_html(BEFORE, BEFORE, "a", "b")
    assert "No differences" in side_by_side_html(AFTER, AFTER, "a", "b")


def test_markup_in_articles_is_escaped() -> None:
    out = side_by_side_html("<b>x</b>\n", "<script>y</script>\n", "a", "b")
    assert "<script" not in out and "<b>" not in out and "&lt;" in out


def test_merge_markers_surround_only_the_differences() -> None:
    merged = merged_text("a\nmine\nc\n", "a\ntheirs\nc\n")
    assert merged == "a\n<<<<<<< mine\nmine\n=======\ntheirs\n>>>>>>> theirs\nc\n"


lines = st.lists(st.text(alphabet="ab কখ<>&\t", max_size=8), max_size=8).map("\n".join)


@given(lines, lines)
def test_merge_of_equal_texts_is_the_text_and_any_diff_renders(a: str, b: str) -> None:
    assert merged_text(a, a) == a
    for render in (side_by_side_html, inline_html):
        out = render(a, b, "x", "y")
        assert ("No differences" in out) == (a.splitlines() == b.splitlines())
