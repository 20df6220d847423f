"""A few hostile bytes must never hang the core: each shape here took seconds to minutes
(quadratic patterns, Python-Markdown's inline pass) before it was bounded. The limits
asserted are generous hang guards, not timings: the old code took 20 to 300 times longer."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kb_app import plaintext
from kb_app.articles import parse_article
from kb_app.index import KnowledgeIndex
from kb_app.internal_blocks import split_internal
from kb_app.render import CUT_NOTE, markdown_to_html, render_article
from kb_app.snippets import Matcher, best_snippet
from tests.conftest import write

N = 100_000
LINES = {
    "brackets": "[" * N,
    "image openers": "![" * N,
    "link openers": "[a](" * N,
    "angle brackets": "<" * N,
    "html openers": "<a " * N,
    "autolinks": "<http://" * (N // 4),
    "underscores inside a word": "a" + "_" * N + "a",
    "spaces in a heading": "# " + " " * N + "x",
    "spaces before a table rule": "|" + " " * N + "x",
    "code spans in one paragraph": ("word `code` " * 50 + "\n") * 400,
    # one compound of a hundred thousand parts: its words as written and its sounds are
    # derived from the stored text (kb_app.wordlists)
    "one long hyphenated name": "wi-" * N + "fi",
    "one long dotted name": "next." * N + "js",
    "one long Bengali hyphenated name": "ওয়াই-" * (N // 4) + "ফাই",
    # found by a helper's hunt: inline code opening a line was taken for a fence, and the
    # limits were off for the rest of the article (40,000 `[` took minutes)
    "a fake fence before brackets": "```x``` is inline code\n\n" + "[" * 40_000,
    "a fence never closed before brackets": "```\nnot closed\n\n" + "[" * 40_000,
    "many fences never closed": "````x\n" * 20_000 + "[" * 40_000,
}


def quickly(work, limit: float = 10.0):
    start = time.monotonic()
    result = work()
    assert time.monotonic() - start < limit
    return result


@pytest.mark.parametrize("text", LINES.values(), ids=LINES)
def test_plain_text_for_the_index_is_linear(text: str) -> None:
    quickly(lambda: plaintext.sections(text), 3.0)


@pytest.mark.parametrize("text", LINES.values(), ids=LINES)
def test_rendering_is_bounded(text: str) -> None:
    quickly(lambda: markdown_to_html(text))


def test_rendering_shows_a_huge_article_in_part_and_says_so() -> None:
    html_text = markdown_to_html("Line of text.\n\n" * 20_000)
    assert html_text.endswith(CUT_NOTE) and html_text.count("<p>") < 20_000


def test_ordinary_markdown_is_rendered_as_before() -> None:
    text = "Hello [link](x.md) <b>bold</b> `[code]`\n\n```\n[[[\n```\n"
    assert markdown_to_html(text) == (
        '<p>Hello <a href="x.md">link</a> <b>bold</b> <code>[code]</code></p>\n'
        "<pre><code>[[[\n</code></pre>")


def test_many_tiny_internal_blocks_render_quickly() -> None:
    article, problems = parse_article("---\ntitle: t\n---\n" + "::: internal\nx\n:::\n"
                                      * 100_000, "a.md", "a", "a")
    assert any("KB long" in p.message for p in problems)
    rendered = quickly(lambda: render_article(article, Path("/tmp")))
    assert CUT_NOTE in rendered.html


def test_deciding_internal_blocks_is_bounded() -> None:
    body = ("`c` " * 40 + "\n") * 5_000 + "::: internal\nsecret\n:::\n"
    public, blocks, _ = quickly(lambda: split_internal(body))
    assert "secret" not in public and blocks == ["secret"]


def test_a_snippet_from_an_article_repeating_the_word_is_quick() -> None:
    """20,000 repeats of the word cost 18.8 s a search (every match counted the others)."""
    packed = plaintext.pack([plaintext.Section("", "refund policy " * 20_000)])
    snippet = quickly(lambda: best_snippet(packed, "", Matcher({"refund"}, set())), 2.0)
    assert snippet.html.startswith("<mark>refund</mark>")
    line = plaintext.pack([plaintext.Section("", "refund" * 800_000)])
    quickly(lambda: best_snippet(line, "", Matcher({"refund"}, {"ref"})), 2.0)


def test_a_folder_of_hostile_articles_indexes_and_searches(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    write(root, "fine.md", "---\ntitle: Refund policy\n---\nRefunds take 14 days.\n")
    for n, text in enumerate(LINES.values()):
        write(root, f"hostile-{n}.md", f"# Hostile {n}\n\n{text}\n\nrefund\n", dedent=False)
    write(root, "repeats.md", "# Repeats\n\n" + "refund " * 80_000 + "\n")
    kb = KnowledgeIndex(tmp_path / "index", root, lock_timeout=10)
    quickly(lambda: kb.sync(workers=1), 60.0)
    with kb.searcher() as searcher:
        response = quickly(lambda: searcher.search("refund", limit=20), 5.0)
    assert response.total == len(LINES) + 2


@pytest.mark.parametrize("text", [LINES["brackets"], LINES["link openers"],
                                  LINES["image openers"]], ids=["[", "[a](", "!["])
def test_link_checks_and_relinking_are_linear(text: str, tmp_path: Path) -> None:
    """`kb check`, the editor's validation and moves all scan links with one pattern,
    which rescanned the line from every `[` (3 s for 20 KB of `[a](`)."""
    from kb_app.checks import missing_links
    from kb_app.editing import relink

    quickly(lambda: missing_links(text, "a.md", tmp_path), 2.0)
    quickly(lambda: relink(text, "a.md", {"b.md": "c/b.md"}), 2.0)


def test_real_fences_still_keep_their_brackets_as_written() -> None:
    """Taming leaves code alone: a real fenced block of brackets shows them as typed."""
    html_text = markdown_to_html("text\n\n```\n" + "[" * 3_000 + "\n```\n\n" + "[" * 600)
    assert "[" * 3_000 in html_text and "&amp;#91;" not in html_text


def test_an_internal_line_of_brackets_is_checked_quickly(tmp_path: Path) -> None:
    """The leak check renders each internal line; 40,000 `[` once took minutes there,
    before anything was exported."""
    from kb_app.export import build_site

    write(tmp_path / "kb", "a.md", "---\ntitle: T\nvisibility: public\n---\nPublic.\n\n"
          "::: internal\n" + "[" * 40_000 + "\n:::\n")
    quickly(lambda: build_site(tmp_path / "kb", tmp_path / "site"), 10.0)

