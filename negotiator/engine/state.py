"""The game state: everything that changes during a game, as one immutable value.

A `GameState` wraps a `Core` (`negotiator.engine.core`) that nothing changes after the state is made.
`state.apply(action)` asks the rules (`negotiator.engine.moves`) for a changed copy of the core and wraps it in
a new state; when the last actor ends its move the end-of-turn phases (`negotiator.engine.turn`) run inside
that copy. The scenario never changes; the seed and the action log reproduce any state exactly.

The familiar dict-shaped attributes (`meters`, `settled`, ...) are built on first use and cached; treat them
as read-only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from negotiator.engine import moves
from negotiator.engine.actions import Action, field_names
from negotiator.engine.compiled import compiled
from negotiator.engine.core import Core, Ending
from negotiator.engine.legal import LegalActions
from negotiator.engine.offers import Offer
from negotiator.engine.outcome import Outcome, compute_outcome
from negotiator.engine.records import LogEntry, TurnRecord
from negotiator.engine.turn import start_turn, turn_order
from negotiator.scenario.models import Scenario

__all__ = ["Ending", "GameSettings", "GameState", "RoleSetting", "new_game"]


@dataclass(frozen=True)
class RoleSetting:
    """Who plays a role: a human (with a display name) or the AI with a personality and difficulty."""

    human: bool = False
    name: str = ""
    personality: str | None = None
    difficulty: str | None = None
    language: str | None = None  # a human's own language at a hotseat table (None: the window's)


@dataclass(frozen=True)
class GameSettings:
    """Choices made at setup. The engine reads only `turns`; the rest travels with saves for the front ends."""

    roles: dict[str, RoleSetting] = field(default_factory=dict)
    turns: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "roles": {  # a language only when one was chosen: saves from before it read the same
                k: {f: x for f, x in vars(v).items() if f != "language" or x is not None} for k, v in self.roles.items()
            },
            "turns": self.turns,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameSettings:
        roles = {str(k): RoleSetting(**v) for k, v in dict(data.get("roles", {})).items()}
        turns = data.get("turns")
        return cls(roles=roles, turns=int(turns) if turns is not None else None)


# Fields of the canonical form, in the order they have always had (the state hash depends on the names only).
_CANONICAL = (
    "seed",
    "settings",
    "turn",
    "turns",
    "order",
    "mover_index",
    "meters",
    "reservation_shift",
    "deal_bonus",
    "action_points",
    "offers_made",
    "offers",
    "settled",
    "queued_levers",
    "lever_ready",
    "lever_uses",
    "fired_events",
    "public_red_lines",
    "broken_commitments",
    "progress",
    "entries",
    "ending",
)


class GameState:
    """One moment of a game. Build with `new_game`; advance with `apply`."""

    __slots__ = ("_core", "_meters", "scenario", "settings")

    def __init__(self, scenario: Scenario, settings: GameSettings, core: Core):
        self.scenario = scenario
        self.settings = settings
        self._core = core
        self._meters: dict[str, float] | None = None

    # --- whose move, and what is allowed -------------------------------------------------------------
    @property
    def current_actor(self) -> str | None:
        """The actor whose move it is, or None once the game is over."""
        return self._core.current_actor

    def is_over(self) -> bool:
        return self._core.ending is not None

    def legal_actions(self, actor: str) -> LegalActions:
        return LegalActions(self, actor)

    def apply(self, action: Action) -> GameState:
        """The state after `action`; raises IllegalActionError (with what to do instead) if not allowed."""
        return GameState(self.scenario, self.settings, moves.apply_to(self._core, action))

    def outcome(self) -> Outcome | None:
        """The ending, terms and scores once the game is over; None before."""
        if self._core.ending is None:
            return None
        return compute_outcome(self)

    # --- the data ------------------------------------------------------------------------------------
    @property
    def core(self) -> Core:
        """The underlying data (read-only): for the rules, views and the AI's look-ahead."""
        return self._core

    @property
    def seed(self) -> int:
        return self._core.seed

    @property
    def turn(self) -> int:
        return self._core.turn

    @property
    def turns(self) -> int:
        return self._core.turns

    @property
    def order(self) -> tuple[str, ...]:
        return self._core.order

    @property
    def mover_index(self) -> int:
        return self._core.mover_index

    @property
    def meters(self) -> dict[str, float]:
        if self._meters is None:
            self._meters = self._core.meters_dict()
        return self._meters

    @property
    def reservation_shift(self) -> dict[str, float]:
        return self._core.reservation_shift

    @property
    def deal_bonus(self) -> dict[str, float]:
        """What a deal is worth to each actor on top of its terms, from promises made during the game."""
        return self._core.deal_bonus

    @property
    def action_points(self) -> dict[str, int]:
        return self._core.action_points

    @property
    def offers_made(self) -> dict[str, int]:
        return self._core.offers_made

    @property
    def offers(self) -> tuple[Offer, ...]:
        return self._core.offers

    @property
    def settled(self) -> dict[str, str]:
        return self._core.settled

    @property
    def queued_levers(self) -> tuple[tuple[str, str, str | None], ...]:
        return self._core.queued_levers

    @property
    def lever_ready(self) -> dict[str, int]:
        return self._core.lever_ready

    @property
    def lever_uses(self) -> dict[str, int]:
        return self._core.lever_uses

    @property
    def fired_events(self) -> frozenset[str]:
        return self._core.fired_events

    @property
    def public_red_lines(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return self._core.public_red_lines

    def still_open(self, issue_id: str, actor: str | None = None) -> set[str]:
        """The issue's options not taken off the table and, for `actor`, not ruled out by it in public; a
        red line may not leave this empty (see `Core.still_open`)."""
        return self._core.still_open(issue_id, actor)

    @property
    def removed_options(self) -> frozenset[tuple[str, str]]:
        """(issue, option) pairs a lever or an event took off the table: no offer may name them."""
        return self._core.removed_options

    @property
    def broken_commitments(self) -> dict[str, int]:
        return self._core.broken_commitments

    @property
    def progress(self) -> bool:
        return self._core.progress

    @property
    def entries(self) -> tuple[LogEntry, ...]:
        return self._core.entries

    @property
    def records(self) -> tuple[TurnRecord, ...]:
        return self._core.records

    @property
    def actions(self) -> tuple[Action, ...]:
        return self._core.actions

    @property
    def ending(self) -> Ending | None:
        return self._core.ending

    # --- reading the numbers -----------------------------------------------------------------------
    def meter(self, meter_id: str, actor: str | None = None) -> float:
        return self._core.meter(meter_id, actor)

    def reservation(self, actor: str) -> float:
        """The actor's current no-deal value: base + accumulated shifts + meter drivers, within 0..1."""
        return self._core.reservation(actor)

    def open_offers(self, to: str | None = None) -> list[Offer]:
        """Open offers, optionally only those awaiting `to`'s answer."""
        return self._core.open_offers(to)

    def offer(self, offer_id: int) -> Offer | None:
        return self._core.offer(offer_id)

    def offers_left(self, actor: str) -> int:
        return self._core.offers_left(actor)

    # --- identity --------------------------------------------------------------------------------------
    def to_canonical(self) -> dict[str, Any]:
        """Everything that defines this state, as JSON-ready data (the scenario by id)."""
        data: dict[str, Any] = {"scenario": self.scenario.metadata.id}
        for name in _CANONICAL:
            data[name] = _jsonable(getattr(self, name))
        # Newer fields join only when they say something, so the hashes of games saved before them still match.
        for role in data["settings"]["roles"].values():
            if role.get("language") is None:
                role.pop("language", None)
        ending = data["ending"]
        if ending is not None:
            ending.pop("index", None)  # follows from the scenario and the kind
            if not ending["imposed"]:
                del ending["imposed"]
        if self._core.removed_options:
            data["removed_options"] = _jsonable(self._core.removed_options)
        data["actions"] = [a.to_dict() for a in self.actions]
        return data

    def state_hash(self) -> str:
        text = json.dumps(self.to_canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def __repr__(self) -> str:
        return f"GameState(turn={self.turn}, current_actor={self.current_actor!r}, ending={self.ending!r})"


_ATOMS = frozenset({str, int, float, bool, type(None)})  # most of a state's values: returned as they are, first


def _jsonable(value: Any) -> Any:
    if type(value) in _ATOMS:
        return value
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _jsonable(getattr(value, name)) for name in field_names(type(value))}
    return value


def new_game(scenario: Scenario, seed: int = 0, settings: GameSettings | None = None) -> GameState:
    """The state at the start of turn 1, after turn 1's events have fired."""
    settings = settings or GameSettings()
    c = compiled(scenario)
    negotiators = c.negotiators
    core = Core.__new__(Core)
    core.c = c
    core.seed = int(seed)
    core.turn = 1
    core.turns = settings.turns or scenario.rules.turns
    core.order = turn_order(negotiators, 1)
    core.mover_index = 0
    core.meters = list(c.initial)
    core.reservation_shift = {a: 0.0 for a in negotiators}
    core.deal_bonus = {a: 0.0 for a in negotiators}
    core.action_points = {a: scenario.rules.action_points for a in negotiators}
    core.offers_made = {a: 0 for a in negotiators}
    core.offers = ()
    core.settled = {}
    core.queued_levers = ()
    core.lever_ready = {}
    core.lever_uses = {}
    core.fired_events = frozenset()
    core.public_red_lines = {a: () for a in negotiators}
    core.removed_options = frozenset()
    core.broken_commitments = {a: 0 for a in negotiators}
    core.progress = False
    core.entries = ()
    core.records = ()
    core.actions = ()
    core.ending = None
    start_turn(core)
    return GameState(scenario, settings, core)
