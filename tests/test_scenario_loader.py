"""The loader's library API: strict YAML, located messages, warnings, content hashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.scenario import (
    Problem,
    Scenario,
    ScenarioError,
    load_scenario,
    load_scenario_text,
    scenario_content_hash,
)
from negotiator.scenario.template import template_text
from negotiator.scenario.yaml_source import format_path, parse_yaml

TEMPLATE = template_text()
ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def problems_of(text: str | bytes) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "t.yaml")
    return info.value.problems


def test_template_loads_without_warnings() -> None:
    warnings: list[Problem] = []
    scenario = load_scenario_text(TEMPLATE, warnings=warnings)
    assert isinstance(scenario, Scenario)
    assert warnings == []
    assert [a.id for a in scenario.actors] == ["northport", "southbay", "harbour_board"]
    assert [a.id for a in scenario.negotiators] == ["northport", "southbay"]
    # The template shows the fields authors missed in it (issue 10): each must be in use.
    assert scenario.teaching is not None and scenario.rules.deal_issues and scenario.rules.each_turn
    assert scenario.rules.arbitration is not None and any(e.kind == "arbitration" for e in scenario.rules.endings)
    assert any(m.holders for m in scenario.meters) and any(m.score_weight for m in scenario.meters)
    assert any(m.hidden for m in scenario.meters) and any(a.source for a in scenario.actors)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_scenarios_load(path: Path) -> None:
    warnings: list[Problem] = []
    scenario = load_scenario(path, warnings=warnings)
    assert len(scenario.negotiators) >= 2
    assert all(w.severity == "warning" for w in warnings)


def test_source_map_records_values_and_keys() -> None:
    data, smap = parse_yaml("a:\n  - x: 1\n    y: [2, 3]\n")
    assert data == {"a": [{"x": 1, "y": [2, 3]}]}
    assert smap.values[("a", 0, "y", 1)].line == 3
    assert smap.values[("a", 0, "y", 1)].column == 12
    assert smap.keys[("a", 0, "y")].column == 5
    assert smap.locate(("a", 0, "z")).line == 2  # missing: nearest ancestor


def test_keys_are_text_as_written() -> None:
    data, _ = parse_yaml("no: 1\n1.10: 2\n")
    assert data == {"no": 1, "1.10": 2}


def test_format_path() -> None:
    assert format_path(("actors", 2, "levers", 0, "cost")) == "actors[2].levers[0].cost"
    assert format_path(()) == ""


def test_problem_str_and_error_fields() -> None:
    [problem] = problems_of(TEMPLATE.replace('colour: "#cc6633"', "colour: yes", 1))
    assert problem.field == "actors[1].colour"
    assert problem.line == TEMPLATE[: TEMPLATE.index('colour: "#cc6633"')].count("\n") + 1
    assert str(problem).startswith(f"t.yaml:{problem.line}:{problem.column}: error: expected a string")
    assert 'quote it: "yes"' in str(problem)


def test_number_where_text_expected_suggests_quoting() -> None:
    [problem] = problems_of(TEMPLATE.replace('version: "0.1"', "version: 2", 1))
    assert "expected a string, found whole number 2" in problem.message and "quote it" in problem.message


def test_unknown_key_lists_allowed_keys_when_nothing_is_close() -> None:
    problems = problems_of(TEMPLATE.replace("  turns: 6\n", "  turns: 6\n  zzzzzz: 1\n", 1))
    [problem] = [p for p in problems if "zzzzzz" in p.message]
    assert "allowed here:" in problem.message and "action_points" in problem.message


def test_invalid_dict_key_is_located_at_the_key() -> None:
    problems = problems_of(TEMPLATE.replace("meters: {support: 55}", "meters: {Support: 55}", 1))
    [problem] = [p for p in problems if p.field == "actors[0].meters.Support"]
    line = TEMPLATE.index("meters: {support: 55}")
    assert problem.line == TEMPLATE[:line].count("\n") + 1
    assert "expected a key that is an id" in problem.message


def test_warnings_are_collected_not_raised() -> None:
    warnings: list[Problem] = []
    load_scenario_text(TEMPLATE.replace("trigger: {turn: 3}", "trigger: {turn: 3, chance: 0}", 1), warnings=warnings)
    assert [w.severity for w in warnings] == ["warning"]
    assert warnings[0].field == "events[0].trigger.chance"


def test_errors_carry_warnings_too() -> None:
    text = TEMPLATE.replace("trigger: {turn: 3}", "trigger: {turn: 30}", 1).replace("owner: northport", "owner: x", 1)
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text)
    assert {p.severity for p in info.value.problems} == {"error", "warning"}
    assert len(info.value.errors) == 1


def test_bytes_and_bom_are_accepted() -> None:
    assert load_scenario_text(b"\xef\xbb\xbf" + TEMPLATE.encode("utf-8")).metadata.id == "my_scenario"


def test_non_utf8_bytes_point_at_the_byte() -> None:
    [problem] = problems_of(b"a: 1\nb: \xff\n")
    assert (problem.line, problem.column) == (2, 4)


def test_load_scenario_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "missing.yaml")
    assert "no such file" in info.value.problems[0].message


def test_deep_nesting_is_refused_not_crashed() -> None:
    problems = problems_of("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems and all(p.severity == "error" for p in problems)


def test_nan_is_refused() -> None:
    [problem] = problems_of(TEMPLATE.replace("    initial: 60", "    initial: .nan", 1))
    assert problem.field == "meters[0].initial" and "finite" in problem.message


def test_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    digest = scenario_content_hash(path)
    assert len(digest) == 64
    assert digest == scenario_content_hash(str(path)) == scenario_content_hash(TEMPLATE)
    assert digest == scenario_content_hash(TEMPLATE.encode("utf-8"))
    assert digest != scenario_content_hash(TEMPLATE + "\n")
