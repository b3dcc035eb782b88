"""What a front end plays through: one seat's session, the same whether the host is in this process or remote.

A front end (the terminal's `join`, later the window) reads `brief` and `view()`, calls `act(action)` and
`wait(...)`, and never learns which implementation it holds:

- `LocalSession` talks to a `core.Host` in this process (a host run for one machine, tests);
- `RemoteSession` talks to a host over websockets from a background thread, and on a dropped connection
  rejoins with its seat token until the host answers again.

Both feed the same host messages into `_SeatState`, which keeps the latest view with the whole log.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from typing import Any, Protocol

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidURI, WebSocketException

from negotiator.engine.actions import Action
from negotiator.engine.saves import action_document
from negotiator.host import messages as m
from negotiator.host.core import Host

# Refusals of a rejoin after a dropped connection: the session cannot go on (a new class, or another host).
REJOIN_REFUSED = frozenset({"bad_code", "bad_token", "rate_limited"})


class SessionError(Exception):
    """The session cannot go on: the host refused the join, or cannot be reached. The message says why."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code


class SeatSession(Protocol):
    """One seat at a table, local or remote."""

    @property
    def brief(self) -> m.Brief: ...

    @property
    def token(self) -> str: ...

    def view(self) -> m.SeatView:
        """The latest view, its `log` the whole log so far (`log_offset` 0)."""
        ...

    def act(self, action: Action) -> str | None:
        """Play an action for this seat; None when played, else the host's reason for refusing it."""
        ...

    def wait(self, seen: int, timeout: float) -> int:
        """Block until a view newer than number `seen` arrives (or `timeout`); the latest view's number."""
        ...

    def briefed(self) -> None:
        """Tell the host the seat's student has read the brief, so the move timer may count its moves (the
        view's `briefed` then says so). Best effort: if it is lost, the host's allowance starts the timer."""
        ...

    @property
    def connected(self) -> bool:
        """Whether the host is reachable now (a remote session reconnects on its own while this is False)."""
        ...

    @property
    def lost(self) -> str | None:
        """Why the session cannot go on (the host gave up the seat, or stayed unreachable), or None."""
        ...

    def close(self) -> None: ...


class _SeatState:
    """Host messages folded into what a front end reads; thread-safe (the remote reader feeds it)."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.welcome: m.Welcome | None = None
        self.latest: m.SeatView | None = None
        self.log: list[m.EntryDoc] = []
        self.views = 0
        self.received = 0.0  # when the latest view came (time.monotonic): the move timer counts on from there
        self.replies: dict[int, m.Ok | m.Error] = {}
        self.failure: m.Error | None = None  # a refusal that was not an answer to an action (a join)
        self.lost: str | None = None  # set when a remote host can no longer be reached

    def feed(self, text: str) -> None:
        message = m.parse_host(text)
        with self.cond:
            if isinstance(message, m.Welcome):
                self.welcome = message
                self.failure = None
            elif isinstance(message, m.SeatView):
                del self.log[message.log_offset :]
                self.log.extend(message.log)
                self.latest = message
                self.received = time.monotonic()
                self.views += 1
            elif isinstance(message, m.SeatList | m.Pong | m.Overview | m.Taught):
                pass
            elif isinstance(message, m.Ok | m.Error) and message.seq is not None:
                self.replies[message.seq] = message
            elif isinstance(message, m.Error):
                self.failure = message
                if self.welcome is not None and message.code in REJOIN_REFUSED:
                    self.lost = f"the host no longer knows this seat ({message.message})"
            self.cond.notify_all()

    def view(self) -> m.SeatView:
        with self.cond:
            assert self.latest is not None
            return self.latest.model_copy(update={"log": list(self.log), "log_offset": 0})

    def wait(self, seen: int, timeout: float) -> int:
        with self.cond:
            self.cond.wait_for(lambda: self.views > seen or self.lost is not None, timeout)
            return self.views

    def reply(self, seq: int, timeout: float) -> m.Ok | m.Error | None:
        with self.cond:
            # an Ok is followed by the view it led to: wait for that too, so the next act sees the new state
            self.cond.wait_for(
                lambda: (
                    (
                        seq in self.replies
                        and (
                            isinstance(self.replies[seq], m.Error)
                            or (self.latest is not None and self.latest.actions > seq)
                        )
                    )
                    or self.lost is not None
                ),
                timeout,
            )
            return self.replies.pop(seq, None)

    def joined(self, timeout: float) -> m.Welcome:
        with self.cond:
            self.cond.wait_for(
                lambda: (
                    (self.welcome is not None and self.latest is not None)
                    or self.failure is not None
                    or self.lost is not None
                ),
                timeout,
            )
            if self.failure is not None:
                raise SessionError(self.failure.message, self.failure.code)
            if self.welcome is None or self.latest is None:
                raise SessionError(self.lost or "the host did not answer the join in time")
            return self.welcome


def _join_text(
    code: str, table: int | None, seat: str | None, token: str | None, name: str, lang: str | None = None
) -> str:
    fields: dict[str, Any] = {"type": "join", "code": code.strip().upper(), "name": name}
    if lang:
        fields["lang"] = lang
    if token:
        fields["token"] = token
    else:
        fields |= {k: v for k, v in (("table", table), ("seat", seat)) if v is not None}
    return json.dumps(fields)


BRIEFED_TEXT = json.dumps({"type": "briefed"})


def _act_text(action: Action, seq: int) -> str:
    return json.dumps({"type": "act", "seq": seq, "action": action_document(action)})


class _Base:
    _state: _SeatState
    #: Whether this session took its seat anew (no token): its student has not read the brief yet, even when a
    #: teammate on the same seat has (the window opens it for them).
    new_seat = False

    @property
    def brief(self) -> m.Brief:
        assert self._state.welcome is not None
        return self._state.welcome.brief

    @property
    def token(self) -> str:
        assert self._state.welcome is not None
        return self._state.welcome.token

    def view(self) -> m.SeatView:
        return self._state.view()

    def timer_left(self) -> float | None:
        """Seconds left in the move being made when the teacher's move timer runs (None otherwise), counted on
        from the host's figure in the latest view; the host itself ends the move when it runs out."""
        with self._state.cond:
            v = self._state.latest
            if v is None or v.timer_left is None:
                return None
            if v.paused or v.over:
                return v.timer_left
            return max(0.0, v.timer_left - (time.monotonic() - self._state.received))

    def wait(self, seen: int, timeout: float) -> int:
        return self._state.wait(seen, timeout)

    @property
    def lost(self) -> str | None:
        return self._state.lost

    @property
    def connected(self) -> bool:
        return self._state.lost is None


