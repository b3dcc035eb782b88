"""What the teacher's screen is given: every table's public state at a glance, and nothing private.

The teacher's window reads only `TableOverview` documents (never a table's engine state), so what it can show is
fixed here, through an allow-list like the seats' views: the turn, whose move, offers on the table, the shown
meters, who is connected, and whether a zone of agreement exists now. The zone is worked out from private values
on the host; only its yes/no (and how many packages) leaves this module, never a value, no-deal number or red line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from negotiator.engine.analysis import zopa_indexes
from negotiator.engine.utility import utility_model
from negotiator.host import messages as m
from negotiator.host.table import Table
from negotiator.host.views import _shown_meters, brief
from negotiator.i18n.news import ending_text
from negotiator.scenario.models import Scenario

if TYPE_CHECKING:
    from negotiator.host.core import Host


@dataclass(frozen=True)
class OfferLine:
    id: int
    proposer: str
    terms: tuple[tuple[str, str], ...]
    to: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class SeatLine:
    seat: str
    status: str  # student, reading (its brief still open), away, ai or free
    name: str  # the student's name as they typed it, or ""


@dataclass(frozen=True)
class TableOverview:
    number: int
    started: bool
    paused: bool
    timer: int  # the move timer in seconds, 0 when off
    timer_left: float | None  # seconds left in the student's move being made (None: no countdown runs)
    over: bool
    ending: str  # how it ended, "" while it plays
    turn: int
    turns: int
    current_actor: str | None
    actions: int
    seats: tuple[SeatLine, ...]
    offers: tuple[OfferLine, ...]  # the offers still open
    meters: dict[str, float]  # the meters the players see (hidden bookkeeping meters left out)
    settled: dict[str, str]
    zone: int  # how many packages every party now prefers to no deal (0: no zone of agreement)


def zone_size(table: Table) -> int:
    """How many packages every party now prefers to walking away, given what is settled (0 when none is)."""
    state = table.state
    model = utility_model(state.scenario)
    reservations = {a: state.reservation(a) for a in model.parties}
    return len(zopa_indexes(model, reservations, dict(state.settled)))


def _seat_status(table: Table, actor: str) -> str:
    """The seat's status for the teacher: `Table.status`, with a connected student still on the brief as
    `reading` (the move timer waits for it)."""
    status = table.status(actor)
    return "reading" if status == "student" and table.reading(actor) else status


def table_overview(table: Table, zone: int | None = None) -> TableOverview:
    state = table.state
    outcome = state.outcome()
    return TableOverview(
        number=table.number,
        started=table.started,
        paused=table.paused,
        timer=table.timer,
        timer_left=table.timer_left(),
        over=state.is_over(),
        ending=outcome.ending_text if outcome else "",
        turn=state.turn,
        turns=state.turns,
        current_actor=state.current_actor,
        actions=len(state.actions),
        seats=tuple(SeatLine(a, _seat_status(table, a), s.names) for a, s in table.seats.items()),
        offers=tuple(
            OfferLine(o.id, o.proposer, tuple((i, p) for i, p in o.terms), tuple(o.to), o.status)
            for o in state.offers
            if o.status == "open"
        ),
        meters=_shown_meters(state.scenario, dict(state.meters)),
        settled=dict(state.settled),
        zone=zone_size(table) if zone is None else zone,
    )


class Overviews:
    """Every table's overview, the zone recomputed only when a table's game moved (it walks every package)."""

    def __init__(self, host: Host):
        self.host = host
        self._zones: dict[int, tuple[int, int]] = {}  # table -> (actions, zone)

    def __call__(self) -> list[TableOverview]:
        out = []
        for table in self.host.tables:
            key = len(table.state.actions)
            cached = self._zones.get(table.number)
            zone = cached[1] if cached and cached[0] == key else zone_size(table)
            self._zones[table.number] = (key, zone)
            out.append(table_overview(table, zone))
        return out


def overview_message(scenario: Scenario, tables: list[TableOverview], shown: Scenario | None = None) -> m.Overview:
    """What a teacher's screen on another computer is sent: the scenario's public structure (the same fields a
    seat's brief holds about everyone) and every table's overview, with names and endings in `shown`'s language
    (a translation of `scenario`; default: the scenario's own)."""
    shown = shown or scenario
    public = brief(shown, shown.negotiators[0].id)
    worded = [replace(t, ending=ending_text(t.ending, scenario, shown)) if t.ending else t for t in tables]
    return m.Overview(
        title=public.title,
        actors=public.actors,
        issues=public.issues,
        meters=public.meters,
        events=[m.EventBrief(id=e.id, name=e.name) for e in shown.events],
        tables=[m.TableDoc.model_validate(_listed(asdict(t))) for t in worded],
    )


def table_from_doc(doc: m.TableDoc) -> TableOverview:
    """A received table back as the overview the teacher's screen reads."""
    return TableOverview(
        number=doc.number,
        started=doc.started,
        paused=doc.paused,
        timer=doc.timer,
        timer_left=doc.timer_left,
        over=doc.over,
        ending=doc.ending,
        turn=doc.turn,
        turns=doc.turns,
        current_actor=doc.current_actor,
        actions=doc.actions,
        seats=tuple(SeatLine(s.seat, s.status, s.name) for s in doc.seats),
        offers=tuple(
            OfferLine(o.id, o.proposer, tuple((t[0], t[1]) for t in o.terms), tuple(o.to), o.status) for o in doc.offers
        ),
        meters=dict(doc.meters),
        settled=dict(doc.settled),
        zone=doc.zone,
    )


def _listed(value: object) -> object:
    """Tuples as lists, as JSON (and the strict message models) have them."""
    if isinstance(value, dict):
        return {k: _listed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_listed(v) for v in value]
    return value
