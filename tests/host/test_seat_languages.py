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


def test_a_language_the_host_does_not_know_falls_back_and_a_malformed_one_is_refused() -> None:
    host = new_host(tables=1)
    unknown = LocalSession(host, lang="xx")
    assert unknown.brief.title == host.scenario.metadata.title
    conn = Recorder()
    host.receive(conn, json.dumps({"type": "join", "code": host.code, "lang": "uk; DROP TABLE"}))
    assert isinstance(conn.messages()[-1], m.Error)
