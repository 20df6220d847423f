"""Articles: Markdown files with optional YAML front matter, read defensively.

A knowledge base is written by many hands; one broken file must never hide the others.
Every problem is reported with the file (and line where known) and reading goes on: an
error skips the article, a warning keeps it with the bad field ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb_app import folder, plaintext
from kb_app.internal_blocks import split_internal
from kb_app.messages import Message, translate
from kb_app.problems import Problem, duplicate_problem

try:  # the C loader is several times faster on large folders
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_BYTES = 5 * 1024 * 1024
MAX_SHOWN_CHARS = 128 * 1024  # kb_app.render.MAX_RENDERED_CHARS: longer is shown in part
MAX_FRONT_MATTER_BYTES = 64 * 1024  # a front matter this big is a mistake or an attack
STATUSES = ("draft", "published", "archived")
VISIBILITIES = ("public", "internal")
KNOWN_KEYS = frozenset(
    "id title product tags language summary status visibility owner review_by updated".split()
)

_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
# No two quantifiers that can take the same characters: `^#\s+(.+?)\s*#*\s*$` backtracked
# cubically, and a draft's `# a` + 6,000 spaces + `b` held up every export for minutes.
_H1 = re.compile(r"^#[ \t]+(\S.*)$", re.MULTILINE)


class _SharedNodes(yaml.MarkedYAMLError):
    """Front matter that uses YAML anchors and aliases (`&a`, `*a`)."""


class _FrontMatterLoader(_BaseLoader):
    """Safe YAML for front matter, with two guards the stock safe loader lacks.

    Aliases are refused: a few hundred bytes of nested aliases ("billion laughs") expand
    into gigabytes as soon as a value is turned into text, and articles never need them.
    An impossible date such as `2026-02-30` stays the text it is, for the field check to
    report, instead of raising ValueError from deep inside the loader.
    """

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _refuse_shared_nodes(node)
        return self.construct_document(node)

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):  # `!!timestamp soon` too
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                   _FrontMatterLoader.construct_yaml_timestamp)


def _refuse_shared_nodes(root: yaml.Node) -> None:
    """Raise if any node is reached twice: that is what an alias makes."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise _SharedNodes(problem="anchors and aliases (&name, *name) are not allowed "
                               "in front matter", problem_mark=node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending.extend((key, value))


Warn = Callable[..., None]  # warn(message, key=None): a problem with one front-matter key


