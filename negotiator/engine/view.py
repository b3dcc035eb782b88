"""What one actor may know: its own preferences and no-deal value, everyone else's only as estimates.

The AI, the terminal and the pygame table all read an `ActorView`, never the raw state, so fog of war is
defined once. Queued levers of other actors stay hidden until they resolve at the end of the turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotiator.engine.beliefs import Estimate, estimate
from negotiator.engine.moves import lever_problem
from negotiator.engine.offers import Offer
from negotiator.engine.records import LogEntry
from negotiator.engine.state import GameState
from negotiator.engine.utility import utility_model
from negotiator.scenario.models import ActorPreferences, Lever, Scenario


@dataclass(frozen=True)
class LeverStatus:
    """One of the actor's levers: the targets it can be used on now, or why not."""

    lever: Lever
    usable_targets: tuple[str | None, ...]
    problem: str | None


@dataclass(frozen=True)
class ActorView:
    """Everything `actor` may see. `scenario` is the public structure (actors, issues, meters, levers) with
    only this actor's preferences left in; everyone else's are known only through `estimates`."""

    scenario: Scenario
    actor: str
    turn: int
    turns: int
    current_actor: str | None
    is_over: bool
    action_points: int
    offers_left: int
    meters: dict[str, float]
    reservation: float
    reservation_history: tuple[float, ...]
    pressure: float
    preferences: ActorPreferences | None
    estimates: dict[str, Estimate]
    offers: tuple[Offer, ...]
    awaiting_me: tuple[Offer, ...]
    settled: dict[str, str]
    public_red_lines: dict[str, tuple[tuple[str, str], ...]]
    levers: tuple[LeverStatus, ...]
    log: tuple[LogEntry, ...]

    @property
    def my_move(self) -> bool:
        return self.current_actor == self.actor

    @property
    def turns_left(self) -> int:
        return self.turns - self.turn


def _lever_status(state: GameState, actor: str, lever: Lever) -> LeverStatus:
    targets = list(lever.targets) or [None]
    usable: list[str | None] = []
    problem: str | None = None
    for target in targets:
        why = lever_problem(state.core, actor, lever, target)
        if why is None:
            usable.append(target)
        elif problem is None:
            problem = why
    return LeverStatus(lever, tuple(usable), None if usable else problem)


def _visible(entry: LogEntry, actor: str) -> bool:
    return entry.visibility == "public" or entry.actor == actor


def _estimate(state: GameState, actor: str) -> Estimate:
    """Estimates depend only on the offers and public red lines, so they are memoised on the scenario."""
    from negotiator.engine.ai.context import memo

    key = ("estimate", actor, state.offers, state.public_red_lines.get(actor, ()))
    return memo(utility_model(state.scenario), key, lambda: estimate(state, actor))  # type: ignore[no-any-return]


def redacted(scenario: Scenario, actor: str) -> Scenario:
    """The scenario as `actor` knows it: other actors' private preferences removed (cached per actor)."""
    from negotiator.engine.ai.context import memo

    def build() -> Scenario:
        own = {actor: scenario.preferences[actor]} if actor in scenario.preferences else {}
        return scenario.model_copy(update={"preferences": own})

    return memo(utility_model(scenario), ("redacted", actor), build)  # type: ignore[no-any-return]


def view(state: GameState, actor: str) -> ActorView:
    scenario = redacted(state.scenario, actor)
    history = (*tuple(r.reservations.get(actor, 0.0) for r in state.records), state.reservation(actor))
    log = tuple(e for r in state.records for e in r.entries if _visible(e, actor)) + tuple(
        e for e in state.entries if _visible(e, actor)
    )
    return ActorView(
        scenario=scenario,
        actor=actor,
        turn=state.turn,
        turns=state.turns,
        current_actor=state.current_actor,
        is_over=state.is_over(),
        action_points=state.action_points.get(actor, 0),
        offers_left=state.offers_left(actor),
        meters=dict(state.meters),
        reservation=state.reservation(actor),
        reservation_history=history,
        pressure=state.pressure.get(actor, 0.0),
        preferences=scenario.preferences.get(actor),
        estimates={a.id: _estimate(state, a.id) for a in state.scenario.negotiators if a.id != actor},
        offers=state.offers,
        awaiting_me=tuple(state.open_offers(to=actor)),
        settled=dict(state.settled),
        public_red_lines=dict(state.public_red_lines),
        levers=tuple(_lever_status(state, actor, lv) for lv in scenario.levers if lv.owner == actor),
        log=log,
    )
