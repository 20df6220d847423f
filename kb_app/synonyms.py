"""Synonym groups that product staff keep in `synonyms.txt` in the articles folder.

One group per line, comma-separated (`refund, money back, reimbursement`), `#` starts a
comment. Groups are applied to queries, not to the index, so editing the file takes effect
on the next search without re-indexing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kb_app.analysis import terms
from kb_app.messages import translate
from kb_app.problems import Problem

SYNONYMS_FILE = "synonyms.txt"  # in the articles folder; not an article

Phrase = tuple[str, ...]  # analysed terms of one synonym


@dataclass
class Synonyms:
    groups: list[list[Phrase]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    _by_first: dict[str, list[tuple[Phrase, int]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, group in enumerate(self.groups):
            for phrase in group:
                self._by_first.setdefault(phrase[0], []).append((phrase, index))
        for options in self._by_first.values():
            options.sort(key=lambda item: len(item[0]), reverse=True)

    def match(self, query_terms: list[str], start: int) -> tuple[int, list[Phrase]] | None:
        """The longest synonym starting at `start`: (terms consumed, the whole group)."""
        for phrase, group in self._by_first.get(query_terms[start], ()):
            if tuple(query_terms[start:start + len(phrase)]) == phrase:
                return len(phrase), self.groups[group]
        return None


def parse_synonyms(text: str, source: str = SYNONYMS_FILE) -> Synonyms:
    groups: list[list[Phrase]] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        phrases = list(dict.fromkeys(p for p in (tuple(terms(part)) for part in line.split(","))
                                     if p))
        if len(phrases) < 2:
            problems.append(Problem.of(source, translate(
                "Problems", "a synonym group needs at least two entries separated by commas"),
                number, "warning"))
            continue
        groups.append(phrases)
    return Synonyms(groups, problems)


def load_synonyms(articles_dir: Path) -> Synonyms:
    path = articles_dir / SYNONYMS_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Synonyms()
    except (OSError, UnicodeDecodeError) as exc:
        return Synonyms(problems=[Problem.of(SYNONYMS_FILE, translate(
            "Problems", "cannot be read: {reason}").format(reason=str(exc)))])
    return parse_synonyms(text)
