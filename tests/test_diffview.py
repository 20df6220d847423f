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
    merged, conflicts = merged_text("a\nmine\nc\n", "a\ntheirs\nc\n")
    assert merged == "a\n<<<<<<< mine\nmine\n=======\ntheirs\n>>>>>>> theirs\nc\n"
    assert conflicts == 1


def test_three_way_merge_takes_one_sided_changes_and_marks_clashes() -> None:
    base = "intro\nmiddle\nএক বছর\nend"
    mine = "intro changed\nmiddle\nএক বছর\nend"
    theirs = "intro\nmiddle\nদুই বছর\nend"
    assert merged_text(mine, theirs, base) == (
        "intro changed\nmiddle\nদুই বছর\nend\n", 0)
    merged, conflicts = merged_text("intro\nmiddle\nতিন বছর\nend", theirs, base)
    assert conflicts == 1 and "<<<<<<< mine\nতিন বছর\n=======\nদুই বছর\n>>>>>>> theirs" in merged


lines = st.lists(st.text(alphabet="ab কখ<>&\t", max_size=8), max_size=8).map("\n".join)


@given(lines, lines, lines)
def test_merges_of_unchanged_sides_take_the_other_and_any_diff_renders(a: str, b: str,
                                                                       base: str) -> None:
    assert merged_text(a, a)[0].rstrip("\n") == a.rstrip("\n")
    assert merged_text(a, base, base)[0].rstrip("\n") == a.rstrip("\n")
    assert merged_text(base, b, base)[0].rstrip("\n") == b.rstrip("\n")
    for render in (side_by_side_html, inline_html):
        out = render(a, b, "x", "y")
        assert ("No differences" in out) == (a.splitlines() == b.splitlines())
