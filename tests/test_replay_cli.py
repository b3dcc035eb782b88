"""`replay SAVE [--json]`: a good save replays and prints its turns; a bad one exits 2 with a message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.engine.players import play_ai_game
from negotiator.engine.saves import write_save
from negotiator.scenario import load_scenario, scenario_content_hash

ROOT = Path(__file__).resolve().parent.parent
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"


@pytest.fixture(scope="module")
def ai_game():  # type: ignore[no-untyped-def]
    return play_ai_game(load_scenario(ISTANBUL), seed=4)


@pytest.fixture
def save(tmp_path: Path, ai_game) -> Path:  # type: ignore[no-untyped-def]
    return write_save(tmp_path / "ai.json", ai_game, scenario_content_hash(ISTANBUL), str(ISTANBUL))


def test_replay_prints_turn_records(save: Path, ai_game, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["replay", str(save)]) == 0
    out = capsys.readouterr().out
    assert "replay matches the save" in out
    assert "--- Turn 1 ---" in out and f"--- Turn {len(ai_game.records)} ---" in out
    assert "=== The game is over ===" in out


def test_replay_json(save: Path, ai_game, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["replay", str(save), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verified"] is True
    assert data["state_hash"] == ai_game.state_hash()
    assert len(data["records"]) == len(ai_game.records)
    assert data["outcome"]["ending"] == ai_game.outcome().ending


def test_replay_equals_live(save: Path, ai_game) -> None:  # type: ignore[no-untyped-def]
    from negotiator.engine.saves import load_game

    loaded = load_game(save)
    assert loaded.state.state_hash() == ai_game.state_hash()
    assert [r.to_dict() for r in loaded.state.records] == [r.to_dict() for r in ai_game.records]


def test_replay_finds_a_moved_builtin_scenario(tmp_path: Path, ai_game, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    path = write_save(tmp_path / "moved.json", ai_game, scenario_content_hash(ISTANBUL), "elsewhere/istanbul.yaml")
    assert main(["replay", str(path)]) == 0


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda text: text[:100], "truncated"),
        (lambda text: text.replace('"seed": 4', '"seed": 5'), "does not match"),
        (lambda text: text.replace('"version": 1', '"version": 9'), "unsupported save version"),
        (lambda text: "", "empty"),
    ],
)
def test_replay_rejects_damaged_saves(save: Path, damage, message: str, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    save.write_text(damage(save.read_text()))
    before = save.read_bytes()
    assert main(["replay", str(save)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert save.read_bytes() == before


def test_replay_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", str(tmp_path / "none.json")]) == 2
    assert "no such save file" in capsys.readouterr().err
