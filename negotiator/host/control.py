"""The teacher's controls over a running class, for a window: overviews, pause, start, and facilitator actions.

The host's state belongs to the server's thread; `ClassControl` runs every call there (`HostServer.call`), or
directly when no server runs (tests). The teacher's screen holds a `ClassControl` and nothing else of the host, so
it can show only what `overview` lets out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from negotiator.host.core import Host
from negotiator.host.overview import Overviews, TableOverview
from negotiator.host.server import HostServer


class ClassControl:
    def __init__(self, host: Host, server: HostServer | None = None, address: str = ""):
        self._host = host
        self._server = server
        self._overviews = Overviews(host)
        self.code = host.code
        self.address = address
        self.title = host.scenario.metadata.title
        sc = host.scenario
        self.names = {a.id: a.short_name for a in sc.actors}
        self.meter_names = {mt.id: mt.name for mt in sc.shown_meters}
        self.shared_meters = tuple(mt.id for mt in sc.shown_meters if mt.scope == "shared")
        self.meter_ranges = {mt.id: (mt.min, mt.max) for mt in sc.shown_meters}
        self.events = tuple((e.id, e.name) for e in sc.events)
        self.issue_names = {i.id: i.name for i in sc.issues}
        self.option_labels = {(i.id, o.id): o.label for i in sc.issues for o in i.options}

    def _run(self, func: Callable[..., Any], *args: Any) -> Any:
        return func(*args) if self._server is None else self._server.call(func, *args)

    def overview(self) -> list[TableOverview]:
        return self._run(self._overviews)  # type: ignore[no-any-return]

    def pause(self, table: int | None, paused: bool) -> list[int]:
        return self._run(self._host.pause, table, paused)  # type: ignore[no-any-return]

    def start(self, table: int | None) -> list[int]:
        return self._run(self._host.start, table)  # type: ignore[no-any-return]

    def facilitate(self, table: int | None, text: str) -> list[str]:
        """The host's own facilitator command (`bulletin TEXT`, `inject EVENT`, ...); ValueError says why not."""
        return self._run(self._host.facilitate, table, text)  # type: ignore[no-any-return]
