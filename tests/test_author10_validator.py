"""Validator findings an outside author asked for (issue 10): new errors for content that cannot work as
written, and warnings for content that validates but silently does nothing. Each case is the rules-test
scenario with one edit."""

from __future__ import annotations

import copy
import json
from typing import Any

from negotiator.scenario import Problem, load_scenario_text
from tests.engine.scenario_factory import BASE, problems


def edited(edit: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    edit(data)
    return data


def warnings_of(data: dict[str, Any]) -> list[str]:
    found: list[Problem] = []
    load_scenario_text(json.dumps(data), "x.yaml", warnings=found)
    return [f"{p.field}: {p.message}" for p in found if p.severity == "warning"]


def test_the_base_scenario_is_clean() -> None:
    assert warnings_of(copy.deepcopy(BASE)) == []


# --- errors ---------------------------------------------------------------------------------------------


def test_a_red_line_on_an_issue_the_actor_neither_signs_nor_consents_to_is_an_error() -> None:
    def edit(data: dict[str, Any]) -> None:  # north does not sign trade
        data["preferences"]["north"]["issues"]["trade"]["red_lines"] = ["closed"]

    [problem] = problems(edited(edit))
    assert problem.startswith("preferences.north.issues.trade.red_lines:")
    assert "neither signs issue 'trade' nor consents" in problem


def test_a_red_line_of_an_actor_who_consents_to_an_option_is_fine() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["preferences"]["north"]["issues"]["trade"]["red_lines"] = ["closed"]
        data["issues"][1]["options"][1]["consent"] = ["north"]

    load_scenario_text(json.dumps(edited(edit)), "x.yaml")


def test_empty_deal_issues_is_an_error() -> None:
    [problem] = problems(edited(lambda d: d["rules"].update(deal_issues=[])))
    assert problem.startswith("rules.deal_issues:") and "empty" in problem


def held_by_north(data: dict[str, Any]) -> None:
    data["meters"][0]["holders"] = ["north"]  # support
    data["rules"]["commitments"]["effects"] = []
    data["levers"][0]["effects"] = [{"kind": "reservation", "who": "target", "change": -0.1}]


def test_who_self_gets_the_meter_holder_check() -> None:
    def edit(data: dict[str, Any]) -> None:
        held_by_north(data)
        data["levers"][0]["effects"] = [{"kind": "meter", "meter": "support", "who": "self", "change": 1.0}]

    [problem] = problems(edited(edit))
    assert problem.startswith("levers[0].effects[0].who:") and "'self' here is 'broker'" in problem


def test_a_lever_effect_without_who_is_checked_for_its_owner() -> None:
    def edit(data: dict[str, Any]) -> None:
        held_by_north(data)
        data["levers"][0]["costs"] = [{"kind": "meter", "meter": "support", "change": -1.0}]

    [problem] = problems(edited(edit))
    assert problem.startswith("levers[0].costs[0]:") and "'broker'" in problem


def test_who_target_gets_the_meter_holder_check() -> None:
    def edit(data: dict[str, Any]) -> None:
        held_by_north(data)
        data["levers"][0]["effects"] = [{"kind": "meter", "meter": "support", "who": "target", "change": -1.0}]

    [problem] = problems(edited(edit))
    assert problem.startswith("levers[0].effects[0].who:") and "'south'" in problem


def test_who_self_in_an_attributed_event_is_its_actor() -> None:
    def edit(data: dict[str, Any]) -> None:
        held_by_north(data)
        data["levers"][1]["effects"] = []
        data["events"][0]["actor"] = "south"
        data["events"][0]["effects"] = [{"kind": "meter", "meter": "support", "who": "self", "change": 1.0}]

    [problem] = problems(edited(edit))
    assert problem.startswith("events[0].effects[0].who:") and "'south'" in problem
