"""Teams: several students on one seat, each from their own computer with their own token, kept by --resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negotiator.engine.actions import EndTurn
from negotiator.host import messages as m
from negotiator.host.core import Host
from negotiator.host.overview import Overviews
from negotiator.host.store import open_store
from negotiator.host.table import Seat
from negotiator.scenario import scenario_content_hash

from .helpers import SCENARIO_PATH, Recorder, act, join, new_host, scenario


def test_every_seat_gets_a_student_before_a_team_gets_a_second(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), tables=2, team_size=2)
    conns = [Recorder(f"s{n}") for n in range(12)]
    seats = [(w.table, w.seat) for w in (join(host, c, name=f"S{n}") for n, c in enumerate(conns))]
    assert seats[:6] == [(1, "kyiv"), (1, "moscow"), (1, "washington"), (2, "kyiv"), (2, "moscow"), (2, "washington")]
    assert sorted(seats[6:]) == sorted(seats[:6])  # then each seat gets its second student
    late_join = Recorder("late")
    host.receive(late_join, json.dumps({"type": "join", "code": host.code}))
    assert late_join.last(m.Error).code == "no_seat"  # every team is full
    t = host.tables[0]
    assert t.seats["kyiv"].names == "S0 + S6"
    assert Overviews(host)()[0].seats[0].name == "S0 + S6"
    # both students act for the seat; the second of two copies of one move is refused as stale
    mover = t.state.current_actor
    first, second = (conns[n] for n, s in enumerate(seats) if s == (1, mover))
    seq = len(t.state.actions)
    assert isinstance(act(host, first, EndTurn(mover), seq), m.Ok)
    late = act(host, second, EndTurn(mover), seq)
    assert isinstance(late, m.Error) and late.code in ("stale", "illegal")
    assert second.last(m.SeatView).actions == seq + 1  # the teammate sees the move played
    hashes = [x.state.state_hash() for x in host.tables]
    tokens = {n: c.last(m.Welcome).token for n, c in enumerate(conns)}
    host.store.close()
    again = Host.resume(scenario(), scenario_content_hash(SCENARIO_PATH), open_store(str(db)))
    assert again.record.team_size == 2 and [x.state.state_hash() for x in again.tables] == hashes
    assert again.tables[0].seats["kyiv"].names == "S0 + S6"
    back = Recorder("back")
    assert join(again, back, token=tokens[6]).seat == "kyiv"  # the second student's own token still works


def test_a_full_team_is_refused_and_the_seat_list_shows_team_room() -> None:
    host = new_host(tables=1, team_size=2)
    for n in range(2):
        join(host, Recorder(f"k{n}"), seat="kyiv")
    ask = Recorder("asker")
    host.receive(ask, json.dumps({"type": "seats", "code": host.code}))
    listed = ask.last(m.SeatList)
    assert listed.free["1"] == ["moscow", "washington"] and listed.teams == {}  # kyiv's team is full
    full = Recorder("third")
    host.receive(full, json.dumps({"type": "join", "code": host.code, "seat": "kyiv"}))
    assert full.last(m.Error).code == "no_seat"
    solo = new_host(tables=1)
    join(solo, Recorder("one"), seat="kyiv")
    again = Recorder("two")
    solo.receive(again, json.dumps({"type": "join", "code": solo.code, "seat": "kyiv"}))
    assert again.last(m.Error).code == "no_seat"  # without teams a taken seat stays taken
    with pytest.raises(ValueError, match="1 to 10 students"):
        new_host(team_size=11)


def test_the_seat_list_marks_seats_whose_team_has_room() -> None:
    host = new_host(tables=1, team_size=2)
    join(host, Recorder("k0"), seat="kyiv")
    ask = Recorder("asker")
    host.receive(ask, json.dumps({"type": "seats", "code": host.code}))
    listed = ask.last(m.SeatList)
    assert listed.free["1"] == ["moscow", "washington", "kyiv"] and listed.teams == {"1": ["kyiv"]}


def test_a_large_teams_names_are_shortened() -> None:
    seat = Seat("kyiv", "h0", "A" * 40, team=[(f"h{n}", "B" * 40) for n in range(1, 6)])
    assert seat.names == f"{'A' * 40} + {'B' * 40} + 4 more" and len(seat.names) <= 120
    assert Seat("kyiv").names == "" and Seat("kyiv", "h", "Ana", team=[("g", "")]).names == "Ana"
