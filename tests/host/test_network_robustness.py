"""What a hostile or broken client can do to a running host over the network: nothing that stops the class."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from negotiator.host import messages as m
from negotiator.host.core import MESSAGE_BURST, Host
from negotiator.host.server import FRAME_LIMIT, serve_in_thread
from negotiator.host.session import RemoteSession

from .helpers import Recorder, new_host, play_scripted


async def _abuse(address: str, code: str) -> list[str]:
    replies = []
    async with connect(address) as ws:
        for junk in (b"\xff\xfe binary", "", "null", '{"type":"act","seq":0,"action":{"type":"end","actor":"kyiv"}}'):
            await ws.send(junk)
            replies.append(json.loads(await ws.recv())["code"])
    with pytest.raises(ConnectionClosed):  # a frame over the library's limit closes that connection only
        async with connect(address, max_size=None) as ws:
            await ws.send("x" * (FRAME_LIMIT + 1))
            await ws.recv()
    return replies


def test_junk_and_giant_frames_over_the_network_leave_the_class_playing() -> None:
    host = new_host()
    running = serve_in_thread(host)
    try:
        sessions = [RemoteSession(running.address, host.code) for _ in range(2)]
        replies = asyncio.run(_abuse(running.address, host.code))
        assert replies == ["bad_message", "bad_message", "bad_message", "not_joined"]
        sessions.append(RemoteSession(running.address, host.code))
        play_scripted(sessions)
        assert host.tables[0].state.is_over()
        for s in sessions:
            s.close()
    finally:
        running.stop()


def test_a_flooding_client_is_told_once_and_then_dropped_quietly() -> None:
    host: Host = new_host(clock=lambda: 100.0)  # the clock stands still: no allowance comes back
    conn = Recorder("flood")
    for _ in range(int(MESSAGE_BURST) + 50):
        host.receive(conn, '{"type": "ping"}')
    kinds = [msg.type for msg in conn.messages()]
    assert kinds.count("pong") == int(MESSAGE_BURST) and kinds.count("error") == 1
    assert conn.last(m.Error).code == "rate_limited"
    other = Recorder("calm")
    host.receive(other, '{"type": "ping"}')
    assert other.messages()[-1].type == "pong"


def test_refusals_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    host = new_host()
    conn = Recorder("replayer")
    with caplog.at_level(logging.WARNING, logger="negotiator.host"):
        host.receive(conn, '{"type": "act", "seq": 0, "action": {"type": "end", "actor": "kyiv"}}')
        host.receive(conn, "{broken")
    assert "refused from replayer (not_joined)" in caplog.text
    assert "refused from replayer (bad_message)" in caplog.text


def test_a_client_too_far_behind_is_closed_once() -> None:
    from negotiator.host import server

    class FakeWs:
        remote_address = ("10.0.0.9", 1)

    async def overrun() -> server._Link:
        link = server._Link(FakeWs())  # type: ignore[arg-type]
        for n in range(server.QUEUE_LIMIT + 10):
            link.send(f"message {n}")
        return link

    link = asyncio.run(overrun())
    assert link.closing and link.queue.qsize() == 1 and link.queue.get_nowait() is None
