"""`simulate`: JSON summary keys, the same results for any number of workers, --ai validation, and saved
games that replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.engine.players import AISpec, parse_ai_spec, play_ai_game
from negotiator.engine.saves import load_game
from negotiator.engine.simulate import run_games, simulate
from negotiator.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
TIMING = {"seconds", "games_per_second", "workers"}


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    assert main(["simulate", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "--games", "4", "--seed", "3")
    for key in (
        "games",
        "agreement_rate",
        "endings",
        "mean_turns",
        "mean_score",
        "pareto_share",
        "mean_nash_distance",
        "games_per_second",
        "partial_rate",
        "top_deals",
    ):
        assert key in data
    assert data["games"] == 4
    assert sum(data["endings"].values()) == 4
    assert set(data["mean_score"]) == {"kyiv", "moscow", "washington"}
    assert 0.0 <= data["agreement_rate"] <= 1.0


def test_same_seed_same_results_with_any_number_of_workers(capsys: pytest.CaptureFixture[str]) -> None:
    serial = _json(capsys, "--games", "6", "--seed", "11", "--workers", "1")
    parallel = _json(capsys, "--games", "6", "--seed", "11", "--workers", "2")
    assert {k: v for k, v in serial.items() if k not in TIMING} == {
        k: v for k, v in parallel.items() if k not in TIMING
    }


def test_forked_workers_play_the_callers_scenario_as_one_worker_does() -> None:
    """Workers inherit the caller's scenario (and its warm tables) instead of reloading the file, so a scenario
    changed after loading plays the same with any number of workers."""
    loaded = load_scenario(ISTANBUL)
    shorter = loaded.model_copy(update={"rules": loaded.rules.model_copy(update={"turns": 3})})
    serial = run_games(shorter, ISTANBUL, 4, seed=5, workers=1)
    assert serial == run_games(shorter, ISTANBUL, 4, seed=5, workers=2)
    assert all(r.turns <= 3 for r in serial)


def test_game_results_in_game_order_and_per_seed() -> None:
    scenario = load_scenario(ISTANBUL)
    serial = run_games(scenario, ISTANBUL, 5, seed=20, workers=1)
    parallel = run_games(scenario, ISTANBUL, 5, seed=20, workers=2)
    assert serial == parallel
    assert [r.seed for r in serial] == list(range(20, 25))
    # game i is exactly the game played alone with seed S+i
    assert serial[3].state_hash == play_ai_game(scenario, 23).state_hash()


def test_summary_is_consistent() -> None:
    scenario = load_scenario(ISTANBUL)
    summary = simulate(scenario, ISTANBUL, 6, seed=1)
    deals = sum(1 for r in summary.results if r.ending == "deal")
    assert summary.agreement_rate == pytest.approx(deals / 6, abs=1e-4)
    assert sum(d.count for d in summary.top_deals) <= deals
    if deals:
        assert summary.pareto_share is not None and 0.0 <= summary.pareto_share <= 1.0
        assert summary.mean_nash_distance is not None and 0.0 <= summary.mean_nash_distance <= 1.0


def test_ai_override_is_used(capsys: pytest.CaptureFixture[str]) -> None:
    default = _json(capsys, "--games", "3", "--seed", "5")
    overridden = _json(capsys, "--games", "3", "--seed", "5", "--ai", "moscow=dealmaker:easy", "--ai", "kyiv=hawk")
    assert default["games"] == overridden["games"] == 3


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("atlantis=hawk", "no negotiating role 'atlantis'"),
        ("us_senate=hawk", "no negotiating role 'us_senate'"),
        ("moscow=dove", "unknown personality 'dove'"),
        ("moscow=hawk:impossible", "unknown difficulty 'impossible'"),
        ("moscow", "not ROLE=PERSONALITY"),
    ],
)
def test_bad_ai_spec_exits_2(spec: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--games", "1", "--ai", spec]) == 2
    err = capsys.readouterr().err
    assert message in err
    if "=" in spec:
        assert "choose from" in err


def test_parse_ai_spec() -> None:
    scenario = load_scenario(ISTANBUL)
    assert parse_ai_spec("moscow=hawk:hard", scenario) == ("moscow", AISpec("hawk", "hard"))
    assert parse_ai_spec("kyiv=pragmatist", scenario) == ("kyiv", AISpec("pragmatist", None))


def test_bad_counts_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--games", "0"]) == 2
    assert main(["simulate", "--workers", "-1"]) == 2


def test_saved_games_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "--games", "2", "--seed", "7", "--save-games", str(tmp_path))
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == data["games"] == 2
    loaded = load_game(files[0])
    assert loaded.state.seed == 7 and loaded.state.is_over()
    assert main(["replay", str(files[1])]) == 0


def test_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--games", "3", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "Agreement rate" in out and "Endings" in out and "games/s" in out
