"""Par: each role judged against the same role as the computer plays it, never against the other roles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negotiator.engine.par import Par, compute_par, fingerprint, par_for, standing_text
from negotiator.engine.players import play_ai_game
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tutorial() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "tutorial.yaml")


def test_par_is_a_pure_function_of_the_scenario_and_deadline(tutorial: Scenario) -> None:
    a = compute_par(tutorial, games=10)
    b = compute_par(tutorial, games=10)
    assert a == b
    assert set(a.scores) == {x.id for x in tutorial.negotiators}
    assert all(len(v) == 10 and list(v) == sorted(v) for v in a.scores.values())
    shorter = compute_par(tutorial, turns=2, games=10)
    assert shorter.turns == 2 and a.turns == tutorial.rules.turns
    assert shorter.scores != a.scores  # a two-turn game leaves less time to settle


def test_standing_counts_the_share_of_computer_games_beaten() -> None:
    par = Par("s", "f", 6, 4, {"a": (-10.0, 0.0, 0.0, 10.0)})
    assert par.standing("a", 20.0) == 1.0
    assert par.standing("a", -20.0) == 0.0
    assert par.standing("a", 0.0) == pytest.approx(0.5)  # two ties count half each, one below
    assert par.standing("a", 5.0) == pytest.approx(0.75)
    assert par.standing("nobody", 5.0) is None
    assert par.median("a") == 0.0
    assert standing_text(par, "a", "Union", 5.0) == "better than 75% of games with the computer as Union"
    assert standing_text(None, "a", "Union", 5.0) == ""


def test_a_computer_played_role_sits_in_the_middle_of_its_own_par(tutorial: Scenario) -> None:
    """The point of par: no role is at the bottom by design. The computer playing a role lands mid-par."""
    par = compute_par(tutorial, games=24)
    for actor in par.scores:
        standings = [
            par.standing(actor, play_ai_game(tutorial, seed).outcome().scores[actor].total) for seed in range(8)
        ]
        assert 0.2 <= sum(standings) / len(standings) <= 0.8  # type: ignore[arg-type]


def test_par_is_cached_on_disk_and_a_damaged_cache_is_recomputed(tutorial: Scenario, tmp_path: Path) -> None:
    first = par_for(tutorial, cache_dir=tmp_path, games=10)
    files = list(tmp_path.glob("par-*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["fingerprint"] == fingerprint(tutorial)
    assert Par.from_dict(data) == first
    for damage in ("{not json", json.dumps({"par_version": 1, "scores": "x"}), "[" * 100_000):
        files[0].write_text(damage, encoding="utf-8")
        from negotiator.engine import par as module

        module._MEMORY.clear()
        assert par_for(tutorial, cache_dir=tmp_path, games=10) == first


def test_outcome_summary_never_ranks_roles(tutorial: Scenario) -> None:
    for seed in range(4):
        summary = play_ai_game(tutorial, seed).outcome().summary  # type: ignore[union-attr]
        assert "did best" not in summary
        order = [a.short_name for a in tutorial.negotiators]
        scores = summary.split("Scores: ")[1]
        assert [name for name in order if name in scores] == order
        assert scores.index(order[0]) < scores.index(order[1])
