"""Validator gaps a scenario author reported: each case is the tutorial with one edit, checked through
`validate` (the messages an author sees) or the loader (the located problems)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from negotiator.scenario import Problem, ScenarioError, load_scenario_text
from negotiator.scenario.references import zone_of_agreement
from tests.robustness.helpers import TUTORIAL_TEXT, edited_tutorial, run, write

STATEMENT_NEWS = 'news: "{owner} tells the press why drivers need proper breaks."'
COUNCIL_WHEN = '        - {meter: disruption, op: ">=", value: 40}\n'


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def errors_of(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    return info.value.errors


def warnings_of(text: str) -> list[Problem]:
    found: list[Problem] = []
    load_scenario_text(text, "s.yaml", warnings=found)
    return found


def validate(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    path = write(tmp_path, text)
    code, out, err = run(["validate", str(path)], capsys)
    assert "Traceback" not in out + err
    return code, out + err, path


# --- 1. news placeholders ----------------------------------------------------------------------------------


def test_unknown_placeholder_in_news_names_line_field_and_the_allowed_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edited_tutorial(STATEMENT_NEWS, 'news: "{ownr} tells the press why drivers need proper breaks."')
    code, out, path = validate(tmp_path, text, capsys)
    assert code == 2
    line = line_of(text, "{ownr}")
    assert f"{path}:{line}:" in out and "(levers[1].news)" in out
    assert "unknown placeholder {ownr}" in out and "this text takes {owner}" in out


def test_unknown_placeholder_in_failure_news_is_refused() -> None:
    text = edited_tutorial("Many drivers ignore {owner}'s", "Many drivers ignore {ownr}'s")
    [problem] = errors_of(text)
    assert problem.field == "levers[0].failure_news" and problem.line == line_of(text, "{ownr}")
    assert "{owner}, {target}" in problem.message


def test_target_without_targets_says_which_placeholders_the_lever_takes() -> None:
    text = edited_tutorial(STATEMENT_NEWS, 'news: "{owner} tells {target} off."')
    [problem] = errors_of(text)
    assert problem.field == "levers[1].news" and problem.line == line_of(text, "tells {target} off")
    assert "{target} needs a lever with targets" in problem.message
    assert "this text takes {owner}" in problem.message


def test_placeholder_in_event_news_is_refused() -> None:
    text = edited_tutorial("urges both sides to settle.", "urges {ownr} to settle.")
    [problem] = errors_of(text)
    assert problem.field == "events[0].news" and "takes no placeholders" in problem.message


# --- 2. warnings: things that load but cannot work ---------------------------------------------------------


def test_an_empty_zone_of_agreement_is_a_warning() -> None:
    # The union's best package without anyone's red lines (no 5 % rise, no unchanged breaks) is worth 0.86.
    old = "  union:\n    reservation:\n      value: 0.5\n"
    text = edited_tutorial(old, old.replace("0.5", "0.9"))
    [warning] = [w for w in warnings_of(text) if "zone of agreement" in w.message]
    assert warning.severity == "warning"
    assert "union" in warning.message and "0.86" in warning.message and "0.9" in warning.message
    assert warning.line == line_of(text, "preferences:")


def test_the_zone_of_agreement_counts_everyone_s_red_lines() -> None:
    # The authority refuses every change to breaks; unchanged breaks are the union's red line.
    old = "        values: {breaks_unchanged: 1.0, breaks_10: 0.7, breaks_30: 0.3}\n"
    text = edited_tutorial(old, old + "        red_lines: [breaks_10, breaks_30]\n")
    [warning] = [w for w in warnings_of(text) if "zone of agreement" in w.message]
    assert "red line" in warning.message and "breaks" in warning.message


def test_the_zone_of_agreement_uses_the_starting_no_deal_value() -> None:
    # A driver that starts above its pivot raises the union's starting no-deal value: 0.5 + 0.01 * 40 = 0.9.
    text = edited_tutorial(
        "          per_point: 0.002\n          pivot: 60", "          per_point: 0.01\n          pivot: 20"
    )
    assert any("zone of agreement" in w.message for w in warnings_of(text))


def test_shipped_scenarios_have_a_zone_of_agreement() -> None:
    assert not [w for w in warnings_of(TUTORIAL_TEXT) if "zone of agreement" in w.message]
    istanbul = (Path(__file__).resolve().parent.parent / "scenarios" / "istanbul_talks.yaml").read_text("utf-8")
    assert not [w for w in warnings_of(istanbul) if "zone of agreement" in w.message]


@pytest.mark.parametrize("union", [0.3, 0.5, 0.6, 0.66, 0.7, 0.8, 0.86, 0.87])
@pytest.mark.parametrize("authority", [0.3, 0.5, 0.6, 0.67, 0.7, 0.85])
def test_the_zone_search_agrees_with_trying_every_package(union: float, authority: float) -> None:
    old = "      value: 0.5\n"
    text = TUTORIAL_TEXT.replace(old, "      value: UNION\n", 1).replace(old, "      value: AUTHORITY\n", 1)
    text = text.replace("UNION", str(union)).replace("AUTHORITY", str(authority))
    scenario = load_scenario_text(text)
    reservations = {"union": union, "authority": authority}
    expected = False
    for package in itertools.product(*(issue.options for issue in scenario.issues)):
        ok = True
        for actor, prefs in scenario.preferences.items():
            total = sum(p.weight for p in prefs.issues.values())
            chosen = zip(scenario.issues, package, strict=True)
            value = sum(prefs.issues[i.id].weight / total * prefs.issues[i.id].values[o.id] for i, o in chosen)
            red = any(o.id in prefs.issues[i.id].red_lines for i, o in zip(scenario.issues, package, strict=True))
            ok = ok and not red and value >= reservations[actor] - 1e-9
        expected = expected or ok
    zone = zone_of_agreement(scenario)
    assert zone is not None and zone.found == expected


def test_an_issue_left_open_counts_at_the_no_deal_value() -> None:
    # Weekends outweigh everything else and every option leaves one side below 0.5: settled, no package is
    # acceptable to both; outside rules.deal_issues the issue may stay open, and then pay and breaks alone leave room.
    text = edited_tutorial(
        "weekends:\n        weight: 0.2\n        values: {volunteers: 1.0, rotating: 0.6,",
        "weekends:\n        weight: 5\n        values: {volunteers: 1.0, rotating: 0.4,",
    )
    text = text.replace(
        "weekends:\n        weight: 0.35\n        values: {volunteers: 0.0, rotating: 0.5,",
        "weekends:\n        weight: 5\n        values: {volunteers: 0.0, rotating: 0.4,",
    )
    assert any("zone of agreement" in w.message for w in warnings_of(text))
    text = text.replace("  offers_per_turn: 1\n", "  offers_per_turn: 1\n  deal_issues: [pay, breaks]\n")
    assert not any("zone of agreement" in w.message for w in warnings_of(text))


BYSTANDER = (
    "  - id: press\n"
    '    name: "The city press"\n'
    '    short_name: "Press"\n'
    '    colour: "#999999"\n'
    "    negotiates: false\n"
    "    playable: false\n"
    '    public_brief: "Reports on the dispute."\n'
    '    confidential_brief: "Sells papers."\n'
    "\nissues:\n"
)


def test_a_lever_owned_by_an_actor_that_does_not_negotiate_is_a_warning() -> None:
    text = edited_tutorial("\nissues:\n", "\n" + BYSTANDER)
    text = text.replace("  - id: union_statement\n    owner: union\n", "  - id: union_statement\n    owner: press\n")
    warnings = [w for w in warnings_of(text) if w.field == "levers[1].owner"]
    [warning] = warnings
    assert "press" in warning.message and "negotiates: false" in warning.message and "never" in warning.message
    assert warning.line == line_of(text, "owner: press")


def test_a_commitment_effect_on_a_meter_a_negotiator_does_not_hold_is_a_warning() -> None:
    text = edited_tutorial(
        "    description: \"The union's strike fund",
        "    holders: [union]\n" + "    description: \"The union's strike fund",
    )
    text = text.replace(
        "      - {kind: meter, meter: public_support, who: self, change: -5}\n  scoring:",
        "      - {kind: meter, meter: reserves, who: self, change: -5}\n  scoring:",
    )
    # the authority's agency drivers cost its own reserves: with union the only holder that is an error now
    agency = (
        "      - {kind: meter, meter: reserves, who: self, change: -15}\n"
        "    effects:\n      - {kind: meter, meter: disruption, change: -15}"
    )
    assert agency in text
    text = text.replace(agency, agency.replace("reserves, who: self", "public_support, who: self"))
    [warning] = [w for w in warnings_of(text) if w.field.startswith("rules.commitments.effects")]
    assert warning.severity == "warning" and "authority" in warning.message and "reserves" in warning.message
    assert warning.line == line_of(text, "{kind: meter, meter: reserves, who: self, change: -5}")


def test_warnings_do_not_stop_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = "  union:\n    reservation:\n      value: 0.5\n"
    code, out, path = validate(tmp_path, edited_tutorial(old, old.replace("0.5", "0.9")), capsys)
    assert code == 0 and f"{path}: ok" in out and ": warning: " in out and "zone of agreement" in out


# --- 3. YAML pitfalls get the guide's fix ------------------------------------------------------------------


def test_an_unquoted_hash_colour_says_to_quote_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = edited_tutorial('    colour: "#d69e2e"', "    colour: #d69e2e")
    code, out, path = validate(tmp_path, text, capsys)
    assert code == 2
    line = line_of(text, "colour: #d69e2e")
    [row] = [r for r in out.splitlines() if ": error: " in r]
    assert row.startswith(f"{path}:{line}:") and "(actors[0].colour)" in row
    assert 'write colour: "#d69e2e" (quoted)' in row and "comment" in row


def test_an_unquoted_hash_in_a_flow_mapping_says_to_quote_it() -> None:
    old = '{id: pay_1, label: "1 % rise",'
    text = edited_tutorial(old, "{id: pay_1, label: #1 rise,")
    [problem] = errors_of(text)
    assert problem.line == line_of(text, "label: #1") and 'write label: "#1 rise" (quoted)' in problem.message


@pytest.mark.parametrize(
    "when",
    [
        "        - meter: disruption\n          op: >=\n          value: 40\n",
        "        - {meter: disruption, op: >=, value: 40}\n",
        "        - meter: disruption\n          op: >\n          value: 40\n",
    ],
    ids=["block", "flow", "greater_than"],
)
def test_an_unquoted_comparison_says_to_quote_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], when: str) -> None:
    text = edited_tutorial(COUNCIL_WHEN, when)
    op = ">=" if ">=" in when else ">"
    code, out, path = validate(tmp_path, text, capsys)
    assert code == 2
    [row] = [r for r in out.splitlines() if ": error: " in r]
    assert row.startswith(f"{path}:{line_of(text, 'op: >')}:"), out
    assert f'write op: "{op}" (quoted)' in row and "YAML syntax error: while" not in row


def test_a_leading_tab_says_to_indent_with_spaces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = edited_tutorial('    short_name: "Union"', '\tshort_name: "Union"')
    code, out, path = validate(tmp_path, text, capsys)
    assert code == 2
    [row] = [r for r in out.splitlines() if ": error: " in r]
    assert row.startswith(f"{path}:{line_of(text, chr(9))}:"), out
    assert "tab" in row and "spaces" in row and "cannot start any token" not in row


# --- 4. who: lists the keywords as well as the actors ------------------------------------------------------


def test_an_unknown_effect_who_lists_keywords_and_actors() -> None:
    text = edited_tutorial("who: union, change: 3}", "who: nobody, change: 3}")
    [problem] = errors_of(text)
    assert problem.field == "events[0].effects[0].who"
    for word in ("all", "others", "union", "authority"):
        assert word in problem.message
    assert "'self'" not in problem.message  # an event has no owner: self means nothing there


def test_an_unknown_lever_who_lists_self_and_target() -> None:
    text = edited_tutorial(
        "{kind: reservation, who: target, change: -0.03}", "{kind: reservation, who: trget, change: -0.03}"
    )
    [problem] = errors_of(text)
    assert "did you mean 'target'?" in problem.message
    for word in ("self", "target", "all", "others", "union", "authority"):
        assert word in problem.message


def test_an_unknown_condition_actor_lists_any() -> None:
    text = edited_tutorial(COUNCIL_WHEN, '        - {meter: public_support, actor: nobody, op: ">=", value: 40}\n')
    [problem] = errors_of(text)
    assert problem.field == "events[1].trigger.when[0].actor"
    for word in ("any", "all", "union", "authority"):
        assert word in problem.message


# --- 5. validate --watch -----------------------------------------------------------------------------------


def test_watch_reports_at_the_start_and_after_every_change() -> None:
    from negotiator.commands.validate import watch

    stamps = iter(["a", "a", "b", "b", "b", "c", "c"])
    slept: list[float] = []
    reports: list[int] = []
    rounds = watch(
        ["x.yaml"],
        lambda: reports.append(len(slept)),
        sleep=slept.append,
        stamp=lambda paths: next(stamps),
        rounds=6,
    )
    assert reports == [0, 2, 5]  # at once, then after the polls that saw "b" and "c"
    assert slept == [1.0] * 6 and rounds == 3


def test_watch_stamps_see_a_new_size_a_new_time_and_a_missing_file(tmp_path: Path) -> None:
    from negotiator.commands.validate import stamps

    path = write(tmp_path, "a: 1\n")
    first = stamps([str(path)])
    path.write_text("a: 12\n", encoding="utf-8")
    second = stamps([str(path)])
    path.unlink()
    assert len({first, second, stamps([str(path)])}) == 3


def test_validate_watch_revalidates_until_ctrl_c(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import negotiator.commands.validate as validate_command

    path = write(tmp_path, TUTORIAL_TEXT)
    edits = iter([edited_tutorial("  turns: 6", "  turns: six"), TUTORIAL_TEXT + "\n"])

    def sleep(seconds: float) -> None:
        assert seconds == 1.0
        try:
            path.write_text(next(edits), encoding="utf-8")
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(validate_command.time, "sleep", sleep)
    code, out, err = run(["validate", "--watch", str(path)], capsys)
    assert code == 0 and "Traceback" not in out + err and "interrupted" not in err
    # (the copy has no translations beside it: a warning says so each time)
    rows = [r for r in out.splitlines() if r.startswith(str(path)) and ": warning: " not in r]
    assert [": ok (" in r for r in rows] == [True, False, True], out
    assert "(rules.turns)" in rows[1]


def test_validate_watch_json_prints_one_document_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import negotiator.commands.validate as validate_command

    path = write(tmp_path, TUTORIAL_TEXT)
    polls = iter([True, False])

    def sleep(seconds: float) -> None:
        if not next(polls):
            raise KeyboardInterrupt
        path.write_text(edited_tutorial("  turns: 6", "  turns: six"), encoding="utf-8")

    monkeypatch.setattr(validate_command.time, "sleep", sleep)
    code, out, _ = run(["validate", "--watch", "--json", str(path)], capsys)
    assert code == 0
    docs = [json.loads(row) for row in out.splitlines()]
    assert [doc["files"][0]["ok"] for doc in docs] == [True, False]


def test_an_exponent_without_a_dot_is_explained() -> None:
    # JSON writers print 1e-06; YAML 1.1 reads that as text, and "expected a number, found '1e-06'" alone
    # leaves the author guessing.
    from negotiator.scenario import ScenarioError, load_scenario_text
    from negotiator.scenario.template import template_text

    text = template_text().replace("value: 0.35 ", "value: 35e-2 ", 1)
    assert "35e-2" in text
    try:
        load_scenario_text(text, "x.yaml")
    except ScenarioError as exc:
        messages = [p.message for p in exc.errors]
    else:
        raise AssertionError("35e-2 was accepted")
    assert any("exponent without a dot" in m and "1.0e-6" in m for m in messages), messages


def _warnings_of(data: dict) -> list[str]:
    import json

    return [w.message for w in warnings_of(json.dumps(data))]


def test_content_that_validates_but_cannot_play_as_written_is_warned_about() -> None:
    import copy

    from tests.engine.scenario_factory import BASE

    data = copy.deepcopy(BASE)
    data["levers"][1]["success_chance"] = 0.0  # speech never works
    data["events"].append(
        {"id": "cheer", "name": "Cheer", "news": "Cheers.", "trigger": {"after_lever": "speech"}, "effects": []}
    )
    data["events"].append(
        {"id": "early", "name": "Early", "news": "Early.", "trigger": {"turn": 1, "after_lever": "squeeze"}}
    )
    data["rules"]["endings"].append(
        {"kind": "collapse", "text": "Over.", "when": {"meter": "tension", "op": ">=", "value": 5.0}}
    )  # tension starts at 10
    data["events"].append(
        {
            "id": "gone",
            "name": "Gone",
            "news": "Gone.",
            "trigger": {"turn": 2},
            "effects": [{"kind": "remove_option", "issue": "trade", "option": o} for o in ("open", "closed")],
        }
    )
    messages = _warnings_of(data)
    for expected in (
        "event 'cheer' can never fire: lever 'speech' never works",
        "event 'early' can never fire: it waits for a lever",
        "holds at the starting meters",
        "name every option of issue 'trade'",
    ):
        assert any(expected in m for m in messages), (expected, messages)


def test_an_ending_on_a_hidden_meter_and_a_single_after_settled_id() -> None:
    import copy

    from tests.engine.scenario_factory import BASE

    data = copy.deepcopy(BASE)
    data["meters"][2]["hidden"] = True  # tension, which the walk-away does not read
    data["meters"][2]["score_weight"] = 0.0
    data["rules"]["endings"].append(
        {"kind": "collapse", "text": "Over.", "when": {"meter": "tension", "op": ">=", "value": 90.0}}
    )
    data["events"].append({"id": "after", "name": "After", "news": "After.", "trigger": {"after_settled": "border"}})
    messages = _warnings_of(data)
    assert any("reads the hidden meter 'tension'" in m for m in messages), messages
