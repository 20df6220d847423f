import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_app.articles import ArticleError, load_folder, read_article, split_internal
from tests.conftest import write


def read(root: Path, rel: str, text: str, dedent: bool = True):
    return read_article(write(root, rel, text, dedent), root)


def test_front_matter_fields_and_defaults(tmp_path: Path) -> None:
    article, problems = read(tmp_path, "a/b.md", """\
        ---
        title: Refunds
        tags: refund, billing
        review_by: 2027-01-31
        custom_key: {nested: true}
        ---
        Body text.
        """)
    assert problems == []
    assert article.id == "a/b"
    assert article.tags == ["refund", "billing"]
    assert article.review_by == dt.date(2027, 1, 31)
    assert (article.language, article.status, article.visibility) == ("en", "published",
                                                                      "internal")
    assert article.extra == {"custom_key": {"nested": True}}
    assert article.body_line == 7


def test_plain_markdown_without_front_matter(tmp_path: Path) -> None:
    article, problems = read(tmp_path, "docs/setup-guide.md", "Intro\n\n# The Guide\n\nText\n")
    assert article.title == "The Guide"
    assert problems == []
    article, _ = read(tmp_path, "docs/setup-guide.md", "No heading at all\n")
    assert article.title == "Setup guide"


def test_internal_blocks_are_split_out() -> None:
    public, blocks, problems = split_internal("A\n::: internal\nsecret\n:::\nB\n")
    assert public == "A\nB\n" and blocks == ["secret"] and problems == []


def test_unclosed_internal_block_stays_internal(tmp_path: Path) -> None:
    article, problems = read(tmp_path, "x.md", "Public\n::: internal\nsecret\n")
    assert "secret" not in article.public_body
    assert problems[0].line == 2 and "never closed" in problems[0].message


def test_internal_marker_inside_code_is_text() -> None:
    public, blocks, _ = split_internal("```\n::: internal\n```\nafter\n")
    assert blocks == [] and "after" in public


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"\xff\xfe bad bytes", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"---\ntitle: [unclosed\n---\nbody\n", "invalid YAML"),
        (b"---\ntitle: x\nbody without end\n", "never closed"),
        (b"---\n- a list\n---\nbody\n", "mapping"),
    ],
)
def test_bad_files_raise_a_clear_error_naming_the_file(tmp_path: Path, content: bytes,
                                                       message: str) -> None:
    (tmp_path / "bad.md").write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        read_article(tmp_path / "bad.md", tmp_path)
    assert message in caught.value.problem.message
    assert str(caught.value).startswith("bad.md")


def test_yaml_error_reports_the_file_line(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: ok\ntags: [a, b\nowner: x\n---\n")
    with pytest.raises(ArticleError) as caught:
        read_article(tmp_path / "bad.md", tmp_path)
    assert caught.value.problem.line in (3, 4)


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ArticleError, match="50.0 MB"):
        read_article(path, tmp_path)


def test_bad_field_values_warn_and_keep_the_article(tmp_path: Path) -> None:
    article, problems = read(tmp_path, "x.md", """\
        ---
        review_by: soon
        status: publised
        visibility: everyone
        language: English!
        tags: 5
        ---
        text
        """)
    messages = " | ".join(p.message for p in problems)
    assert "review_by 'soon' is not a date" in messages
    assert article.review_by is None
    assert article.status == "draft"  # a typo never publishes
    assert article.visibility == "internal"
    assert article.language == "en"
    assert all(p.severity == "warning" for p in problems)


def test_folder_load_reports_problems_and_keeps_going(tmp_path: Path) -> None:
    write(tmp_path, "good.md", "---\nid: same\n---\nGood\n")
    write(tmp_path, "later.md", "---\nid: same\n---\nDuplicate\n")
    (tmp_path / "broken.md").write_bytes(b"\xff\xff")
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".git/ignored.md", "x")
    result = load_folder(tmp_path)
    assert [a.path for a in result.articles] == ["good.md"]
    paths = sorted(p.path for p in result.problems)
    assert paths == ["broken.md", "later.md"]
    assert "duplicate id 'same'" in next(p for p in result.problems if p.path == "later.md").message


def test_crlf_and_bom_are_read(tmp_path: Path) -> None:
    (tmp_path / "w.md").write_bytes("\ufeff---\r\ntitle: Win\r\n---\r\nBody\r\n".encode())
    article, problems = read_article(tmp_path / "w.md", tmp_path)
    assert article.title == "Win" and article.body.strip() == "Body" and problems == []


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8),
                                                                      children, max_size=3),
    max_leaves=8,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(meta=st.dictionaries(st.sampled_from(
    ["id", "title", "tags", "summary", "status", "visibility", "review_by", "updated",
     "language", "product", "other"]), yaml_values, max_size=6),
       body=st.text(max_size=200))
def test_any_front_matter_reads_or_fails_cleanly(tmp_path: Path, meta: dict, body: str) -> None:
    import yaml

    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    (tmp_path / "p.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        article, problems = read_article(tmp_path / "p.md", tmp_path)
    except ArticleError as exc:
        assert exc.problem.path == "p.md"
        return
    assert article.id and " " not in article.id
    assert isinstance(article.tags, list) and all(isinstance(t, str) for t in article.tags)
    assert article.status in ("draft", "published", "archived")


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "2026-02-30T25:00:00",
                                   "99999-01-01"])
