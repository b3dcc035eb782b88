"""Bargaining analysis: Pareto frontier, ZOPA and Nash point, checked against brute force."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine.analysis import (
    analyze,
    is_pareto_optimal,
    nash_distance,
    nash_point,
    pareto_frontier,
    pareto_indexes,
    zopa,
)
from negotiator.engine.utility import UtilityModel, build_utility_model, utility_model
from negotiator.scenario.models import Scenario
from tests.utility_scenarios import make_scenario

LEVELS = {"a_wins": 1.0, "split": 0.5, "b_wins": 0.0}


def logrolling() -> Scenario:
    """A cares most about x, B about y: trading x for y beats splitting both."""
    issues = {"x": list(LEVELS), "y": list(LEVELS)}
    a_values = dict(LEVELS)
    b_values = {k: 1.0 - v for k, v in LEVELS.items()}
    return make_scenario(
        issues,
        {
            "a": {"r": 0.3, "x": (0.8, a_values), "y": (0.2, a_values)},
            "b": {"r": 0.3, "x": (0.2, b_values), "y": (0.8, b_values)},
        },
    )


def test_nash_point_is_the_logroll_not_split_the_difference() -> None:
    model = utility_model(logrolling())
    result = analyze(model)
    assert result.to_ids(result.nash) == {"x": "a_wins", "y": "b_wins"}
    assert result.nash_utilities == {"a": pytest.approx(0.8), "b": pytest.approx(0.8)}
    split = model.package_from_ids({"x": "split", "y": "split"})
    assert model.utilities(split) == (0.5, 0.5)
    assert not result.is_pareto_optimal(split)
    assert not is_pareto_optimal(model, split)
    assert result.is_pareto_optimal(result.nash)
    assert result.labels(result.nash) == {"x": "A_WINS", "y": "B_WINS"}
    assert result.distance_to_nash(result.nash) == 0.0
    assert result.distance_to_nash(split) == pytest.approx(0.3)


def test_analysis_summary_counts() -> None:
    result = analyze(logrolling())
    assert result.outcome_space_size == 9
    assert result.feasible_size == 9
    assert result.reservations == {"a": 0.3, "b": 0.3}
    # Utilities (a, b) on the frontier: the line from (1, 0) through (0.8, 0.8) to (0, 1).
    assert result.frontier == tuple(pareto_frontier(result.model))
    assert all(is_pareto_optimal(result.model, p) for p in result.frontier)
    assert result.zopa_size == len(zopa(result.model, {"a": 0.3, "b": 0.3}))


def test_red_lines_shrink_the_zopa_and_move_the_nash_point() -> None:
    issues = {"x": list(LEVELS), "y": list(LEVELS)}
    a_values = dict(LEVELS)
    b_values = {k: 1.0 - v for k, v in LEVELS.items()}
    scenario = make_scenario(
        issues,
        {
            "a": {"r": 0.3, "x": (0.8, a_values), "y": (0.2, a_values)},
            "b": {"r": 0.3, "x": (0.2, b_values, ["a_wins"]), "y": (0.8, b_values)},
        },
    )
    model = utility_model(scenario)
    for package in zopa(model, model.reservations):
        assert not model.violates_red_line("b", package)
        assert model.package_to_ids(package)["x"] != "a_wins"
    result = analyze(model)
    assert result.feasible_size == 6
    assert result.to_ids(result.nash) == {"x": "split", "y": "b_wins"}
    assert all(model.package_to_ids(p)["x"] != "a_wins" for p in result.frontier)
    unrestricted = pareto_frontier(model, feasible_only=False)
    assert model.package_from_ids({"x": "a_wins", "y": "b_wins"}) in unrestricted


def test_no_zopa_means_no_nash_point() -> None:
    model = utility_model(logrolling())
    assert nash_point(model, {"a": 0.9, "b": 0.9}) is None
    result = analyze(model, {"a": 0.9, "b": 0.9})
    assert result.nash is None and result.nash_utilities is None and result.zopa_size == 0
    assert result.distance_to_nash((0, 0)) is None
    assert result.frontier  # the frontier does not depend on no-deal values


def test_settled_terms_restrict_the_analysis() -> None:
    model = utility_model(logrolling())
    settled = model.terms_from_ids({"x": "b_wins"})
    result = analyze(model, settled=settled)
    assert result.outcome_space_size == 3
    assert all(p[0] == settled[0] for p in result.frontier)
    # With x lost, A needs y: 0.2 * v_y >= 0.3 is impossible, so there is no ZOPA.
    assert result.nash is None
    settled = model.terms_from_ids({"x": "a_wins"})
    assert analyze(model, settled=settled).to_ids(analyze(model, settled=settled).nash) == {
        "x": "a_wins",
        "y": "b_wins",
    }


def test_nash_distance_is_normalised_to_unit_range() -> None:
    assert nash_distance([0.5, 0.5], [0.5, 0.5]) == 0.0
    assert nash_distance([0.0, 0.0, 0.0], [1.0, 1.0, 1.0]) == pytest.approx(1.0)
    assert nash_distance([1.0, 0.0], [0.0, 0.0]) == pytest.approx(math.sqrt(0.5))
    assert nash_distance([0.2, 0.4], [0.6, 0.1]) == nash_distance([0.6, 0.1], [0.2, 0.4])
    with pytest.raises(ValueError):
        nash_distance([0.1], [0.1, 0.2])


def test_ties_go_to_the_lowest_package_index() -> None:
    flat = {"o0": 0.5, "o1": 0.5}
    model = utility_model(
        make_scenario({"i": ["o0", "o1"]}, {"a": {"r": 0.0, "i": (1, flat)}, "b": {"r": 0.0, "i": (1, flat)}})
    )
    assert nash_point(model, model.reservations) == (0,)
    assert pareto_frontier(model) == [(0,), (1,)]  # equal utility vectors are all Pareto optimal


# -- brute force on random tables ----------------------------------------------------------------------

VALUES = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 1.0])


@st.composite
def random_models(draw: st.DrawFn) -> UtilityModel:
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=3))
    issues = {f"i{k}": [f"o{j}" for j in range(n)] for k, n in enumerate(sizes)}
    prefs: dict[str, dict[str, Any]] = {}
    for a in range(draw(st.integers(1, 4))):
        p: dict[str, Any] = {"r": draw(VALUES)}
        for issue, options in issues.items():
            red = draw(st.lists(st.sampled_from(options), max_size=1))
            p[issue] = (draw(st.sampled_from([0, 1, 2, 5])), {o: draw(VALUES) for o in options}, red)
        prefs[f"p{a}"] = p
    if len(prefs) == 1:  # scenarios need two actors; an indifferent second party
        prefs["p1"] = {"r": 0.0, **{i: (1, dict.fromkeys(o, 0.0)) for i, o in issues.items()}}
    return build_utility_model(make_scenario(issues, prefs))


def brute_frontier(model: UtilityModel, feasible_only: bool) -> list[int]:
    ids = [i for i in range(model.size) if model.feasible[i] or not feasible_only]
    vec = {i: model.utilities(model.package_at(i)) for i in ids}

    def dominates(u: tuple[float, ...], v: tuple[float, ...]) -> bool:
        return all(a >= b for a, b in zip(u, v, strict=True)) and u != v

    return [i for i in ids if not any(dominates(vec[j], vec[i]) for j in ids)]


@settings(max_examples=150, deadline=None)
@given(random_models(), st.booleans())
def test_frontier_matches_brute_force(model: UtilityModel, feasible_only: bool) -> None:
    assert pareto_indexes(model, feasible_only=feasible_only) == brute_frontier(model, feasible_only)
    candidates = [j for j in range(model.size) if model.feasible[j] or not feasible_only]
    for i in range(model.size):
        u = model.utilities(model.package_at(i))
        dominated = any(
            all(a >= b for a, b in zip(v, u, strict=True)) and v != u
            for v in (model.utilities(model.package_at(j)) for j in candidates)
        )
        assert is_pareto_optimal(model, model.package_at(i), feasible_only=feasible_only) == (not dominated)


@settings(max_examples=150, deadline=None)
@given(random_models())
def test_nash_point_maximises_the_product_over_the_zopa(model: UtilityModel) -> None:
    r = model.reservations
    zone = [
        p
        for p in model.all_packages()
        if model.feasible[model.index_of(p)] and all(model.utility(a, p) >= r[a] for a in model.parties)
    ]
    assert zopa(model, r) == zone
    nash = nash_point(model, r)
    if not zone:
        assert nash is None
        return
    assert nash is not None

    def product(p: tuple[int, ...]) -> float:
        return math.prod(model.utility(a, p) - r[a] for a in model.parties)

    best = max(product(p) for p in zone)
    assert product(nash) == pytest.approx(best, abs=1e-9)
    assert nash == next(p for p in zone if product(p) >= best - 1e-12)  # lowest index among the best
    if best > 0:
        assert is_pareto_optimal(model, nash)


def test_random_three_party_frontier_matches_brute_force() -> None:
    """Larger, untied utilities exercise the staircase far beyond what hypothesis draws."""
    rnd = random.Random(7)
    issues = {f"i{k}": [f"o{j}" for j in range(n)] for k, n in enumerate((4, 3, 5, 3))}
    prefs = {
        a: {"r": 0.3, **{i: (rnd.random(), {o: rnd.random() for o in opts}) for i, opts in issues.items()}}
        for a in ("a", "b", "c")
    }
    model = build_utility_model(make_scenario(issues, prefs))
    assert pareto_indexes(model) == brute_frontier(model, True)
    assert len(pareto_frontier(model, actors=["a"])) == 1  # one actor: only its best package


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(VALUES, VALUES, VALUES, VALUES, VALUES), max_size=60), st.integers(1, 8))
def test_the_block_filter_keeps_exactly_the_non_dominated_vectors(vectors: list[Any], block: int) -> None:
    """More than three parties use numpy blocks; small blocks here exercise the joins between them."""
    from negotiator.engine import frontier as analysis

    distinct = sorted(set(vectors), reverse=True)
    expected = [
        v for v in distinct if not any(all(a >= b for a, b in zip(u, v, strict=True)) and u != v for u in distinct)
    ]
    old, analysis.BLOCK = analysis.BLOCK, block
    try:
        assert analysis._block_filter(distinct) == expected
    finally:
        analysis.BLOCK = old
