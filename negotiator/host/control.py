"""The teacher's controls over a running class, for a window: overviews, pause, start, and facilitator actions.

Two implementations, one interface: `ClassControl` beside the host in this process (its state belongs to the
server's thread, so every call runs there through `HostServer.call`, or directly when no server runs), and
`RemoteClassControl` on another computer (`join --teacher`: the same questions as `watch` and `teach` messages,
with the class code and the teacher's PIN). The teacher's screen holds one of them and nothing else of the host, so
it can show only what `overview` lets out. Remote calls raise `SessionError` with a sentence when the host cannot
be reached or refuses.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from websockets.exceptions import InvalidURI, WebSocketException
from websockets.sync.client import ClientConnection, connect

from negotiator.classroom.class_exports import write_class_files
from negotiator.classroom.class_report import TableResult
from negotiator.host import messages as m
from negotiator.host.core import Host, timer_line
from negotiator.host.overview import Overviews, TableOverview, table_from_doc
from negotiator.host.server import HostServer
from negotiator.host.session import SessionError, host_address
from negotiator.i18n.news import ending_text


def _take_names(
    control: Any, actors: Iterable[Any], meters: Sequence[Any], events: Iterable[Any], issues: Sequence[Any]
) -> None:
    """The names the teacher's screen shows, from the scenario (here) or the host's overview message (remote):
    both carry the same fields, so one reading serves both controls."""
    control.names = {a.id: a.short_name for a in actors}
    control.meter_names = {mt.id: mt.name for mt in meters}
    control.shared_meters = tuple(mt.id for mt in meters if mt.scope == "shared")
    control.meter_ranges = {mt.id: (mt.min, mt.max) for mt in meters}
    control.events = tuple((e.id, e.name) for e in events)
    control.issue_names = {i.id: i.name for i in issues}
    control.option_labels = {(i.id, o.id): o.label for i in issues for o in i.options}


class ClassControl:
    #: Whether this screen may show the class debrief: only beside the host, which alone holds the games.
    has_debrief = True

    def __init__(self, host: Host, server: HostServer | None = None, address: str = "", debrief_to: Path | None = None):
        self._host = host
        self._debrief_to = debrief_to  # the class database's path: the debrief's files go beside it
        self._server = server
        self._overviews = Overviews(host)
        self.code = host.code
        self.address = address
        self.use_language(None)

    def use_language(self, lang: str | None) -> None:
        """Show the scenario's names (sides, meters, events, options, the title) in `lang` where the scenario
        is translated into it (None: its own language): the teacher's screen follows the window's language."""
        sc = self._host.scenario.translated(lang) if lang else self._host.scenario
        self._shown = sc
        self.title = sc.metadata.title
        _take_names(self, sc.actors, sc.shown_meters, sc.events, sc.issues)

    def ending_words(self, text: str) -> str:
        """A table's ending as the host recorded it, in the language `use_language` chose."""
        return ending_text(text, self._host.scenario, self._shown)

    def _run(self, func: Callable[..., Any], *args: Any) -> Any:
        return func(*args) if self._server is None else self._server.call(func, *args)

    def overview(self) -> list[TableOverview]:
        return self._run(self._overviews)  # type: ignore[no-any-return]

    def pause(self, table: int | None, paused: bool) -> list[str]:
        """One line per table that changed (or "no change")."""
        changed = self._run(self._host.pause, table, paused)
        word = "paused" if paused else "playing again"
        return [f"table {n}: {word}" for n in changed] or ["no change"]

    def start(self, table: int | None) -> list[str]:
        started = self._run(self._host.start, table)
        return [f"table {n}: started" for n in started] or ["no table to start"]

    def facilitate(self, table: int | None, text: str) -> list[str]:
        """The host's own facilitator command (`bulletin TEXT`, `inject EVENT`, ...); ValueError says why not."""
        return self._run(self._host.facilitate, table, text)  # type: ignore[no-any-return]

    def set_timer(self, table: int | None, seconds: int, on_timeout: str | None = None) -> list[str]:
        """Start (seconds > 0) or stop (0) the move timer, and say what its running out does (`pass`, `ai`);
        one line per table that changed."""
        changed = self._run(self._host.set_timer, table, seconds, on_timeout)
        return [f"table {n}: {timer_line(seconds, on_timeout)}" for n in changed] or ["no change"]

    def results(self, finished_only: bool = True) -> list[TableResult]:
        """The tables as the class debrief reads them. Only finished ones by default: a game still being played
        keeps its numbers private, even from a screen that might be on the projector."""
        return self._run(_results, self._host, finished_only)  # type: ignore[no-any-return]

    def write_debrief(self) -> list[Path]:
        """The class debrief page and its CSV files (every table) beside the class database; OSError or
        ValueError say why not."""
        if self._debrief_to is None:
            raise ValueError("this screen has no class database to write the debrief beside")
        results = self.results(finished_only=False)
        return write_class_files(results, self._debrief_to.parent, self._debrief_to.stem)