class LocalSession(_Base):
    """A seat at a `Host` in this process: messages go through the same protocol, without a socket."""

    def __init__(
        self,
        host: Host,
        *,
        table: int | None = None,
        seat: str | None = None,
        token: str | None = None,
        name: str = "",
        lang: str | None = None,
    ):
        self.host = host
        self.peer = "local"
        self.new_seat = token is None
        self._state = _SeatState()
        host.receive(self, _join_text(host.code, table, seat, token, name, lang))
        self._state.joined(0)

    def send(self, text: str) -> None:  # the host's Connection
        self._state.feed(text)

    def act(self, action: Action) -> str | None:
        seq = self._state.view().actions
        self.host.receive(self, _act_text(action, seq))
        reply = self._state.reply(seq, 0)
        return None if isinstance(reply, m.Ok) else (reply.message if reply else "no answer")

    def briefed(self) -> None:
        self.host.receive(self, BRIEFED_TEXT)

    def close(self) -> None:
        self.host.disconnect(self)


class RemoteSession(_Base):
    """A seat at a host over websockets (see the module docstring). Raises SessionError if the join fails."""

    RETRY_SECONDS = 1.0

    def __init__(
        self,
        address: str,
        code: str,
        *,
        table: int | None = None,
        seat: str | None = None,
        token: str | None = None,
        name: str = "",
        lang: str | None = None,
        timeout: float = 10.0,
        give_up_after: float = 120.0,
    ):
        self.address = host_address(address)
        self.code = code
        self.new_seat = token is None
        self.timeout = timeout
        self.give_up_after = give_up_after
        self._state = _SeatState()
        self._join = _join_text(code, table, seat, token, name, lang)
        self._ws: ClientConnection | None = None
        self._closing = False
        self._was_briefed = False
        self._loop = asyncio.new_event_loop()
        self._first = threading.Event()
        self._thread = threading.Thread(target=self._loop.run_forever, name="negotiator-session", daemon=True)
        self._thread.start()
        self._runner = asyncio.run_coroutine_threadsafe(self._run(), self._loop)
        try:
            welcome = self._state.joined(timeout)
        except SessionError:
            self.close()
            raise
        self._join = _join_text(code, None, None, welcome.token, name, lang)  # from now on, rejoin by token

    async def _run(self) -> None:
        lost_at: float | None = None
        while not self._closing:
            try:
                async with connect(self.address, max_size=m.MAX_HOST_BYTES, open_timeout=self.timeout) as ws:
                    self._ws = ws
                    lost_at = None
                    await ws.send(self._join)
                    if self._was_briefed:
                        await ws.send(BRIEFED_TEXT)
                    async for raw in ws:
                        self._state.feed(raw if isinstance(raw, str) else raw.decode("utf-8", "replace"))
            except (TimeoutError, OSError, WebSocketException, m.ProtocolError) as exc:
                if isinstance(exc, InvalidURI):
                    self._lose(f"'{self.address}' is not a host address (ws://HOST:PORT)")
                    return
                reason = f"cannot reach the host at {self.address} ({exc.__class__.__name__}: {exc})"
            else:
                reason = f"the host at {self.address} closed the connection"
            self._ws = None
            if self._closing:
                return
            if self._state.welcome is None:  # never joined: nothing to rejoin
                self._lose(reason)
                return
            lost_at = lost_at or time.monotonic()
            if time.monotonic() - lost_at > self.give_up_after:
                self._lose(reason)
                return
            await asyncio.sleep(self.RETRY_SECONDS)

    def _lose(self, reason: str) -> None:
        with self._state.cond:
            self._state.lost = reason
            self._state.cond.notify_all()

    @property
    def connected(self) -> bool:
        return self._ws is not None and self._state.lost is None

    def act(self, action: Action) -> str | None:
        if self._state.lost:
            return self._state.lost
        seq = self._state.view().actions
        text = _act_text(action, seq)

        async def send() -> None:
            if self._ws is None:
                raise ConnectionClosed(None, None)
            await self._ws.send(text)

        try:
            asyncio.run_coroutine_threadsafe(send(), self._loop).result(self.timeout)
        except (ConnectionClosed, OSError, TimeoutError):
            return "the connection to the host dropped; it is being re-established, try again"
        reply = self._state.reply(seq, self.timeout)
        if reply is None:
            return self._state.lost or "the host did not answer in time; look at the table and try again"
        return None if isinstance(reply, m.Ok) else reply.message

    def briefed(self) -> None:
        self._was_briefed = True  # said again after a rejoin, in case the connection dropped with it

        async def send() -> None:
            if self._ws is not None:
                await self._ws.send(BRIEFED_TEXT)

        with contextlib.suppress(ConnectionClosed, OSError, TimeoutError):  # best effort: see `SeatSession`
            asyncio.run_coroutine_threadsafe(send(), self._loop).result(self.timeout)

    def close(self) -> None:
        self._closing = True

        async def shut() -> None:
            if self._ws is not None:
                with contextlib.suppress(Exception):
                    await self._ws.close()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(shut(), self._loop).result(5)
        with contextlib.suppress(Exception):  # let the reader finish before its loop stops (no pending task left)
            self._runner.result(self.RETRY_SECONDS + 2)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)


