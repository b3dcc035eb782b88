"""A teacher's screen on another computer: `watch` and `teach` with the class code and the teacher's PIN."""

from __future__ import annotations

import json

import pytest

from negotiator.engine.actions import EndTurn
from negotiator.host import messages as m
from negotiator.host.control import RemoteClassControl
from negotiator.host.server import serve_in_thread
from negotiator.host.session import LocalSession, SessionError

from .helpers import Recorder, act, new_host, play_scripted
from .test_privacy import _floats, distinct_scenario
from .test_teacher_privacy import _private_numbers


def test_a_remote_teacher_sees_every_table_pauses_one_and_sends_a_bulletin() -> None:
    host = new_host(tables=3)
    host.teacher_pin = "4821"
    students = [LocalSession(host, table=1, seat="kyiv", name="Ana")]
    running = serve_in_thread(host)
    try:
        control = RemoteClassControl(running.address, host.code.lower(), "4821")
        tables = control.overview()
        assert [t.number for t in tables] == [1, 2, 3]
        assert tables[0].seats[0].name == "Ana" and control.names["kyiv"] == "Kyiv"
        assert control.start(None) == ["table 1: started", "table 2: started", "table 3: started"]
        assert control.pause(1, True) == ["table 1: paused"]
        assert host.table(1).paused and students[0].view().paused
        assert control.overview()[0].paused
        assert control.pause(1, False) == ["table 1: playing again"]
        lines = control.facilitate(1, "bulletin Five minutes left")
        assert lines == ["table 1: done"]
        assert any("Five minutes left" in e.text for e in host.table(1).state.entries)
        with pytest.raises(ValueError):
            control.facilitate(None, "offer territory=x")  # a player's action, not the teacher's
        assert control.set_timer(1, 90) == ["table 1: move timer 90 s"]  # tables 2 and 3 are over already
        assert host.table(1).timer == 90 and control.overview()[0].timer == 90
        assert control.set_timer(None, 0) == ["table 1: move timer off"]
        assert not control.has_debrief  # no game state crosses the network to a teacher's screen
        control.close()
        with pytest.raises(SessionError) as wrong:
            RemoteClassControl(running.address, host.code, "9999")
        assert wrong.value.code == "bad_pin"
    finally:
        running.stop()
    with pytest.raises(SessionError) as gone:
        RemoteClassControl(running.address, host.code, "4821", timeout=1)
    assert gone.value.code == "no_host"


def test_without_a_pin_the_host_takes_no_teacher_and_wrong_pins_are_rate_limited() -> None:
    host = new_host()
    conn = Recorder("10.0.0.9")
    host.receive(conn, json.dumps({"type": "watch", "code": host.code, "pin": "1234"}))
    assert conn.last(m.Error).code == "no_teacher"
    host.teacher_pin = "4821"
    for _ in range(5):
        host.receive(conn, json.dumps({"type": "watch", "code": host.code, "pin": "0000"}))
        assert conn.last(m.Error).code == "bad_pin"
    host.receive(conn, json.dumps({"type": "watch", "code": host.code, "pin": "4821"}))
    assert conn.last(m.Error).code == "rate_limited"  # even the right PIN waits after five wrong ones


def test_a_teacher_connection_cannot_play_a_seat() -> None:
    host = new_host()
    host.teacher_pin = "4821"
    conn = Recorder()
    host.receive(conn, json.dumps({"type": "watch", "code": host.code, "pin": "4821"}))
    assert isinstance(conn.last(m.Overview), m.Overview)
    reply = act(host, conn, EndTurn("kyiv"), 0)
    assert isinstance(reply, m.Error) and reply.code == "not_joined"


def test_every_message_a_remote_teacher_receives_holds_no_private_number_or_text() -> None:
    sc = distinct_scenario()
    host = new_host(tables=2, sc=sc)
    host.teacher_pin = "4821"
    sessions = [LocalSession(host, table=1, name=f"s{i}") for i in range(3)]
    host.start()
    teacher = Recorder("teacher")
    confidential = [a.confidential_brief[:60] for a in sc.actors if a.confidential_brief]
    for _ in range(30):
        host.receive(teacher, json.dumps({"type": "watch", "code": host.code, "pin": "4821"}))
        text = teacher.sent[-1]
        assert isinstance(m.parse_host(text), m.Overview)
        leaked = {round(f, 9) for f in _floats(json.loads(text))} & _private_numbers(host)
        assert not leaked, leaked
        assert not [c for c in confidential if c in text]
        if play_scripted(sessions, stop_after=3) == 0:
            break
    assert len(teacher.sent) > 3


def test_join_teacher_needs_a_pin_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    from negotiator.cli import main

    code = main(["join", "ws://127.0.0.1:1", "ABCDEF", "--teacher"])
    assert code == 2
    assert "--teacher needs --pin" in capsys.readouterr().err


def test_a_remote_teachers_screen_reads_the_scenario_in_the_teachers_language() -> None:
    host = new_host(tables=2)
    host.teacher_pin = "4821"
    running = serve_in_thread(host)
    try:
        control = RemoteClassControl(running.address, host.code, "4821")
        host.start(2)  # the computer plays table 2 to its end
        assert control.names["kyiv"] == "Kyiv"
        control.use_language("uk")
        uk = host.scenario.translated("uk")
        assert control.names["kyiv"] == uk.actor("kyiv").short_name and control.title == uk.metadata.title
        ended = next(t for t in control.overview() if t.over)
        english = next(t for t in host.tables if t.number == ended.number).state.outcome()
        assert english is not None and ended.ending != english.ending_text  # the ending, worded in Ukrainian
        control.use_language(None)
        assert control.names["kyiv"] == "Kyiv"
    finally:
        running.stop()
