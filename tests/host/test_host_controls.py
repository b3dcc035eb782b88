"""The teacher's controls that are not game moves: the pause and the move timer, kept across `--resume`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from negotiator.engine.actions import EndTurn
from negotiator.host import messages as m
from negotiator.host.core import Host
from negotiator.host.overview import Overviews
from negotiator.host.store import open_store
from negotiator.host.table import BRIEF_SECONDS
from negotiator.scenario import scenario_content_hash
from negotiator.ui.facilitation import TIME_RAN_OUT

from .helpers import SCENARIO_PATH, Recorder, act, briefed, join, new_host, scenario


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _resume(db: Path, clock: Clock | None = None) -> Host:
    return Host.resume(scenario(), scenario_content_hash(SCENARIO_PATH), open_store(str(db)), clock=clock or Clock())


def test_a_pause_is_stored_and_a_resumed_class_stays_paused(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), tables=2)
    host.start()
    moved = [len(t.state.actions) for t in host.tables]
    assert host.pause(2) == [2]
    host.store.close()
    again = _resume(db)
    assert [t.paused for t in again.tables] == [False, True]
    assert [len(t.state.actions) for t in again.tables] == moved
    again.start()
    again.tick()
    assert len(again.tables[1].state.actions) == moved[1]  # the AI waits at the paused table after the resume
    assert again.pause(2, paused=False) == [2]
    again.store.close()
    assert [t.paused for t in _resume(db).tables] == [False, False]


def test_the_move_timer_ends_a_students_move_and_not_during_a_pause(tmp_path: Path) -> None:
    clock = Clock()
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), clock=clock)
    conns = {}
    t = host.tables[0]
    for n in range(len(t.seats)):
        conn = Recorder(f"s{n}")
        conns[join(host, conn).seat] = conn
        briefed(host, conn)
    first = t.state.current_actor
    assert first is not None and t.timer_left() is None  # no timer yet
    assert host.set_timer(None, 60) == [1]
    assert conns[first].last(m.SeatView).timer_left == 60.0
    clock.now = 30.0
    host.tick()
    assert t.state.current_actor == first and t.timer_left() == 30.0
    host.pause(1)
    clock.now = 500.0
    host.tick()
    assert t.state.current_actor == first and t.timer_left() == 30.0  # no time passes while paused
    host.pause(1, paused=False)
    clock.now = 529.0
    host.tick()
    assert t.state.current_actor == first
    clock.now = 530.0
    host.tick()
    last = t.state.actions[-1]
    assert isinstance(last, EndTurn) and last.actor == first and last.reason == TIME_RAN_OUT
    assert t.played_by[-1] == "timer"
    second = t.state.current_actor
    assert second != first and t.timer_left() == 60.0  # the next student's move gets a full countdown
    overview = Overviews(host)()[0]
    assert (overview.timer, overview.timer_left) == (60, 60.0)
    stale = act(host, conns[first], EndTurn(first), len(t.state.actions) - 1)
    assert isinstance(stale, m.Error)  # the student's late move is refused, not played twice
    hashes = t.state.state_hash()
    host.store.close()
    again = _resume(db, clock)
    assert again.tables[0].timer == 60 and again.tables[0].state.state_hash() == hashes
    assert again.set_timer(1, 0) == [1] and again.tables[0].timer_left() is None


def test_the_ai_is_never_timed_and_bad_lengths_are_refused() -> None:
    clock = Clock()
    host = new_host(clock=clock)
    host.set_timer(None, 30)
    host.start()  # every seat free: the AI plays the whole game, the timer never runs
    assert host.tables[0].state.is_over() and host.tables[0].timer_left() is None
    assert "timer" not in host.tables[0].played_by
    with pytest.raises(ValueError, match="0 \\(off\\) to 3600"):
        host.set_timer(None, 5000)


def test_a_remote_teacher_sets_the_timer_with_a_teach_message() -> None:
    host = new_host(tables=2)
    host.teacher_pin = "4821"
    conn = Recorder("teacher")

    def teach(**fields: object) -> m.Taught | m.Error:
        host.receive(conn, json.dumps({"type": "teach", "code": host.code, "pin": "4821", **fields}))
        return m.parse_host(conn.sent[-1])

    assert teach(verb="timer", table=2, text="90").lines == ["table 2: move timer 90 s"]
    assert [t.timer for t in host.tables] == [0, 90]
    assert teach(verb="timer", text="0").lines == ["table 2: move timer off"]
    refused = teach(verb="timer", text="soon")
    assert isinstance(refused, m.Error) and refused.code == "bad_command"


def test_a_database_from_before_the_pause_was_kept_still_resumes(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    host = new_host(open_store(str(db)))
    host.start()
    hashes = host.tables[0].state.state_hash()
    host.store.close()
    with sqlite3.connect(db) as raw:  # the tables as the first host version wrote them
        raw.executescript(
            "CREATE TABLE t2 AS SELECT id, seed, settings, started FROM tables; DROP TABLE tables;"
            "ALTER TABLE t2 RENAME TO tables;"
        )
    again = _resume(db)
    assert again.tables[0].state.state_hash() == hashes and not again.tables[0].paused


def test_a_students_session_counts_the_move_timer_down_from_the_hosts_figure() -> None:
    from negotiator.host.session import LocalSession

    clock = Clock()
    host = new_host(clock=clock)
    seats = [LocalSession(host, name=n) for n in ("Ana", "Ben", "Chloe")]
    for s in seats:
        s.briefed()  # as the window's brief closes
    assert all(s.timer_left() is None for s in seats)
    host.set_timer(None, 90)
    mover = next(s for s in seats if s.view().my_move)
    left = mover.timer_left()
    assert left is not None and 89.0 < left <= 90.0
    clock.now = 100.0  # the host's clock runs out: the host ends the move, the next seat's countdown starts
    host.tick()
    assert not mover.view().my_move and host.tables[0].state.actions[-1].reason == TIME_RAN_OUT
    host.pause(1)
    assert all(s.timer_left() == 90.0 for s in seats)  # paused: the figure stands still


def test_the_terminal_says_how_long_is_left_on_the_move_timer() -> None:
    from negotiator.commands.join import _time_left

    class Seat:
        def __init__(self, left: float | None) -> None:
            self.left = left

        def timer_left(self) -> float | None:
            return self.left

    assert _time_left(Seat(None)) == ""
    assert _time_left(Seat(89.2)) == ", 1:30 left on the move timer"
    assert _time_left(Seat(0.0)) == ", 0:00 left on the move timer"


def test_when_time_runs_out_the_computer_can_finish_the_move_and_the_debrief_says_so(tmp_path: Path) -> None:
    clock = Clock()
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), clock=clock)
    conns = {}
    t = host.tables[0]
    for n in range(len(t.seats)):
        conn = Recorder(f"s{n}")
        conns[join(host, conn).seat] = conn
        briefed(host, conn)
    first = t.state.current_actor
    assert host.set_timer(None, 30, "ai") == [1]
    with pytest.raises(ValueError, match="pass or ai"):
        host.set_timer(None, 30, "shrug")
    before = len(t.state.actions)
    clock.now = 31.0
    host.tick()
    assert t.state.current_actor != first  # the computer finished the move, ending it
    finished = t.state.actions[before:]
    assert finished and all(a.actor == first for a in finished)
    assert all(a.reason.startswith(f"{TIME_RAN_OUT}; the computer moved for this side") for a in finished)
    assert t.played_by[before:] == ["standin"] * len(finished) and t.stand_ins() == {first: [1]}
    assert t.status(first) == "student"  # the seat is the student's again for the next move
    host.store.close()
    again = _resume(db, clock)
    assert again.tables[0].on_timeout == "ai" and again.tables[0].timer == 30
    assert again.tables[0].state.state_hash() == t.state.state_hash()


def test_the_teach_message_and_the_console_take_the_timeout_word() -> None:
    from negotiator.host.core import timer_words

    assert (
        timer_words("90") == (90, None) and timer_words("90 ai") == (90, "ai") and timer_words("0 pass") == (0, "pass")
    )
    for bad in ("", "soon", "90 later", "90 ai x", "-5"):
        with pytest.raises(ValueError):
            timer_words(bad)
    host = new_host(tables=2)
    host.teacher_pin = "4821"
    conn = Recorder("teacher")
    host.receive(
        conn, json.dumps({"type": "teach", "code": host.code, "pin": "4821", "verb": "timer", "text": "60 ai"})
    )
    assert m.parse_host(conn.sent[-1]).lines == [
        "table 1: move timer 60 s, then the computer finishes the move",
        "table 2: move timer 60 s, then the computer finishes the move",
    ]
    assert [t.on_timeout for t in host.tables] == ["ai", "ai"]


def test_the_move_timer_waits_while_a_student_reads_the_brief(tmp_path: Path) -> None:
    """The table starts when its last seat is taken, while the students are still reading their briefs: the
    timer counted the first student's move from then, and could end it before they had closed the brief."""
    clock = Clock()
    db = tmp_path / "class.db"
    host = new_host(open_store(str(db)), clock=clock, tables=2)
    host.set_timer(None, 60)
    conns: dict[str, Recorder] = {}
    t = host.tables[0]
    for n in range(len(t.seats)):
        conn = Recorder(f"s{n}")
        conns[join(host, conn, table=1).seat] = conn
    first = t.state.current_actor
    assert first is not None and t.started
    view = conns[first].last(m.SeatView)
    assert not view.briefed and view.timer_left is None
    assert Overviews(host)()[0].seats[[s.seat for s in Overviews(host)()[0].seats].index(first)].status == "reading"
    clock.now = 200.0
    host.tick()
    assert t.state.current_actor == first and t.timer_left() is None  # no time runs out while reading
    briefed(host, conns[first])
    view = conns[first].last(m.SeatView)
    assert view.briefed and view.timer_left == 60.0  # a full countdown from the moment the brief closes
    statuses = {s.seat: s.status for s in Overviews(host)()[0].seats}
    assert statuses[first] == "student" and "reading" in statuses.values()  # the others are still reading
    clock.now = 260.0
    host.tick()
    assert t.state.actions[-1].actor == first and t.played_by[-1] == "timer"
    # A student who never closes the brief is timed from BRIEF_SECONDS after the start, so the table goes on.
    second = t.state.current_actor
    assert second is not None and second != first and t.timer_left() is None
    clock.now = BRIEF_SECONDS - 1
    host.tick()
    assert t.state.current_actor == second and t.timer_left() is None
    clock.now = BRIEF_SECONDS
    host.tick()
    assert t.timer_left() == 60.0
    assert conns[second].last(m.SeatView).timer_left == 60.0  # told at once: its countdown has begun
    clock.now = BRIEF_SECONDS + 60
    host.tick()
    assert t.state.actions[-1].actor == second and t.played_by[-1] == "timer"
    # Only a joined seat can say it has read its brief; the message is refused, never a crash.
    stranger = Recorder("stranger")
    host.receive(stranger, json.dumps({"type": "briefed"}))
    assert stranger.last(m.Error).code == "not_joined"
    host.receive(conns[first], json.dumps({"type": "briefed", "extra": 1}))
    assert conns[first].last(m.Error).code != ""
    # A resumed class: each seat reads again (its window, reconnecting, says `briefed` at once), with the allowance
    # counted from the resume, so a host that crashed while students read does not time them out on its return.
    host.store.close()
    clock.now = 1000.0
    again = _resume(db, clock)
    table = again.tables[0]
    assert not any(s.briefed for s in table.seats.values()) and table.timer_left() is None
    mover = table.state.current_actor
    assert mover is not None
    table.mark_briefed(mover)  # as the mover's window does when it reconnects
    assert table.timer_left() == 60.0
    other = next(a for a in table.seats if a != mover)
    assert table.reading(other)
    clock.now = 1000.0 + BRIEF_SECONDS
    assert not table.reading(other)  # the allowance counted from the resume is over
