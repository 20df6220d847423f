from pathlib import Path

from kb_app.articles import read_article
from kb_app.render import ARTICLE_SCHEME, highlight, render_article
from kb_app.snippets import Matcher
from tests.conftest import write


def test_article_renders_with_answer_box_internal_block_and_links(kb_dir: Path) -> None:
    write(kb_dir, "general/links.md", """\
        ---
        title: Links
        summary: Read <this> aloud.
        ---
        # Links

        See [warranty](warranty.md#cover) and [site](https://example.com) ![pic](img/a.png)

        | a | b |
        |---|---|
        | 1 | 2 |

        ::: internal
        Call **Tier 2**.
        :::
        """)
    article, _ = read_article(kb_dir / "general/links.md", kb_dir)
    out = render_article(article, kb_dir).html
    assert 'class="summary"' in out and "Read &lt;this&gt; aloud." in out
    assert f'href="{ARTICLE_SCHEME}:general/warranty.md#cover"' in out
    assert 'href="https://example.com"' in out
    assert (kb_dir / "general/img/a.png").as_uri() in out
    assert "<table>" in out or "<table" in out
    assert 'class="internal"' in out and "<strong>Tier 2</strong>" in out
    assert "<h1>Links</h1>" not in out  # the pane shows the title itself


def test_highlight_marks_words_not_tags() -> None:
    matcher = Matcher({"refund"}, set())
    rendered = highlight('<p class="refund">Refunds &amp; refund <a href="refund">x</a></p>',
                         matcher)
    assert rendered.hits == 2
    assert rendered.html.count('<span class="hit">') == 2
    assert 'class="refund"' in rendered.html and 'href="refund"' in rendered.html
    assert '<span class="hit">Refunds</span>' in rendered.html
    assert "&amp;" in rendered.html
