"""The exploit tournament: scripted strategies (and AI variants) in one seat, paired with the AI on the same seed.

A *lineup* says who plays each seat: `ai` (the scenario's default AI for that actor), `ai:DIFFICULTY`,
`ai:PERSONALITY:DIFFICULTY`, `strategy:NAME` (see `negotiator.tournament.strategies`), or
`variant:PART=VALUE,...` (the hard AI with one BOA part swapped, e.g. `variant:levers=rollout,horizon=2`).
Seats a lineup does not name get the default AI. A *comparison* plays two lineups that differ only in one seat on the
same seeds and reports that seat's score difference: its mean with a 95% confidence interval, and how
many games it won, tied and lost. Games are deterministic, so results are identical for any number of
worker processes; each distinct (lineup, seed) game is played once and shared by every comparison.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from negotiator.engine import heap
from negotiator.engine.players import MAX_ACTIONS_PER_TURN, Controller
from negotiator.engine.state import GameSettings, new_game
from negotiator.engine.view import view
from negotiator.scenario.models import Scenario
from negotiator.tournament.strategies import STRATEGIES

Lineup = tuple[tuple[str, str], ...]  # ((seat, spec), ...), sorted by seat
TIE = 0.005


def lineup(**seats: str) -> Lineup:
    return tuple(sorted(seats.items()))


def controller(scenario: Scenario, actor: str, spec: str, seed: int) -> Controller:
    """The player a spec names, for `actor` in a game with this seed."""
    from negotiator.engine.ai import make_ai

    kind, _, rest = spec.partition(":")
    if kind == "variant":  # the seat's default AI at hard, with BOA parts swapped: variant:levers=rollout,...
        import dataclasses

        from negotiator.engine.ai import DIFFICULTIES
        from negotiator.engine.ai.negotiator import AINegotiator

        base = make_ai(scenario, actor, seed=seed)
        changes: dict[str, object] = {}
        for part in rest.split(","):
            key, _, value = part.partition("=")
            changes[key] = _number(value)
        return AINegotiator(actor, base.personality, dataclasses.replace(DIFFICULTIES["hard"], **changes), seed)
    if kind == "ai":
        parts = [p for p in rest.split(":") if p]
        personality = parts[0] if len(parts) == 2 else None
        difficulty = parts[-1] if parts else None
        return make_ai(scenario, actor, personality, difficulty, seed=seed)
    if kind == "strategy":
        factory, _ = STRATEGIES[rest]
        return factory(actor, seed, make_ai(scenario, actor, seed=seed))  # type: ignore[return-value]
    raise ValueError(f"unknown player spec '{spec}'")


def _number(value: str) -> object:
    """A variant's value: an int or float when it reads as one (rollouts=3, noise=0.06), else the text."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def play(scenario: Scenario, seed: int, seats: Lineup) -> dict[str, float]:
    """One game with the lineup (default AI elsewhere); every seat's final score."""
    chosen = dict(seats)
    players = {a.id: controller(scenario, a.id, chosen.get(a.id, "ai"), seed) for a in scenario.negotiators}
    state = new_game(scenario, seed, GameSettings())
    moves, turn = 0, state.turn
    while not state.is_over():
        actor = state.current_actor
        assert actor is not None
        state = state.apply(players[actor].decide(view(state, actor)))
        if state.turn != turn:
            turn, moves = state.turn, 0
        else:
            moves += 1
            if moves > MAX_ACTIONS_PER_TURN * len(players):
                raise RuntimeError(f"{actor} ({chosen.get(actor, 'ai')}) is stuck in a loop")
    outcome = state.outcome()
    assert outcome is not None
    return {a: s.total for a, s in outcome.scores.items()}


# --- running many games ------------------------------------------------------------------------------

Job = tuple[str, int, Lineup]  # (scenario path, seed, lineup)

_SCENARIOS: dict[str, Scenario] = {}


def _scenario(path: str) -> Scenario:
    if path not in _SCENARIOS:
        from negotiator.scenario import load_scenario

        _SCENARIOS[path] = load_scenario(path)
        heap.settle()
    return _SCENARIOS[path]


def _run_chunk(jobs: Sequence[Job]) -> list[tuple[Job, dict[str, float]]]:
    results = []
    for job in jobs:
        scenario = _scenario(job[0])
        heap.between_games()
        results.append((job, play(scenario, job[1], job[2])))
    return results


def run_jobs(jobs: Iterable[Job], workers: int = 1) -> dict[Job, dict[str, float]]:
    """Play every distinct job once; results keyed by job (so order and workers never matter)."""
    unique = sorted(set(jobs))
    if workers <= 1 or len(unique) < 2:
        return dict(_run_chunk(unique))
    size = max(1, min(64, len(unique) // (workers * 8) or 1))
    chunks = [unique[i : i + size] for i in range(0, len(unique), size)]
    results: dict[Job, dict[str, float]] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk_results in pool.map(_run_chunk, chunks):
            results.update(chunk_results)
    return results


# --- comparing ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Seat `seat` under lineup `a` minus the same seat under lineup `b`, over the same seeds."""

    scenario: str
    seat: str
    label: str
    a: Lineup
    b: Lineup
    diffs: tuple[float, ...]

    @property
    def n(self) -> int:
        return len(self.diffs)

    @property
    def mean(self) -> float:
        return sum(self.diffs) / self.n if self.n else 0.0

    @property
    def half_width(self) -> float:
        """Half the width of the 95% confidence interval of the mean (normal approximation)."""
        if self.n < 2:
            return math.inf
        m = self.mean
        var = sum((d - m) ** 2 for d in self.diffs) / (self.n - 1)
        return 1.96 * math.sqrt(var / self.n)

    @property
    def low(self) -> float:
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        return self.mean + self.half_width

    @property
    def record(self) -> tuple[int, int, int]:
        wins = sum(d > TIE for d in self.diffs)
        losses = sum(d < -TIE for d in self.diffs)
        return wins, self.n - wins - losses, losses


def compare(
    results: Mapping[Job, dict[str, float]],
    scenario: str,
    seat: str,
    label: str,
    a: Lineup,
    b: Lineup,
    seeds: Sequence[int],
) -> Comparison:
    diffs = tuple(results[(scenario, s, a)][seat] - results[(scenario, s, b)][seat] for s in seeds)
    return Comparison(Path(scenario).stem, seat, label, a, b, diffs)


def default_workers() -> int:
    return os.cpu_count() or 1
