"""200+ realistic agent queries over the benchmark corpus, deterministic.

A hand-written core (how support agents phrase things: fragments, typos, half-typed last
words) plus queries drawn from the corpus's own titles and headings.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from bench.corpus import source_files

HAND_WRITTEN = [
    "cancel subscription", "change plan", "upgrade plan", "billing", "invoice download",
    "refund", "refu", "two factor", "2fa", "reset password", "change email", "delete account",
    "add team member", "users roles", "shared link", "embed dashboard", "custom domain",
    "proxy", "nginx proxy", "cloudflare", "wordpress plugin", "shopify", "wix", "squarespace",
    "google analytics import", "gogle analytics", "import csv", "export data", "csv export",
    "stats api", "api key", "events api", "custom events", "goal conversions", "pageview goals",
    "revenue tracking", "ecommerce revenue", "funnel", "funnels analysis", "utm tags",
    "utm campaign", "referrer", "bot traffic", "exclude my visits", "block ip", "localhost",
    "hash routing", "outbound links", "file downloads", "404 error page", "scroll depth",
    "time on page", "bounce rate", "visit duration", "unique visitors", "countries",
    "city location", "gdpr", "cookie banner", "privacy", "data retention", "email reports",
    "slack notifications", "traffic spike", "annotations", "compare periods", "segments",
    "filters", "search console", "keywords", "white label", "agency", "trial ends",
    "free trial", "payment failed", "vat invoice", "enterprise plan", "consolidated view",
    "script not working", "verify installation", "subdomain tracking", "cross domain",
    "single page app", "react", "next.js", "gatsby", "ghost blog", "webflow", "carrd",
    "warrenty", "subscripton", "analitics", "dashbord", "instalation", "integraton",
    "how do i cancel my plan", "why are my stats empty", "is plausible gdpr compliant",
    "can i import old data", "how to add a website", "where is my invoice",
]

_TITLE = re.compile(r"^title:\s*(.+)$", re.MULTILINE)
_HEADING = re.compile(r"^#{2,3}\s+(.+)$", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{2,}")


def corpus_queries(count: int = 140, seed: int = 7) -> list[str]:
    """Two- and three-word phrases from titles and headings, some with the last word cut."""
    rng = random.Random(seed)
    phrases: list[str] = []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        for match in list(_TITLE.finditer(text)) + list(_HEADING.finditer(text)):
            words = [w.lower() for w in _WORD.findall(match.group(1))]
            if len(words) >= 2:
                phrases.append(" ".join(words[:3]))
    rng.shuffle(phrases)
    chosen = []
    for phrase in phrases[:count]:
        if rng.random() < 0.3:  # still typing the last word
            head, _, last = phrase.rpartition(" ")
            phrase = f"{head} {last[: max(3, len(last) // 2)]}".strip()
        chosen.append(phrase)
    return chosen


def all_queries() -> list[str]:
    return HAND_WRITTEN + corpus_queries()


if __name__ == "__main__":
    queries = all_queries()
    print(len(queries))
    print("\n".join(queries[:20]))


def bengali_queries() -> list[str]:
    """The Banglish, loanword and mixed queries, and the Bengali ones of the quality set:
    what agents type over a corpus with Bengali articles in it."""
    folder = Path(__file__).parent
    banglish = json.loads((folder / "banglish_queries.json").read_text(encoding="utf-8"))
    quality = json.loads((folder / "quality_queries.json").read_text(encoding="utf-8"))
    bengali = [q for q, _ in quality["bundled"] if any("\u0980" <= c <= "\u09ff" for c in q)]
    return [case["query"] for case in banglish] + bengali


AGENT_QUERIES = 441
CUT_SHARE = 0.4  # agents search before they finish the last word


def agent_queries(count: int = AGENT_QUERIES, seed: int = 11) -> list[str]:
    """The scale benchmark's queries: the hand-written ones and distinct title and heading
    phrases up to `count`, the last word cut short in 40% of them (at least 3 letters
    kept), as agents type them mid-call. Deterministic."""
    rng = random.Random(seed)
    phrases = sorted(set(_phrases()) - set(HAND_WRITTEN))
    rng.shuffle(phrases)
    chosen = HAND_WRITTEN + phrases[: max(0, count - len(HAND_WRITTEN))]
    typed = []
    for query in chosen:
        head, _, last = query.rpartition(" ")
        if rng.random() < CUT_SHARE and len(last) > 3:
            last = last[: rng.randint(3, len(last) - 1)]
        typed.append(f"{head} {last}".strip())
    return typed


def _phrases() -> list[str]:
    found = []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        for match in list(_TITLE.finditer(text)) + list(_HEADING.finditer(text)):
            words = [w.lower() for w in _WORD.findall(match.group(1))]
            if len(words) >= 2:
                found.append(" ".join(words[:3]))
    return found
