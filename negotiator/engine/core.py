"""The data of one moment of a game, as the rules read and change it.

A `Core` holds everything that changes during a game. The rules (`moves`, `turn`, `facilitator`) check actions
against a core and change a *copy* of it (`core.copy()`); `negotiator.engine.state.GameState` wraps a core that
is never changed again, which is what makes game states immutable values. Keeping the data here, below the rules,
lets imports run one way: compiled tables -> core -> rules -> state -> views and players.

Meters are a list indexed by slot (see `negotiator.engine.compiled`); the other per-actor numbers are small
dicts keyed by actor id. Containers are copied by `copy()`, never shared between two cores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from negotiator.engine.actions import Action
from negotiator.engine.compiled import Compiled
from negotiator.engine.offers import Offer
from negotiator.engine.records import LogEntry, TurnRecord


@dataclass(frozen=True)
class Ending:
    """How the game ended: `kind` is deal, deadline, walk_away, collapse, escalation or arbitration.

    `index` is the early ending's place in `rules.endings` (None for a deal or the deadline); `imposed` the
    (issue, option) terms an arbitrator imposed, already part of the settled terms."""

    kind: str
    text: str
    turn: int
    actor: str | None = None
    index: int | None = None
    imposed: tuple[tuple[str, str], ...] = ()


class Core:
    """Everything that changes during a game (see the module docstring). Rules change copies only."""

    __slots__ = (
        "action_points",
        "actions",
        "broken_commitments",
        "c",
        "deal_bonus",
        "ending",
        "entries",
        "fired_events",
        "lever_ready",
        "lever_uses",
        "meters",
        "mover_index",
        "offers",
        "offers_made",
        "order",
        "progress",
        "public_red_lines",
        "queued_levers",
        "records",
        "removed_options",
        "reservation_shift",
        "seed",
        "settled",
        "turn",
        "turns",
    )

    c: Compiled
    seed: int
    turn: int
    turns: int
    order: tuple[str, ...]
    mover_index: int
    meters: list[float]
    reservation_shift: dict[str, float]
    deal_bonus: dict[str, float]
    action_points: dict[str, int]
    offers_made: dict[str, int]
    offers: tuple[Offer, ...]
    settled: dict[str, str]
    queued_levers: tuple[tuple[str, str, str | None], ...]
    lever_ready: dict[str, int]
    lever_uses: dict[str, int]
    fired_events: frozenset[str]
    public_red_lines: dict[str, tuple[tuple[str, str], ...]]
    removed_options: frozenset[tuple[str, str]]  # (issue, option) taken off the table by a lever or an event
    broken_commitments: dict[str, int]
    progress: bool
    entries: tuple[LogEntry, ...]
    records: tuple[TurnRecord, ...]
    actions: tuple[Action, ...]
    ending: Ending | None

    def copy(self) -> Core:
        new = Core.__new__(Core)
        new.c = self.c
        new.seed = self.seed
        new.turn = self.turn
        new.turns = self.turns
        new.order = self.order
        new.mover_index = self.mover_index
        new.meters = self.meters.copy()
        new.reservation_shift = self.reservation_shift.copy()
        new.deal_bonus = self.deal_bonus.copy()
        new.action_points = self.action_points.copy()
        new.offers_made = self.offers_made.copy()
        new.offers = self.offers
        new.settled = self.settled.copy()
        new.queued_levers = self.queued_levers
        new.lever_ready = self.lever_ready.copy()
        new.lever_uses = self.lever_uses.copy()
        new.fired_events = self.fired_events
        new.public_red_lines = self.public_red_lines.copy()
        new.removed_options = self.removed_options
        new.broken_commitments = self.broken_commitments.copy()
        new.progress = self.progress
        new.entries = self.entries
        new.records = self.records
        new.actions = self.actions
        new.ending = self.ending
        return new

    # --- reading ---------------------------------------------------------------------------------------
    @property
    def current_actor(self) -> str | None:
        return None if self.ending else self.order[self.mover_index]

    def reservation(self, actor: str) -> float:
        return self.c.reservation(actor, self.meters, self.reservation_shift)

    def meter(self, meter_id: str, actor: str | None = None) -> float:
        return self.meters[self.c.slot(meter_id, actor)]

    def offer(self, offer_id: int) -> Offer | None:
        return self.offers[offer_id - 1] if 0 < offer_id <= len(self.offers) else None

    def still_open(self, issue_id: str, actor: str | None = None) -> set[str]:
        """The issue's options still on the table (not removed), and, for `actor`, not ruled out by it in public.
        Neither a removal nor a public red line may leave this empty: something must stay negotiable."""
        gone = {o for i, o in self.removed_options if i == issue_id}
        if actor is not None:
            gone |= {o for i, o in self.public_red_lines.get(actor, ()) if i == issue_id}
        return set(self.c.options[issue_id]) - gone

    def offers_left(self, actor: str) -> int:
        return max(0, self.c.rules.offers_per_turn - self.offers_made.get(actor, 0))

    def open_offers(self, to: str | None = None) -> list[Offer]:
        return [o for o in self.offers if o.is_open and (to is None or (to in o.to and to not in o.accepted_by))]

    def meters_dict(self) -> dict[str, float]:
        return dict(zip(self.c.slot_keys, self.meters, strict=True))

    def name(self, actor: str | None) -> str:
        return self.c.short_name(actor)

    # --- changing (on a copy) ----------------------------------------------------------------------------
    def log(self, phase: str, kind: str, text: str, actor: str | None = None, **data: Any) -> None:
        private = data.pop("private", False)
        self.entries = (
            *self.entries,
            LogEntry(
                turn=self.turn,
                phase=phase,  # type: ignore[arg-type]
                kind=kind,
                text=text,
                actor=actor,
                visibility="private" if private else "public",
                data=data,
            ),
        )

    def set_offer(self, offer: Offer) -> None:
        offers = list(self.offers)
        offers[offer.id - 1] = offer
        self.offers = tuple(offers)
