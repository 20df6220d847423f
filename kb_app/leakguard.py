"""A second, independent guard against `::: internal` text reaching the public website.

The first guard is `split_internal`, which leaves internal blocks out of the Markdown that
is rendered. If it ever fails (a parser change, an odd nesting), this one still catches
the leak: every non-trivial line of every internal block is compared, as normalised plain
text, with what is about to be published for that article. Lines are compared as their
sequence of words (markup, punctuation, case and spacing ignored), so `**code** RF-2`
matches `code RF-2` in a page. Lines shorter than `MIN_CHARS` and lines that also appear
in the article's public part (title, summary, product, tags, body outside the blocks)
are ignored, as they prove nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import markdown

from kb_app.analysis import normalise_word, words
from kb_app.articles import Article, Problem, split_internal
from kb_app.messages import translate
from kb_app.render import EXTENSIONS, bounded

MIN_CHARS = 8
WITHHELD = "not exported:"  # how a withheld article's problem starts
_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"[\\`*_\[\]<>&#|~]")  # a line without these renders to its own words


@dataclass(frozen=True)
class InternalLine:
    line: int  # line in the article's file
    words: tuple[str, ...]  # its normalised words


def plain(fragment: str) -> str:
    """The text of an HTML fragment."""
    return html.unescape(_TAG.sub(" ", fragment))


class Text:
    """Published text as one sequence of normalised words, searchable for whole lines.

    Each text given is kept apart (a line never matches across two of them). Words are
    only indexed when a line's words all occur in the text's normalised characters (a
    cheap test that almost every line fails), and a search starts from the line's
    rarest word."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = [plain(t) for t in texts]
        self.flat = "\n".join(_fold(t) for t in self.texts)
        self.words: list[str] | None = None
        self.at: dict[str, list[int]] = {}

    def _index(self) -> list[str]:
        if self.words is None:
            self.words = []
            for text in self.texts:
                for word, _, _ in words(text):
                    self.at.setdefault(word, []).append(len(self.words))
                    self.words.append(word)
                self.words.append("")  # a boundary: words() never yields an empty word
        return self.words

    def __contains__(self, line: tuple[str, ...]) -> bool:
        if not line or any(word not in self.flat for word in line):
            return False
        found = self._index()
        anchor = min(range(len(line)), key=lambda i: len(self.at.get(line[i], ())))
        return any(tuple(found[start - anchor:start - anchor + len(line)]) == line
                   for start in self.at.get(line[anchor], ()) if start >= anchor)


def _fold(text: str) -> str:
    """A whole text normalised as each of its words is (without the per-word cache)."""
    return normalise_word.__wrapped__(text)


def internal_lines(article: Article) -> list[InternalLine]:
    """The lines of the article's internal blocks that must not appear in its output.

    A line is compared as rendered (a link shows its text, not its address); a line of
    plain prose renders to its own words and is not rendered. The public part is taken
    as written: its words are all that matter for the exemption."""
    body = article.body
    blocks = split_internal(body)[1]
    if not blocks:
        return []
    outside = body
    for block in blocks:
        outside = outside.replace(block, "\n", 1)
    public = Text([article.title, article.summary, article.product, " ".join(article.tags),
                   outside])
    renderer = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    found = []
    for block in blocks:
        start = body.find(block)
        first = body.count("\n", 0, start) if start >= 0 else 0
        for offset, line in enumerate(block.split("\n")):
            # bounded as the renderer bounds it: 40,000 `[` in one internal line once
            # took minutes here, before anything was exported
            text = (plain(renderer.reset().convert(bounded(line)[0]))
                    if _MARKUP.search(line) else line)
            found_words = tuple(w for w, _, _ in words(text))
            if len(" ".join(found_words)) >= MIN_CHARS and found_words not in public:
                found.append(InternalLine(article.body_line + first + offset, found_words))
    return found


def leaked(lines: list[InternalLine], published: Text, exempt: Text | None = None
           ) -> list[int]:
    """File lines of internal text found in `published` (and not in `exempt`)."""
    return sorted({item.line for item in lines if item.words in published
                   and (exempt is None or item.words not in exempt)})


def withheld_problem(path: str, lines: list[int], where: str) -> Problem:
    """The error for an article held back because `where` held its internal lines."""
    shown = ", ".join(str(n) for n in lines[:10])
    return Problem.of(path, translate(
        "Export", "not exported: {where} contains text of its '::: internal' block (lines "
        "{lines})").format(where=where, lines=shown), lines[0], "error")


def withheld_paths(problems: Iterable[Problem]) -> list[str]:
    return sorted({p.path for p in problems if p.message.startswith(WITHHELD)})
