"""The authoring guide's examples are what authors copy: the worked example must validate as the guide says,
and every fragment must be YAML the loader accepts piece by piece (no removed kinds, no unknown keys)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from negotiator.scenario import load_scenario_text
from negotiator.scenario.models import Actor, Condition, Effect, Ending, Event, Issue, Lever, Meter, Rules

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "scenario-format.md"
BLOCKS = re.findall(r"^```yaml\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M)
WORKED = next(b for b in BLOCKS if b.startswith("# yaml-language-server") and "format_version" in b)

# Which model a fragment's entries are, by the key they sit under (or by their own keys).
BY_SECTION: dict[str, Any] = {
    "meters": Meter,
    "issue list": Issue,  # only for a bare list of issues: `issues:` under preferences is a mapping
    "actors": Actor,
    "levers": Lever,
    "events": Event,
    "endings": Ending,
    "effects": Effect,
    "costs": Effect,
    "failure_effects": Effect,
    "each_turn": Effect,
    "each_turn_without_progress": Effect,
    "when": Condition,
}


def test_the_worked_example_validates_as_the_guide_says() -> None:
    scenario = load_scenario_text(WORKED, "worked-example.yaml")
    said = re.search(r"ok \((\d+) actors, (\d+) issues, (\d+) levers,\s+(\d+) events\)", GUIDE.read_text("utf-8"))
    assert said is not None
    counts = tuple(int(n) for n in said.groups())
    assert counts == (len(scenario.actors), len(scenario.issues), len(scenario.levers), len(scenario.events))


def _check(node: Any, section: str | None, found: list[str]) -> None:
    model = BY_SECTION.get(section or "")
    if isinstance(node, list):
        for item in node:
            _check(item, section, found)
        return
    if not isinstance(node, dict):
        return
    if model is not None and section != "actors":  # actors in fragments show only the keys they discuss
        try:
            TypeAdapter(model).validate_python(node)
        except ValidationError as exc:
            found.append(f"{section}: {node} -> {exc.errors()[0]['msg']}")
        return
    if section == "rules":
        keys = {k: v for k, v in node.items() if k in Rules.model_fields}
        assert set(node) == set(keys), f"unknown rules keys {set(node) - set(keys)}"
    for key, value in node.items():
        _check(value, key, found)


@pytest.mark.parametrize("block", [b for b in BLOCKS if b is not WORKED], ids=lambda b: b.splitlines()[0][:40])
def test_every_fragment_is_valid_where_it_would_go(block: str) -> None:
    data = yaml.safe_load(block)
    found: list[str] = []
    if isinstance(data, list) and data and isinstance(data[0], dict):
        # A bare list: events, meters, endings or effects, told apart by their keys.
        first = data[0]
        section = (
            "events"
            if "trigger" in first
            else "levers"
            if "owner" in first
            else "meters"
            if "scope" in first or "initial" in first
            else "endings"
            if "when" in first and "text" in first
            else "effects"
        )
        if "meter" in first and "op" in first:
            section = "when"
        if "signatories" in first:
            section = "issue list"
        _check(data, section, found)
    else:
        _check(data, None, found)
    assert not found, found