def _results(host: Host, finished_only: bool) -> list[TableResult]:
    return [
        TableResult(
            t.number,
            t.state,
            {seat: s.names for seat, s in t.seats.items() if s.token_hash},
            {seat: tuple(turns) for seat, turns in t.stand_ins().items()},
        )
        for t in host.tables
        if t.state.is_over() or not finished_only
    ]


class RemoteClassControl:
    """The teacher's controls over a host on another computer (see the module docstring). Every question is one
    message and its reply on one connection, reopened once if it dropped."""

    #: The class debrief is made on the host's computer (`host --debrief`): no game state comes over the network.
    has_debrief = False

    def __init__(self, address: str, code: str, pin: str, timeout: float = 5.0):
        self.address = host_address(address)
        self.code = code.strip().upper()
        self._pin = pin.strip()
        self._timeout = timeout
        self._ws: ClientConnection | None = None
        self._lock = threading.Lock()
        self._lang: str | None = None
        self._first: list[TableOverview] | None = self._watch()

    def _watch(self) -> list[TableOverview]:
        """Ask for the overview (in the teacher's language) and take the names it brings."""
        reply = self._ask({"type": "watch", **({"lang": self._lang} if self._lang else {})})
        assert isinstance(reply, m.Overview)
        self.title = reply.title
        _take_names(self, reply.actors, reply.meters, reply.events, reply.issues)
        return [table_from_doc(t) for t in reply.tables]

    def use_language(self, lang: str | None) -> None:
        """The host sends the scenario's names and the tables' endings in `lang` from the next overview on."""
        if lang != self._lang:
            self._lang = lang
            with contextlib.suppress(SessionError):  # the host out of reach: the next overview asks again
                self._first = self._watch()

    def ending_words(self, text: str) -> str:
        return text  # worded by the host in the language asked for

    def _ask(self, fields: dict[str, Any]) -> m.Overview | m.Taught:
        text = json.dumps({**fields, "code": self.code, "pin": self._pin})
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self._ws is None:
                        self._ws = connect(
                            self.address, max_size=m.MAX_HOST_BYTES, open_timeout=self._timeout, close_timeout=1
                        )
                    self._ws.send(text)
                    raw = self._ws.recv(self._timeout)
                    break
                except InvalidURI:
                    raise SessionError(
                        f"'{self.address}' is not a host address (ws://HOST:PORT)", "bad_address"
                    ) from None
                except (TimeoutError, OSError, WebSocketException) as exc:
                    self._drop()
                    if attempt == 2:
                        raise SessionError(
                            f"no host answers at {self.address} ({exc.__class__.__name__}: {exc})", "no_host"
                        ) from None
        try:
            reply = m.parse_host(raw)
        except m.ProtocolError as exc:
            raise SessionError(f"the host sent something unexpected ({exc.message})", "bad_reply") from None
        if isinstance(reply, m.Error):
            raise SessionError(reply.message, reply.code)
        if not isinstance(reply, m.Overview | m.Taught):
            raise SessionError("the host did not answer the teacher's question", "bad_reply")
        return reply

    def _drop(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):  # a connection already gone
                self._ws.close()
            self._ws = None

    def overview(self) -> list[TableOverview]:
        if self._first is not None:
            first, self._first = self._first, None  # the join's own overview, not asked twice
            return first
        return self._watch()

    def _teach(self, verb: str, table: int | None, text: str = "") -> list[str]:
        reply = self._ask({"type": "teach", "verb": verb, "table": table, "text": text})
        assert isinstance(reply, m.Taught)
        return list(reply.lines)

    def pause(self, table: int | None, paused: bool) -> list[str]:
        return self._teach("pause" if paused else "go", table)

    def start(self, table: int | None) -> list[str]:
        return self._teach("start", table)

    def set_timer(self, table: int | None, seconds: int, on_timeout: str | None = None) -> list[str]:
        return self._teach("timer", table, f"{seconds} {on_timeout or ''}".strip())

    def facilitate(self, table: int | None, text: str) -> list[str]:
        try:
            return self._teach("fac", table, text)
        except SessionError as exc:
            if exc.code in ("bad_command", "bad_message"):
                raise ValueError(str(exc)) from None
            raise

    def close(self) -> None:
        with self._lock:
            self._drop()
