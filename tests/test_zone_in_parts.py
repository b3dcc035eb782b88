"""A zone of agreement that exists only in parts: a party that signs one issue judges only that issue.

North cares most about trade, which it does not sign; no package of both issues is worth its no-deal value to
every party, but border (North and South sign it) and trade (South and Broker) can each be agreed on its own.
The validator, `analyze` (exact and sampled) and AI play must all see that zone."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from negotiator.engine.analysis import analyze, whole_zone_indexes, zone_in_parts
from negotiator.engine.sampled import sampled_analysis
from negotiator.engine.simulate import run_games
from negotiator.engine.utility import utility_model
from negotiator.scenario.bundles import signatory_groups, ways_to_agree
from negotiator.scenario.errors import Problem
from negotiator.scenario.models import Scenario
from tests.engine.scenario_factory import BASE
from tests.test_validator_gaps import warnings_of

PREFERENCES: dict[str, Any] = {
    "north": {
        "reservation": {"value": 0.45},
        "issues": {
            "border": {"weight": 1.0, "values": {"north_line": 1.0, "middle": 0.6, "south_line": 0.0}},
            "trade": {"weight": 3.0, "values": {"open": 0.0, "closed": 1.0}},
        },
    },
    "south": {
        "reservation": {"value": 0.55},
        "issues": {
            "border": {"weight": 1.0, "values": {"north_line": 0.2, "middle": 0.6, "south_line": 1.0}},
            "trade": {"weight": 1.0, "values": {"open": 1.0, "closed": 0.0}},
        },
    },
    "broker": {
        "reservation": {"value": 0.5},
        "issues": {
            "border": {"weight": 0.1, "values": {"north_line": 0.5, "middle": 0.5, "south_line": 0.5}},
            "trade": {"weight": 1.0, "values": {"open": 0.8, "closed": 0.2}},
        },
    },
}


def data(broker_reservation: float = 0.5) -> dict[str, Any]:
    out = copy.deepcopy(BASE)
    out["preferences"] = copy.deepcopy(PREFERENCES)
    out["preferences"]["broker"]["reservation"]["value"] = broker_reservation
    return out


def scenario(broker_reservation: float = 0.5) -> Scenario:
    return Scenario.model_validate(data(broker_reservation))


def test_no_package_suits_everyone_as_a_whole_but_one_is_reachable_in_parts() -> None:
    model = utility_model(scenario())
    assert whole_zone_indexes(model, model.reservations) == []
    assert [model.package_to_ids(model.package_at(i)) for i in zone_in_parts(model, model.reservations)] == [
        {"border": "middle", "trade": "open"}
    ]
    result = analyze(model)
    assert (result.zopa_size, result.in_parts_only, result.nash) == (1, 1, None)
    assert "only when agreed in parts" in result.zopa_text


def test_the_sampled_analysis_sees_the_same_zone() -> None:
    model = utility_model(scenario())
    found = sampled_analysis(model, model.reservations, {}, model.parties)
    assert (found.zopa_size, found.in_parts_only, found.nash) == (1, 1, None)


def test_a_bundle_its_signatories_refuse_closes_the_zone() -> None:
    model = utility_model(scenario(broker_reservation=0.85))  # trade open is worth 0.8 to the broker
    assert zone_in_parts(model, model.reservations) == set()
    assert analyze(model).zopa_size == 0


def test_the_validator_warns_only_when_no_split_reaches_a_deal() -> None:
    def empty_zone(found: list[Problem]) -> bool:
        return any("zone of agreement is empty" in p.message for p in found)

    assert not empty_zone(warnings_of(yaml.safe_dump(data())))
    assert empty_zone(warnings_of(yaml.safe_dump(data(broker_reservation=0.85))))


def test_settled_issues_leave_only_the_open_ones_to_split() -> None:
    model = utility_model(scenario())
    border = model.issue_ids.index("border")
    middle = model.option_ids[border].index("middle")
    trade_open = model.index_of((middle, model.option_ids[1].index("open")))
    assert zone_in_parts(model, model.reservations, {border: middle}) == {trade_open}
    # Once the border is settled, even on a line South would have refused, trade is judged on its own.
    assert len(zone_in_parts(model, model.reservations, {border: 0})) == 1


@given(st.lists(st.frozensets(st.sampled_from("abcd"), min_size=1), min_size=1, max_size=7))
def test_every_way_covers_each_issue_once_with_someone_to_offer_each_bundle_to(
    signatories: list[frozenset[str]],
) -> None:
    issues = tuple(range(len(signatories)))
    groups = signatory_groups(signatories, issues)
    ways = ways_to_agree(signatories, issues)
    if len(frozenset().union(*signatories)) >= 2:
        assert ways[0] == (issues,)  # all at once comes first
    for way in ways:
        assert sorted(k for bundle in way for k in bundle) == list(issues)
        for bundle in way:  # a bundle never divides a group of issues with the same signatories...
            assert all(set(g) <= set(bundle) or not set(g) & set(bundle) for g in groups)
            assert len(frozenset().union(*(signatories[k] for k in bundle))) >= 2  # ...and two parties sign it


def test_the_ways_to_agree_are_every_partition_of_a_few_groups() -> None:
    bell = {1: 1, 2: 2, 3: 5, 4: 15, 5: 52}
    for n, count in bell.items():
        pairs = [frozenset({f"a{k}", f"b{k}"}) for k in range(n)]
        ways = ways_to_agree(pairs, tuple(range(n)))
        assert len(ways) == len(set(ways)) == count
    many = [frozenset({f"a{k}", f"b{k}"}) for k in range(6)]
    finest = tuple((k,) for k in range(6))
    assert ways_to_agree(many, tuple(range(6))) == [(tuple(range(6)),), finest]  # all at once, or the finest


def test_an_issue_one_party_signs_alone_is_never_a_bundle_of_its_own() -> None:
    signatories = [frozenset({"north", "south"}), frozenset({"north"})]
    assert ways_to_agree(signatories, (0, 1)) == [((0, 1),)]  # only together: nobody to offer the second to
    model = utility_model(scenario())
    solo = replace(model, signatories=(model.signatories[0], frozenset({"south"})))
    assert zone_in_parts(solo, solo.reservations) == set()  # trade cannot be settled by South alone


def test_computer_players_reach_the_deal_that_exists_only_in_parts() -> None:
    results = run_games(scenario(), None, 6, seed=1, workers=1)
    assert [r.ending for r in results] == ["deal"] * 6
    assert all(r.terms is not None and r.terms["trade"] == "open" for r in results)  # what South and Broker agree
