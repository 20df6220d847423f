"""What the site says: JSON that no title can break out of, the same bytes from any
process, internal text held back even if the first guard fails, Bengali words split
at the danda."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb_app import articles, config, export
from kb_app.cli import main
from kb_app.export import build_site, export_json
from kb_app.sitefiles import INDEX_START, json_for_html
from tests.conftest import write
from tests.test_export import SECRET, site_text

NODE = shutil.which("node")
HOSTILE_TITLES = ["Pay <!--<script> now", "End </script><script>alert(1)</script> here",
                  "Amp & <b>bold</b> ]]> --> <!-- x"]


class Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[dict, str]] = []
        self._attrs: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self._attrs = dict(attrs)
            self.found.append((self._attrs, ""))

    def handle_data(self, data: str) -> None:
        if self._attrs is not None:
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._attrs = None


@pytest.fixture
def hostile_titles(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    for n, title in enumerate(HOSTILE_TITLES):
        meta = {"title": title, "summary": f"Summary {title}", "visibility": "public",
                "product": "Shop"}  # JSON is YAML: any title, exactly as written
        write(root, f"t{n}.md", f"---\n{json.dumps(meta)}\n---\nBody\n", dedent=False)
    return root


def test_titles_cannot_break_out_of_the_faq_json_ld(hostile_titles: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(hostile_titles, out)
    page = (out / "faq/shop-en.html").read_text()
    parser = Scripts()
    parser.feed(page)
    [(_, json_ld)] = [(a, t) for a, t in parser.found if a.get("type") == "application/ld+json"]
    assert "<" not in json_ld and ">" not in json_ld and "&" not in json_ld
    data = json.loads(json_ld)
    assert sorted(e["name"] for e in data["mainEntity"]) == sorted(HOSTILE_TITLES)
    assert page.count("<details") == len(HOSTILE_TITLES)


def test_search_index_is_safe_to_load(hostile_titles: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(hostile_titles, out)
    script = (out / "search-index.js").read_text()
    assert script.startswith(INDEX_START) and script.endswith(";\n")
    body = script[len(INDEX_START):-2]
    assert not set("<>&\u2028\u2029") & set(body)
    assert sorted(d[1] for d in json.loads(body)["docs"]) == sorted(HOSTILE_TITLES)
    if NODE:
        shown = subprocess.run([NODE, "-e", "global.window = {}; require(process.argv[1]); "
                                "console.log(JSON.stringify(window.GYAN_INDEX.docs))",
                                str(out / "search-index.js")], capture_output=True,
                               text=True, check=True).stdout
        assert sorted(d[1] for d in json.loads(shown)) == sorted(HOSTILE_TITLES)


def test_json_for_html_escapes_everything_that_ends_or_changes_a_script() -> None:
    text = json_for_html({"a": "</script><!--<script>&\u2028\u2029]]>"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><!--<script>&\u2028\u2029]]>"}


RUN = ("import sys; from pathlib import Path; from kb_app.export import build_site; "
       "build_site(Path(sys.argv[1]), Path(sys.argv[2]))")


def test_two_processes_with_different_hash_seeds_write_the_same_bytes(kb_dir: Path,
                                                                      tmp_path: Path) -> None:
    write(kb_dir, "bn/more.md", """\
        ---
        id: bn-more
        title: টাকা ফেরতের নিয়মগুলি
        language: bn
        visibility: public
        summary: গ্রাহকদেরকে টাকা ফেরত দেওয়া হয়।
        ---
        গ্রাহকেরা অভিযোগগুলো জানিয়েছেন। ডিভাইসটির ওয়ারেন্টিতে পড়ে না। কর্মীদের সাথে কথা বলুন।
        """)
    outs = []
    for seed in ("1", "2", "random"):
        out = tmp_path / f"site-{seed}"
        subprocess.run([sys.executable, "-c", RUN, str(kb_dir), str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed},
                       cwd=Path(__file__).resolve().parents[1])
        outs.append(out)
    names = sorted(p.relative_to(outs[0]).as_posix() for p in outs[0].rglob("*") if p.is_file())
    assert "search-index.js" in names and "articles/bn-more.html" in names
    for out in outs[1:]:
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                      if p.is_file()) == names
        for name in names:
            assert (out / name).read_bytes() == (outs[0] / name).read_bytes(), name


def test_search_index_words_split_at_the_danda(tmp_path: Path) -> None:
    root, out = tmp_path / "kb", tmp_path / "site"
    write(root, "bn.md", "---\ntitle: Refund\nlanguage: bn\nvisibility: public\n---\n"
                         "টাকা ফেরত। পরে\n")
    build_site(root, out)
    index = json.loads((out / "search-index.js").read_text()[len(INDEX_START):-2])
    assert "ফেরত" in index["words"] and "পরে" in index["words"]
    assert not [w for w in index["words"] if "।" in w or "॥" in w]


# -- the second guard against internal text ---------------------------------------------

INTERNAL_ARTICLE = f"""\
---
id: public
title: Public answer
summary: Restart the router.
visibility: public
---
Steps for everyone: restart the router and wait two minutes.

