"""Knowledge health from a month of 20 desks: flags reach owners, gaps group, stale sorts,
the rising topic shows. Events are written as the desks' signals files would hold them."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from kb_app.articles import load_folder
from kb_app.health import report, signals
from kb_app.health.events import Event
from kb_app.health.gaps import group_key
from kb_app.localdata import LocalData

TODAY = dt.date(2026, 11, 25)  # a Wednesday: its week is 2026-W48


def at(days_ago: int, hour: int = 10, minute: int = 0) -> str:
    moment = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(hour, minute),
                                 tzinfo=dt.UTC)
    return moment.isoformat(timespec="seconds")


class Desk:
    def __init__(self, name: str) -> None:
        self.name, self.events, self.n = name, [], 0

    def add(self, kind: str, when: str, **fields) -> Event:
        self.n += 1
        event = Event(f"{self.name}:{kind}:{self.n}", kind, when, self.name, **fields)
        self.events.append(event)
        return event

    def search(self, query: str, days_ago: int, results: int, opened: str = "") -> None:
        self.add("search", at(days_ago, 9 + self.n % 8, self.n % 60), query=query,
                 results=results, article=opened)
        if opened:
            self.add("view", at(days_ago, 9 + self.n % 8, self.n % 60), article=opened)


@pytest.fixture
def month(tmp_path: Path, kb_dir: Path) -> Path:
    """20 desks over four weeks and a bit; returns the signals folder."""
    rng = random.Random(48)
    desks = [Desk(f"desk{n:02d}") for n in range(20)]
    for day in range(1, 33):
        for desk in desks:
            for _ in range(3):  # everyday work: found and opened
                query, article = rng.choice([("refund", "refund-policy"),
                                             ("warranty", "warranty-policy"),
                                             ("router setup", "router-setup")])
                desk.search(query, day, 3, article)
    # Not in the knowledge base: one need, typed four ways, on many desks
    for n, query in enumerate(["গ্রাহকদের অভিযোগ নম্বর", "গ্রাহক অভিযোগ নম্বর",
                               "অভিযোগ নম্বর গ্রাহকের", "গ্রাহকদের অভিযোগ নম্বর"] * 3):
        desks[n].search(query, n + 1, 0)
    for n, query in enumerate(["warrenty transfer", "warranty transfer", "warranty transfers"]):
        desks[n].search(query, 2, 0)
    desks[0].search("gift wrap", 3, 0)
    # Found things nobody opened
    for n in range(5):
        desks[n].search("installment plan", n + 1, 2)
    # This week a pattern: routers blinking red, never seen before
    for n in range(12):
        desks[n].search("router blinking red light", 0, 1, "router-setup")
    # Flags: two answered by the owner's desk, three open
    flags = [desks[1].add("flag", at(6), article="refund-policy", flag="outdated",
                          comment="bKash now takes 5 days", agent="Rina"),
             desks[2].add("flag", at(5), article="warranty-policy", flag="wrong",
                          comment="water damage is covered by Meghna Care", agent="Sumon"),
             desks[3].add("flag", at(1), article="refund-policy", flag="helpful", agent="Ali"),
             desks[4].add("flag", at(3), article="router-setup", flag="outdated",
                          comment="app menu renamed", agent="Mita")]
    staff = Desk("staff")
    staff.add("reply", at(4), flag=flags[0].id, comment="Fixed: 5 days", agent="Nusrat")
    staff.add("reply", at(2), flag=flags[3].id, comment="Updated the steps", agent="Nusrat")
    folder = tmp_path / "signals"
    folder.mkdir()
    for desk in [*desks, staff]:
        (folder / f"{desk.name}.jsonl").write_text(
            "".join(e.to_line() + "\n" for e in desk.events), encoding="utf-8")
    return folder


def build(month: Path, kb_dir: Path, **kwargs) -> report.HealthReport:
    loaded = load_folder(kb_dir)
    return report.build(signals.read([month]).events, loaded.articles, TODAY, **kwargs)


def test_an_inflected_bengali_query_and_its_stem_count_as_one_gap(month: Path,
                                                                  kb_dir: Path) -> None:
    gaps = build(month, kb_dir).no_results
    first = gaps[0]
    assert first.searches == 12 and first.desks == 12
    assert first.label == "গ্রাহকদের অভিযোগ নম্বর"
    assert set(first.queries) == {"গ্রাহকদের অভিযোগ নম্বর", "গ্রাহক অভিযোগ নম্বর",
                                  "অভিযোগ নম্বর গ্রাহকের"}
    transfer = gaps[1]
    assert (transfer.searches, set(transfer.queries)) == (3, {
        "warrenty transfer", "warranty transfer", "warranty transfers"})
    assert [g.label for g in gaps] == ["গ্রাহকদের অভিযোগ নম্বর", transfer.label, "gift wrap"]


def test_searches_whose_results_nobody_opened(month: Path, kb_dir: Path) -> None:
    [gap] = build(month, kb_dir).not_opened
    assert (gap.label, gap.searches, gap.opened, gap.desks) == ("installment plan", 5, 0, 5)


def test_flags_reach_the_owner_and_replies_close_them(month: Path, kb_dir: Path) -> None:
    health = build(month, kb_dir)
    assert [(f.article, f.kind, f.agent) for f in health.open_flags] == [
        ("refund-policy", "helpful", "Ali"), ("warranty-policy", "wrong", "Sumon")]
    assert health.open_flags[1].owner == ""  # the warranty article names no owner
    assert [(f.article, f.replies[0].text, f.replies[0].by) for f in health.answered_flags] \
        == [("router-setup", "Updated the steps", "Nusrat"),
            ("refund-policy", "Fixed: 5 days", "Nusrat")]
    assert build(month, kb_dir).answered_flags[1].owner == "Nusrat"


def test_stale_articles_most_used_first(month: Path, kb_dir: Path) -> None:
    """The sample's refund policy is fine (owner, answer, review in 2027); the others name
    no owner; two get review dates, one overdue and one due within two weeks."""
    for rel, date in (("general/warranty.md", "2026-12-01"), ("router/setup.md", "2026-10-01")):
        path = kb_dir / rel
        path.write_text(path.read_text().replace("---\n#", f"review_by: {date}\n---\n#", 1))
    stale = build(month, kb_dir).stale
    assert {s.article: s.reasons for s in stale} == {
        "router-setup": ["review was due 55 day(s) ago", "no owner"],
        "warranty-policy": ["review due in 6 day(s)", "no owner"],
        "bn-warranty": ["no owner"], "bn-complaints": ["no owner"]}
    assert [s.views for s in stale] == sorted((s.views for s in stale), reverse=True)
    assert stale[1].views > 0 == stale[2].views  # the two used ones come first
    assert [s.article for s in stale[2:]] == ["bn-complaints", "bn-warranty"]  # by path


def test_the_rising_topic_is_this_weeks_new_complaint(month: Path, kb_dir: Path) -> None:
    rising = build(month, kb_dir).trends.rising
    assert rising[0].topic == "router blinking red light" and rising[0].this_week == 12
    assert rising[0].before == 0


def test_trends_per_product_and_tag(month: Path, kb_dir: Path) -> None:
    trends = build(month, kb_dir).trends
    assert trends.weeks[-1] == "2026-W48" and len(trends.weeks) == 8
    assert sum(trends.searches_by_product["AirNest Router"]) > 0
    assert trends.flags_by_tag["warranty"][-2:] == [1, 0]


def test_the_report_is_json(month: Path, kb_dir: Path) -> None:
    data = build(month, kb_dir).to_json()
    assert json.loads(json.dumps(data, ensure_ascii=False))["desks"] == 21  # and staff
    assert data["open_flags"][0]["answered"] is False


def test_group_keys_meet_across_inflection_spelling_and_order() -> None:
    assert group_key("গ্রাহকদের অভিযোগ") == group_key("অভিযোগ গ্রাহক")
    assert group_key("warrenty claim") == group_key("warranty claims")
    assert group_key("refund") != group_key("router")


def test_a_desk_publishes_its_events_once_and_a_cut_line_is_skipped(tmp_path: Path) -> None:
    local = LocalData(tmp_path / "local.sqlite3")
    local.log_search("refund", 2, "refund-policy")
    local.record_open("refund-policy")
    local.add_flag("refund-policy", "outdated", "old", agent="Rina")
    folder = tmp_path / "signals"
    path = signals.publish(local, folder, TODAY)
    assert len(signals.read([folder]).events) == 3
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"id": "cut')  # a crash in the middle of a line
    local.log_search("warranty", 0)
    signals.publish(local, folder, TODAY)
    read = signals.read([folder])
    assert [e.kind for e in read.events].count("search") == 2 and len(read.events) == 4
    assert read.problems and "1 line" in read.problems[0]
    signals.publish(local, folder, TODAY)  # nothing new: nothing written twice
    assert len(signals.read([folder]).events) == 4


def test_old_searches_roll_up_into_weekly_counts(tmp_path: Path) -> None:
    desk = Desk("d1")
    for n in range(30):
        desk.search("refund", 70 + n % 5, 2, "refund-policy" if n % 2 else "")
    desk.search("refund", 1, 2, "refund-policy")
    path = tmp_path / "d1.jsonl"
    path.write_text("".join(e.to_line() + "\n" for e in desk.events), encoding="utf-8")
    before = report.build(signals.read([path]).events, [], TODAY,
                          since=TODAY - dt.timedelta(days=120))
    signals.roll_up(path, TODAY)
    events = signals.read([path]).events
    assert len(events) < 10 and {e.kind for e in events} == {"week", "search", "view"}
    after = report.build(events, [], TODAY, since=TODAY - dt.timedelta(days=120))
    assert after.searches == before.searches == 31
    signals.roll_up(path, TODAY)
    assert signals.read([path]).events == events  # rolling up again changes nothing


def test_a_damaged_local_file_is_set_aside_and_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "local.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    local = LocalData(path)
    assert local.warning and "damaged" in str(local.warning)
    local.log_search("refund", 1)
    assert list(tmp_path.glob("local.sqlite3.damaged-*"))


def test_kb_report_imports_desks_and_writes_json_and_html(month: Path, kb_dir: Path,
                                                          tmp_path: Path, capsys) -> None:
    from kb_app.cli import main

    common = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix")]
    assert main(["report", *common, "--import", str(month), "--json",
                 "--since", "2026-10-20"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["desks"] >= 20 and data["no_results"][0]["searches"] == 12
    page = tmp_path / "health.html"
    assert main(["report", *common, "--import", str(month), "--html", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "গ্রাহকদের অভিযোগ নম্বর" in text and text.count("<svg") == 3
    assert "bKash now takes 5 days" not in text  # answered: not an open flag
    assert "water damage is covered" in text
    assert main(["report", *common]) == 0  # this desk alone: nothing yet, no crash
    assert "0 search(es)" in capsys.readouterr().out
    assert main(["report", *common, "--import", str(tmp_path / "nope.jsonl")]) == 2


def test_times_written_other_ways_are_read_as_utc_and_impossible_ones_skipped(
        kb_dir: Path, tmp_path: Path, capsys) -> None:
    """A signals file from another tool (or a hostile remote): a time without an offset
    once made `kb report` end in a TypeError; now it counts as UTC, another offset is
    brought to UTC, and an impossible time is one skipped line, named with its file."""
    from kb_app.cli import main

    lines = [{"id": "x:search:1", "kind": "search", "at": "2026-11-24T10:00:00",
              "desk": "x", "query": "refund", "results": 1},
             {"id": "x:search:2", "kind": "search", "at": "2026-11-24T15:30:00+05:30",
              "desk": "x", "query": "refund", "results": 1},
             {"id": "x:search:3", "kind": "search", "at": "2026-13-40T99:00:00",
              "desk": "x", "query": "refund", "results": 1},
             {"id": "x:search:4", "kind": "search", "at": "0001-01-01T00:00:00+05:00",
              "desk": "x", "query": "refund", "results": 1}]
    other = tmp_path / "other-tool.jsonl"
    other.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    read = signals.read([other])
    assert [e.at for e in read.events] == ["2026-11-24T10:00:00+00:00"] * 2
    assert read.problems == [f"{other}: 2 line(s) are not signals and were skipped"]
    common = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix")]
    assert main(["report", *common, "--import", str(other), "--since", "2026-11-01",
                 "--json"]) == 0
    out, err = capsys.readouterr()
    assert "2 line(s) are not signals" in err and json.loads(out)["searches"] == 2


def test_a_lone_surrogate_in_a_teammates_file_is_replaced_not_fatal(kb_dir: Path,
                                                                   tmp_path: Path,
                                                                   capsys) -> None:
    """"\\ud800" is valid JSON and no text: once a UnicodeEncodeError in the summary, the
    JSON and the HTML report of every desk that synced the file."""
    from kb_app.cli import main

    other = tmp_path / "friend.jsonl"
    other.write_text(
        '{"id": "f:1", "kind": "search", "at": "2026-11-24T10:00:00+00:00", "desk": "f",'
        ' "query": "zzqx \\ud800", "results": 0}\n'
        '{"id": "f:2", "kind": "flag", "at": "2026-11-24T10:00:00+00:00", "desk": "f",'
        ' "article": "refund-policy", "flag": "wrong", "comment": "\\udc80 old",'
        ' "agent": "\\ud800"}\n', encoding="utf-8")
    assert signals.read([other]).events[0].query == "zzqx \ufffd"
    common = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix"), "--import",
              str(other), "--since", "2026-11-01"]
    assert main(["report", *common]) == 0
    assert "zzqx \ufffd" in capsys.readouterr().out
    assert main(["report", *common, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["searches"] == 1
    assert main(["report", *common, "--html", str(tmp_path / "r.html")]) == 0
    assert "\ufffd old" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_what_sits_in_a_signals_folder_is_read_safely(tmp_path: Path) -> None:
    """A pipe (once a hang), a link to /dev/zero (once memory without end), a line nested
    100,000 deep (once a RecursionError), a byte-order mark (once the first event lost)
    and compact JSON (once invisible to the learning, which reads by kind)."""
    import os

    folder = tmp_path / "signals"
    folder.mkdir()
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    line = {"id": "c:1", "kind": "search", "at": "2026-11-24T10:00:00+00:00", "desk": "c",
            "query": "refund", "results": 1, "article": "refund-policy"}
    (folder / "compact.jsonl").write_text(
        json.dumps(line, separators=(",", ":")) + "\n"
        + '{"kind": "search", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
        encoding="utf-8")
    (folder / "notepad.jsonl").write_bytes(
        b"\xef\xbb\xbf" + json.dumps({**line, "id": "n:1"}).encode() + b"\n")
    read = signals.read([folder])
    assert sorted(e.id for e in read.events) == ["c:1", "n:1"]
    assert sorted(p.split(": ", 1)[1] for p in read.problems) == [
        "1 line(s) are not signals and were skipped",
        "cannot be read: not a regular file", "cannot be read: not a regular file"]
    assert [e.id for e in signals.read([folder], kinds=("search",)).events] == ["c:1", "n:1"]
    assert "not a regular file" in signals.read([folder / "pipe.jsonl"]).problems[0]


def test_what_agents_typed_is_shown_never_run(tmp_path: Path) -> None:
    from kb_app.health import html

    desk = Desk("d")
    desk.search("<script>alert(1)</script>", 1, 0)
    page = html.render(report.build(desk.events, [], TODAY))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page


def test_a_desk_without_a_remote_exports_and_staff_import(kb_dir: Path, tmp_path: Path,
                                                          capsys) -> None:
    from kb_app.cli import main

    common = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix")]
    from kb_app.knowledge_base import KnowledgeBase

    with KnowledgeBase(kb_dir, tmp_path / "ix") as base:
        local = base.open_local_data()
        local.log_search("gift wrap", 0)
        local.close()
    exported = tmp_path / "desk.jsonl"
    assert main(["report", *common, "--export", str(exported)]) == 0
    assert signals.read([exported]).events[0].query == "gift wrap"


def test_a_gap_an_article_now_answers_leaves_the_report(month: Path, kb_dir: Path,
                                                         tmp_path: Path, capsys) -> None:
    from kb_app.cli import main

    common = ["--articles", str(kb_dir), "--index", str(tmp_path / "ix"), "--import",
              str(month), "--json"]
    assert main(["report", *common]) == 0
    assert "gift wrap" in [g["label"] for g in json.loads(capsys.readouterr().out)["no_results"]]
    (kb_dir / "general/gift-wrap.md").write_text(
        "---\ntitle: Gift wrap\nsummary: We wrap gifts for ৳50.\n---\nGift wrap costs ৳50.\n",
        encoding="utf-8")
    assert main(["report", *common]) == 0
    labels = [g["label"] for g in json.loads(capsys.readouterr().out)["no_results"]]
    assert "gift wrap" not in labels and "গ্রাহকদের অভিযোগ নম্বর" in labels  # partly only


def test_published_old_rows_leave_the_desk_database(tmp_path: Path) -> None:
    local = LocalData(tmp_path / "local.sqlite3")
    local.log_search("refund", 2)
    local.db.execute("UPDATE searches SET at = '2026-01-01T10:00:00+00:00'")
    local.db.commit()
    local.log_search("warranty", 1)  # recent
    signals.publish(local, tmp_path / "signals", TODAY)
    assert [r["query"] for r in local.rows_after("searches", 0)] == ["warranty"]
    events = signals.read([tmp_path / "signals"]).events
    assert {e.query for e in events} == {"refund", "warranty"}  # the file keeps both
    assert next(e for e in events if e.query == "refund").kind == "week"


def test_reading_some_kinds_finds_exactly_those_events(tmp_path: Path) -> None:
    at = "2026-11-20T10:00:00+00:00"
    events = [
        Event("d:searches:1", "search", at, "d", query='say "kind": "flag" here', results=2),
        Event("d:searches:2", "search", at, "d", query="router", results=3,
              article="router-setup"),
        Event("d:flags:1", "flag", at, "d", article="refund", flag="wrong",
              comment='"kind": "reply"'),
        Event("d:replies:1", "reply", at, "d", flag="d:flags:1", comment="fixed"),
        Event("d:views:1", "view", at, "d", article="refund"),
    ]
    path = tmp_path / "d.jsonl"
    path.write_text("".join(e.to_line() + "\n" for e in events) + "not json\n",
                    encoding="utf-8")
    def ids(kinds: tuple[str, ...], containing: str = "") -> list[str]:
        return [e.id for e in signals.read([path], kinds=kinds, containing=containing).events]

    assert len(signals.read([path]).events) == 5
    assert ids(("flag", "reply")) == ["d:flags:1", "d:replies:1"]  # not the search's text
    assert ids(("search",), '"article": ') == ["d:searches:2"]  # searches that opened one
    assert ids(("view",)) == ["d:views:1"]


def test_publishing_rolls_up_once_a_day_not_at_each_sync(tmp_path: Path, monkeypatch) -> None:
    local = LocalData(tmp_path / "local.sqlite3")
    rolled: list[dt.date] = []
    monkeypatch.setattr(signals, "roll_up", lambda path, today: rolled.append(today))
    try:
        for n in range(3):  # three syncs in a day
            local.log_search(f"query {n}", 1)
            signals.publish(local, tmp_path / "signals", TODAY)
        signals.publish(local, tmp_path / "signals", TODAY + dt.timedelta(days=1))
        events = signals.read([tmp_path / "signals"]).events
    finally:
        local.close()
    assert rolled == [TODAY, TODAY + dt.timedelta(days=1)]
    assert sorted(e.query for e in events) == ["query 0", "query 1", "query 2"]


def test_a_gap_names_what_agents_opened_when_they_said_it_again(kb_dir: Path,
                                                                 capsys) -> None:
    """Agents who found nothing for "money back for a gift" said it again as "refund"
    and opened the refund policy: the gap names it, in the report, its page and `kb
    report`, where staff add the words agents use."""
    from kb_app.cli_health import print_summary
    from kb_app.health import html

    events = []
    for n in range(4):
        desk = Desk(f"d{n}")
        first = desk.add("search", at(n + 1, 10, 0), query="money back for a gift", results=0)
        desk.add("search", at(n + 1, 10, 1), query="refund", results=3, article="refund-policy")
        desk.add("search", at(n + 1, 12, 0), query="gift <b>wrap</b>", results=0)  # not again
        events += desk.events
    assert first.article == ""
    health = report.build(events, load_folder(kb_dir).articles, TODAY)
    gap = next(g for g in health.no_results if g.label == "money back for a gift")
    assert [(f.article, f.title, f.searches) for f in gap.then_opened] == [
        ("refund-policy", "How refunds work", 4)]
    other = next(g for g in health.no_results if g.label == "gift <b>wrap</b>")
    assert other.then_opened == []  # two hours after the last open: another need
    page = html.render(health)
    assert "How refunds work (4)" in page and "gift &lt;b&gt;wrap" in page
    print_summary(health)
    assert "money back for a gift  (4 desk(s))  -> then opened How refunds work (4)" in \
        capsys.readouterr().out
    data = json.loads(json.dumps(health.to_json()))  # `kb report --json` carries it
    assert [g["then_opened"] for g in data["no_results"] if g["label"] == gap.label] == [
        [{"article": "refund-policy", "searches": 4, "title": "How refunds work",
          "path": "general/refund-policy.md"}]]


def test_a_tag_with_dollar_signs_or_an_underscore_is_drawn_as_written() -> None:
    """Legend labels come from articles' tags and products: matplotlib once parsed
    "price $100 # $200" as a formula (a ParseException, the whole report lost) and left
    out a label starting with "_"."""
    from kb_app.health import charts

    series = {"price $100 # $200": [1, 2], "_internal": [3, 1], "cashback": [0, 1]}
    figure = charts.weekly_figure("Searches per week, by tag", ["2026-W47", "2026-W48"],
                                  series)
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert labels == ["\u200b_internal", r"price \$100 # \$200", "cashback"]
    assert charts.svg(figure).startswith("<svg")


def test_a_count_is_a_weeks_alone_and_the_future_is_not_recent(tmp_path: Path) -> None:
    """One line claiming two billion views once topped "most viewed"; one dated 9999
    counted as this month's."""
    def line(**fields) -> str:
        base = {"kind": "view", "at": "2026-11-24T10:00:00+00:00", "desk": "x",
                "article": "refund-policy"}
        return json.dumps({**base, **fields}) + "\n"

    path = tmp_path / "x.jsonl"
    path.write_text(line(id="x:1", count=2_147_483_647)
                    + line(id="x:2", kind="week", query="refund", count=1_000_000)
                    + line(id="x:3", kind="search", query="zzq", at="9999-01-01T00:00:00")
                    + line(id="x:4"), encoding="utf-8")
    read = signals.read([path])
    assert [(e.id, e.count) for e in read.events] == [("x:1", 1), ("x:4", 1), ("x:3", 1)]
    assert read.problems == [f"{path}: 1 line(s) are not signals and were skipped"]
    built = report.build(read.events, [], TODAY)
    assert built.searches == 0
    assert [(v.article, v.views) for v in built.most_viewed] == [("refund-policy", 2)]


def test_a_huge_query_or_comment_is_kept_as_long_as_the_search_box_takes(
        tmp_path: Path) -> None:
    """A 50 MB query once took 33 s to group for the report."""
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": "x:1", "kind": "flag", "desk": "x",
                                "at": "2026-11-24T10:00:00+00:00", "article": "a",
                                "flag": "wrong", "query": "refund " * 200_000,
                                "comment": "c" * 50_000}) + "\n", encoding="utf-8")
    [event] = signals.read([path]).events
    assert len(event.query) == 1_000 and len(event.comment) == 10_000
