from pathlib import Path

from kb_app.templates import TEMPLATES, new_article_text, slugify
from kb_app.validation import Draft, blocks_save, validate
from tests.conftest import write


def draft(**kw) -> Draft:
    base = dict(id="x", title="T", summary="S", status="published", review_by="", body="B")
    return Draft(**{**base, **kw})


def test_each_rule_names_its_field(tmp_path: Path) -> None:
    write(tmp_path, "exists.md", "x")
    problems = validate(draft(title=" ", summary="", review_by="soon", id="taken",
                              body="[a](exists.md) [b](nope.md)\n![i](img/x.png)"),
                        "a.md", tmp_path, {"taken"})
    assert set(problems) == {"title", "summary", "review_by", "id", "body"}
    assert "nope.md" in problems["body"] and "img/x.png" in problems["body"]
    assert validate(draft(), "a.md", tmp_path, set()) == {}


def test_drafts_always_save_unless_the_id_clashes() -> None:
    assert not blocks_save({"summary": "x", "title": "y"}, "draft")
    assert blocks_save({"summary": "x"}, "published")
    assert blocks_save({"id": "clash"}, "draft")


def test_templates_make_valid_drafts(tmp_path: Path) -> None:
    from kb_app.articles import read_article

    for name in TEMPLATES:
        path = tmp_path / f"{slugify(name)}.md"
        path.write_text(new_article_text(name, f"New {name}", product="General"))
        article, problems = read_article(path, tmp_path)
        assert article.title == f"New {name}" and article.status == "draft"
        assert problems == [] and article.product == "General"
        assert article.language == ("bn" if name.endswith("(বাংলা)") else "en")
    assert slugify("Refund: how long?") == "refund-how-long"
