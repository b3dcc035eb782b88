"""Property: whatever an author does to a valid scenario, loading returns a Scenario or raises ScenarioError.

Mutations are the mistakes people make: delete a key, change a value's type, rename an id, duplicate a list
entry, or break the text itself. Any other exception (KeyError, RecursionError, ...) is a loader bug.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator.scenario import Scenario, ScenarioError, load_scenario_text
from negotiator.scenario.template import template_text
from negotiator.scenario.yaml_source import parse_yaml
from tests.robustness.helpers import node_paths

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))


def _parses(text: str) -> bool:
    try:
        parse_yaml(text)
    except ScenarioError:
        return False  # a shipped file mid-edit; test_schema reports it, here it is just not a good seed
    return True


SOURCES = [t for t in (p.read_text(encoding="utf-8") for p in SHIPPED) if _parses(t)] or [template_text()]
BASES = [parse_yaml(text)[0] for text in SOURCES]

REPLACEMENTS: list[Any] = [True, False, None, 0, -1, 1.5, 1e9, "NO", "x", "", "Not An Id", [], {}, [1], {"a": 1}]


def parent_and_key(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


def mutate(data: Any, draw: Any) -> Any:
    paths = node_paths(data)
    path = draw(st.sampled_from(paths))
    parent, key = parent_and_key(data, path)
    kind = draw(st.sampled_from(["delete", "retype", "rename_id", "duplicate", "rename_key"]))
    if kind == "delete":
        del parent[key]
    elif kind == "retype":
        parent[key] = copy.deepcopy(draw(st.sampled_from(REPLACEMENTS)))
    elif kind == "rename_id":
        ids = [p for p in paths if p[-1] == "id" or (len(p) > 1 and p[-2] in ("signatories", "targets", "red_lines"))]
        if ids:
            target_parent, target_key = parent_and_key(data, draw(st.sampled_from(ids)))
            target_parent[target_key] = draw(st.sampled_from(["renamed", "kyiv", "low", "a" * 60, "support"]))
    elif kind == "duplicate":
        lists = [p for p in node_paths(data) if isinstance(parent_and_key(data, p)[0], dict)]
        lists = [p for p in lists if isinstance(parent_and_key(data, p)[0][p[-1]], list)]
        if lists:
            lp, lk = parent_and_key(data, draw(st.sampled_from(lists)))
            if lp[lk]:
                lp[lk].append(copy.deepcopy(lp[lk][draw(st.integers(0, len(lp[lk]) - 1))]))
    elif kind == "rename_key" and isinstance(parent, dict):
        parent[str(key) + "x"] = parent.pop(key)
    return data


def assert_loads_or_reports(text: str) -> None:
    try:
        result = load_scenario_text(text, "mutant.yaml")
    except ScenarioError as exc:
        assert exc.problems, "a ScenarioError must carry problems"
        assert all(p.line >= 1 and p.column >= 1 for p in exc.problems)
        assert exc.errors
        str(exc)
    else:
        assert isinstance(result, Scenario)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_structural_mutations_never_crash_the_loader(data: st.DataObject) -> None:
    base = copy.deepcopy(data.draw(st.sampled_from(BASES)))
    for _ in range(data.draw(st.integers(1, 3))):
        if not isinstance(base, dict) or not base:
            break
        base = mutate(base, data.draw)
    assert_loads_or_reports(yaml.safe_dump(base, allow_unicode=True, sort_keys=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_text_mutations_never_crash_the_loader(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(SOURCES))
    position = data.draw(st.integers(0, len(text)))
    snippet = data.draw(
        st.sampled_from(
            ["&a ", "*a", "!!str ", "!x ", ": ", "\n- ", "{", "]", "\t", "'", '"', "<<: {}", "\x00", "---\n"]
        )
        | st.text(max_size=8)
    )
    cut = data.draw(st.integers(0, 20))
    assert_loads_or_reports(text[:position] + snippet + text[position + cut :])
