"""Validator gaps a scenario author reported: each case is the tutorial with one edit, checked through
`validate` (the messages an author sees) or the loader (the located problems)."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.scenario import Problem, ScenarioError, load_scenario_text
from tests.robustness.helpers import edited_tutorial, run, write

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