def test_an_impossible_unquoted_date_is_a_warning_not_a_crash(tmp_path: Path,
                                                               value: str) -> None:
    """PyYAML turns unquoted dates into date objects and raised ValueError on impossible
    ones, which stopped check, index and search for the whole folder."""
    write(tmp_path, "good.md", "---\ntitle: Good\n---\nFine.\n")
    write(tmp_path, "bad.md", f"---\ntitle: Bad date\nupdated: {value}\n---\nText.\n")
    loaded = load_folder(tmp_path)
    assert sorted(a.title for a in loaded.articles) == ["Bad date", "Good"]
    [problem] = loaded.problems
    assert (problem.path, problem.line, problem.severity) == ("bad.md", 3, "warning")
    assert value in problem.message


def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """385 bytes of nested aliases expanded into gigabytes once a value became text."""
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    front = "\n".join(levels) + "\ntitle: *i\ntags: *i\n"
    write(tmp_path, "bomb.md", f"---\n{front}---\nBody.\n")
    write(tmp_path, "fine.md", "Fine.\n")
    loaded = load_folder(tmp_path)
    assert [a.path for a in loaded.articles] == ["fine.md"]
    assert "aliases" in loaded.problems[0].message and loaded.problems[0].path == "bomb.md"


def test_huge_or_deep_front_matter_is_an_error_not_a_hang(tmp_path: Path) -> None:
    write(tmp_path, "deep.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n")
    write(tmp_path, "huge.md", "---\nsummary: " + "x" * 70_000 + "\n---\nBody.\n")
    loaded = load_folder(tmp_path)
    assert loaded.articles == []
    assert {p.path for p in loaded.problems if p.severity == "error"} == {"deep.md", "huge.md"}


YAML_TAGS = ["!!timestamp", "!!bool", "!!int", "!!float", "!!binary", "!!null", "!!str",
             "!!set", "!!omap", "!!pairs", "!!seq", "!!map", "!!merge", "!!value", "!!python/none"]


def test_a_yaml_tag_on_a_value_it_cannot_hold_fails_that_article_only(tmp_path: Path) -> None:
    """`!!timestamp soon` (an AttributeError in the loader) and `!!bool maybe` (a
    KeyError) once ended every command, check, index, search and export alike."""
    write(tmp_path, "ts.md", "---\ntitle: A\nupdated: !!timestamp soon\n---\nBody.\n")
    write(tmp_path, "bool.md", "---\ntitle: B\nextra: !!bool maybe\n---\nBody.\n")
    write(tmp_path, "good.md", "---\ntitle: Good\n---\nBody.\n")
    loaded = load_folder(tmp_path)
    assert [a.path for a in loaded.articles] == ["good.md", "ts.md"]
    by_path = {p.path: str(p.message) for p in loaded.problems}
    assert "invalid YAML front matter" in by_path["bool.md"]
    assert "updated" in by_path["ts.md"]  # kept as the text it is, for the date check


@given(st.sampled_from(YAML_TAGS), st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_any_yaml_tag_on_any_value_is_an_article_or_a_reported_error(tag: str,
                                                                      value: str) -> None:
    from kb_app.articles import parse_article

    for key in ("updated", "tags", "extra"):
        try:
            parse_article(f"---\n{key}: {tag} {value}\n---\nBody\n", "x.md", "x", "x")
        except ArticleError as exc:
            assert exc.problem.path == "x.md"


@given(st.text(max_size=300))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_front_matter_is_an_article_or_a_reported_error(front: str) -> None:
    """Whatever bytes sit between the fences: a parsed article or an ArticleError."""
    from kb_app.articles import parse_article

    try:
        article, problems = parse_article(f"---\n{front}\n---\nBody\n", "x.md", "x", "x")
    except ArticleError as exc:
        assert exc.problem.path == "x.md"
    else:
        assert isinstance(article.title, str) and all(p.path == "x.md" for p in problems)


def test_control_characters_from_yaml_escapes_are_left_out_and_said(tmp_path: Path) -> None:
    """`title: "Refund\\0 \\e[2J"` once carried a NUL and an ESC into the website's
    pages and agents' terminals; a binary file is refused, but escapes got past."""
    from kb_app.articles import parse_article

    article, problems = parse_article(
        '---\ntitle: "Refund\\0 rules \\e[2J\\a"\ntags: ["ok", "bad\\x1b"]\n---\nBody\n',
        "x.md", "x", "x")
    assert article.title == "Refund rules [2J" and article.tags == ["ok", "bad"]
    assert sorted(str(p.message).split()[0] for p in problems) == ["tags", "title"]
    assert all(p.severity == "warning" and p.line in (2, 3) for p in problems)


def test_a_title_from_a_heading_comes_from_the_public_text(tmp_path: Path) -> None:
    """No `title:`: the first heading names the article, but never one inside an
    internal block (it was the published page's title, its index entry and its FAQ
    name). A heading of thousands of spaces is read at once (it once took minutes)."""
    import time

    from kb_app.articles import parse_article

    internal = "::: internal\n# Escalate to vendor Zed, contract MRK2\n:::\n\n"
    article, _ = parse_article(f"---\nstatus: draft\n---\n{internal}# Reset it ##\nBody\n",
                               "x.md", "x", "reset-router")
    assert article.title == "Reset it"
    article, _ = parse_article(f"---\nstatus: draft\n---\n{internal}Body\n", "x.md", "x",
                               "reset-router")
    assert article.title == "Reset router"
    start = time.perf_counter()
    article, _ = parse_article("# a" + " " * 6000 + "b\n\nbody\n", "x.md", "x", "x")
    assert time.perf_counter() - start < 1.0 and article.title.startswith("a ")
    assert parse_article("# C#\n", "x.md", "x", "x")[0].title == "C#"
