"""The host on the network: an asyncio websockets server around `core.Host`.

`websockets` because it is asyncio-native, well kept and needs no web framework: the protocol is one JSON object
per message in each direction. Each connection gets a bounded outgoing queue and a writer task, so one slow
laptop never stalls the tables; everything that touches the host runs on the event loop's thread. The library's
own frame limit (`FRAME_LIMIT`) closes a connection that sends megabytes; anything under it that breaks the
protocol gets the host's `Error` reply and the connection stays open.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from negotiator.host import messages as m
from negotiator.host.core import Host

log = logging.getLogger("negotiator.host")

FRAME_LIMIT = 1_000_000  # bytes; the host's own MAX_CLIENT_BYTES check answers anything smaller
QUEUE_LIMIT = 2_000  # messages waiting for one client; past it the client is too far behind and is dropped
TICK_SECONDS = 1.0


class _Link:
    """A websocket as the host's `Connection`: `send` queues, a writer task sends in order."""

    def __init__(self, ws: ServerConnection):
        self.ws = ws
        address = ws.remote_address
        self.peer = str(address[0]) if isinstance(address, tuple) and address else "unknown"
        self.queue: asyncio.Queue[str | None] = asyncio.Queue(QUEUE_LIMIT)
        self.closing = False
        self.sent_messages = 0
        self.sent_bytes = 0

    def send(self, text: str) -> None:
        if self.closing:
            return
        try:
            self.queue.put_nowait(text)
        except asyncio.QueueFull:  # what is queued is dropped; the client rejoins and gets the whole view again
            log.warning("%s is too far behind; closing its connection", self.peer)
            self.close()

    def close(self) -> None:
        """Let the writer finish: it closes the websocket after the messages still queued (none if overrun)."""
        if not self.closing:
            self.closing = True
            if self.queue.full():
                self.queue = asyncio.Queue(1)
            self.queue.put_nowait(None)

    async def write(self) -> None:
        while (text := await self.queue.get()) is not None:
            await self.ws.send(text)
            self.sent_messages += 1
            self.sent_bytes += len(text)
        await self.ws.close()


class HostServer:
    """Serve `host` on `bind`:`port` (0 picks a free port; `port` tells which once `ready` is set)."""

    def __init__(self, host: Host, bind: str = "0.0.0.0", port: int = 8765):
        self.host = host
        self.bind = bind
        self.port = port
        self.ready = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._server: Server | None = None

    async def _handle(self, ws: ServerConnection) -> None:
        link = _Link(ws)
        self.host.connect(link)
        writer = asyncio.create_task(link.write())
        try:
            async for raw in ws:
                try:
                    self.host.receive(link, raw)
                except Exception:  # a fault in the host must cost one reply, never the class
                    log.exception("the host failed on a message from %s", link.peer)
                    link.send(m.encode(m.Error(code="internal", message="the host could not handle that message")))
        except ConnectionClosed:
            pass
        finally:
            self.host.disconnect(link)
            link.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer, 2)
            writer.cancel()

    async def _ticks(self) -> None:
        while True:
            await asyncio.sleep(TICK_SECONDS)
            try:
                self.host.tick()
            except Exception:
                log.exception("the host's timer failed")

    async def serve(self) -> None:
        """Serve until `stop()` is called."""
        self.loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with serve(self._handle, self.bind, self.port, max_size=FRAME_LIMIT, compression=None) as server:
            self._server = server
            self.port = next(iter(server.sockets)).getsockname()[1]
            ticks = asyncio.create_task(self._ticks())
            self.ready.set()
            await self._stop.wait()
            ticks.cancel()

    def stop(self) -> None:
        """Stop serving (safe from any thread)."""
        if self.loop is not None and self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)

    def call(self, func: Callable[..., Any], *args: Any) -> Any:
        """Run `func(*args)` on the server's thread and return its result (for the teacher's console)."""
        assert self.loop is not None

        async def run() -> Any:
            return func(*args)

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(30)


@dataclass
class Running:
    """A server started by `serve_in_thread`: its address and how to stop it."""

    server: HostServer
    thread: threading.Thread

    @property
    def address(self) -> str:
        bind = "127.0.0.1" if self.server.bind in ("0.0.0.0", "") else self.server.bind
        return f"ws://{bind}:{self.server.port}"

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(10)


def serve_in_thread(host: Host, bind: str = "127.0.0.1", port: int = 0) -> Running:
    """Serve `host` from a background thread (tests, benchmarks); returns once it is listening."""
    server = HostServer(host, bind, port)
    failure: list[BaseException] = []

    def main() -> None:
        try:
            asyncio.run(server.serve())
        except BaseException as exc:  # reported to the caller below
            failure.append(exc)
            server.ready.set()

    thread = threading.Thread(target=main, name="negotiator-host", daemon=True)
    thread.start()
    server.ready.wait(30)
    if failure:
        raise failure[0]
    return Running(server, thread)
