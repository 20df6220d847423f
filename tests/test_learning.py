"""Search learns from the team's use: 20 desks over a month keep opening one article for a
query, and on a fresh desk with their signals it rises for that query (and its variants);
one desk alone cannot move it past its cap; old opens fade; an article whose title has
every word is never buried; turning it off gives the plain ranking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb_app import learning
from kb_app.health import signals
from kb_app.health.events import Event
from kb_app.health.gaps import group_key
from kb_app.search import KnowledgeSearcher
from tests.conftest import searcher_over

TODAY = dt.date(2026, 11, 25)
ARTICLES = {
    "lights.md": "---\nid: router-lights\ntitle: Router lights explained\n---\n"
                 "What each light means. A reset turns them all off for a minute.\n",
    "factory.md": "---\nid: factory-settings\ntitle: Factory settings\n---\nWhen nothing "
                  "else works, reset the router to its factory settings with a pin for ten "
                  "seconds. You will set it up again afterwards, so keep the PPPoE details "
                  "at hand and note the Wi-Fi name.\n",
    "reset.md": "---\nid: reset-router\ntitle: Reset the router\n---\nHold the button.\n",
    "pinhole.md": "---\nid: pinhole\ntitle: The hole on the back\n---\nA pin pressed into "
                  "the hole on the back of the router for ten seconds restarts it; the "
                  "lights go out, then come back one by one. Keep the pin that came in the "
                  "box, because a paper clip can bend inside and break the button, and then "
                  "the router needs a technician visit to be opened and mended.\n",
    "billing.md": "---\nid: billing\ntitle: Billing\n---\nInvoices monthly.\n",
    "draft.md": "---\nid: tax-draft\ntitle: Tax forms\nstatus: draft\n---\nNot yet.\n",
}


@pytest.fixture
def searcher(tmp_path: Path):
    with searcher_over(tmp_path, ARTICLES) as s:
        yield s


def said_again(desk: str, first: str, then: str, article: str, days_ago: int = 0,
               seconds: int = 60, row: int = 0) -> list[Event]:
    """A search that opened nothing, then `seconds` later one in other words that
    opened `article`."""
    at = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(11), tzinfo=dt.UTC)
    return [Event(f"{desk}:searches:{row}", "search", at.isoformat(timespec="seconds"), desk,
                  query=first, results=2),
            Event(f"{desk}:searches:{row + 1}", "search",
                  (at + dt.timedelta(seconds=seconds)).isoformat(timespec="seconds"), desk,
                  query=then, results=1, article=article)]


def opens(desk: str, query: str, article: str, times: int, days_ago: int = 0,
          start: int = 0) -> list[Event]:
    when = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10),
                               tzinfo=dt.UTC)
    return [Event(f"{desk}:searches:{start + n}", "search",
                  (when - dt.timedelta(hours=n)).isoformat(timespec="seconds"), desk,
                  query=query, results=3, article=article) for n in range(times)]


def a_month_of_twenty_desks() -> list[Event]:
    """Each desk searches on ten days of the month: factory-settings opened for
    `router pin` (the plain ranking puts the pinhole article first), and other articles
    for other searches."""
    events: list[Event] = []
    for d in range(20):
        desk = f"desk{d:02d}"
        for day in range(0, 30, 3):
            row = day * 10
            events += opens(desk, "router pin", "factory-settings", 1, day, row)
            events += opens(desk, "billing", "billing", 1, day, row + 1)
            if d % 4 == 0:
                events += opens(desk, "reset", "reset-router", 1, day, row + 2)
    return events


def write_signals(data_dir: Path, events: list[Event]) -> None:
    folder = signals.team_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    by_desk: dict[str, list[Event]] = {}
    for event in events:
        by_desk.setdefault(event.desk, []).append(event)
    for desk, mine in by_desk.items():
        signals.desk_file(folder, desk).write_text(
            "".join(e.to_line() + "\n" for e in mine), encoding="utf-8")


def ranked(searcher: KnowledgeSearcher, query: str,
           learned: learning.Learned | None = None) -> list[str]:
    return [h.id for h in searcher.search(query, learned=learned).results]


def test_twenty_desks_over_a_month_lift_it_on_a_fresh_desk(searcher, tmp_path: Path) -> None:
    plain = ranked(searcher, "router pin")
    assert plain[:2] == ["pinhole", "factory-settings"]
    write_signals(tmp_path / "fresh-desk", a_month_of_twenty_desks())
    learned = learning.load(tmp_path / "fresh-desk", TODAY)
    response = searcher.search("router pin", learned=learned)
    assert [h.id for h in response.results][:2] == ["factory-settings", "pinhole"]
    assert [h.often_opened for h in response.results] == [True] + [False] * (
        len(response.results) - 1)
    for variant in ("Router PIN", "pin router", "ruter pin", "router pins"):  # one group
        assert ranked(searcher, variant, learned)[0] == "factory-settings", variant
    assert ranked(searcher, "router pin", None) == plain  # off: the plain ranking
    assert ranked(searcher, "billing", learned) == ["billing"]


def test_one_desk_alone_cannot_move_it_past_the_cap(searcher) -> None:
    flood = opens("eager", "router pin", "factory-settings", 500)
    learned = learning.learn(flood, TODAY)
    assert learned.groups[("pin", "~rtr")] == {"factory-settings": 1 / learning.FULL_AT}
    assert ranked(searcher, "router pin", learned) == ranked(searcher, "router pin")


def test_old_opens_fade(searcher) -> None:
    old = [e for d in range(20) for e in opens(f"d{d}", "router pin", "router-lights", 3,
                                                days_ago=200)]
    assert not learning.learn(old, TODAY)
    recent = learning.learn([e for d in range(5) for e in opens(
        f"d{d}", "router pin", "router-lights", 3, days_ago=21)], TODAY)  # half their weight
    assert recent.groups[("pin", "~rtr")]["router-lights"] == pytest.approx(0.5)


def test_a_title_with_every_word_is_never_buried(searcher, monkeypatch) -> None:
    monkeypatch.setattr(learning, "MAX_LIFT", 20.0)  # a lift far past any cap
    learned = learning.learn([e for d in range(20) for e in opens(
        f"d{d}", "reset", "router-lights", 3)], TODAY)
    response = searcher.search("reset", learned=learned)
    assert [h.id for h in response.results][:2] == ["reset-router", "router-lights"]
    assert response.results[1].often_opened
    assert response.results[1].score < response.results[0].score


def test_the_table_is_kept_and_made_again_when_signals_change(tmp_path: Path,
                                                             monkeypatch) -> None:
    data = tmp_path / "desk"
    write_signals(data, opens("a", "router pin", "router-lights", 3))
    first = learning.load(data, TODAY)
    assert (data / learning.CACHE_FILE).is_file()
    monkeypatch.setattr(learning, "learn", lambda *a: pytest.fail("not from the cache"))
    assert learning.load(data, TODAY) == first
    monkeypatch.undo()
    write_signals(data, opens("a", "router pin", "router-lights", 3)
                  + opens("b", "router pin", "factory-settings", 3, start=10))
    again = learning.load(data, TODAY)
    assert set(again.groups[("pin", "~rtr")]) == {"router-lights", "factory-settings"}
    (data / learning.CACHE_FILE).write_text("{broken", encoding="utf-8")
    assert learning.load(data, TODAY) == again  # a damaged cache is made again


def test_a_search_said_again_in_other_words_learns_what_was_opened(searcher,
                                                                   tmp_path: Path) -> None:
    # no article has "statement" or "accountant": agents said it again as "invoices"
    alone, beside = "statement for the accountant", "router statement for the accountant"
    assert ranked(searcher, alone) == []
    assert "billing" not in ranked(searcher, beside)
    events = [e for d in range(20) for day in range(3) for query, row in ((alone, 0),
                                                                          (beside, 2))
              for e in said_again(f"d{d:02d}", query, "invoices", "billing", days_ago=day,
                                  row=10 * day + row)]
    write_signals(tmp_path / "fresh", events)
    learned = learning.load(tmp_path / "fresh", TODAY)
    response = searcher.search(alone, learned=learned)
    assert [(h.id, h.often_opened) for h in response.results] == [("billing", True)]
    # beside articles that match some words, it comes in below the best of them
    mixed = searcher.search(beside, learned=learned)
    assert [h.id for h in mixed.results].index("billing") == 1
    assert mixed.results[1].often_opened and not mixed.results[0].often_opened
    assert mixed.results[1].score < mixed.results[0].score
    assert ranked(searcher, alone, None) == []  # off: the plain ranking
    assert ranked(searcher, "invoices", learned) == ["billing"]  # its own search as it was


def test_only_a_search_that_opened_nothing_learns_from_the_next(searcher) -> None:
    # two needs of one call: "router pin" was answered, then "billing" was asked
    call = opens("d", "router pin", "factory-settings", 1) + [Event(
        "d:searches:9", "search", dt.datetime.combine(TODAY, dt.time(10, 1), tzinfo=dt.UTC
                                                      ).isoformat(timespec="seconds"),
        "d", query="billing", results=1, article="billing")]
    learned = learning.learn(call, TODAY)
    assert set(learned.groups[group_key("router pin")]) == {"factory-settings"}
    # a search said again long after is another need, not the same one
    late = [e for d in range(20) for e in said_again(f"d{d}", "accountant", "invoices",
                                                     "billing", seconds=600)]
    assert group_key("accountant") not in learning.learn(late, TODAY).groups
    soon = [e for d in range(20) for e in said_again(f"d{d}", "accountant", "invoices",
                                                     "billing")]
    taught = learning.learn(soon, TODAY).groups
    # each desk's one chain counts CHAIN_SHARE of an open, of the 3 that fill its share
    share = learning.CHAIN_SHARE / learning.DESK_SATURATION
    assert taught[group_key("accountant")] == {
        "billing": pytest.approx(20 * share / learning.FULL_AT, abs=1e-4)}
    assert taught[group_key("invoices")] == {"billing": 1.0}


def test_what_is_learnt_never_shows_a_hidden_or_filtered_article(searcher) -> None:
    events = [e for d in range(20) for e in said_again(f"d{d}", "accountant", "tax",
                                                       "tax-draft")]
    events += [e for d in range(20) for e in said_again(f"e{d}", "accountant", "invoices",
                                                        "billing", row=5)]
    learned = learning.learn(events, TODAY)
    assert set(learned.groups[group_key("accountant")]) == {"tax-draft", "billing"}
    assert ranked(searcher, "accountant", learned) == ["billing"]  # the draft stays hidden
    assert searcher.search("accountant", product="airnest", learned=learned).results == []


def test_one_desk_saying_it_again_and_again_stays_within_its_share(searcher) -> None:
    # 500 chains from one desk: at most its one desk's share of a full lift, so the
    # article comes in far below the best match, never beside it
    flood = [e for n in range(500) for e in said_again(
        "eager", "router statement for the accountant", "invoices", "billing",
        days_ago=n % 20, row=2 * n)]
    learned = learning.learn(flood, TODAY)
    group = group_key("router statement for the accountant")
    assert learned.groups[group] == {"billing": pytest.approx(1 / learning.FULL_AT)}
    response = searcher.search("router statement for the accountant", learned=learned)
    billing = next(h for h in response.results if h.id == "billing")
    assert billing.score < 0.2 * response.results[0].score
