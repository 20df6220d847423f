"""The website export is a security boundary: try to leak everything, and fail to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb_app.export import ExportOptions, build_site, export_json, is_exported
from tests.conftest import write

SECRET = "SECRET-7731"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24  # the signature is what the export checks


def site_text(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(out.rglob("*")) if p.is_file())


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    """A folder where every kind of thing that must not leak carries SECRET."""
    root = tmp_path / "kb"
    write(root, "public.md", f"""\
        ---
        id: public
        title: Public answer
        product: Router
        summary: Restart the router.
        visibility: public
        owner: Owner-{SECRET}
        review_by: 2031-01-01
        ---
        # Public answer

        Steps for everyone. See [the draft](draft.md), [internal](internal.md),
        [archived](archived.md), [missing](nope.md), [the other](other.md) and
        [docs](https://example.com/help).

        ::: internal
        Escalation code {SECRET}-block
        :::

        After the block.
        """)
    write(root, "other.md", "---\nid: other\ntitle: Other public\nvisibility: public\n"
                            "summary: Other.\n---\nBack to [public](public.md#steps).\n")
    write(root, "draft.md", f"---\ntitle: Draft {SECRET}\nstatus: draft\nvisibility: public\n"
                            f"---\n{SECRET}-draft\n")
    write(root, "internal.md", f"---\ntitle: Internal {SECRET}\nvisibility: internal\n---\n"
                               f"{SECRET}-internal\n")
    write(root, "archived.md", f"---\ntitle: Archived {SECRET}\nstatus: archived\n"
                               f"visibility: public\n---\n{SECRET}-archived\n")
    write(root, "default.md", f"---\ntitle: No visibility {SECRET}\n---\n{SECRET}-default\n")
    write(root, "unclosed.md", f"---\ntitle: Unclosed\nvisibility: public\nsummary: x\n---\n"
                               f"Fine.\n::: internal\n{SECRET}-unclosed\n")
    return root


def test_nothing_internal_leaks_into_the_site(leaky: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = build_site(leaky, out, ExportOptions(base_url="https://help.example.com"))
    assert report.articles == 3
    text = site_text(out)
    assert SECRET not in text
    assert "Owner-" not in text and "2031-01-01" not in text
    page = (out / "articles/public.html").read_text()
    assert "After the block." in page and "Steps for everyone." in page
    assert "the draft" in page and 'href="draft' not in page and "internal.html" not in page
    assert "missing" in page and "nope" not in page
    assert '<a href="other.html">the other</a>' in page
    assert 'href="https://example.com/help"' in page
    assert 'href="public.html#steps"' in (out / "articles/other.html").read_text()


def test_json_export_has_the_same_boundary(leaky: Path, tmp_path: Path) -> None:
    report = export_json(leaky, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text())
    assert report.articles == 3 and not report.withheld
    assert SECRET not in json.dumps(data, ensure_ascii=False)
    record = next(r for r in data["articles"] if r["id"] == "public")
    assert set(record) == {"id", "title", "product", "tags", "language", "summary", "html",
                           "updated"}


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '[md link](javascript:alert(1))',
    '![img](javascript:alert(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<body onload=alert(1)>',
    '<object data="evil.swf"></object>',
    '<form action="https://evil.example"><input name=x></form>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>',
    '<p onclick="alert(1)">para</p>',
]


@pytest.mark.parametrize("payload", XSS)
def test_no_script_survives(payload: str, tmp_path: Path) -> None:
    root = tmp_path / "kb"
    write(root, "x.md", f"---\ntitle: X\nvisibility: public\nsummary: s\n---\n\n{payload}\n",
          dedent=False)
    out = tmp_path / "site"
    build_site(root, out)
    page = (out / "articles/x.html").read_text().lower()
    body = page.split('<div class="body">', 1)[1].split("</div>\n", 1)[0]
    assert "<script" not in body and "javascript:" not in body and "onerror" not in body
    assert "onload" not in body and "onclick" not in body and "<iframe" not in body
    assert "data:text/html" not in body and "<object" not in body and "<form" not in body


def test_export_is_deterministic(tmp_path: Path, kb_dir: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build_site(kb_dir, first)
    build_site(kb_dir, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_reexport_removes_pages_no_longer_public(tmp_path: Path, kb_dir: Path) -> None:
    out = tmp_path / "site"
    build_site(kb_dir, out)
    assert (out / "articles/warranty-policy.html").exists()
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text().replace("visibility: public", "visibility: internal"))
    report = build_site(kb_dir, out)
    assert "articles/warranty-policy.html" in report.removed
    assert not (out / "articles/warranty-policy.html").exists()
    assert "warranty-policy" not in (out / "index.html").read_text()


def test_pages_have_lang_titles_descriptions_faq_json_ld_and_sitemap(kb_dir: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(kb_dir, out, ExportOptions(base_url="https://help.example.com/"))
    bn = (out / "articles/bn-warranty.html").read_text()
    assert '<html lang="bn">' in bn and "<title>ওয়ারেন্টির নিয়ম" in bn
    assert '<meta name="description" content="প্রতিটি ডিভাইসে' in bn
    assert '<link rel="canonical" href="https://help.example.com/articles/bn-warranty.html">' in bn
    faq = (out / "faq/general-en.html").read_text()
    data = json.loads(faq.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "FAQPage"
    for entity in data["mainEntity"]:
        assert entity["@type"] == "Question" and entity["name"]
        assert entity["acceptedAnswer"]["@type"] == "Answer" and entity["acceptedAnswer"]["text"]
    assert "<details" in faq
    sitemap = (out / "sitemap.xml").read_text()
    assert "https://help.example.com/articles/refund-policy.html" in sitemap
    assert (out / "404.html").exists()


def test_filters_and_images(tmp_path: Path, kb_dir: Path) -> None:
    (kb_dir / "general/img").mkdir()
    (kb_dir / "general/img/chart.png").write_bytes(PNG)
    path = kb_dir / "general/warranty.md"
    path.write_text(path.read_text() + "\n![Chart](img/chart.png) ![gone](img/missing.png)\n")
    out = tmp_path / "site"
    build_site(kb_dir, out, ExportOptions(language="en"))
    assert (out / "assets/general/img/chart.png").read_bytes() == PNG
    page = (out / "articles/warranty-policy.html").read_text()
    assert 'src="../assets/general/img/chart.png"' in page and "missing.png" not in page
    assert not (out / "articles/bn-warranty.html").exists()


def test_is_exported_rule() -> None:
    from kb_app.articles import Article

    base = dict(id="a", path="a.md", title="A", body="")
    assert is_exported(Article(**base, status="published", visibility="public"), ExportOptions())
    assert not is_exported(Article(**base, status="draft", visibility="public"), ExportOptions())
    assert not is_exported(Article(**base), ExportOptions())  # visibility defaults to internal