class ArticleError(Exception):
    """An article that cannot be read at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Article:
    id: str
    path: str  # relative to the articles folder, POSIX separators
    title: str
    body: str  # the Markdown after the front matter, internal blocks included
    product: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = "en"
    summary: str = ""
    status: str = "published"
    visibility: str = "internal"
    owner: str = ""
    review_by: dt.date | None = None
    updated: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    body_line: int = 1  # the file line where `body` starts

    @property
    def public_body(self) -> str:
        """The body without `::: internal` blocks: what may leave the app."""
        return split_internal(self.body)[0]

    @property
    def sections(self) -> list[plaintext.Section]:
        return plaintext.sections(self.body)

    def to_dict(self, keys: Iterable[str] | None = None) -> dict[str, Any]:
        """See `article_record`."""
        return article_record(self, RECORD_KEYS if keys is None else keys)


# An article's fields as one plain record: `kb show --json`, the editor's form and (only
# the public keys: staff fields such as owner and review_by never leave) the JSON export.
RECORD_KEYS = ("id", "title", "path", "product", "tags", "language", "summary", "status",
               "visibility", "owner", "review_by", "updated")
PUBLIC_RECORD_KEYS = ("id", "title", "product", "tags", "language", "summary", "updated")


def article_record(article: Article, keys: Iterable[str] = RECORD_KEYS) -> dict[str, Any]:
    """The article's `keys` as JSON values: text, the tags as a list, dates as YYYY-MM-DD
    or None when unset. One shape for everything that shows an article as data."""
    record: dict[str, Any] = {}
    for key in keys:
        value = getattr(article, key)
        record[key] = value.isoformat() if isinstance(value, dt.date) else (
            list(value) if isinstance(value, list) else value)
    return record


@dataclass
class LoadResult:
    articles: list[Article]
    problems: list[Problem]


def article_files(root: Path) -> list[Path]:
    """Every article file under `root`, in path order (see kb_app.folder for which)."""
    return [root / rel for rel in folder.scan(root).files]


def relative_id(path: Path, root: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def read_article(path: Path, root: Path) -> tuple[Article, list[Problem]]:
    """Parse one file; raises ArticleError when it cannot be used, returns warnings."""
    rel = path.relative_to(root).as_posix()
    return parse_article(_read_text(path, rel), rel, relative_id(path, root), path.stem)


def parse_article(text: str, rel: str, default_id: str,
                  stem: str) -> tuple[Article, list[Problem]]:
    """Parse article text (as read from `rel`); raises ArticleError, returns warnings."""
    meta, body, body_line = _split_front_matter(text, rel)
    key_lines = _key_lines(text, body_line)
    problems: list[Problem] = []

    def warn(message: Message, key: str | None = None) -> None:
        problems.append(Problem.of(rel, message, key_lines.get(key or ""), "warning"))

    for key in _controls_left_out(meta):
        warn(translate("Problems", "{name} held control characters (YAML escapes such as "
                       "\\0 or \\e); they are left out").format(name=key), key)
    public, _, internal_problems = split_internal(body)
    article = Article(
        id=_id(meta.get("id"), default_id, warn),
        path=rel,
        # a title taken from a heading comes from the public text: a heading inside an
        # internal block once became the title of the published page
        title=_title(meta.get("title"), public, stem, warn),
        body=body,
        body_line=body_line,
    )
    _fill_fields(article, meta, warn)
    if len(body) > MAX_SHOWN_CHARS:
        problems.append(Problem.of(rel, translate(
            "Problems", "the article is {size} KB long; the app and the website show its first "
            "{shown} KB").format(size=len(body) // 1024, shown=MAX_SHOWN_CHARS // 1024),
            None, "warning"))
    for message, line in internal_problems:
        problems.append(Problem.of(rel, message, body_line + line - 1, "warning"))
    return article, problems


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not tab, line ends, spaces


def _controls_left_out(meta: dict[str, Any]) -> list[str]:
    """Control characters taken out of the front matter's texts, in place (a title with
    a NUL or ESC reached the website's pages and agents' terminals); the keys they were
    in."""
    found = []
    for key, value in meta.items():
        if isinstance(value, str) and _CONTROLS.search(value):
            meta[key] = _CONTROLS.sub("", value)
            found.append(key)
        elif isinstance(value, list) and any(isinstance(v, str) and _CONTROLS.search(v)
                                             for v in value):
            meta[key] = [_CONTROLS.sub("", v) if isinstance(v, str) else v for v in value]
            found.append(key)
    return found


def _key_lines(text: str, body_line: int) -> dict[str, int]:
    """Front matter key -> file line, so warnings can point at the line to fix."""
    lines = text.split("\n")[1: max(body_line - 2, 1)]
    found: dict[str, int] = {}
    for number, line in enumerate(lines, start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            found.setdefault(match.group(1), number)
    return found


def _read_text(path: Path, rel: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(Problem.of(rel, translate(
                "Problems", "file is {size} MB; articles over {limit} MB are not read").format(
                    size=f"{size / 2**20:.1f}", limit=MAX_BYTES // 2**20)))
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(Problem.of(rel, translate("Problems", "cannot be read: {reason}").format(
            reason=str(exc.strerror or exc)))) from exc
    if b"\x00" in data:
        raise ArticleError(Problem.of(rel, translate("Problems",
                                                     "is a binary file, not Markdown text")))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(Problem.of(rel, translate(
            "Problems", "is not UTF-8 text (byte {byte} at offset {offset})").format(
                byte=f"0x{data[exc.start]:02x}", offset=exc.start), line)) from exc
    if not text.strip():
        raise ArticleError(Problem.of(rel, translate("Problems", "is empty")))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[list[str] | None, str]:
    """(front matter lines without the `---` fences, or None; the body after it).

    The one splitter: reading (`parse_article`) and line-by-line saving
    (`kb_app.editing`) must agree on where the front matter ends. Nothing is normalised:
    joining the lines back with the fences gives the text's bytes again. A front matter
    that is opened but never closed is None here (all body); `parse_article` reports it."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, text
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return lines[1:end], "\n".join(lines[end + 1:])
    return None, text


