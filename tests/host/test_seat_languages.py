"""A table that mixes languages: each seat reads the same records in the language it joined with."""

from __future__ import annotations

import json

from negotiator.host import messages as m
from negotiator.host.session import LocalSession

from .helpers import Recorder, ai_action, new_host


def test_each_seat_reads_its_brief_the_news_and_the_reasons_in_its_own_language() -> None:
    host = new_host(tables=1)
    seats = {
        "kyiv": LocalSession(host, seat="kyiv", lang="uk"),
        "moscow": LocalSession(host, seat="moscow", lang="ru"),
        "washington": LocalSession(host, seat="washington"),  # no language asked: the scenario's own
    }
    table = host.table(1)
    assert table is not None and table.started
    for _ in range(12):  # a few realistic moves, with the computer's reasons
        actor = table.state.current_actor
        assert actor is not None
        assert seats[actor].act(ai_action(host, 1, actor)) is None
    logs = {seat: [e for e in s.view().log if e.kind == "offer"] for seat, s in seats.items()}
    assert logs["kyiv"] and len(logs["kyiv"]) == len(logs["moscow"]) == len(logs["washington"])
    assert all("пропозиція №" in e.text for e in logs["kyiv"])
    assert all("предложение №" in e.text for e in logs["moscow"])
    assert all(" offers #" in e.text for e in logs["washington"])
    reasons = {seat: [e.data.get("reason", "") for e in log] for seat, log in logs.items()}
    assert all(r.startswith("We ") for r in reasons["washington"] if r)
    assert all(not r.startswith("We ") for r in reasons["kyiv"] + reasons["moscow"])
    briefs = {seat: s.brief for seat, s in seats.items()}
    assert briefs["kyiv"].title != briefs["washington"].title != briefs["moscow"].title
    english = host.scenario.actor("kyiv")
    assert briefs["kyiv"].confidential_brief != english.confidential_brief  # in Ukrainian
    assert briefs["kyiv"].values == LocalSession(host, seat="kyiv", token=seats["kyiv"].token).brief.values


def test_a_language_the_host_cannot_serve_falls_back_and_a_locale_is_understood() -> None:
    host = new_host(tables=2)
    for asked in ("xx", "", "uk; DROP TABLE", "pt-BR"):
        conn = Recorder(asked)
        host.receive(conn, json.dumps({"type": "join", "code": host.code, "lang": asked}))
        welcome = next(msg for msg in conn.messages() if isinstance(msg, m.Welcome))
        assert welcome.brief.title == host.scenario.metadata.title  # the scenario's own, and a seat all the same
    host = new_host(tables=1)
    for asked in ("UK", "uk_UA", "uk-UA"):  # what an operating system calls its locale
        conn = Recorder(asked)
        host.receive(conn, json.dumps({"type": "join", "code": host.code, "lang": asked}))
        welcome = next(msg for msg in conn.messages() if isinstance(msg, m.Welcome))
        assert welcome.brief.title == host.scenario.translated("uk").metadata.title
    for bad in (5, ["uk"], "uk\n", "u" * 100):  # not a line of text: refused with a reason, never a crash
        conn = Recorder()
        host.receive(conn, json.dumps({"type": "join", "code": host.code, "lang": bad}))
        assert isinstance(conn.messages()[-1], m.Error)


def test_a_teammate_joining_a_seat_reads_the_brief_though_the_first_student_closed_it() -> None:
    host = new_host(tables=1, team_size=2)
    first = LocalSession(host, seat="kyiv")
    first.briefed()
    second = LocalSession(host, seat="kyiv")
    assert second.view().briefed and second.new_seat  # the seat has read it; this student has not
    again = LocalSession(host, token=first.token)
    assert not again.new_seat  # a rejoin by token does not open it again


def test_the_move_timers_reasons_are_worded_in_each_seats_language() -> None:
    from negotiator.i18n.reason_words import reason_text

    sc = host_scenario = new_host(tables=1).scenario
    uk = host_scenario.translated("uk")
    assert reason_text("Time ran out", sc, uk, "uk") == "Час вийшов"
    moved = "Time ran out; the computer moved for this side: We propose this: our opening position."
    assert (
        reason_text(moved, sc, uk, "uk")
        == "Час вийшов; за цю сторону походив комп'ютер: Пропонуємо: наша початкова позиція."
    )
    assert reason_text(moved, sc, sc, "en") == moved
    plain = "Time ran out; the computer moved for this side."
    assert reason_text(plain, sc, sc, "en") == plain and reason_text(plain, sc, uk, "uk") != plain
