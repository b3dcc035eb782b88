"""The utility model: package numbering, additive utilities, partial outcomes, red lines, caching."""

from __future__ import annotations

import gc
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine.utility import build_utility_model, normalised_weights, utility_model
from negotiator.scenario.models import Scenario
from tests.utility_scenarios import make_scenario

ISSUES = {"x": ["x0", "x1", "x2"], "y": ["y0", "y1"]}


def two_actor() -> Scenario:
    return make_scenario(
        ISSUES,
        {
            "a": {
                "r": 0.3,
                "x": (3, {"x0": 1.0, "x1": 0.5, "x2": 0.0}),
                "y": (1, {"y0": 0.0, "y1": 1.0}, ["y0"]),
            },
            "b": {"r": 0.4, "x": (0, {"x0": 0.0, "x1": 0.5, "x2": 1.0}), "y": (0, {"y0": 1.0, "y1": 0.2})},
        },
        observers=("press",),
    )


def test_packages_are_numbered_in_product_order() -> None:
    model = utility_model(two_actor())
    packages = list(model.all_packages())
    assert packages == list(itertools.product(range(3), range(2)))
    assert model.size == 6
    for index, package in enumerate(packages):
        assert model.index_of(package) == index
        assert model.package_at(index) == package
    with pytest.raises(IndexError):
        model.package_at(6)


def test_weights_normalise_and_zero_weights_become_equal() -> None:
    model = utility_model(two_actor())
    assert model.weights["a"] == (0.75, 0.25)
    assert model.weights["b"] == (0.5, 0.5)
    assert normalised_weights([0.0, 0.0, 0.0, 0.0]) == (0.25, 0.25, 0.25, 0.25)


def test_utility_is_the_weighted_sum_of_option_values() -> None:
    model = utility_model(two_actor())
    assert model.utility("a", (0, 1)) == pytest.approx(0.75 * 1.0 + 0.25 * 1.0)
    assert model.utility("a", (1, 0)) == pytest.approx(0.75 * 0.5)
    assert model.utility("b", (2, 1)) == pytest.approx(0.5 * 1.0 + 0.5 * 0.2)
    assert model.utilities((2, 1)) == (model.utility("a", (2, 1)), model.utility("b", (2, 1)))


def test_only_negotiating_actors_with_preferences_are_parties() -> None:
    model = utility_model(two_actor())
    assert model.parties == ("a", "b")
    assert "press" not in model.package_utilities
    assert model.reservations == {"a": 0.3, "b": 0.4}


def test_partial_utility_runs_from_no_deal_value_to_full_utility() -> None:
    model = utility_model(two_actor())
    assert model.partial_utility("a", {}, 0.3) == pytest.approx(0.3)
    for package in model.all_packages():
        terms = dict(enumerate(package))
        assert model.partial_utility("a", terms, 0.3) == pytest.approx(model.utility("a", package))
    # x settled on its best option, y still open at the no-deal value.
    assert model.partial_utility("a", {0: 0}, 0.3) == pytest.approx(0.75 * 1.0 + 0.25 * 0.3)


def test_red_lines_apply_to_packages_and_partial_terms() -> None:
    model = utility_model(two_actor())
    assert model.violates_red_line("a", (1, 0))
    assert not model.violates_red_line("a", (1, 1))
    assert model.violates_red_line("a", {1: 0})
    assert not model.violates_red_line("a", {0: 2})
    assert not model.violates_red_line("b", (1, 0))
    assert model.feasible == tuple(p[1] != 0 for p in model.all_packages())
    assert model.red_line_violations["a"] == tuple(p[1] == 0 for p in model.all_packages())


def test_ids_round_trip() -> None:
    model = utility_model(two_actor())
    assert model.package_to_ids((2, 0)) == {"x": "x2", "y": "y0"}
    assert model.package_from_ids({"y": "y0", "x": "x2"}) == (2, 0)
    assert model.terms_to_ids({1: 1}) == {"y": "y1"}
    assert model.terms_from_ids({"y": "y1"}) == {1: 1}
    with pytest.raises(ValueError):
        model.package_from_ids({"x": "x1"})


def test_compatible_indexes_fix_settled_issues() -> None:
    model = utility_model(two_actor())
    assert model.compatible_indexes() == list(range(6))
    assert [model.package_at(i) for i in model.compatible_indexes({1: 1})] == [(0, 1), (1, 1), (2, 1)]
    assert [model.package_at(i) for i in model.compatible_indexes({0: 2, 1: 0})] == [(2, 0)]


def test_model_is_cached_per_scenario_object_and_released_with_it() -> None:
    scenario = two_actor()
    first = utility_model(scenario)
    assert utility_model(scenario) is first
    other = two_actor()
    assert utility_model(other) is not first
    assert utility_model(other) == first  # same content, same tables
    key = id(scenario)
    del scenario, first
    gc.collect()
    assert key not in utility_model.entries


VALUES = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 1.0])


@st.composite
def random_scenarios(draw: st.DrawFn) -> Scenario:
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=3))
    issues = {f"i{k}": [f"o{j}" for j in range(n)] for k, n in enumerate(sizes)}
    actors = [f"p{a}" for a in range(draw(st.integers(2, 3)))]
    prefs: dict[str, dict[str, Any]] = {}
    for a in actors:
        prefs[a] = {"r": draw(VALUES)}
        for issue, options in issues.items():
            values = {o: draw(VALUES) for o in options}
            red = draw(st.lists(st.sampled_from(options), max_size=1))
            prefs[a][issue] = (draw(st.sampled_from([0, 1, 2, 5])), values, red)
    return make_scenario(issues, prefs)


@settings(max_examples=60, deadline=None)
@given(random_scenarios())
def test_precomputed_tables_match_the_formula(scenario: Scenario) -> None:
    model = build_utility_model(scenario)
    for a in model.parties:
        prefs = scenario.preferences[a].issues
        raw = [prefs[i.id].weight for i in scenario.issues]
        total = sum(raw)
        weights = [w / total for w in raw] if total else [1 / len(raw)] * len(raw)
        for package in model.all_packages():
            expected = sum(
                w * prefs[i.id].values[i.options[o].id]
                for w, i, o in zip(weights, scenario.issues, package, strict=True)
            )
            assert model.utility(a, package) == pytest.approx(expected, abs=1e-9)
            crosses = any(
                i.options[o].id in prefs[i.id].red_lines for i, o in zip(scenario.issues, package, strict=True)
            )
            assert model.violates_red_line(a, package) == crosses
            assert model.red_line_violations[a][model.index_of(package)] == crosses
