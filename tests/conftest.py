"""Shared fixtures: a small bilingual knowledge base in a temporary folder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

from kb_app.index import KnowledgeIndex
from kb_app.search import KnowledgeSearcher

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests check what is computed, not how fast: on 2 busy CI cores a first example
# that also imports modules can pass Hypothesis's 200 ms deadline and fail at random.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

SAMPLE = {
    "general/refund-policy.md": """\
        ---
        id: refund-policy
        title: How refunds work
        product: General
        tags: [refund, billing]
        summary: Refunds are paid to the original payment method within 14 days.
        visibility: public
        owner: Nusrat
        review_by: 2027-01-31
        ---
        # How refunds work

        Customers can ask for their money within 14 days of delivery.

        ## Processing time

        The reimbursement reaches bKash within 3 working days and cards within 7.

        ::: internal
        Escalate disputes over ৳10,000 to the billing desk, code RF-2.
        :::
        """,
    "general/warranty.md": """\
        ---
        id: warranty-policy
        title: Warranty policy
        product: General
        tags: [warranty]
        summary: Every device has a one-year warranty; Meghna Care adds two more years.
        visibility: public
        ---
        # Warranty policy

        The warranty covers manufacturing faults, not water damage.
        """,
    "router/setup.md": """\
        ---
        id: router-setup
        title: Set up the AirNest router
        product: AirNest Router
        tags: [setup, wifi]
        summary: Plug in, open the AirNest app and follow the steps.
        ---
        # Set up the AirNest router

        Download the AirNest app. Hold the reset button for ten seconds if setup fails.
        The router mentions refund nowhere except here: refund.
        """,
    "router/old-plan.md": """\
        ---
        id: old-plan
        title: Discontinued router rental plan
        product: AirNest Router
        status: archived
        summary: The rental plan ended in 2024.
        ---
        Router rental with monthly payment, no refund after 30 days.
        """,
    "router/draft-mesh.md": """\
        ---
        id: mesh-draft
        title: Adding a mesh satellite
        product: AirNest Router
        status: draft
        summary: Pair a satellite from the app's Mesh tab.
        ---
        Pair the satellite unit from the Mesh tab of the app.
        """,
    "bn/complaints.md": """\
        ---
        id: bn-complaints
        title: গ্রাহকদের অভিযোগগুলি কীভাবে সামলাবেন
        product: General
        language: bn
        tags: [অভিযোগ]
        summary: গ্রাহকের অভিযোগের উত্তর ২৪ ঘণ্টার মধ্যে দিন।
        ---
        # গ্রাহকদের অভিযোগগুলি কীভাবে সামলাবেন

        প্রথমে গ্রাহকের কথা শুনুন। টাকা ফেরতের অনুরোধ থাকলে রিফান্ড নীতি দেখুন।
        """,
    "bn/warranty.md": """\
        ---
        id: bn-warranty
        title: ওয়ারেন্টির নিয়ম
        product: General
        language: bn
        summary: প্রতিটি ডিভাইসে এক বছরের ওয়ারেন্টি আছে।
        visibility: public
        ---
        ওয়ারেন্টির মেয়াদ এক বছর। পানিতে ক্ষতি ওয়ারেন্টিতে পড়ে না।
        """,
    "synonyms.txt": """\
        # groups of words that mean the same
        refund, money back, reimbursement
        ফেরত, রিফান্ড
        """,
}


def write(root: Path, rel: str, text: str, dedent: bool = True) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
    return path


@contextmanager
def searcher_over(tmp_path: Path, articles: dict[str, str]) -> Iterator[KnowledgeSearcher]:
    """A searcher over a folder of these articles, indexed in one process."""
    for rel, text in articles.items():
        write(tmp_path / "articles", rel, text)
    kb = KnowledgeIndex(tmp_path / "index", tmp_path / "articles", lock_timeout=10)
    kb.sync(workers=1)
    with kb.searcher() as s:
        yield s


@pytest.fixture(scope="session")
def _model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One widened copy of the meaning model for the whole run (43 MB), not one a test."""
    return tmp_path_factory.mktemp("model")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                    _model_cache: Path):
    """Never touch the user's real cache or data folders."""
    monkeypatch.setenv("GYAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("GYAN_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("GYAN_MODEL_CACHE_DIR", str(_model_cache))


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for rel, text in SAMPLE.items():
        write(root, rel, text)
    return root


@pytest.fixture
def kb(kb_dir: Path, tmp_path: Path) -> KnowledgeIndex:
    index = KnowledgeIndex(tmp_path / "index", kb_dir, lock_timeout=10)
    index.sync()
    return index


@pytest.fixture
def searcher(kb: KnowledgeIndex):
    with kb.searcher() as s:
        yield s
