"""What one actor may know: its own preferences and no-deal value, everyone else's only as estimates.

The AI, the terminal and the pygame table all read an `ActorView`, never the raw state, so fog of war is
defined once. Queued levers of other actors stay hidden until they resolve at the end of the turn.

What is public and what is private:
- private to each actor: its utilities (weights, option values), its red lines until it announces them, the
  level of its no-deal value, and the levers it has queued this turn;
- public: the scenario's structure, every meter, every offer and answer, public red lines, the news, and what
  moves each actor's no-deal value (the drivers, drift and effects written in the scenario). So everyone can
  see *that* sanctions lowered Moscow's no-deal value, and by how much (`reservation_changes`), but not where
  it stands. Pressure is visible as pressure; the bottom line stays secret.

A view is cheap to make: every part is computed on first use and cached, because the AI asks for a view
before every decision and reads only a few parts of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from negotiator.engine.beliefs import Estimate, estimate
from negotiator.engine.compiled import PublicDrivers
from negotiator.engine.core import Core
from negotiator.engine.memo import memo
from negotiator.engine.moves import lever_allowed, lever_problem
from negotiator.engine.offers import Offer
from negotiator.engine.records import LogEntry, TurnRecord
from negotiator.engine.state import GameState
from negotiator.engine.utility import utility_model
from negotiator.scenario.models import ActorPreferences, Lever, Scenario


@dataclass(frozen=True)
class LeverStatus:
    """One of the actor's levers: the targets it can be used on now, or why not."""

    lever: Lever
    usable_targets: tuple[str | None, ...]
    problem: str | None


_MISSING = object()


