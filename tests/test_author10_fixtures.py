"""Two scenarios a new author wrote from the guide alone (issue 10), in tests/fixtures/author10/: a labour
dispute with a non-negotiating mediator and arbitration at the deadline, and a three-party crisis whose shared
risk meter ends the game. Each validates without a warning, and plays 100 AI games, text mode and analyze
cleanly, doing what the guide promises."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.engine.simulate import simulate
from negotiator.scenario import Problem, load_scenario, load_scenario_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "author10"
LABOUR = FIXTURES / "labour_arbitration.yaml"
CRISIS = FIXTURES / "missile_crisis.yaml"


@pytest.mark.parametrize("path", [LABOUR, CRISIS], ids=lambda p: p.stem)
def test_validates_without_warnings_and_plays_100_games(path: Path) -> None:
    warnings: list[Problem] = []
    scenario = load_scenario_text(path.read_text(encoding="utf-8"), str(path), warnings=warnings)
    assert [w.message for w in warnings] == []
    summary = simulate(scenario, str(path), 100, seed=1)
    assert summary.games == 100 and len(summary.results) == 100
    possible = {e["name"]: e for e in summary.possible_endings}
    assert all(e["possible"] for e in possible.values()), possible
    assert sum(e["games"] for e in possible.values()) == 100  # every game ended in a way the file allows
    assert summary.unused_levers == {}  # every lever is worth using to someone, sometimes


def test_the_labour_dispute_goes_to_arbitration_both_ways() -> None:
    summary = simulate(load_scenario(LABOUR), str(LABOUR), 100, seed=1)
    games = {e["name"]: e["games"] for e in summary.possible_endings}
    assert games["deal"] > 0 and games["arbitration"] > 0 and games["arbitration (mediator)"] > 0
    arbitrated = [r for r in summary.results if r.ending == "arbitration"]
    assert all(r.terms for r in arbitrated)  # the arbitrator imposed terms on the open issues


def test_the_crisis_risk_meter_can_end_the_game() -> None:
    summary = simulate(load_scenario(CRISIS), str(CRISIS), 100, seed=1)
    assert {e["name"]: e["games"] for e in summary.possible_endings}["escalation: war"] > 0
    assert summary.lever_use["quarantine"] > 0  # a scored risk meter must not make the brinkmanship lever dead


@pytest.mark.parametrize(("path", "role"), [(LABOUR, "union"), (CRISIS, "cuba")], ids=["labour", "crisis"])
def test_text_mode_and_analyze_run_clean(
    path: Path, role: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("status\nissues\n" + "end\n" * 40))
    assert main(["text", "--scenario", str(path), "--role", role, "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "=== The game is over ===" in out and "Traceback" not in out
    if path == LABOUR:  # the mediator does not negotiate, but her patience ends the game: players see it
        assert "Mediator: Patience 45" in out
    else:  # inspections on Cuba's soil need Havana's consent, and Havana is told so
        assert "needs your consent" in out
    assert main(["analyze", "--scenario", str(path)]) == 0
    assert "Zone of possible agreement" in capsys.readouterr().out