::: internal
Escalation code {SECRET} goes to the billing desk
Call us
Steps for everyone: restart the router and wait two minutes.
:::

After the block.
"""


@pytest.fixture
def guarded(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    write(root, "public.md", INTERNAL_ARTICLE, dedent=False)
    write(root, "other.md", "---\nid: other\ntitle: Other public\nvisibility: public\n"
                            "summary: Other.\n---\nBack to [the public one](public.md).\n")
    return root


@pytest.fixture
def leaky_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first guard broken: every internal block stays in the public Markdown."""
    real = articles.split_internal

    def leak(body: str):
        _, blocks, problems = real(body)
        return body, blocks, problems

    monkeypatch.setattr(articles, "split_internal", leak)
    assert SECRET in articles.Article("x", "x.md", "x", INTERNAL_ARTICLE).public_body


def test_guard_is_quiet_when_nothing_leaks(guarded: Path, tmp_path: Path) -> None:
    report = build_site(guarded, tmp_path / "site")
    assert report.withheld == [] and report.articles == 2
    assert "After the block." in (tmp_path / "site/articles/public.html").read_text()


def test_bundled_articles_are_not_withheld(tmp_path: Path) -> None:
    report = build_site(config.bundled_articles_dir(), tmp_path / "site")
    assert report.withheld == [] and report.articles > 10


def assert_withheld(out: Path, report) -> None:
    assert SECRET not in site_text(out) and "7731" not in site_text(out)
    assert not (out / "articles/public.html").exists()
    assert report.withheld == ["public.md"]
    [error] = [p for p in report.problems if p.path == "public.md" and p.severity == "error"]
    assert error.line == 10 and "(lines 10)" in error.message  # not the short or public line
    other = (out / "articles/other.html").read_text()
    assert "the public one" in other and "public.html" not in other
    assert "public.html" not in (out / "index.html").read_text() + (out / "sitemap.xml").read_text()
    assert "Public answer" not in site_text(out)


def test_a_leak_past_the_first_guard_is_withheld(guarded: Path, tmp_path: Path,
                                                 leaky_split: None, capsys) -> None:
    out = tmp_path / "site"
    assert_withheld(out, build_site(guarded, out))
    code = main(["export", "site", "--articles", str(guarded), "--out", str(tmp_path / "s2")])
    err = capsys.readouterr().err
    assert code == 3 and "public.md" in err and "not exported" in err
    assert (tmp_path / "s2/articles/other.html").exists()


def test_the_rendered_page_is_checked_too(guarded: Path, tmp_path: Path, leaky_split: None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Both the splitter and the check of the page's parts broken: the check of the
    rendered files still withholds the article, and everything is rendered without it."""
    monkeypatch.setattr(export, "withhold_leaks", lambda pages: (pages, []))
    out = tmp_path / "site"
    report = build_site(guarded, out)
    assert SECRET not in site_text(out) and not (out / "articles/public.html").exists()
    assert report.withheld == ["public.md"]
    assert "7731" not in (out / "search-index.js").read_text()


def test_json_export_withholds_a_leaking_record(guarded: Path, tmp_path: Path,
                                                leaky_split: None, capsys) -> None:
    report = export_json(guarded, tmp_path / "out.json")
    text = (tmp_path / "out.json").read_text()
    assert SECRET not in text and report.withheld == ["public.md"]
    assert [r["id"] for r in json.loads(text)["articles"]] == ["other"]
    code = main(["export", "json", "--articles", str(guarded), "--out", str(tmp_path / "b.json")])
    assert code == 3 and "public.md" in capsys.readouterr().err
