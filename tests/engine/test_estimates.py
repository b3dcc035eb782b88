"""The acceptance estimates a seat is shown (`negotiator.engine.estimates`) and the reliability arithmetic
(`negotiator.engine.reliability`) that `benchmarks/calibration.py` judges them by."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.engine import GameState, new_game, view
from negotiator.engine.estimates import BANDS, RULED_OUT, acceptance, band, package_estimates, remap
from negotiator.engine.players import make_ais
from negotiator.engine.reliability import bands, brier, deciles
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ISTANBUL = Path(__file__).resolve().parents[2] / "scenarios" / "istanbul_talks.yaml"


def _played(scenario: Scenario, seed: int, until_turn: int) -> tuple[GameState, list[object]]:
    state = new_game(scenario, seed)
    ais = make_ais(scenario, seed)
    actions = []
    while not state.is_over() and state.turn < until_turn:
        actor = state.current_actor
        assert actor is not None
        action = ais[actor].decide(view(state, actor))
        actions.append(action)
        state = state.apply(action)
    return state, actions


def _inverted(scenario: Scenario, actors: set[str]) -> Scenario:
    """The scenario with `actors`' private option values turned upside down and their weights reshuffled."""
    prefs = dict(scenario.preferences)
    for actor in actors:
        p = prefs[actor]
        issues = {
            i: ip.model_copy(update={"values": {o: 1.0 - v for o, v in ip.values.items()}, "weight": 1.0 + k})
            for k, (i, ip) in enumerate(p.issues.items())
        }
        prefs[actor] = p.model_copy(update={"issues": issues})
    return scenario.model_copy(update={"preferences": prefs})


def _some_terms(scenario: Scenario) -> list[dict[str, str]]:
    issues = scenario.issues
    return [{i.id: i.options[k % len(i.options)].id for i in issues} for k in range(3)] + [
        {issues[0].id: issues[0].options[-1].id}
    ]


@pytest.mark.parametrize("seed", [3, 8])
def test_other_seats_private_preferences_never_reach_the_estimate(seed: int) -> None:
    scenario = load_scenario(ISTANBUL)
    viewer = scenario.negotiators[0].id
    others = {a.id for a in scenario.negotiators if a.id != viewer}
    state, actions = _played(scenario, seed, until_turn=4)
    changed = _inverted(scenario, others)
    assert changed.preferences != scenario.preferences
    replayed = new_game(changed, seed)
    for action in actions:
        replayed = replayed.apply(action)  # type: ignore[arg-type]
    for terms in _some_terms(scenario):
        if any(i in state.settled for i in terms):
            continue
        before = package_estimates(view(state, viewer), terms)
        after = package_estimates(view(replayed, viewer), terms)
        assert before and before == after


def test_an_announced_red_line_rules_the_package_out() -> None:
    scenario = load_scenario(ISTANBUL)
    state, _ = _played(scenario, 5, until_turn=3)
    viewer, addressee = scenario.negotiators[0].id, scenario.negotiators[1].id
    v = view(state, viewer)
    est = v.estimates[addressee]
    terms = {i.id: i.options[0].id for i in scenario.issues if i.id not in v.settled}
    line = next(iter(terms.items()))
    free = acceptance(est, terms, v.offers, v.turn, v.turns)
    ruled = acceptance(est, terms, v.offers, v.turn, v.turns, ruled_out=[line])
    assert ruled.chance == 0.0 and ruled.band == RULED_OUT and ruled.why
    assert free.why is None and free.low <= free.chance <= free.high


def test_a_better_package_for_the_addressee_is_never_less_likely() -> None:
    scenario = load_scenario(ISTANBUL)
    state, _ = _played(scenario, 2, until_turn=3)
    viewer, addressee = scenario.negotiators[0].id, scenario.negotiators[1].id
    v = view(state, viewer)
    est = v.estimates[addressee]
    issue = next(i for i in scenario.issues if i.id not in v.settled)
    ranked = sorted(issue.options, key=lambda o: est.values[issue.id][o.id] * (1 - est.red[issue.id][o.id]))
    chances = [acceptance(est, {issue.id: o.id}, v.offers, v.turn, v.turns).chance for o in ranked]
    assert chances == sorted(chances)
    assert chances[-1] > chances[0]


def test_bands_are_monotonic_and_cover_every_chance() -> None:
    order = [label for label, _ in BANDS]
    grid = [k / 1000 for k in range(1001)]
    ranks = [order.index(band(p)) for p in grid]
    assert ranks == sorted(ranks, reverse=True)  # a higher chance never gets a lower band
    assert band(0.0) == BANDS[-1][0] and band(1.0) == BANDS[0][0]
    assert [lowest for _, lowest in BANDS] == sorted((lowest for _, lowest in BANDS), reverse=True)


def test_the_remap_is_monotonic_and_interpolates() -> None:
    knots = ((0.0, 0.0), (0.5, 0.4), (0.5, 0.4), (1.0, 0.8))
    assert remap(0.25, knots) == pytest.approx(0.2)
    assert remap(0.75, knots) == pytest.approx(0.6)
    assert remap(1.5, knots) == 0.8 and remap(-1.0, knots) == 0.0
    values = [remap(k / 200) for k in range(201)]
    assert values == sorted(values)


def test_reliability_table_on_a_synthetic_record() -> None:
    # 40 estimates of 0.05 of which 2 came true; 40 of 0.55 with 30 true; one of exactly 1.0, true
    pairs = [(0.05, k < 2) for k in range(40)] + [(0.55, k < 30) for k in range(40)] + [(1.0, True)]
    rows = deciles(pairs)
    assert [r.count for r in rows] == [40, 0, 0, 0, 0, 40, 0, 0, 0, 1]
    assert rows[0].mean == pytest.approx(0.05) and rows[0].observed == pytest.approx(0.05) and rows[0].decile_ok
    assert rows[5].observed == pytest.approx(0.75) and not rows[5].decile_ok  # 20 points off
    assert not rows[9].judged and rows[9].decile_ok  # one record is not judged
    by_band = bands(pairs, (("high", 0.5), ("low", 0.0)))
    assert [(r.label, r.count) for r in by_band] == [("high", 41), ("low", 40)]
    assert by_band[0].observed == pytest.approx(31 / 41) and by_band[0].band_ok
    expected = (2 * 0.95**2 + 38 * 0.05**2 + 30 * 0.45**2 + 10 * 0.55**2 + 0.0) / 81
    assert brier(pairs) == pytest.approx(expected)
    assert brier([]) == 0.0
