"""The game state: everything that changes during a game, as one immutable value.

`GameState.apply(action)` checks the action against the rules (`negotiator.engine.moves`), applies it to a
mutable `Draft` copy, runs the end-of-turn phases when the last actor ends its move
(`negotiator.engine.turn`), and freezes the result. The scenario never changes; the seed and the action log
reproduce any state exactly. Dicts inside a state are never mutated after it is frozen.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from negotiator.engine.actions import Action
from negotiator.engine.meters import MeterBook, initial_meters, meter_key
from negotiator.engine.offers import Offer
from negotiator.engine.records import LogEntry, TurnRecord
from negotiator.scenario.models import Scenario

if TYPE_CHECKING:
    from negotiator.engine.legal import LegalActions
    from negotiator.engine.outcome import Outcome


@dataclass(frozen=True)
class RoleSetting:
    """Who plays a role: a human (with a display name) or the AI with a personality and difficulty."""

    human: bool = False
    name: str = ""
    personality: str | None = None
    difficulty: str | None = None


@dataclass(frozen=True)
class GameSettings:
    """Choices made at setup. The engine reads only `turns`; the rest travels with saves for the front ends."""

    roles: dict[str, RoleSetting] = field(default_factory=dict)
    turns: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "roles": {k: vars(v).copy() for k, v in self.roles.items()},
            "turns": self.turns,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameSettings:
        roles = {str(k): RoleSetting(**v) for k, v in dict(data.get("roles", {})).items()}
        turns = data.get("turns")
        return cls(roles=roles, turns=int(turns) if turns is not None else None)


@dataclass(frozen=True)
class Ending:
    """How the game ended: `kind` is deal, deadline, walk_away, collapse or escalation."""

    kind: str
    text: str
    turn: int
    actor: str | None = None


@dataclass(frozen=True)
class GameState:
    """One moment of a game. Build with `new_game`; advance with `apply`."""

    scenario: Scenario = field(repr=False, compare=False)
    seed: int
    settings: GameSettings
    turn: int
    turns: int
    order: tuple[str, ...]
    mover_index: int
    meters: dict[str, float]
    reservation_shift: dict[str, float]
    pressure: dict[str, float]
    action_points: dict[str, int]
    offers_made: dict[str, int]
    offers: tuple[Offer, ...]
    settled: dict[str, str]
    queued_levers: tuple[tuple[str, str, str | None], ...]
    lever_ready: dict[str, int]
    lever_uses: dict[str, int]
    fired_events: frozenset[str]
    public_red_lines: dict[str, tuple[tuple[str, str], ...]]
    broken_commitments: dict[str, int]
    progress: bool
    entries: tuple[LogEntry, ...]
    records: tuple[TurnRecord, ...]
    actions: tuple[Action, ...]
    ending: Ending | None = None

    # --- whose move, and what is allowed -------------------------------------------------------------
    @property
    def current_actor(self) -> str | None:
        """The actor whose move it is, or None once the game is over."""
        return None if self.ending else self.order[self.mover_index]

    def is_over(self) -> bool:
        return self.ending is not None

    def legal_actions(self, actor: str) -> LegalActions:
        from negotiator.engine.legal import LegalActions

        return LegalActions(self, actor)

    def apply(self, action: Action) -> GameState:
        """The state after `action`; raises IllegalActionError (with what to do instead) if not allowed."""
        from negotiator.engine.moves import apply_action

        return apply_action(self, action)

    def outcome(self) -> Outcome | None:
        """The ending, terms and scores once the game is over; None before."""
        if self.ending is None:
            return None
        from negotiator.engine.outcome import compute_outcome

        return compute_outcome(self)

    # --- reading the numbers -----------------------------------------------------------------------
    def meter(self, meter_id: str, actor: str | None = None) -> float:
        meter = self.scenario.meter(meter_id)
        return self.meters[meter_id if meter.scope == "shared" else meter_key(meter_id, actor)]

    def reservation(self, actor: str) -> float:
        """The actor's current no-deal value: base + accumulated shifts + meter drivers, within 0..1."""
        return current_reservation(self.scenario, self.meters, self.reservation_shift, actor)

    def open_offers(self, to: str | None = None) -> list[Offer]:
        """Open offers, optionally only those awaiting `to`'s answer."""
        return [o for o in self.offers if o.is_open and (to is None or (to in o.to and to not in o.accepted_by))]

    def offer(self, offer_id: int) -> Offer | None:
        return self.offers[offer_id - 1] if 0 < offer_id <= len(self.offers) else None

    def offers_left(self, actor: str) -> int:
        return max(0, self.scenario.rules.offers_per_turn - self.offers_made.get(actor, 0))

    # --- identity --------------------------------------------------------------------------------------
    def to_canonical(self) -> dict[str, Any]:
        """Everything that defines this state, as JSON-ready data (the scenario by id)."""
        data: dict[str, Any] = {"scenario": self.scenario.metadata.id}
        for f in fields(self):
            if f.name in ("scenario", "records", "actions"):
                continue
            data[f.name] = _jsonable(getattr(self, f.name))
        data["actions"] = [a.to_dict() for a in self.actions]
        return data

    def state_hash(self) -> str:
        text = json.dumps(self.to_canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def draft(self) -> Draft:
        return Draft(**{f.name: _copy(getattr(self, f.name)) for f in fields(self)})


def _copy(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else value


def _jsonable(value: Any) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    return value


@dataclass
class Draft:
    """A mutable copy of a GameState, changed by the rules for one step and then frozen.

    Its fields mirror GameState's one for one (a test keeps them in step), so the rules get typed,
    mutable attributes and `freeze()` needs no mapping.
    """

    scenario: Scenario
    seed: int
    settings: GameSettings
    turn: int
    turns: int
    order: tuple[str, ...]
    mover_index: int
    meters: dict[str, float]
    reservation_shift: dict[str, float]
    pressure: dict[str, float]
    action_points: dict[str, int]
    offers_made: dict[str, int]
    offers: tuple[Offer, ...]
    settled: dict[str, str]
    queued_levers: tuple[tuple[str, str, str | None], ...]
    lever_ready: dict[str, int]
    lever_uses: dict[str, int]
    fired_events: frozenset[str]
    public_red_lines: dict[str, tuple[tuple[str, str], ...]]
    broken_commitments: dict[str, int]
    progress: bool
    entries: tuple[LogEntry, ...]
    records: tuple[TurnRecord, ...]
    actions: tuple[Action, ...]
    ending: Ending | None = None

    def book(self) -> MeterBook:
        return MeterBook(self.scenario, self.meters, self.reservation_shift, self.pressure)

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

    def reservation(self, actor: str) -> float:
        return current_reservation(self.scenario, self.meters, self.reservation_shift, actor)

    def name(self, actor: str | None) -> str:
        return self.scenario.actor(actor).short_name if actor else ""

    def freeze(self) -> GameState:
        return GameState(**{f.name: getattr(self, f.name) for f in fields(self)})


def current_reservation(scenario: Scenario, meters: dict[str, float], shift: dict[str, float], actor: str) -> float:
    prefs = scenario.preferences.get(actor)
    if prefs is None:
        return 0.0
    res = prefs.reservation
    value = res.value + shift.get(actor, 0.0)
    for driver in res.moved_by:
        meter = scenario.meter(driver.meter)
        if meter.scope == "shared":
            level = meters[meter.id]
        else:
            whose = actor if driver.actor in (None, "self") else driver.actor
            level = meters[meter_key(meter.id, whose)]
        value += driver.per_point * (level - driver.pivot)
    return min(1.0, max(0.0, value))


def turn_order(scenario: Scenario, turn: int) -> tuple[str, ...]:
    """Negotiating actors in scenario order, rotated by one each turn so nobody always moves first."""
    ids = [a.id for a in scenario.negotiators]
    shift = (turn - 1) % len(ids)
    return tuple(ids[shift:] + ids[:shift])


def new_game(scenario: Scenario, seed: int = 0, settings: GameSettings | None = None) -> GameState:
    """The state at the start of turn 1, after turn 1's events have fired."""
    from negotiator.engine.turn import start_turn

    settings = settings or GameSettings()
    turns = settings.turns or scenario.rules.turns
    negotiators = [a.id for a in scenario.negotiators]
    draft = Draft(
        scenario=scenario,
        seed=int(seed),
        settings=settings,
        turn=1,
        turns=turns,
        order=turn_order(scenario, 1),
        mover_index=0,
        meters=initial_meters(scenario),
        reservation_shift={a: 0.0 for a in negotiators},
        pressure={a: 0.0 for a in negotiators},
        action_points={a: scenario.rules.action_points for a in negotiators},
        offers_made={a: 0 for a in negotiators},
        offers=(),
        settled={},
        queued_levers=(),
        lever_ready={},
        lever_uses={},
        fired_events=frozenset(),
        public_red_lines={a: () for a in negotiators},
        broken_commitments={a: 0 for a in negotiators},
        progress=False,
        entries=(),
        records=(),
        actions=(),
    )
    start_turn(draft)
    return draft.freeze()