def host_address(address: str) -> str:
    """`HOST:PORT` as a websocket address (what a student types need not start with ws://)."""
    address = address.strip()
    return address if "://" in address else f"ws://{address}"


def free_seats(address: str, code: str, timeout: float = 5.0) -> m.SeatList:
    """Ask the host at `address` which seats are free (a short connection of its own, before joining).
    SessionError (with the host's code, e.g. `bad_code`) says why not, in a sentence."""
    from websockets.sync.client import connect as connect_sync

    url = host_address(address)
    try:
        with connect_sync(url, max_size=m.MAX_HOST_BYTES, open_timeout=timeout, close_timeout=1) as ws:
            ws.send(json.dumps({"type": "seats", "code": code.strip().upper()}))
            raw = ws.recv(timeout)
    except InvalidURI:
        raise SessionError(f"'{address}' is not a host address (ws://HOST:PORT)", "bad_address") from None
    except (TimeoutError, OSError, WebSocketException) as exc:
        raise SessionError(f"no host answers at {url} ({exc.__class__.__name__}: {exc})", "no_host") from None
    try:
        reply = m.parse_host(raw)
    except m.ProtocolError as exc:
        raise SessionError(f"the host at {url} sent something unexpected ({exc.message})", "bad_reply") from None
    if isinstance(reply, m.Error):
        raise SessionError(reply.message, reply.code)
    if not isinstance(reply, m.SeatList):
        raise SessionError(f"the host at {url} did not answer the question for free seats", "bad_reply")
    return reply
