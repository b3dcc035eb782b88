"""The host without a network: seats, the AI's stand-ins, the log in the store, and resuming a class."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negotiator.engine.actions import EndTurn, action_from_dict
from negotiator.engine.state import new_game
from negotiator.host import messages as m
from negotiator.host.core import Host
from negotiator.host.store import StoreError, open_store
from negotiator.scenario import scenario_content_hash

from .helpers import SCENARIO_PATH, Recorder, act, ai_action, join, new_host, scenario


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _play_out(host: Host, conns: dict[str, Recorder], table: int = 1, stop_after: int | None = None) -> int:
    t = host.table(table)
    assert t is not None
    played = 0
    while not t.state.is_over() and (stop_after is None or played < stop_after):
        seat = t.state.current_actor
        assert seat is not None
        reply = act(host, conns[seat], ai_action(host, table, seat), len(t.state.actions))
        assert isinstance(reply, m.Ok), reply
        played += 1
    return played


def _seat_all(host: Host, table: int = 1) -> dict[str, Recorder]:
    conns: dict[str, Recorder] = {}
    t = host.table(table)
    assert t is not None
    for n in range(len(t.seats)):
        conn = Recorder(f"student{table}-{n}")
        conns[join(host, conn, table=table).seat] = conn
    return conns


def test_a_full_table_starts_and_plays_to_the_end_as_the_same_actions_do_locally() -> None:
    host = new_host(tables=2)
    conns = _seat_all(host)
    t = host.table(1)
    assert t is not None and t.started and not host.tables[1].started
    _play_out(host, conns)
    local = new_game(scenario(), t.state.seed, t.state.settings)
    stored = host.store.load()
    assert stored is not None
    for document in stored.tables[0].actions:
        local = local.apply(action_from_dict(document))
    assert local.state_hash() == t.state.state_hash()
    final = conns["kyiv"].last(m.SeatView)
    assert final.over and final.outcome is not None and final.outcome.score is not None


def test_resume_restores_every_table_exactly_and_tokens_still_work(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), tables=3)
    conns = _seat_all(host, 1)
    _play_out(host, conns, stop_after=7)
    host.start(2)  # table 2: every seat to the AI, to the end
    tokens = {seat: c.last(m.Welcome).token for seat, c in conns.items()}
    hashes = [t.state.state_hash() for t in host.tables]
    host.store.close()

    again = Host.resume(scenario(), scenario_content_hash(SCENARIO_PATH), open_store(str(db)))
    assert [t.state.state_hash() for t in again.tables] == hashes
    assert again.code == host.code and [t.started for t in again.tables] == [True, True, False]
    assert again.tables[1].state.is_over()
    back: dict[str, Recorder] = {}
    for seat, token in tokens.items():
        conn = Recorder(f"back-{seat}")
        assert join(again, conn, token=token).seat == seat
        back[seat] = conn
    _play_out(again, back)
    assert again.tables[0].state.is_over()


def test_resume_refuses_a_changed_scenario_or_an_empty_store(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    new_host(open_store(str(db))).store.close()
    with pytest.raises(StoreError, match="has changed since the class began"):
        Host.resume(scenario(), "f" * 64, open_store(str(db)))
    with pytest.raises(StoreError, match="holds no class"):
        Host.resume(scenario(), "f" * 64, open_store(str(tmp_path / "empty.db")))


def test_an_absent_student_is_played_by_the_ai_after_the_grace_and_gets_the_seat_back() -> None:
    clock = Clock()
    host = new_host(grace=30.0, clock=clock)
    conns = _seat_all(host)
    t = host.tables[0]
    first = t.state.current_actor
    assert first is not None
    token = conns[first].last(m.Welcome).token
    host.disconnect(conns[first])
    assert t.status(first) == "away"
    clock.now = 10.0
    host.tick()
    assert t.state.current_actor == first and len(t.state.actions) == 0  # still within the grace
    clock.now = 31.0
    host.tick()
    assert t.state.current_actor != first  # the AI finished that move
    assert conns["moscow" if first != "moscow" else "kyiv"].last(m.SeatView).seats[first] == "ai"
    conn = Recorder("back")
    assert join(host, conn, token=token).seat == first
    assert t.status(first) == "student" and not t.ai_plays(first)
    assert t.stand_ins() == {first: [1]}  # for the debrief, and kept in the store
    stored = host.store.load()
    assert stored is not None and set(stored.tables[0].played_by) == {"standin"}  # nobody else has moved yet


def test_seats_are_given_out_and_refused_clearly() -> None:
    host = new_host(tables=1)
    a = Recorder("a")
    assert join(host, a, seat="moscow").seat == "moscow"
    b = Recorder("b")
    host.receive(b, json.dumps({"type": "join", "code": host.code, "seat": "moscow"}))
    refused = b.last(m.Error)
    assert refused.code == "no_seat" and "moscow" in refused.message
    host.receive(b, json.dumps({"type": "join", "code": host.code, "table": 4}))
    assert b.last(m.Error).code == "no_table"
    # before the table starts nobody plays
    reply = act(host, a, EndTurn("moscow"), 0)
    assert isinstance(reply, m.Error) and reply.code == "not_started"
    assert host.start() == [1]
    assert host.tables[0].statuses() == {"kyiv": "ai", "moscow": "student", "washington": "ai"}
    # a late student takes over a seat the AI was playing; a finished table takes nobody
    late = Recorder("late")
    assert join(host, late, table=1).seat == "kyiv"
    assert host.tables[0].statuses()["kyiv"] == "student"
    done = new_host(tables=2)
    done.start(1)
    assert done.tables[0].state.is_over()
    assert join(done, Recorder("y")).table == 2
    refused = Recorder("z")
    done.receive(refused, json.dumps({"type": "join", "code": done.code, "table": 1}))
    assert refused.last(m.Error).code == "no_seat" and "over" in refused.last(m.Error).message


def test_wrong_codes_and_tokens_are_rate_limited() -> None:
    host = new_host()
    conn = Recorder("guesser")
    for _ in range(5):
        host.receive(conn, json.dumps({"type": "join", "code": "AAAAAA"}))
        assert conn.last(m.Error).code == "bad_code"
    host.receive(conn, json.dumps({"type": "join", "code": host.code}))
    assert conn.last(m.Error).code == "rate_limited"
    other = Recorder("someone else")
    assert join(host, other).seat == "kyiv"


def test_the_teacher_reaches_every_table_at_once_and_a_resume_replays_it(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), tables=3)
    conns = _seat_all(host, 1)
    host.start(2)  # table 2 plays to the end with the AI
    assert host.facilitate(None, "bulletin The summit moves to Geneva.") == [
        "table 1: done",
        "table 2: the game is over",
        "table 3: done",
    ]
    for conn in conns.values():
        assert any(e.phase == "facilitator" and "Geneva" in e.text for e in conn.last(m.SeatView).log)
    event = scenario().events[0].id
    assert host.facilitate(3, f"inject {event}") == ["table 3: done"]
    assert host.facilitate(1, "deadline 0")[0].startswith("table 1: not done:")
    for bad in ("offer territory=x", "adjust escalation nan", "shout", "bulletin \x1b[2J"):
        with pytest.raises(ValueError):
            host.facilitate(1, bad)
    with pytest.raises(ValueError, match="no table 9"):
        host.facilitate(9, "bulletin hello")
    hashes = [t.state.state_hash() for t in host.tables]
    host.store.close()
    again = Host.resume(scenario(), scenario_content_hash(SCENARIO_PATH), open_store(str(db)))
    assert [t.state.state_hash() for t in again.tables] == hashes
    assert again.tables[0].played_by == host.tables[0].played_by
    assert "teacher" in again.tables[0].played_by and "ai" in again.tables[1].played_by


def test_a_paused_table_does_not_move_until_play_goes_on() -> None:
    host = new_host()
    conn = Recorder("only")
    seat = join(host, conn, seat="washington").seat
    assert host.pause(1) == [1]
    host.start()
    t = host.tables[0]
    assert len(t.state.actions) == 0 and conn.last(m.SeatView).paused  # the AI waits too
    assert host.pause(1, paused=False) == [1]
    assert t.state.current_actor == seat and len(t.state.actions) > 0
    host.pause(None)
    reply = act(host, conn, EndTurn(seat), len(t.state.actions))
    assert isinstance(reply, m.Error) and reply.code == "paused"


def test_the_results_name_the_student_and_the_turns_the_computer_played_for_them() -> None:
    from negotiator.commands.host import result_rows

    clock = Clock()
    host = new_host(grace=5.0, clock=clock)
    conn = Recorder("ana")
    join(host, conn, seat="moscow", name="Ana")
    host.start()
    t = host.tables[0]
    _play_out(host, {"moscow": conn}, stop_after=1)
    host.disconnect(conn)
    clock.now = 10.0
    host.tick()  # Ana has gone: the computer finishes her game
    assert t.state.is_over()
    rows = {row["seat"]: row for row in result_rows(host)}
    assert rows["moscow"]["student"] == "Ana" and rows["kyiv"]["computer_turns"] == "all"
    assert rows["moscow"]["computer_turns"] == " ".join(map(str, t.stand_ins()["moscow"]))
    assert rows["moscow"]["computer_turns"].startswith("1") or rows["moscow"]["computer_turns"].startswith("2")
    assert rows["moscow"]["score"] == t.state.outcome().scores["moscow"].total  # type: ignore[union-attr]
