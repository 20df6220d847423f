"""The exported site in a real browser: search as a visitor does, open an answer."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest

from kb_app.export import ExportOptions, build_site
from tests.conftest import write
from tests.test_export_content import HOSTILE_TITLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="Chromium is not installed (Debian package chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def serve(out: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture
def site(kb_dir: Path, tmp_path: Path):
    out = tmp_path / "site"
    build_site(kb_dir, out, ExportOptions(title="Meghna help"))
    with serve(out) as url:
        yield url


@pytest.fixture
def hostile_site(tmp_path: Path):
    """Titles that try to end or comment out a script, and Bengali with a danda."""
    root, out = tmp_path / "kb", tmp_path / "site"
    for n, title in enumerate(HOSTILE_TITLES):
        meta = {"title": title, "summary": f"Summary {n}", "visibility": "public",
                "product": "Shop"}
        write(root, f"t{n}.md", f"---\n{json.dumps(meta)}\n---\nBody {n}\n", dedent=False)
    write(root, "bn.md", "---\ntitle: টাকা ফেরত\nlanguage: bn\nvisibility: public\n"
                         "summary: ফেরত।\n---\nটাকা ফেরত। পরে আবার দেখুন।\n")
    build_site(root, out)
    with serve(out) as url:
        yield url


@pytest.fixture
def page():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1000, "height": 800})
        yield tab
        browser.close()


def test_visitor_searches_and_opens_an_answer(site: str, page, tmp_path: Path) -> None:
    page.goto(f"{site}/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#q").type("refund", delay=20)
    first = page.locator("#results li a").first
    first.wait_for()
    assert first.inner_text() == "How refunds work"
    first.click()
    page.wait_for_url("**/articles/refund-policy.html")
    assert page.locator("h1").inner_text() == "How refunds work"
    assert "RF-2" not in page.content()  # internal block never exported
    page.screenshot(path=str(tmp_path / "site-article.png"), full_page=True)


def test_bengali_inflected_word_is_found_offline(site: str, page) -> None:
    page.goto(f"{site}/index.html")
    page.locator("#q").type("ওয়ারেন্টির", delay=20)
    page.locator("#results li a").first.wait_for()
    assert page.locator("#results li a").first.inner_text() == "ওয়ারেন্টির নিয়ম"
    page.locator("#q").fill("")
    page.locator("#q").type("xylophonic", delay=5)
    page.locator("#results h2").wait_for()
    assert "No articles match" in page.locator("#results h2").inner_text()


def test_the_site_stems_bengali_exactly_as_python_does(site: str, page) -> None:
    """Nouns and verbs, endings that come off only after a vowel sign, and conjuncts."""
    from kb_app.bengali import normalise, stem

    page.goto(f"{site}/index.html")
    words = ["গ্রাহকদেরকে", "অভিযোগগুলোর", "টাকার", "খবর", "ওয়ারেন্টির", "বদলাব", "বদলানো",
             "বদলাচ্ছে", "বদলালাম", "করব", "করবো", "করেছি", "পাবেন", "জবাব", "হবে", "যাবে",
             "কার্তুজগুলো", "বাড়িতে", "refund"]
    assert page.evaluate("words => words.map(w => window.gyanStem(w))", words) == [
        stem(normalise(w)) for w in words]


def test_faq_entries_open_in_place(site: str, page) -> None:
    page.goto(f"{site}/faq/general-en.html")
    entry = page.locator("details.faq").first
    assert entry.get_attribute("open") is None
    entry.locator("summary").click()
    assert entry.get_attribute("open") is not None
    assert entry.locator("p").first.is_visible()


def test_faq_survives_titles_that_look_like_script_tags(hostile_site: str, page) -> None:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{hostile_site}/faq/shop-en.html")
    assert page.locator("details.faq").count() == len(HOSTILE_TITLES)
    assert page.locator("footer.bottom").is_visible()
    data = page.evaluate("JSON.parse(document.querySelector("
                         "'script[type=\"application/ld+json\"]').textContent)")
    assert sorted(e["name"] for e in data["mainEntity"]) == sorted(HOSTILE_TITLES)
    page.locator("#q").type("here", delay=20)
    page.locator("#results li a").first.wait_for()
    assert page.locator("#results li a").first.inner_text() == HOSTILE_TITLES[1]
    assert dialogs == []


def test_search_splits_bengali_at_the_danda(hostile_site: str, page) -> None:
    page.goto(f"{hostile_site}/index.html")
    page.locator("#q").type("ফেরত। পরে", delay=20)
    page.locator("#results li a").first.wait_for()
    assert page.locator("#results li a").first.inner_text() == "টাকা ফেরত"


def test_a_visitor_typing_banglish_finds_the_bengali_answer(site: str, page) -> None:
    """The site keys Latin words as kb_app.banglish does: `meyad bochor` finds মেয়াদ এক
    বছর in the Bengali warranty article, and keys every word exactly as Python does."""
    page.goto(f"{site}/index.html")
    page.locator("#q").type("warentir meyad bochor", delay=20)
    first = page.locator("#results li a").first
    first.wait_for()
    assert first.inner_text() == "ওয়ারেন্টির নিয়ম"
    words = ["taka", "ferot", "pherat", "shomoy", "routerer", "recharge", "deliverite",
             "hocche", "ossubidha", "bangla", "technician", "x", "nai", "warranty"]
    from kb_app.banglish import latin_keys

    assert page.evaluate("words => words.map(w => window.gyanLatinKeys(w))", words) == [
        latin_keys(w) for w in words]
