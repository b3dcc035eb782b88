"""Saves: round trip, byte-for-byte reproducibility, atomic writes, autosave rotation, and every way a
save can be damaged or mismatched ending in a SaveError (and exit code 2 from the commands)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.engine import EndTurn, GameState, new_game, parse_action
from negotiator.engine.saves import (
    AUTOSAVES_KEPT,
    SaveError,
    autosave,
    latest_autosave,
    load_game,
    read_save,
    restore,
    write_save,
)
from negotiator.scenario import load_scenario, scenario_content_hash

ROOT = Path(__file__).resolve().parent.parent
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def _scripted_game(turns: int | None = None) -> GameState:
    """A short game without the AI: an offer, an answer, a lever, then everyone ends their moves."""
    scenario = load_scenario(ISTANBUL)
    state = new_game(scenario, seed=5)
    state = state.apply(parse_action("offer territory=freeze_contact_line ceasefire=immediate", "kyiv"))
    state = state.apply(parse_action("lever prisoner_swap moscow", "kyiv"))
    state = state.apply(EndTurn("kyiv", reason="Let them think about it."))
    state = state.apply(parse_action("reject 1", "moscow"))
    while not state.is_over() and (turns is None or state.turn <= turns):
        state = state.apply(EndTurn(state.current_actor))
    return state


@pytest.fixture(scope="module")
def finished() -> GameState:
    return _scripted_game()


@pytest.fixture
def saved(tmp_path: Path, finished: GameState) -> Path:
    return write_save(tmp_path / "game.json", finished, scenario_content_hash(ISTANBUL), str(ISTANBUL))


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _restore(path: Path) -> GameState:
    return restore(read_save(path), load_scenario(ISTANBUL), scenario_content_hash(ISTANBUL))


def test_round_trip_reproduces_the_state(saved: Path, finished: GameState) -> None:
    state = _restore(saved)
    assert state.state_hash() == finished.state_hash()
    assert state.outcome() == finished.outcome()
    assert [a.reason for a in state.actions] == [a.reason for a in finished.actions]


def test_round_trip_mid_game(tmp_path: Path) -> None:
    state = _scripted_game(turns=2)
    assert not state.is_over()
    path = write_save(tmp_path / "mid.json", state, scenario_content_hash(ISTANBUL), str(ISTANBUL))
    data = json.loads(path.read_text())
    assert data["outcome"] is None
    assert _restore(path).state_hash() == state.state_hash()


def test_save_format_fields(saved: Path, finished: GameState) -> None:
    data = json.loads(saved.read_text())
    assert data["format"] == "negotiator-save" and data["version"] == 1
    assert data["scenario_id"] == "istanbul_talks"
    assert data["scenario_hash"] == scenario_content_hash(ISTANBUL)
    assert data["seed"] == 5
    assert data["state_hash"] == finished.state_hash()
    assert len(data["actions"]) == len(finished.actions)
    assert len(data["records"]) == len(finished.records)
    assert "saved_at" not in data and "time" not in json.dumps(sorted(data))


def test_saves_are_byte_for_byte_reproducible(tmp_path: Path, finished: GameState) -> None:
    digest = scenario_content_hash(ISTANBUL)
    a = write_save(tmp_path / "a.json", finished, digest, "x.yaml")
    b = write_save(tmp_path / "b.json", _scripted_game(), digest, "x.yaml")
    assert a.read_bytes() == b.read_bytes()


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path, finished: GameState) -> None:
    target = tmp_path / "slot.json"
    for _ in range(3):
        write_save(target, finished, scenario_content_hash(ISTANBUL), str(ISTANBUL))
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, finished: GameState, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write_save(tmp_path / "slot.json", finished, scenario_content_hash(ISTANBUL), str(ISTANBUL))
    before = target.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_save(target, _scripted_game(turns=1), scenario_content_hash(ISTANBUL), str(ISTANBUL))
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]


# --- every damaged or mismatched save ------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no such save file"):
        read_save(tmp_path / "nope.json")


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("this is not json at all")
    with pytest.raises(SaveError, match="not valid JSON"):
        read_save(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("")
    with pytest.raises(SaveError, match="empty"):
        read_save(path)


def test_truncated(saved: Path) -> None:
    text = saved.read_text()
    saved.write_text(text[: len(text) // 2])
    with pytest.raises(SaveError, match="truncated"):
        read_save(saved)


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(SaveError, match="not UTF-8"):
        read_save(path)


def test_json_but_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[1, 2, 3]")
    with pytest.raises(SaveError, match="no JSON object"):
        read_save(path)


def test_wrong_format_name(saved: Path) -> None:
    _edit(saved, lambda d: d.update(format="chess-save"))
    with pytest.raises(SaveError, match="not a Negotiator save"):
        read_save(saved)


@pytest.mark.parametrize("version", [2, 0, "1", None])
def test_unsupported_version(saved: Path, version: object) -> None:
    _edit(saved, lambda d: d.update(version=version))
    with pytest.raises(SaveError, match="unsupported save version"):
        read_save(saved)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("seed"), "seed"),
        (lambda d: d.update(seed="5"), "seed"),
        (lambda d: d.pop("actions"), "actions"),
        (lambda d: d.update(actions={"type": "end"}), "actions"),
        (lambda d: d.update(records=3), "records"),
        (lambda d: d.update(state_hash="abc"), "state_hash"),
        (lambda d: d.update(scenario_hash=None), "scenario_hash"),
        (lambda d: d.update(settings={"roles": {}, "turns": "many"}), "settings.turns"),
        (lambda d: d.update(extra_field=1), "extra_field"),
    ],
)
def test_missing_or_mistyped_fields(saved: Path, change, field: str) -> None:  # type: ignore[no-untyped-def]
    _edit(saved, change)
    with pytest.raises(SaveError, match="damaged") as info:
        read_save(saved)
    assert field in info.value.message


@pytest.mark.parametrize(
    "action",
    [
        {"type": "dance", "actor": "kyiv"},
        {"type": "respond", "actor": "kyiv", "offer_id": "one", "accept": True},
        {"type": "offer", "actor": "kyiv", "terms": "territory"},
        {"type": "end", "actor": 7},
    ],
)
def test_damaged_action(saved: Path, action: dict) -> None:  # type: ignore[type-arg]
    _edit(saved, lambda d: d["actions"].__setitem__(0, action))
    with pytest.raises(SaveError, match="action 1 is damaged"):
        read_save(saved)


def test_scenario_id_mismatch(saved: Path) -> None:
    tutorial = load_scenario(TUTORIAL)
    with pytest.raises(SaveError, match="for scenario 'istanbul_talks'"):
        restore(read_save(saved), tutorial, scenario_content_hash(TUTORIAL))


def test_scenario_file_changed(saved: Path, tmp_path: Path) -> None:
    changed = tmp_path / "istanbul_talks.yaml"
    changed.write_bytes(ISTANBUL.read_bytes() + b"\n# edited\n")
    with pytest.raises(SaveError, match="has changed"):
        restore(read_save(saved), load_scenario(changed), scenario_content_hash(changed))
    with pytest.raises(SaveError, match="has changed"):
        load_game(saved, changed)


def test_illegal_action_on_replay(saved: Path) -> None:
    # Moscow cannot move first in turn 1: Kyiv does.
    _edit(saved, lambda d: d["actions"].insert(0, {"type": "end", "actor": "moscow"}))
    with pytest.raises(SaveError, match=r"action 1 .* not legal on replay"):
        _restore(saved)


def test_edited_seed_changes_the_hash(saved: Path) -> None:
    _edit(saved, lambda d: d.update(seed=6))
    with pytest.raises(SaveError):
        _restore(saved)


def test_edited_state_hash(saved: Path) -> None:
    _edit(saved, lambda d: d.update(state_hash="0" * 64))
    with pytest.raises(SaveError, match="state hash"):
        _restore(saved)


def test_edited_record(saved: Path) -> None:
    _edit(saved, lambda d: d["records"][0]["entries"][0].update(text="Something else happened."))
    with pytest.raises(SaveError, match=r"turn records .*\(turn 1\)"):
        _restore(saved)


def test_edited_outcome(saved: Path) -> None:
    _edit(saved, lambda d: d["outcome"]["scores"]["kyiv"].update(total=99.0))
    with pytest.raises(SaveError, match="outcome"):
        _restore(saved)


def test_edited_action_reason(saved: Path) -> None:
    _edit(saved, lambda d: d["actions"][2].update(reason="A different reason."))
    with pytest.raises(SaveError, match="does not match"):
        _restore(saved)


def test_load_game_finds_the_scenario_when_the_recorded_path_is_gone(tmp_path: Path, finished: GameState) -> None:
    path = write_save(tmp_path / "g.json", finished, scenario_content_hash(ISTANBUL), str(tmp_path / "moved.yaml"))
    with pytest.raises(SaveError, match="cannot find the scenario"):
        load_game(path)
    loaded = load_game(path, candidates=[TUTORIAL, ISTANBUL])
    assert loaded.scenario_path == ISTANBUL
    assert loaded.state.state_hash() == finished.state_hash()


# --- autosaves -----------------------------------------------------------------------------------------


def test_autosave_keeps_the_last_five(finished: GameState) -> None:
    assert latest_autosave() is None
    digest = scenario_content_hash(ISTANBUL)
    written = [autosave(finished, digest, str(ISTANBUL)) for _ in range(AUTOSAVES_KEPT + 3)]
    folder = written[0].parent
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted(p.name for p in written[-AUTOSAVES_KEPT:])
    assert latest_autosave() == written[-1]
    assert all(name.startswith("istanbul_talks-") for name in left)
    assert _restore(latest_autosave()).state_hash() == finished.state_hash()  # type: ignore[arg-type]


# --- the commands turn SaveError into exit code 2 and leave the file alone --------------------------------


@pytest.mark.parametrize("command", ["replay", "text"])
def test_commands_reject_a_corrupt_save(command: str, saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(saved, lambda d: d.update(state_hash="1" * 64))
    before = saved.read_bytes()
    folder_before = sorted(p.name for p in saved.parent.iterdir())
    argv = ["replay", str(saved)] if command == "replay" else ["text", "--load", str(saved)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "does not match" in err and "hint" in err
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == folder_before
    assert latest_autosave() is None


def test_replay_reports_a_changed_scenario(saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changed = tmp_path / "copy.yaml"
    shutil.copy(ISTANBUL, changed)
    with changed.open("a") as handle:
        handle.write("\n# a comment changes the bytes\n")
    assert main(["replay", str(saved), "--scenario", str(changed)]) == 2
    assert "has changed" in capsys.readouterr().err
