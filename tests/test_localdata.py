from pathlib import Path

import pytest

from kb_app.localdata import RECENT_LIMIT, LocalData


@pytest.fixture
def data(tmp_path: Path) -> LocalData:
    store = LocalData(tmp_path / "d" / "local.sqlite3")
    yield store
    store.close()


def test_flags_are_stored_and_validated(data: LocalData) -> None:
    data.add_flag("refund-policy", "outdated", "  window is 30 days now ", agent="Rina")
    data.add_flag("warranty", "helpful")
    assert [(f.article_id, f.kind, f.comment) for f in data.flags("refund-policy")] == [
        ("refund-policy", "outdated", "window is 30 days now")]
    assert len(data.flags()) == 2
    with pytest.raises(ValueError, match="helpful, outdated, wrong"):
        data.add_flag("x", "meh")


def test_recents_are_most_recent_first_and_bounded(data: LocalData) -> None:
    for n in range(RECENT_LIMIT + 5):
        data.opened(f"a{n}")
    data.opened("a3")
    recents = data.recents()
    assert recents[0] == "a3" and len(recents) == RECENT_LIMIT


def test_pins_persist_across_reopen(tmp_path: Path) -> None:
    first = LocalData(tmp_path / "l.sqlite3")
    first.set_pinned("a", True)
    first.set_pinned("b", True)
    first.set_pinned("a", False)
    first.close()
    again = LocalData(tmp_path / "l.sqlite3")
    assert again.pins() == ["b"] and again.is_pinned("b") and not again.is_pinned("a")


def test_changed_since_seen(data: LocalData) -> None:
    assert data.changed_since_seen({"a": "1", "b": "1"}) == []  # first look: baseline
    assert data.changed_since_seen({"a": "2", "b": "1", "c": "1"}) == ["a", "c"]
    data.mark_seen({"a": "2"})
    assert data.changed_since_seen({"a": "2", "b": "1", "c": "1"}) == ["c"]
