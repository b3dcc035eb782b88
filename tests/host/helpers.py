"""Shared pieces of the host tests: a connection that records what it is sent, and seats that play."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from negotiator.engine.actions import Action
from negotiator.engine.saves import action_document
from negotiator.engine.view import view
from negotiator.host import messages as m
from negotiator.host.core import Host
from negotiator.host.scripted import repeatable
from negotiator.host.store import Store, open_store
from negotiator.resources import default_scenario
from negotiator.scenario import load_scenario, scenario_content_hash
from negotiator.scenario.models import Scenario

SCENARIO_PATH = default_scenario()


def scenario() -> Scenario:
    return load_scenario(SCENARIO_PATH)


class Recorder:
    """A `Connection` that keeps every text sent to it, as the wire would carry it."""

    def __init__(self, peer: str = "test"):
        self.peer = peer
        self.sent: list[str] = []

    def send(self, text: str) -> None:
        self.sent.append(text)

    def messages(self) -> list[Any]:
        return [m.parse_host(t) for t in self.sent]

    def last(self, kind: type) -> Any:
        return next(msg for msg in reversed(self.messages()) if isinstance(msg, kind))


def new_host(store: Store | None = None, tables: int = 1, seed: int = 1, sc: Scenario | None = None, **kw: Any) -> Host:
    sc = sc or scenario()
    return Host.new(
        sc, str(SCENARIO_PATH), scenario_content_hash(SCENARIO_PATH), store or open_store("memory:"), tables, seed, **kw
    )


def join(host: Host, conn: Recorder, **fields: Any) -> m.Welcome:
    host.receive(conn, json.dumps({"type": "join", "code": host.code, **fields}))
    welcome = conn.messages()[-2] if len(conn.sent) >= 2 else conn.messages()[-1]
    assert isinstance(welcome, m.Welcome), conn.sent[-1]
    return welcome


def briefed(host: Host, conn: Recorder) -> None:
    """Say the seat's brief has been read, as the window does when its brief closes."""
    host.receive(conn, json.dumps({"type": "briefed"}))


def act(host: Host, conn: Recorder, action: Action, seq: int) -> Any:
    """Send an action; the reply to it (Ok or Error)."""
    before = len(conn.sent)
    host.receive(conn, json.dumps({"type": "act", "seq": seq, "action": action_document(action)}))
    return m.parse_host(conn.sent[before])


def ai_action(host: Host, table: int, seat: str) -> Action:
    """What the engine's AI would play for the seat (a test-side shortcut to realistic, whole games)."""
    t = host.table(table)
    assert t is not None
    return t.ais[seat].decide(view(t.state, seat))


def root() -> Path:
    return Path(__file__).resolve().parents[2]


def play_scripted(sessions: list[Any], stop_after: int | None = None, timeout: float = 120.0) -> int:
    """Play every session's seat with `scripted_action` (its random numbers drawn from the seat and the number
    of actions, so the same game comes out every time) until every game is over, or `stop_after` actions."""
    import time

    from negotiator.engine.actions import EndTurn

    played = 0
    deadline = time.monotonic() + timeout
    seen = [0] * len(sessions)
    while time.monotonic() < deadline:
        views = [s.view() for s in sessions]
        if all(v.over for v in views):
            return played
        moved = False
        for s, v in zip(sessions, views, strict=True):
            if v.over or not v.started or not v.my_move:
                continue
            if stop_after is not None and played >= stop_after:
                return played
            action = repeatable(v, s.brief)
            if s.act(action) is not None:
                assert s.act(EndTurn(v.seat)) is None
            played += 1
            moved = True
        if not moved:
            seen[0] = sessions[0].wait(seen[0], 0.02)
    raise AssertionError("the games did not finish in time")
