"""The host on loopback: websockets clients, a dropped connection, the command line, a killed host resumed."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from negotiator.host.core import Host
from negotiator.host.server import serve_in_thread
from negotiator.host.session import LocalSession, RemoteSession, SessionError
from negotiator.host.store import open_store
from negotiator.scenario import scenario_content_hash

from .helpers import SCENARIO_PATH, new_host, play_scripted, root, scenario


def _reference_hashes(tables: int) -> list[str]:
    """The same scripted games played through LocalSession: the protocol without a network."""
    host = new_host(tables=tables)
    sessions = [LocalSession(host, table=t) for t in range(1, tables + 1) for _ in range(3)]
    play_scripted(sessions)
    return [t.state.state_hash() for t in host.tables]


def test_games_over_websockets_end_exactly_as_the_same_games_played_locally() -> None:
    host = new_host(tables=2)
    running = serve_in_thread(host)
    try:
        sessions = [RemoteSession(running.address, host.code, table=t) for t in (1, 2) for _ in range(3)]
        assert sorted(s.brief.you for s in sessions[:3]) == ["kyiv", "moscow", "washington"]
        play_scripted(sessions)
        assert all(s.view().over for s in sessions)
        hashes = [t.state.state_hash() for t in host.tables]
        for s in sessions:
            s.close()
    finally:
        running.stop()
    assert hashes == _reference_hashes(2)


def test_a_dropped_client_rejoins_by_itself_and_a_killed_one_with_its_token() -> None:
    host = new_host(tables=1)
    running = serve_in_thread(host)
    try:
        sessions = [RemoteSession(running.address, host.code) for _ in range(3)]
        play_scripted(sessions, stop_after=5)
        # the network drops under one client: it reconnects with its token on its own
        dropped = sessions[0]
        before = dropped.view().actions
        asyncio.run_coroutine_threadsafe(_abort(dropped), dropped._loop).result(5)
        time.sleep(1.5)
        assert host.tables[0].seats[dropped.brief.you].connections == 1
        assert dropped.view().actions >= before
        # a client process killed: a new one comes back with the token it kept
        killed = sessions[1]
        token, seat = killed.token, killed.brief.you
        killed.close()
        back = RemoteSession(running.address, host.code, token=token)
        assert back.brief.you == seat and back.view().log  # the whole log again
        sessions[1] = back
        play_scripted(sessions)
        assert host.tables[0].state.is_over()
        for s in sessions:
            s.close()
        try:
            RemoteSession(running.address, host.code, token="x" * 32)
        except SessionError as error:
            assert error.code == "bad_token"
        else:
            raise AssertionError("an unknown token was accepted")
    finally:
        running.stop()


async def _abort(session: RemoteSession) -> None:
    assert session._ws is not None
    session._ws.transport.abort()


def _start_host(db: Path, *extra: str) -> tuple[subprocess.Popen[str], str, str]:
    env = {**os.environ, "PYTHONPATH": str(root())}
    proc = subprocess.Popen(
        [
            sys.executable,
            str(root() / "main.py"),
            "host",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--db",
            str(db),
            *extra,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    code = address = ""
    for line in proc.stdout:
        if "Class code:" in line:
            code = line.split()[-1]
        if "Address:" in line:
            address = line.split()[-1]
            break
    if not (code and address):
        proc.kill()
        raise AssertionError(proc.stderr.read() if proc.stderr else "the host printed no address")
    assert re.fullmatch(r"ws://127\.0\.0\.1:\d+", address)
    return proc, code, address


def test_the_host_killed_mid_game_resumes_every_table_to_the_same_end(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    proc, code, address = _start_host(db, "--tables", "2")
    try:
        sessions = [RemoteSession(address, code, table=t) for t in (1, 2) for _ in range(3)]
        tokens = [s.token for s in sessions]
        play_scripted(sessions, stop_after=25)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        for s in sessions:
            s.close()
    finally:  # a failure above must not leave the host process running
        if proc.poll() is None:
            proc.kill()

    proc, again, address = _start_host(db, "--resume")
    assert again == code
    try:
        sessions = [RemoteSession(address, code, token=t) for t in tokens]
        play_scripted(sessions)
        for s in sessions:
            s.close()
        out, _ = proc.communicate("status\nquit\n", timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "over after turn" in out and "resume with: negotiator host --resume" in out
    resumed = Host.resume(scenario(), scenario_content_hash(SCENARIO_PATH), open_store(str(db)))
    assert [t.state.state_hash() for t in resumed.tables] == _reference_hashes(2)


def test_the_host_command_refuses_what_it_cannot_use(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(root())}

    def host(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, str(root() / "main.py"), "host", "--port", "0", *args]
        return subprocess.run(cmd, input="quit\n", capture_output=True, text=True, env=env, timeout=60)

    done = host("--resume", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 2 and "no class to resume" in done.stderr and "Traceback" not in done.stderr
    done = host("--tables", "0")
    assert done.returncode == 2 and "--tables must be 1 to" in done.stderr
    done = host("--team-size", "0")
    assert done.returncode == 2 and "--team-size must be 1 to 10" in done.stderr
    teams = host("--db", str(tmp_path / "t.db"), "--team-size", "3")
    assert teams.returncode == 0 and "up to 3 students a seat" in teams.stdout, teams.stderr
    first = host("--db", str(tmp_path / "c.db"))
    assert first.returncode == 0, first.stderr
    done = host("--db", str(tmp_path / "c.db"))
    assert done.returncode == 2 and "already holds a class" in done.stderr


def test_the_teachers_console(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(root())}
    script = "help\nfac all bulletin Talks move to Geneva\npause 1\nstatus\ngo all\nfac 7 bulletin x\nfac 2\n"
    script += "fac all offer territory=x\nevents\nmeters\ntimer all 90\ntimer 1 soon\nstart 2\nstatus\nbogus\nquit\n"
    cmd = [
        sys.executable,
        str(root() / "main.py"),
        "host",
        "--tables",
        "2",
        "--port",
        "0",
        "--db",
        str(tmp_path / "c.db"),
    ]
    done = subprocess.run(cmd, input=script, capture_output=True, text=True, env=env, timeout=60)
    out = done.stdout
    assert done.returncode == 0, done.stderr
    assert "table 1: done" in out and "table 2: done" in out
    assert "Paused: 1" in out and "Table 1: waiting (3 free seat(s)) (PAUSED)" in out
    assert "no table '7'" in out and "usage: fac TABLE ACTION" in out and "is a player's action" in out
    assert "Move timer 90 s: 1, 2" in out and "usage: timer TABLE SECONDS" in out
    assert "Started tables: 2" in out and "Table 2: over after turn" in out
    assert "unknown command 'bogus'" in out and "Traceback" not in done.stderr
    assert "Table 2 is kept as" in out
    results = (tmp_path / "c-results.csv").read_text().splitlines()
    assert results[0] == "table,seat,role,student,ending,turn,score,utility,computer_turns,terms"
    assert len(results) == 4 and all(line.startswith("2,") and ",all," in line for line in results[1:])
    assert "Class debrief:" in out and (tmp_path / "c-report.html").read_text().startswith("<!DOCTYPE html>")
    students = (tmp_path / "c-students.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(students) == 1 + 2 * 3  # a row per role at each table, the computer's seats marked
    again = subprocess.run([*cmd, "--debrief"], capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 0 and "Class debrief:" in again.stdout, again.stderr


def test_a_session_whose_seat_the_host_no_longer_knows_says_so() -> None:
    first = new_host()
    running = serve_in_thread(first)
    port = running.server.port
    session = RemoteSession(running.address, first.code, seat="kyiv")
    session.RETRY_SECONDS = 0.2  # type: ignore[misc]
    running.stop()  # the teacher starts a new class on the same port: the token means nothing there
    second = new_host()
    running = serve_in_thread(second, port=port)
    try:
        deadline = time.monotonic() + 20
        while session.lost is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert session.lost is not None and "no longer knows this seat" in session.lost
        session.close()
    finally:
        running.stop()