def _split_front_matter(text: str, rel: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, line number where the body starts)."""
    front, body = split_front_matter(text)
    if front is None:
        if text.split("\n", 1)[0].rstrip() == "---":
            raise ArticleError(Problem.of(rel, translate(
                "Problems", "front matter opened with '---' is never closed"), 1))
        return {}, text, 1
    source = "\n".join(front)
    if len(source.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(Problem.of(rel, translate(
            "Problems", "front matter is over {n} KB; move the text into the article body"
        ).format(n=MAX_FRONT_MATTER_BYTES // 1024), 1))
    try:
        meta = yaml.load(source, Loader=_FrontMatterLoader) if source.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(Problem.of(rel, _invalid_yaml(str(reason)), line)) from exc
    except Exception as exc:  # noqa: BLE001 - one article's front matter, never the rest
        # The safe loader's constructors still raise plain errors on odd values (a
        # KeyError for `!!bool maybe`, a RecursionError for deep nesting): each is this
        # article's problem, reported and skipped, never a crash of every command.
        reason = str(exc) or type(exc).__name__
        raise ArticleError(Problem.of(rel, _invalid_yaml(reason), 2)) from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleError(Problem.of(rel, translate(
            "Problems", "front matter must be a mapping of keys to values"), 2))
    return {str(k): v for k, v in meta.items()}, body, len(front) + 3


def _invalid_yaml(reason: str) -> Message:
    return translate("Problems", "invalid YAML front matter: {reason}").format(reason=reason)


def _id(value: Any, default: str, warn: Warn) -> str:
    if value is None:
        return default
    text = str(value).strip()
    if not text or any(ch.isspace() for ch in text):
        warn(translate("Problems", "id {value} must be non-empty without spaces; using "
                       "{default}").format(value=repr(value), default=repr(default)), "id")
        return default
    return text


def _title(value: Any, body: str, stem: str, warn: Warn) -> str:
    if value is not None and str(value).strip():
        return str(value).strip()
    if value is not None:
        warn(translate("Problems", "title is empty"), "title")
    match = _H1.search(body)
    if match:
        text = match.group(1).rstrip()
        closed = text.rstrip("#")  # `# Title ##`: a closing sequence, after a space
        return closed.rstrip() if closed != text and closed[-1:] in (" ", "\t") else text
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or stem


def _fill_fields(article: Article, meta: dict[str, Any], warn: Warn) -> None:
    article.product = _text(meta.get("product"), "product", warn)
    article.tags = _tags(meta.get("tags"), warn)
    article.summary = _text(meta.get("summary") or meta.get("description"), "summary", warn)
    article.owner = _text(meta.get("owner"), "owner", warn)
    language = _text(meta.get("language"), "language", warn).lower() or "en"
    if not _LANGUAGE.match(language):
        warn(translate("Problems", "language {value} is not a language code like 'en' or "
                       "'bn'; using 'en'").format(value=repr(language)), "language")
        language = "en"
    article.language = language
    article.status = _choice(meta.get("status"), "status", STATUSES, "published", "draft", warn)
    article.visibility = _choice(
        meta.get("visibility"), "visibility", VISIBILITIES, "internal", "internal", warn
    )
    article.review_by = _date(meta.get("review_by"), "review_by", warn)
    article.updated = _date(meta.get("updated"), "updated", warn)
    article.extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS}


def _text(value: Any, name: str, warn: Warn) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        warn(translate("Problems", "{name} must be text, not a {kind}").format(
            name=name, kind=type(value).__name__), name)
        return ""
    return " ".join(str(value).split())


def _tags(value: Any, warn: Warn) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        warn(translate("Problems", "tags must be a list such as [refund, billing]"), "tags")
        return []
    tags = [" ".join(str(t).split()) for t in items if t is not None and not isinstance(t, dict)]
    return list(dict.fromkeys(t for t in tags if t))


def _choice(value: Any, name: str, allowed: tuple[str, ...], default: str, fallback: str,
            warn: Warn) -> str:
    if value is None:
        return default
    text = str(value).strip().lower()
    if text in allowed:
        return text
    warn(translate("Problems", "{name} {value} is not one of {allowed}; treated as {fallback}"
                   ).format(name=name, value=repr(value), allowed=", ".join(allowed),
                            fallback=repr(fallback)), name)
    return fallback


def _date(value: Any, name: str, warn: Warn) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        warn(translate("Problems", "{name} {value} is not a date (use YYYY-MM-DD); ignored"
                       ).format(name=name, value=repr(value)), name)
        return None


def load_folder(root: Path) -> LoadResult:
    """Every readable article under `root`, and every problem found on the way."""
    found = folder.scan(root)
    articles: list[Article] = []
    problems: list[Problem] = list(found.problems)
    for rel in found.files:
        try:
            article, warnings = read_article(root / rel, root)
        except ArticleError as exc:
            problems.append(exc.problem)
            continue
        problems.extend(warnings)
        articles.append(article)
    kept, duplicates = drop_duplicate_ids(articles)
    return LoadResult(kept, problems + duplicates)


def drop_duplicate_ids(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """The first file (by path) keeps an id; later files with the same id are reported."""
    owners: dict[str, str] = {}
    kept, problems = [], []
    for article in sorted(articles, key=lambda a: a.path):
        owner = owners.setdefault(article.id, article.path)
        if owner == article.path:
            kept.append(article)
        else:
            problems.append(duplicate_problem(article, owner))
    return kept, problems


