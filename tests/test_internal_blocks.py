"""`::: internal` blocks are decided by the Markdown parser: every trick that fooled the old
line-by-line fence toggle is a test here, and a property test throws mixtures at it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb_app.internal_blocks import segments, split_internal
from kb_app.render import markdown_to_html

# Each of these leaked SECRET into the public part before the parser decided.
FOOLED_THE_FENCE_TOGGLE = {
    "inline code opening a line": "```code``` and text\n::: internal\nSECRET\n:::\nafter\n",
    "four-backtick fence holding three": "````\n```\n````\n::: internal\nSECRET\n:::\n",
    "tilde fence holding backticks": "~~~\n```\n~~~\n::: internal\nSECRET\n:::\n",
    "indented code with backticks": "para\n\n    ```\n    code\n\n::: internal\nSECRET\n:::\n",
    "block inside a quote": "> quote\n> ::: internal\n> SECRET\n> :::\n> end\n",
    "block inside a list item": "- item\n- ::: internal\n  SECRET\n  :::\n",
    "unclosed fence before": "```\nnot closed\n::: internal\nSECRET\n:::\n",
    "html comment around": "<!--\n::: internal\nSECRET\n:::\n-->\n",
    "no blank line before": "text\n::: internal\nSECRET\n:::\n",
    "capitals and extra words": "::: INTERNAL notes for tier 2\nSECRET\n:::\n",
    # found by a helper's hunt, each once published whole
    "<code> in a link's title before": (
        'See [guide](https://example.com/g "The <code> tag").\n\n::: internal\nSECRET\n:::\n'),
    "a stray <code> in prose before": "Type the <code> element.\n\n::: internal\nSECRET\n:::\n",
    "an unclosed <pre> before": "<pre>\n\ntext\n\n::: internal\nSECRET\n:::\n",
    "an admonition inside the block": (
        "public\n\n:::: internal\n::: warning\nNever promise.\n:::\nSECRET\n::::\nend\n"),
    "an internal block inside the block": (
        "::: internal\n::: internal\ninner\n:::\nSECRET\n:::\nend\n"),
    "a no-break space in the marker": ":::\u00a0internal\nSECRET\n:::\n",
}


@pytest.mark.parametrize("body", FOOLED_THE_FENCE_TOGGLE.values(), ids=FOOLED_THE_FENCE_TOGGLE)
def test_internal_text_never_reaches_the_public_part(body: str) -> None:
    public, blocks, _ = split_internal(body)
    assert "SECRET" not in public
    assert "SECRET" not in markdown_to_html(public)
    assert any("SECRET" in block for block in blocks)


def test_a_marker_shown_inside_real_code_is_text() -> None:
    body = "```\n::: internal\nshown as an example\n:::\n```\nafter\n"
    public, blocks, problems = split_internal(body)
    assert public == body and blocks == [] and problems == []


def test_a_fence_inside_an_internal_block_does_not_end_it() -> None:
    public, blocks, problems = split_internal(
        "::: internal\n```\n:::\n```\nSECRET\n:::\npublic\n")
    assert public == "public\n" and "SECRET" in blocks[0] and problems == []


def test_unclosed_block_is_internal_to_the_end_and_reported() -> None:
    parts, problems = segments("Public\n\n::: internal\nSECRET\n\nmore SECRET\n")
    assert [p.internal for p in parts] == [False, True]
    assert parts[1].line == 4
    assert problems and problems[0][1] == 3


def test_segments_keep_their_body_lines() -> None:
    parts, _ = segments("a\n::: internal\nb\n:::\nc\n")
    assert [(p.text, p.internal, p.line) for p in parts] == [
        ("a", False, 1), ("b", True, 3), ("c\n", False, 5)]


LINES = st.sampled_from([
    "::: internal", ":::", "> ::: internal", "> :::", "```", "````", "~~~", "    ```",
    "    ::: internal", "- ::: internal", "  :::", "`", "``", "<!--", "-->", "<pre>", "</pre>",
    "", "text", "> quote", "SECRET", "# Heading", "| a | b |", "|---|---|",
])


@given(st.lists(LINES, max_size=30))
def test_what_is_left_public_holds_no_live_marker(lines: list[str]) -> None:
    """Splitting the public part again finds nothing internal: no marker survives in it
    that the parser would take for a real one, whatever the mixture of fences and quotes."""
    public, blocks, _ = split_internal("\n".join(lines))
    again, more, _ = split_internal(public)
    assert more == [] and again == public


def test_a_marker_uncovered_when_a_block_is_taken_out_is_taken_out_too() -> None:
    # Found by Hypothesis: the first `-->` closes the comment, so the second marker sat in
    # a fence; with the first block gone, the comment runs on to the last `-->` and the
    # fence lines are raw HTML, where the marker counts. Splitting again takes it out.
    body = "\n".join(["<!--", "::: internal", "-->", ":::", "```", "::: internal",
                      "Secret PIN 4471", "```", "-->"])
    public, blocks, problems = split_internal(body)
    assert "Secret PIN" not in public and ":::" not in public
    assert split_internal(public) == (public, [], [])
    assert any("Secret PIN" in block for block in blocks) and problems


def test_blocks_that_keep_uncovering_blocks_leave_nothing_public(monkeypatch) -> None:
    import kb_app.internal_blocks as module

    monkeypatch.setattr(module, "MAX_PASSES", 0)
    body = "\n".join(["<!--", "::: internal", "-->", ":::", "```", "::: internal", "x",
                      "```", "-->"])
    public, _, problems = split_internal(body)
    assert public == "" and "treated as internal" in str(problems[-1][0])


def test_closing_lines_alone_are_text_and_need_no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Admonitions (`:::note` … `:::`) leave close lines in many articles; with no line
    that opens a block they are text, decided without rendering the body (a parse per
    article was three quarters of reading a corpus for the index)."""
    from kb_app import internal_blocks

    def no_parse(*_args: object) -> set[int]:
        raise AssertionError("parsed")

    monkeypatch.setattr(internal_blocks, "_lines_in_code", no_parse)
    body = ":::note\nUse `code`.\n:::\n\n```\n:::\n```\n"
    public, blocks, problems = internal_blocks.split_internal(body)
    assert (public, blocks, problems) == (body, [], [])
