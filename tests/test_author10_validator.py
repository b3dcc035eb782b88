"""Validator findings an outside author asked for (issue 10): new errors for content that cannot work as
written, and warnings for content that validates but silently does nothing. Each case is the rules-test
scenario with one edit."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from negotiator.cli import main
from negotiator.engine.simulate import simulate
from negotiator.scenario import Problem, load_scenario, load_scenario_text
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


def test_a_lever_condition_and_scale_on_the_owner_get_the_meter_holder_check() -> None:
    def edit(data: dict[str, Any]) -> None:
        held_by_north(data)
        squeeze = data["levers"][0]  # the broker's
        squeeze["conditions"] = [{"meter": "support", "op": ">=", "value": 10.0}]  # no actor: the owner's
        squeeze["effects"][0]["scaled_by"] = {"meter": "support", "actor": "self", "per_point": 0.01}

    found = sorted(problems(edited(edit)))
    assert len(found) == 2
    assert found[0].startswith("levers[0].conditions[0]:") and "'self' here is 'broker'" in found[0]
    assert found[1].startswith("levers[0].effects[0].scaled_by.actor:") and "'broker'" in found[1]


# --- warnings: content that validates but silently does nothing ----------------------------------------


def one_warning(data: dict[str, Any]) -> str:
    [warning] = warnings_of(data)
    return warning


def test_an_ending_no_effect_can_bring_about_is_a_warning() -> None:
    warning = one_warning(edited(lambda d: d["rules"].update(each_turn=[])))  # nothing drains patience any more
    assert warning.startswith("rules.endings[0].when[0]:")
    assert "can never happen" in warning and "no effect lowers meter 'patience'" in warning


def test_an_event_whose_condition_can_never_come_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:  # tension only ever rises
        data["events"][0]["trigger"]["when"] = [{"meter": "tension", "op": "<", "value": 5.0}]

    warning = one_warning(edited(edit))
    assert warning.startswith("events[0].trigger.when[0]:") and "event 'storm' can never fire" in warning


def test_a_condition_that_holds_at_the_start_or_can_come_is_not_warned() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["events"][0]["trigger"]["when"] = [{"meter": "tension", "op": ">", "value": 50.0}]
        data["events"][1]["trigger"]["when"] = [{"meter": "tension", "op": "<", "value": 20.0}]

    assert warnings_of(edited(edit)) == []


def test_a_hidden_meter_nothing_reads_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["meters"].append(
            {"id": "tally", "name": "Tally", "description": "Count.", "scope": "shared", "initial": 0, "hidden": True}
        )
        data["events"][0]["effects"].append({"kind": "meter", "meter": "tally", "change": 1.0})

    warning = one_warning(edited(edit))
    assert warning.startswith("meters[3].hidden:") and "changing it does nothing" in warning


def test_a_lever_that_touches_nothing_scored_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["meters"].append({"id": "mood", "name": "Mood", "description": "Mood.", "initial": 50})
        data["levers"][1]["effects"] = [{"kind": "meter", "meter": "mood", "who": "self", "change": 5.0}]

    warning = one_warning(edited(edit))
    assert warning.startswith("levers[1].effects:") and "lever 'speech' touches nothing scored" in warning
    assert "'mood'" in warning


def test_an_effect_with_change_zero_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["events"][0]["effects"][0]["change"] = 0.0

    assert one_warning(edited(edit)).startswith("events[0].effects[0]:")


def test_a_reservation_effect_on_a_non_negotiator_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:
        press = {**data["actors"][2], "id": "press", "name": "Press", "short_name": "Press", "negotiates": False}
        data["actors"].append(press)
        data["events"][0]["effects"].append({"kind": "reservation", "who": "press", "change": -0.1})

    warning = one_warning(edited(edit))
    assert warning.startswith("events[0].effects[1].who:") and "does not negotiate" in warning


def test_a_red_line_effect_on_a_non_signatory_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:  # north does not sign trade
        data["levers"][1]["effects"].append({"kind": "red_line", "who": "self", "issue": "trade", "option": "open"})

    warning = one_warning(edited(edit))
    assert warning.startswith("levers[1].effects[1].who:") and "does not sign issue 'trade'" in warning


def test_consent_of_a_signatory_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["issues"][0]["options"][1]["consent"] = ["south"]

    warning = one_warning(edited(edit))
    assert warning.startswith("issues[0].options[1].consent[0]:") and "never matters" in warning


def test_an_event_after_every_deal_issue_is_settled_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["events"][0]["trigger"] = {"after_settled": ["border", "trade"]}

    warning = one_warning(edited(edit))
    assert warning.startswith("events[0].trigger.after_settled:") and "ends the game first" in warning
    # waiting for an issue a deal does not need, it can fire

    def outside(data: dict[str, Any]) -> None:
        data["events"][0]["trigger"] = {"after_settled": ["trade"]}
        data["rules"]["deal_issues"] = ["border"]

    assert warnings_of(edited(outside)) == []


def test_an_event_after_a_lever_that_can_never_be_used_is_a_warning() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["levers"][1]["cost"] = 5  # above the 2 action points
        data["events"][0]["trigger"] = {"after_lever": "speech"}

    found = warnings_of(edited(edit))
    assert any(w.startswith("events[0].trigger.after_lever:") and "can never be used" in w for w in found)


# --- the same, as an author meets them: one file, `validate` and `simulate` ----------------------------

SILENT = Path(__file__).resolve().parent / "fixtures" / "author10" / "silent_content.yaml"


def test_validate_locates_every_silent_part_of_an_authors_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SILENT)]) == 0  # warnings never make a file invalid
    out = capsys.readouterr().out
    lines = SILENT.read_text(encoding="utf-8").splitlines()
    expected = {  # the field each warning names, and text on the line it points at
        "meters[2].hidden": "hidden: true",
        "issues[0].options[1].consent[0]": "consent: [union]",
        "levers[0].effects": "effects:",
        "levers[1].effects[0].who": "who: press, issue: pay",
        "events[0].effects[0].who": "kind: reservation, who: press",
        "events[0].effects[1]": "change: 0",
        "events[1].trigger.after_settled": "after_settled: [pay, hours]",
        "rules.endings[0].when[0]": "meter: patience",
    }
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert len(warnings) == len(expected)
    for field, text in expected.items():
        [warning] = [w for w in warnings if w.endswith(f"({field})")]
        line = int(warning.split(":")[1])
        assert text in lines[line - 1], (field, lines[line - 1])


def test_simulate_tells_the_same_author_what_never_happened() -> None:
    summary = simulate(load_scenario(SILENT), str(SILENT), 20, seed=1)
    press = next(e for e in summary.possible_endings if e["name"] == "walk_away (press)")
    assert not press["possible"] and press["games"] == 0
    assert summary.event_rates["celebration"] == 0.0
