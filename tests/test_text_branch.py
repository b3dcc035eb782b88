"""`text --load SAVE --from-turn N`: a branch keeps the turns before N, plays on as a new game, and never
touches the original save; a turn outside the game, or --from-turn without --load, exits 2 with a message."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.engine.branching import rewind
from negotiator.engine.players import play_ai_game
from negotiator.engine.saves import latest_autosave, load_game, read_save, write_save
from negotiator.scenario import load_scenario, scenario_content_hash

ROOT = Path(__file__).resolve().parent.parent
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"


@pytest.fixture
def finished_save(tmp_path: Path) -> Path:
    state = play_ai_game(load_scenario(ISTANBUL), 3)
    assert len(state.records) >= 4
    return write_save(tmp_path / "original.json", state, scenario_content_hash(ISTANBUL), ISTANBUL)


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], script: str, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    code = main(["text", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_branch_keeps_earlier_turns_and_the_original(
    finished_save: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = finished_save.read_bytes()
    original = read_save(finished_save)
    code, out, err = run(
        monkeypatch, capsys, "end\n" * 80, "--load", str(finished_save), "--from-turn", "3", "--role", "kyiv"
    )
    assert code == 0, err
    assert "a branch of" in out and "start of turn 3" in out
    assert "=== Turn 3 of" in out and "=== Turn 1 of" not in out  # earlier turns are not replayed on screen
    assert "=== The game is over ===" in out
    assert finished_save.read_bytes() == before

    branch_path = latest_autosave()
    assert branch_path is not None and branch_path.resolve() != finished_save.resolve()
    branch = read_save(branch_path)
    assert branch.records[:2] == original.records[:2]
    assert branch.records != original.records  # Kyiv only ended its moves from turn 3 on
    before_turn3 = rewind(load_game(finished_save).state, 3).actions
    assert branch.actions[: len(before_turn3)] == before_turn3


def test_branch_from_the_first_and_the_last_turn(
    finished_save: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    turns = len(read_save(finished_save).records)
    for turn in (1, turns):
        code, out, err = run(monkeypatch, capsys, "quit\n", "--load", str(finished_save), "--from-turn", str(turn))
        assert code == 0, err
        assert f"[Turn {turn}/" in out and "Stopping." in out


@pytest.mark.parametrize("turn", ["0", "99", "-2"])
def test_turn_out_of_range_exits_2(
    finished_save: Path, turn: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = finished_save.read_bytes()
    code, out, err = run(monkeypatch, capsys, "", "--load", str(finished_save), "--from-turn", turn)
    assert code == 2
    assert f"--from-turn {turn}" in err and "choose a turn from 1 to" in err
    assert "Traceback" not in out + err
    assert finished_save.read_bytes() == before
    assert latest_autosave() is None


def test_from_turn_needs_load(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(monkeypatch, capsys, "", "--from-turn", "2")
    assert code == 2
    assert "--from-turn needs --load" in err
