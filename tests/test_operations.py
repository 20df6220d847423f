"""The knowledge base's write operations besides saving: move, archive, delete, restore,
images; each recorded in the history with its author and note."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_app.history import UnknownRevision
from kb_app.images import ImageRefused
from kb_app.knowledge_base import KnowledgeBase
from kb_app.operations import NotRecorded, SaveConflict
from tests.conftest import write
from tests.test_knowledge_base import found

WARRANTY = "general/warranty.md"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
OTHER_PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 24


@pytest.fixture
def kb(kb_dir: Path, tmp_path: Path):
    with KnowledgeBase(kb_dir, tmp_path / "index", lock_timeout=10) as base:
        base.sync()
        yield base


def notes(kb: KnowledgeBase, path: str) -> list[tuple[str, str]]:
    return [(r.author.split(" <")[0], r.message) for r in kb.history(path)]


def test_move_rewrites_links_and_history_follows_the_rename(kb: KnowledgeBase,
                                                            kb_dir: Path) -> None:
    kb.save(kb.load(WARRANTY).with_fields(owner="Nusrat"), "Nusrat Jahan", "Owner")
    write(kb_dir, "general/linker.md", "---\ntitle: Linker\n---\nSee [w](warranty.md#fix).\n")
    moved = kb.move(WARRANTY, "care/warranty.md", "Rafiq Islam", "Care owns it")
    assert moved.changed == [WARRANTY, "care/warranty.md", "general/linker.md"]
    assert moved.relinked == ["general/linker.md"] and moved.commit
    assert "[w](../care/warranty.md#fix)" in (kb_dir / "general/linker.md").read_text()
    assert not (kb_dir / WARRANTY).exists()
    assert notes(kb, "care/warranty.md") == [("Rafiq Islam", "Care owns it"),
                                             ("Nusrat Jahan", "Owner")]
    assert [r.path for r in kb.history("care/warranty.md")] == ["care/warranty.md", WARRANTY]
    assert kb.resolve("warranty-policy") == "care/warranty.md"  # the index followed
    assert found(kb, "manufacturing faults") == ["care/warranty.md"]


def test_move_refuses_paths_out_of_the_folder_and_taken_ones(kb: KnowledgeBase,
                                                             kb_dir: Path) -> None:
    for bad in ("../out.md", "/tmp/out.md", "general/out.txt", ".hidden/out.md"):
        with pytest.raises(ValueError):
            kb.move(WARRANTY, bad, "A")
    with pytest.raises(FileExistsError):
        kb.move(WARRANTY, "general/refund-policy.md", "A")
    with pytest.raises(FileNotFoundError):
        kb.move("general/none.md", "general/other.md", "A")
    assert (kb_dir / WARRANTY).exists()


def test_archive_is_a_recorded_save(kb: KnowledgeBase, kb_dir: Path) -> None:
    write(kb_dir, "general/old.md", "---\ntitle: Old\nsummary: S\n---\n[gone](nowhere.md)\n")
    kb.sync()
    saved = kb.archive("general/old.md", "Rafiq Islam", "Superseded")  # a broken link: still
    assert "status: archived" in (kb_dir / "general/old.md").read_text()
    assert "updated" not in (kb_dir / "general/old.md").read_text()  # not published: not dated
    assert notes(kb, "general/old.md") == [("Rafiq Islam", "Superseded")] and saved.commit
    assert kb.archive(WARRANTY, "A").revision.message == f"Archive {WARRANTY}"
    assert kb.find("manufacturing faults") == []  # the link picker leaves archived out


def test_delete_then_restore(kb: KnowledgeBase, kb_dir: Path) -> None:
    kb.save(kb.load(WARRANTY).with_fields(owner="Nusrat"), "Nusrat Jahan", "Owner")
    with_owner = (kb_dir / WARRANTY).read_bytes()
    deleted = kb.delete(WARRANTY, "Rafiq Islam", "Duplicate")
    assert not (kb_dir / WARRANTY).exists() and deleted.commit
    assert found(kb, "manufacturing faults") == []
    assert notes(kb, WARRANTY) == [("Rafiq Islam", "Duplicate"), ("Nusrat Jahan", "Owner")]
    owner_revision = kb.history(WARRANTY)[1]
    restored = kb.restore(WARRANTY, owner_revision.id[:8], "Nusrat Jahan")
    assert (kb_dir / WARRANTY).read_bytes() == with_owner
    assert restored.revision.message.startswith("Restore the revision of")
    assert len(kb.history(WARRANTY)) == 3 and found(kb, "manufacturing faults") == [WARRANTY]


def test_restore_is_conflict_checked_against_the_open_edit(kb: KnowledgeBase,
                                                           kb_dir: Path) -> None:
    kb.save(kb.load(WARRANTY).with_fields(owner="One"), "A", "one")
    open_edit = kb.load(WARRANTY)
    kb.save(kb.load(WARRANTY).with_fields(owner="Two"), "B", "two")  # another window
    first = kb.history(WARRANTY)[1]
    with pytest.raises(SaveConflict):
        kb.restore(WARRANTY, first.id, "A", over=open_edit)
    assert "owner: Two" in (kb_dir / WARRANTY).read_text()
    with pytest.raises(UnknownRevision):
        kb.restore(WARRANTY, "0000000", "A")
    with pytest.raises(UnknownRevision):
        kb.restore(WARRANTY, "ab", "A")  # too short to tell


def test_every_write_needs_an_author(kb: KnowledgeBase, kb_dir: Path) -> None:
    before = (kb_dir / WARRANTY).read_bytes()
    with pytest.raises(ValueError, match="author"):
        kb.save(kb.load(WARRANTY).with_fields(owner="x"), "  ")
    with pytest.raises(ValueError, match="author"):
        kb.delete(WARRANTY, "")
    assert (kb_dir / WARRANTY).read_bytes() == before


def test_a_broken_history_still_saves_and_says_so(kb: KnowledgeBase, kb_dir: Path) -> None:
    kb.save(kb.load(WARRANTY).with_fields(owner="x"), "A")
    kb.close()
    (kb_dir / ".git/HEAD").write_text("garbage\n")
    with pytest.raises(NotRecorded) as failed:
        kb.save(kb.load(WARRANTY).with_fields(owner="y"), "A")
    assert "owner: y" in (kb_dir / WARRANTY).read_text()  # written and indexed
    assert failed.value.result.path == WARRANTY and "not recorded" in str(failed.value)


def test_images_are_copied_beside_the_article_and_never_overwrite(kb: KnowledgeBase,
                                                                  tmp_path: Path,
                                                                  kb_dir: Path) -> None:
    picture = tmp_path / "diagram.png"
    picture.write_bytes(PNG)
    first = kb.insert_image(WARRANTY, picture)
    assert (first.markdown, first.path, first.copied) == (
        "![diagram](images/diagram.png)", "general/images/diagram.png", True)
    assert kb.insert_image(WARRANTY, picture).copied is False  # the same image: reused
    other = tmp_path / "elsewhere" / "diagram.png"
    other.parent.mkdir()
    other.write_bytes(OTHER_PNG)
    assert kb.insert_image(WARRANTY, other).markdown == "![diagram](images/diagram-2.png)"
    assert (kb_dir / "general/images/diagram.png").read_bytes() == PNG
    spaced = tmp_path / "my chart [v2].png"
    spaced.write_bytes(PNG)
    assert kb.insert_image("new/place.md", spaced).markdown == \
        "![my chart \\[v2\\]](images/my%20chart%20%5Bv2%5D.png)"  # a new article's folder


def test_images_the_site_would_not_publish_are_refused(kb: KnowledgeBase,
                                                       tmp_path: Path, kb_dir: Path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>")
    with pytest.raises(ImageRefused, match="SVG.*PNG"):
        kb.insert_image(WARRANTY, svg)
    fake = tmp_path / "fake.png"
    fake.write_text("<html>not an image</html>")
    with pytest.raises(ImageRefused, match="does not contain"):
        kb.insert_image(WARRANTY, fake)
    (kb_dir / "router/images").symlink_to(tmp_path, target_is_directory=True)
    good = tmp_path / "good.png"
    good.write_bytes(PNG)
    with pytest.raises(ImageRefused, match="out of the articles folder"):
        kb.insert_image("router/setup.md", good)
    notes_file = tmp_path / "notes.txt"
    notes_file.write_text("x")
    with pytest.raises(ImageRefused, match="PNG"):
        kb.insert_image(WARRANTY, notes_file)
    assert not (kb_dir / "general/images").exists()


def test_an_article_saved_with_a_byte_order_mark_keeps_it_and_its_front_matter(
        kb: KnowledgeBase, kb_dir: Path) -> None:
    """Windows Notepad's BOM: read as text, the front matter was no front matter, and
    archiving wrote a second one above the real one (id, title, summary now body text)."""
    path = kb_dir / "general" / "notepad.md"
    text = ("---\r\nid: notepad\r\ntitle: Saved in Notepad\r\nsummary: A quick answer.\r\n"
            "status: published\r\n---\r\nBody line.\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    edit = kb.load("general/notepad.md")
    assert edit.value("title") == "Saved in Notepad" and edit.bom
    kb.archive("general/notepad.md", "Rafiq")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\nid: notepad\r\n") and data.count(b"---") == 2
    assert b"status: archived\r\n" in data and b"Body line.\r\n" in data