class ActorView:
    """Everything `actor` may see. `scenario` is the public structure (actors, issues, meters, levers) with
    only this actor's preferences left in; everyone else's are known only through `estimates`."""

    __slots__ = ("_cache", "_core", "_state", "actor")

    def __init__(self, state: GameState, actor: str):
        self._state = state
        self._core = state.core  # read directly by the parts the AI asks for many times a decision
        self.actor = actor
        self._cache: dict[str, Any] = {}

    def _get(self, name: str, build: Any) -> Any:
        found = self._cache.get(name, _MISSING)
        if found is _MISSING:
            found = self._cache[name] = build()
        return found

    # --- where the game stands ---------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._get("scenario", lambda: redacted(self._state.scenario, self.actor))  # type: ignore[no-any-return]

    @property
    def turn(self) -> int:
        return self._core.turn

    @property
    def turns(self) -> int:
        return self._core.turns

    @property
    def current_actor(self) -> str | None:
        return self._state.current_actor

    @property
    def is_over(self) -> bool:
        return self._state.is_over()

    @property
    def my_move(self) -> bool:
        return self._core.current_actor == self.actor

    @property
    def turns_left(self) -> int:
        return self._core.turns - self._core.turn

    @property
    def action_points(self) -> int:
        return self._core.action_points.get(self.actor, 0)

    @property
    def offers_left(self) -> int:
        return self._core.offers_left(self.actor)

    @property
    def meters(self) -> dict[str, float]:
        """Every meter, keyed `meter` or `meter@actor` (all meters are public). Read-only."""
        return self._state.meters

    @property
    def meter_values(self) -> list[float]:
        """Every meter's value in slot order (`negotiator.engine.compiled`): a copy, for look-ahead."""
        return self._core.meters.copy()

    @property
    def public_memo(self) -> dict[object, object]:
        """A memo shared by every viewer of this game's scenario, for values inferred from public data only
        (what any actor can estimate about another from the record is the same for every actor)."""
        memo = self._state.core.c.public
        if len(memo) > 4096:
            memo.clear()
        return memo

    @property
    def fired_events(self) -> frozenset[str]:
        """Events that have happened (they are news)."""
        return self._core.fired_events

    @property
    def meter_history(self) -> tuple[dict[str, float], ...]:
        """The meters at the start of the game, at the end of each finished turn, and now."""

        def build() -> tuple[dict[str, float], ...]:
            return (self._core.c.start_meters, *(r.meters for r in self._core.records), self._state.meters)

        return self._get("meter_history", build)  # type: ignore[no-any-return]

    # --- my own position ---------------------------------------------------------------------------------
    @property
    def reservation(self) -> float:
        return self._state.reservation(self.actor)

    @property
    def reservation_history(self) -> tuple[float, ...]:
        return self._get(  # type: ignore[no-any-return]
            "reservation_history",
            lambda: (*(r.reservations.get(self.actor, 0.0) for r in self._state.records), self.reservation),
        )

    @property
    def preferences(self) -> ActorPreferences | None:
        return self._state.scenario.preferences.get(self.actor)

    @property
    def deal_bonus(self) -> dict[str, float]:
        """What a deal is worth to each actor on top of its terms (promises are public). Read-only."""
        return self._state.deal_bonus

    @property
    def reservation_changes(self) -> dict[str, float]:
        """How far each actor's no-deal value has moved since the start (public: the drivers and effects are).
        The levels themselves stay private; only the actor's own is in `reservation`."""

        def build() -> dict[str, float]:
            core = self._state.core
            c = core.c
            start = list(c.initial)
            return {
                a: rule.value(core.meters, core.reservation_shift.get(a, 0.0)) - rule.value(start, 0.0)
                for a, rule in c.reservations.items()
            }

        return self._get("reservation_changes", build)  # type: ignore[no-any-return]

    @property
    def drivers(self) -> dict[str, PublicDrivers]:
        """What moves each actor's no-deal value (meters per point, drift per turn): public, unlike the level."""
        return self._core.c.public_drivers

    # --- the others ----------------------------------------------------------------------------------------
    @property
    def estimates(self) -> dict[str, Estimate]:
        """What this actor can infer about each other negotiator's preferences from its public behaviour."""
        return self._get(  # type: ignore[no-any-return]
            "estimates",
            lambda: {a: estimate(self._state, a) for a in self._state.core.c.negotiators if a != self.actor},
        )

    @property
    def offers(self) -> tuple[Offer, ...]:
        return self._core.offers

    @property
    def awaiting_me(self) -> tuple[Offer, ...]:
        return self._get("awaiting", lambda: tuple(self._state.open_offers(to=self.actor)))  # type: ignore[no-any-return]

    @property
    def settled(self) -> dict[str, str]:
        return self._core.settled

    @property
    def public_red_lines(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return self._core.public_red_lines

    @property
    def my_queued_levers(self) -> tuple[tuple[str, str | None], ...]:
        """The levers I have queued this turn and not yet resolved, in order, as (lever id, target): mine to
        know, as my log says while the game runs (its `lever_queued` entries of this turn), without building
        the log (the AI reads this every decision of a move in which it uses levers)."""
        return tuple((lever, target) for lever, owner, target in self._core.queued_levers if owner == self.actor)

    @property
    def removed_options(self) -> frozenset[tuple[str, str]]:
        return self._core.removed_options

    def may_rule_out(self, issue_id: str, option: str) -> bool:
        """Whether I may still declare this option a red line: it is on the table, not yet ruled out by me, and
        something else would stay open (the rule `moves.check_red_line` enforces)."""
        left = self._state.still_open(issue_id, self.actor)
        return option in left and bool(left - {option})

    @property
    def levers(self) -> tuple[LeverStatus, ...]:
        def build() -> tuple[LeverStatus, ...]:
            state = self._state
            return tuple(_lever_status(state, self.actor, lv) for lv in state.scenario.levers if lv.owner == self.actor)

        return self._get("levers", build)  # type: ignore[no-any-return]

    @property
    def move_start_levers(self) -> tuple[tuple[tuple[Lever, str | None], ...], int]:
        """The lever uses (lever, target) this actor could choose from when its move began, and the action points
        it had then: its own levers queued since are put back. Lets a plan made at the start of the move be
        recomputed exactly at any point of it."""

        def build() -> tuple[tuple[tuple[Lever, str | None], ...], int]:
            core = self._state.core
            mine = tuple(q for q in core.queued_levers if q[1] == self.actor)
            if not mine:  # nothing to put back: the move starts from here (the checks only read it)
                return self._move_start_options(core)
            start = core.copy()
            start.queued_levers = tuple(q for q in core.queued_levers if q[1] != self.actor)
            start.action_points[self.actor] = core.action_points.get(self.actor, 0) + sum(
                core.c.levers[q[0]].cost for q in mine
            )
            for lever_id, _, _ in mine:
                lever = core.c.levers[lever_id]
                start.lever_uses[lever_id] = start.lever_uses.get(lever_id, 1) - 1
                ready = core.lever_ready.get(lever_id)
                if ready is not None:
                    start.lever_ready[lever_id] = ready - lever.cooldown - 1
            return self._move_start_options(start)

        return self._get("move_start_levers", build)  # type: ignore[no-any-return]

    def _move_start_options(self, start: Core) -> tuple[tuple[tuple[Lever, str | None], ...], int]:
        options = tuple(
            (lever, target)
            for lever in start.c.levers.values()
            if lever.owner == self.actor
            for target in (lever.targets or [None])
            if lever_allowed(start, self.actor, lever, target)
        )
        return options, start.action_points.get(self.actor, 0)

    @property
    def log(self) -> tuple[LogEntry, ...]:
        def build() -> tuple[LogEntry, ...]:
            state = self._state
            return visible_records(state.records, self.actor) + tuple(
                e for e in state.entries if _visible(e, self.actor)
            )

        return self._get("log", build)  # type: ignore[no-any-return]


def _lever_status(state: GameState, actor: str, lever: Lever) -> LeverStatus:
    targets = list(lever.targets) or [None]
    usable: list[str | None] = []
    problem: str | None = None
    core = state.core
    for target in targets:
        if lever_allowed(core, actor, lever, target):
            usable.append(target)
        elif problem is None:
            problem = lever_problem(core, actor, lever, target)
    return LeverStatus(lever, tuple(usable), None if usable else problem)


def _visible(entry: LogEntry, actor: str) -> bool:
    return entry.visibility == "public" or entry.actor == actor


# Per actor, the last finished turns seen and their entries it may see. Every view of a turn shares them, and the
# next turn's records extend the same tuple, so a view filters only the turns it has not seen (each view
# refiltering the whole game made view building grow with the square of the game's length). Entries are matched
# by identity, so two games that share an actor id only miss each other's work.
_SEEN: dict[str, tuple[tuple[TurnRecord, ...], tuple[LogEntry, ...]]] = {}


def visible_records(records: tuple[TurnRecord, ...], actor: str) -> tuple[LogEntry, ...]:
    """The entries of the finished turns `actor` may see, in order (see `visible_records_reference`)."""
    seen = _SEEN.get(actor)
    if seen is not None:
        old, visible = seen
        if old is records:
            return visible
        if len(old) <= len(records) and all(a is b for a, b in zip(old, records, strict=False)):
            visible += visible_records_reference(records[len(old) :], actor)
            _SEEN[actor] = (records, visible)
            return visible
    visible = visible_records_reference(records, actor)
    _SEEN[actor] = (records, visible)
    return visible


def visible_records_reference(records: tuple[TurnRecord, ...], actor: str) -> tuple[LogEntry, ...]:
    """The entries of the finished turns `actor` may see, filtered afresh."""
    return tuple(e for r in records for e in r.entries if _visible(e, actor))


def redacted(scenario: Scenario, actor: str) -> Scenario:
    """The scenario as `actor` knows it: other actors' private preferences removed (cached per actor)."""

    def build() -> Scenario:
        own = {actor: scenario.preferences[actor]} if actor in scenario.preferences else {}
        return scenario.model_copy(update={"preferences": own})

    return memo(utility_model(scenario), ("redacted", actor), build)  # type: ignore[no-any-return]


def view(state: GameState, actor: str) -> ActorView:
    return ActorView(state, actor)
