"""Who sits in each seat: humans act through a front end, AIs through `decide(view)`; the engine cannot tell.

Every front end (text mode, the pygame table, demo mode, simulate) needs the same loop — let the AIs
move until a human must act or the game ends — so it lives here once, free of any I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

from negotiator.engine.actions import Action
from negotiator.engine.state import GameSettings, GameState, RoleSetting, new_game
from negotiator.engine.view import ActorView, view
from negotiator.scenario.models import Scenario

# One AI move can never need more actions than this; more means an AI is stuck in a loop.
MAX_ACTIONS_PER_TURN = 200


class Controller(Protocol):
    """Anything that picks a legal action for its actor from that actor's view (the AI negotiators do)."""

    def decide(self, view: ActorView) -> Action: ...


@dataclass(frozen=True)
class AISpec:
    """The AI chosen for a role; `None` fields fall back to the scenario's defaults for that actor."""

    personality: str | None = None
    difficulty: str | None = None


def parse_ai_spec(text: str, scenario: Scenario) -> tuple[str, AISpec]:
    """Read `ROLE=PERSONALITY[:DIFFICULTY]`; ValueError names what is wrong and the valid choices."""
    from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES

    role, sep, rest = text.partition("=")
    role = role.strip()
    if not sep or not role or not rest.strip():
        raise ValueError(f"'{text}' is not ROLE=PERSONALITY[:DIFFICULTY] (for example authority=hawk:hard)")
    roles = [a.id for a in scenario.negotiators]
    if role not in roles:
        raise ValueError(f"no negotiating role '{role}' in this scenario; choose from: {', '.join(roles)}")
    personality, _, difficulty = rest.strip().partition(":")
    if personality not in PERSONALITIES:
        raise ValueError(f"unknown personality '{personality}'; choose from: {', '.join(PERSONALITIES)}")
    if difficulty and difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty '{difficulty}'; choose from: {', '.join(DIFFICULTIES)}")
    return role, AISpec(personality, difficulty or None)


def make_ais(
    scenario: Scenario,
    seed: int,
    overrides: Mapping[str, AISpec] | None = None,
    humans: Collection[str] = (),
) -> dict[str, Controller]:
    """An AI for every negotiating actor not played by a human (scenario defaults unless overridden)."""
    from negotiator.engine.ai import make_ai

    overrides = overrides or {}
    ais: dict[str, Controller] = {}
    for actor in scenario.negotiators:
        if actor.id in humans:
            continue
        spec = overrides.get(actor.id, AISpec())
        ais[actor.id] = make_ai(scenario, actor.id, spec.personality, spec.difficulty, seed=seed)
    return ais


def role_settings(
    scenario: Scenario,
    overrides: Mapping[str, AISpec] | None = None,
    humans: Collection[str] = (),
    names: Mapping[str, str] | None = None,
) -> dict[str, RoleSetting]:
    """Who plays each negotiating role, for `GameSettings` (and so for saves)."""
    overrides = overrides or {}
    names = names or {}
    roles: dict[str, RoleSetting] = {}
    for actor in scenario.negotiators:
        if actor.id in humans:
            roles[actor.id] = RoleSetting(human=True, name=names.get(actor.id, ""))
        else:
            spec = overrides.get(actor.id, AISpec())
            roles[actor.id] = RoleSetting(
                personality=spec.personality or actor.ai.personality,
                difficulty=spec.difficulty or actor.ai.difficulty,
            )
    return roles


def run_ai_until_human(
    state: GameState,
    ais: Mapping[str, Controller],
    humans: Collection[str] = (),
    on_action: Callable[[GameState, Action, GameState], None] | None = None,
) -> GameState:
    """Let AIs move until it is a human's move or the game is over; `on_action(before, action, after)`
    lets a front end show each move as it happens. An AI's illegal action raises IllegalActionError."""
    moves: dict[str, int] = {}  # moves each AI made this turn: a guard against one that never ends its move
    turn = state.turn
    while not state.is_over():
        actor = state.current_actor
        assert actor is not None
        if actor in humans:
            return state
        ai = ais.get(actor)
        if ai is None:
            raise ValueError(f"nobody plays '{actor}': it is neither a human seat nor has an AI")
        action = ai.decide(view(state, actor))
        after = state.apply(action)
        if on_action is not None:
            on_action(state, action, after)
        state = after
        if state.turn != turn:
            turn, moves = state.turn, {}
        else:
            moves[actor] = moves.get(actor, 0) + 1
            if moves[actor] > MAX_ACTIONS_PER_TURN:
                raise RuntimeError(f"the AI for '{actor}' made over {MAX_ACTIONS_PER_TURN} moves in one turn")
    return state


def play_ai_game(
    scenario: Scenario,
    seed: int,
    ai_overrides: Mapping[str, AISpec] | None = None,
    settings: GameSettings | None = None,
    on_action: Callable[[GameState, Action, GameState], None] | None = None,
) -> GameState:
    """A whole game with the AI in every seat: the finished state (seed + actions reproduce it); `on_action`
    watches each move (as in `run_ai_until_human`), e.g. for `simulate`'s account of levers."""
    if settings is None:
        settings = GameSettings(roles=role_settings(scenario, ai_overrides))
    state = new_game(scenario, seed, settings)
    return run_ai_until_human(state, make_ais(scenario, seed, ai_overrides), on_action=on_action)
