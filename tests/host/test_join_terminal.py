"""`negotiator join` in the terminal: the same SeatTerminal plays a local or a remote session to the end."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys

import pytest

from negotiator.commands import join
from negotiator.commands.join import SeatTerminal
from negotiator.host.server import serve_in_thread
from negotiator.host.session import LocalSession, RemoteSession

from .helpers import Recorder, new_host, root

SCRIPT = "help\nstatus\nissues\noffers\nlevers\nbrief\nbogus\noffer territory=nowhere\n" + "end\n" * 40


def _played(session: object) -> str:
    out = io.StringIO()
    assert SeatTerminal(session, io.StringIO(SCRIPT), out).play() == 0  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize("remote", [False, True])
def test_the_terminal_plays_a_seat_to_the_end_locally_or_remotely(remote: bool) -> None:
    host = new_host()
    running = serve_in_thread(host) if remote else None
    try:
        session = (
            RemoteSession(running.address, host.code, seat="moscow") if running else LocalSession(host, seat="moscow")
        )
        if running:
            running.server.call(host.start)
        else:
            host.start()
        text = _played(session)
        session.close()
    finally:
        if running:
            running.stop()
    assert "you play Moscow" in text
    assert "unknown command 'bogus'" in text
    assert "Not done:" in text  # the host refused the unknown option, with its reason
    assert "=== The game is over ===" in text and "Your score:" in text
    assert "Kyiv computer" in text  # who is at the table
    assert "Traceback" not in text


def test_join_keeps_the_token_and_comes_back_to_the_same_seat() -> None:
    host = new_host()
    running = serve_in_thread(host)
    others = [Recorder("moscow"), Recorder("washington")]
    for conn, seat in zip(others, ("moscow", "washington"), strict=True):
        running.server.call(host.receive, conn, json.dumps({"type": "join", "code": host.code, "seat": seat}))
    try:  # Kyiv's join fills the table, and Kyiv moves first: the prompt reads `quit`
        args = argparse.Namespace(
            address=running.address, code=host.code, table=None, seat="kyiv", name="Ana", new_seat=False
        )
        first = io.StringIO()
        assert join.run(args, io.StringIO("quit\n"), first) == 0
        assert "you play Kyiv" in first.getvalue()
        args.seat = None
        second = io.StringIO()
        assert join.run(args, io.StringIO("quit\n"), second) == 0
        assert "you play Kyiv" in second.getvalue()  # by the kept token, not a new free seat
        assert host.tables[0].free_seats() == [] and len(host.tables[0].state.actions) == 0
    finally:
        running.stop()


def test_join_reports_a_wrong_address_or_code_without_a_traceback() -> None:
    env = {**os.environ, "PYTHONPATH": str(root())}
    main = str(root() / "main.py")
    done = subprocess.run(
        [sys.executable, main, "join", "ws://127.0.0.1:1", "ABCDEF"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "cannot reach the host" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, main, "join", "ws://127.0.0.1:1", "WRONG2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "is not a class code" in done.stderr
    done = subprocess.run(
        [sys.executable, main, "join", "ws://127.0.0.1:1", "ABCDEF", "--seat", "Mos cow"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "--seat takes a role's id" in done.stderr
    host = new_host()
    running = serve_in_thread(host)
    wrong = "ABCDEF" if host.code != "ABCDEF" else "ABCDEG"
    try:
        done = subprocess.run(
            [sys.executable, main, "join", running.address, wrong.lower()],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    finally:
        running.stop()
    assert done.returncode == 2 and "not this class's code" in done.stderr and "Traceback" not in done.stderr


def test_the_terminal_seat_speaks_the_language_it_joined_with() -> None:
    """`join --lang uk`: the brief, the news and the terminal's own words in Ukrainian."""
    import io

    from negotiator import i18n
    from negotiator.commands.join import SeatTerminal
    from negotiator.host.session import LocalSession

    from .helpers import new_host

    host = new_host(tables=1)
    session = LocalSession(host, seat="moscow", lang="uk")
    host.start()
    out = io.StringIO()
    with i18n.using("uk"):
        SeatTerminal(session, io.StringIO("status\nquit\n"), out).play()
    text = out.getvalue()
    assert "ви граєте за: Москва" in text and "Ваша цінність без угоди" in text
    assert "You are" not in text and "Your no-deal value" not in text
