"""The `analyze` command: human tables, the JSON shape, and located errors for a broken scenario."""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from negotiator import cli
from negotiator.commands import analyze

ROOT = Path(__file__).resolve().parent.parent

LEVELS = {"a_wins": 1.0, "split": 0.5, "b_wins": 0.0}


def logrolling_yaml() -> dict[str, object]:
    """Two parties, two issues; A cares most about x and B about y, so the Nash point trades them."""

    def actor(actor_id: str) -> dict[str, object]:
        return {
            "id": actor_id,
            "name": actor_id.upper(),
            "short_name": actor_id,
            "colour": "#336699",
            "public_brief": "b",
            "confidential_brief": "c",
        }

    def prefs(x_weight: float, values: dict[str, float]) -> dict[str, object]:
        return {
            "reservation": {"value": 0.3},
            "issues": {  # copies: shared dicts would be dumped as YAML anchors, which the loader refuses
                "x": {"weight": x_weight, "values": dict(values)},
                "y": {"weight": 1 - x_weight, "values": dict(values)},
            },
        }

    def issue(issue_id: str) -> dict[str, object]:
        return {
            "id": issue_id,
            "name": issue_id.upper(),
            "description": "d",
            "options": [{"id": o, "label": o.replace("_", " ")} for o in LEVELS],
            "signatories": ["a", "b"],
        }

    return {
        "format_version": 1,
        "metadata": {"id": "logroll", "title": "Logroll", "summary": "s", "period": "p", "version": "1"},
        "actors": [actor("a"), actor("b"), {**actor("press"), "negotiates": False}],
        "issues": [issue("x"), issue("y")],
        "preferences": {"a": prefs(0.8, LEVELS), "b": prefs(0.2, {k: 1 - v for k, v in LEVELS.items()})},
        "rules": {"turns": 4},
    }


def run(path: Path, *, as_json: bool) -> int:
    parser = argparse.ArgumentParser()
    analyze.add_arguments(parser)
    args = parser.parse_args(["--scenario", str(path), *(["--json"] if as_json else [])])
    return analyze.run(args)


@pytest.fixture
def logroll_file(tmp_path: Path) -> Path:
    path = tmp_path / "logroll.yaml"
    path.write_text(yaml.safe_dump(logrolling_yaml(), sort_keys=False), encoding="utf-8")
    return path


def test_json_output_has_the_documented_shape(logroll_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(logroll_file, as_json=True) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenario"] == "logroll"
    assert data["issues"] == [{"id": "x", "options": list(LEVELS)}, {"id": "y", "options": list(LEVELS)}]
    assert data["actors"] == ["a", "b"]
    assert data["utilities"]["a"]["x"] == LEVELS
    assert data["weights"]["a"] == {"x": pytest.approx(0.8), "y": pytest.approx(0.2)}
    assert data["reservation"] == {"a": 0.3, "b": 0.3}
    assert data["outcome_space"] == 9
    assert data["zopa_size"] >= 1
    assert {"x": "a_wins", "y": "b_wins"} in data["frontier"]
    assert {"x": "split", "y": "split"} not in data["frontier"]
    assert data["nash"] == {"x": "a_wins", "y": "b_wins"}
    assert data["nash_utilities"] == {"a": pytest.approx(0.8), "b": pytest.approx(0.8)}


def test_human_output_names_the_nash_point(logroll_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(logroll_file, as_json=False) == 0
    out = capsys.readouterr().out
    assert "Outcome space: 9 packages" in out
    assert "Zone of possible agreement:" in out
    assert "Pareto frontier:" in out
    nash = out[out.index("Nash point:") :]
    assert "X: a wins" in nash and "Y: b wins" in nash
    assert "a 0.800, b 0.800" in nash


def test_no_zopa_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = logrolling_yaml()
    for prefs in data["preferences"].values():  # type: ignore[attr-defined]
        prefs["reservation"]["value"] = 0.95
    path = tmp_path / "hard.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert run(path, as_json=True) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["nash"] is None and result["nash_utilities"] is None and result["zopa_size"] == 0
    assert run(path, as_json=False) == 0
    assert "Nash point: none" in capsys.readouterr().out


def test_broken_scenario_prints_problems_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = logrolling_yaml()
    data["rules"] = {"turns": "many"}
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert run(path, as_json=False) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(path) in captured.err and "error" in captured.err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path / "nowhere.yaml", as_json=False) == 2
    assert capsys.readouterr().err


def test_analyze_is_registered() -> None:
    assert cli.COMMANDS["analyze"][0] == "analyze"


SHIPPED = [p for p in (ROOT / "tests" / "fixtures" / "logrolling.yaml", ROOT / "scenarios" / "istanbul_talks.yaml")]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenarios_analyse(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    assert run(path, as_json=True) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome_space"] >= len(data["frontier"]) >= 1
    if data["nash"] is not None:
        assert data["nash"] in data["frontier"]


def test_cli_main_runs_analyze(logroll_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = [m for m, _ in cli.COMMANDS.values() if importlib.util.find_spec(f"negotiator.commands.{m}") is None]
    if missing:
        pytest.skip(f"command modules not written yet: {', '.join(missing)}")
    assert cli.main(["analyze", "--scenario", str(logroll_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["nash"] == {"x": "a_wins", "y": "b_wins"}
