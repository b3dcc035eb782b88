"""`text` mode's `fac` commands: the facilitator's actions from the prompt, checked by the engine, logged as the
facilitator's, saved and replayed; bad ones get a message and a hint, never a crash."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from negotiator.cli import main
from negotiator.engine import FACILITATOR
from negotiator.engine.saves import load_game

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def play(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    script: list[str],
    flags: tuple[str, ...] = ("--facilitator",),
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(script) + "\n"))
    code = main(["text", "--scenario", str(TUTORIAL), "--role", "union", "--seed", "2", *flags])
    return code, capsys.readouterr().out


def test_fac_commands_are_off_without_the_facilitator_flag(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = play(monkeypatch, capsys, ["help", "fac bulletin Hello", "quit"], flags=())
    assert code == 0
    assert "facilitator commands are off" in out and "text --facilitator" in out
    assert "fac inject" not in out  # help does not offer them
    assert "Hello" not in out.split("fac bulletin Hello", 1)[-1]


def test_fac_commands_apply_and_are_saved(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    save = tmp_path / "fac.json"
    code, out = play(
        monkeypatch,
        capsys,
        [
            "fac events",
            "fac meters",
            "fac inject council_warning",
            "fac adjust reserves@authority -7",
            "fac adjust disruption 4",
            "fac bulletin The mayor calls both sides to City Hall",
            "fac deadline 9",
            f"save {save}",
            "quit",
        ],
    )
    assert code == 0
    assert "editorial" in out and "council_warning" in out  # fac events
    assert "reserves@authority" in out and "disruption" in out  # fac meters
    assert "FACILITATOR: The mayor calls both sides to City Hall" in out
    assert "[Turn 1/9]" in out
    loaded = load_game(save, TUTORIAL)
    facilitator = [a for a in loaded.state.actions if a.actor == FACILITATOR]
    assert [a.verb for a in facilitator] == ["inject", "adjust", "adjust", "bulletin", "deadline"]
    assert loaded.state.turns == 9
    assert "council_warning" in loaded.state.fired_events
    entries = [e for e in loaded.state.entries if e.phase == "facilitator"]
    assert len(entries) == 5 and all(e.data.get("facilitator") for e in entries)


def test_bad_fac_commands_explain(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = play(
        monkeypatch,
        capsys,
        [
            "fac",
            "fac offer x=y",
            "fac inject no_such_event",
            "fac adjust disruption@union 3",
            "fac adjust reserves lots",
            "fac deadline 0",
            "fac bulletin",
            "help",
            "quit",
        ],
    )
    assert code == 0
    assert out.count("usage: fac") == 2
    assert "no event 'no_such_event'" in out and "'fac events' lists" in out
    assert "'disruption' is shared" in out
    assert "must be a number" in out
    assert "the deadline must be between" in out
    assert "usage: bulletin TEXT" in out
    assert "fac inject EVENT" in out  # listed in help
    assert "Traceback" not in out
