"""Large outcome spaces: beyond the AI's table of random draws (65,536), and beyond what is tabulated (sampled)."""

from __future__ import annotations

import random
from typing import Any

from negotiator.engine.analysis import analyze
from negotiator.engine.players import play_ai_game
from negotiator.engine.sampled import sampled_analysis
from negotiator.engine.utility import TABLE_LIMIT, utility_model
from negotiator.scenario.models import SAMPLED_PACKAGES, Scenario
from tests.utility_scenarios import make_scenario


def test_a_game_over_262144_packages_plays_to_the_end() -> None:
    # Before: once more than 65,536 packages were worth an AI's target, its noise table was sliced short and the
    # decision raised a numpy broadcasting error, in a file the validator accepted.
    rnd = random.Random(4)
    issues = {f"i{k}": [f"o{j}" for j in range(4)] for k in range(9)}
    prefs = {
        a: {
            "r": 0.3,
            **{i: (rnd.randint(1, 5), {o: round(rnd.random(), 2) for o in opts}) for i, opts in issues.items()},
        }
        for a in ("a", "b", "c")
    }
    state = play_ai_game(make_scenario(issues, prefs), seed=1)
    assert state.is_over() and state.outcome() is not None


def _random_scenario(issue_count: int, options: int, seed: int) -> Scenario:
    rnd = random.Random(seed)
    issues = {f"i{k}": [f"o{j}" for j in range(options)] for k in range(issue_count)}
    prefs: dict[str, dict[str, Any]] = {}
    for a in ("a", "b", "c"):
        prefs[a] = {"r": 0.45}
        for i, opts in issues.items():
            values = {o: round(rnd.random(), 2) for o in opts}
            lines = [opts[0]] if a == "a" and i == "i0" else []
            prefs[a][i] = (rnd.randint(1, 5), values, lines)
    return make_scenario(issues, prefs)


def test_the_sampled_analysis_agrees_with_the_exact_one_where_its_sample_covers_the_space() -> None:
    model = utility_model(_random_scenario(4, 4, seed=2))  # 256 packages: 50,000 draws see them all
    exact = analyze(model)
    found = sampled_analysis(model, model.reservations, {}, model.parties)
    assert found.frontier == exact.frontier and found.nash == exact.nash
    assert found.outcome_space_size == exact.outcome_space_size and found.feasible_size == exact.feasible_size
    assert abs(found.zopa_size - exact.zopa_size) <= max(2, 0.1 * exact.zopa_size)


def test_a_space_of_9765625_packages_plays_and_analyses_without_tables() -> None:
    scenario = _random_scenario(10, 5, seed=3)
    model = utility_model(scenario)
    assert model.large and SAMPLED_PACKAGES == TABLE_LIMIT
    result = analyze(model)
    assert result.estimated and result.nash is not None and result.frontier
    r = model.reservations
    assert all(u >= r[a] for a, u in result.nash_utilities.items())  # type: ignore[union-attr]
    assert result.is_pareto_optimal(result.nash)
    vectors = [model.utilities(p) for p in result.frontier]
    assert not any(
        all(x >= y for x, y in zip(u, v, strict=True)) and u != v for u in vectors for v in vectors
    )  # no member of the frontier dominates another
    state = play_ai_game(scenario, seed=1)
    assert state.is_over() and "tables" not in model.cache  # nothing tabulated 9.8 million packages
