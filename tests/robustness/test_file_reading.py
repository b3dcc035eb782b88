"""One reading path for every file the game reads (defects 4, 5, 10): a damaged or edited save is a
SaveError with a located message and exit 2, a special file is refused at once (never a hang or a
MemoryError), and a bad settings file falls back to the defaults with a notice, kept aside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from negotiator import files
from negotiator.engine.saves import SaveError, load_game, read_save
from negotiator.ui.settings import MAX_WINDOW_SIDE, Settings, load_settings
from tests.robustness.helpers import ROOT, SPECIAL_FILES, TUTORIAL, edit_save, make_special, real_save, run

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev need POSIX")


def replay_fails(path: Path, capsys: pytest.CaptureFixture[str], *words: str) -> str:
    code, out, err = run(["replay", str(path)], capsys)
    assert code == 2, (out, err)
    first = err.splitlines()[0]
    assert first.startswith(f"replay: {path}: ")
    for word in words:
        assert word in err, err
    return err


# --- defect 4: damaged saves -----------------------------------------------------------------------------


def test_deep_nesting_is_a_save_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "negotiator-save", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    replay_fails(path, capsys, "nests deeper than 64 levels", "line 1")
    code, _, err = run(["report", str(path), "--out", str(tmp_path / "r.html")], capsys)
    assert code == 2 and "nests deeper" in err and not (tmp_path / "r.html").exists()


def test_a_5000_digit_integer_is_a_save_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = real_save(tmp_path)
    path.write_text(path.read_text().replace('"seed": 3', '"seed": ' + "9" * 5000))
    replay_fails(path, capsys, "5,000 digits", "line ")


@pytest.mark.parametrize(
    ("index", "field", "value", "words"),
    [
        (0, "text", 5, ("action 1 is damaged", "text", "valid string")),  # bulletin text an int
        (1, "change", "5", ("action 2 is damaged", "change", "valid number")),  # adjustment a string
        (1, "change", 1e300, ("action 2 is damaged", "change")),
        (0, "text", "\x1b[31mred", ("action 1 is damaged", "U+001B")),
        (6, "offer_id", True, ("action 7 is damaged", "offer_id")),  # a boolean is not an offer number
    ],
)
def test_mistyped_action_fields_are_save_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], index: int, field: str, value: object, words: tuple[str, ...]
) -> None:
    path = edit_save(real_save(tmp_path), lambda d: d["actions"][index].__setitem__(field, value))
    err = replay_fails(path, capsys, *words)
    assert "\x1b" not in err


def test_an_unknown_personality_is_a_save_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every hash in the save still matches: only the seat's AI is unknown."""
    path = edit_save(
        real_save(tmp_path),
        lambda d: d["settings"]["roles"].__setitem__("union", {"personality": "wizard", "difficulty": "hard"}),
    )
    replay_fails(path, capsys, "settings.roles.union.personality", "'hawk'")
    code, _, err = run(["text", "--load", str(path)], capsys, stdin="quit\n")
    assert code == 2 and "personality" in err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[NaN]", "NaN is not a number"),
        ('{"a": 1e999}', "too large"),
        ('{"format": "negotiator-save", "format": "x"}', "appears twice"),
        ("\ufeff", "empty"),
        ('{"format": "negotiator-save", "version": 1, "scenario_id": "x"', "truncated"),
    ],
)
def test_json_guards(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    replay_fails(path, capsys, words)


# --- defect 5: special files -----------------------------------------------------------------------------


@pytest.fixture
def special(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    path, server = make_special(request.param, tmp_path / f"{request.param}.json")
    yield path
    if server is not None:
        server.close()
        path.unlink()


KINDS = list(SPECIAL_FILES)


@posix_only
@pytest.mark.parametrize("special", KINDS, indirect=True)
def test_special_files_are_refused_at_once(special: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for argv in (
        ["replay", str(special)],
        ["report", str(special), "--out", str(tmp_path / "r.html")],
        ["text", "--load", str(special)],
        ["validate", str(special)],
        ["analyze", "--scenario", str(special)],
    ):
        code, out, err = run(argv, capsys, stdin="quit\n")
        assert code == 2, argv
        assert (err or out).strip(), argv
    with pytest.raises(SaveError):
        read_save(special)


@posix_only
def test_replay_on_a_fifo_does_not_hang(tmp_path: Path) -> None:
    """Run as a real process with a timeout: before, it waited forever for a writer."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "replay", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2 and "FIFO" in done.stderr and "Traceback" not in done.stderr


@posix_only
def test_a_save_naming_a_device_as_its_scenario_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edit_save(real_save(tmp_path), lambda d: d.__setitem__("scenario_path", "/dev/zero"))
    replay_fails(path, capsys, "/dev/zero", "device")
    with pytest.raises(SaveError, match="device"):
        load_game(path)


def test_a_scenario_path_with_a_nul_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edit_save(real_save(tmp_path), lambda d: d.__setitem__("scenario_path", "a\x00b"))
    replay_fails(path, capsys, "scenario_path", "U+0000")


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(40_000_000)  # sparse: costs no disk
    with pytest.raises(SaveError, match="at most"):
        read_save(path)
    with pytest.raises(files.FileReadError, match="at most 10 are read"):
        files.read_regular(path, 10)


def test_the_good_save_still_replays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["replay", str(real_save(tmp_path))], capsys)
    assert code == 0 and "replay matches the save" in out


# --- defect 10 and the settings file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (json.dumps({"window_size": [100_000, 100_000]}), f"less than or equal to {MAX_WINDOW_SIDE}"),
        ("[" * 100_000, "at most"),
        ('{"sound": false, "x": ' + "[" * 1000 + "]" * 1000 + "}", "nests deeper"),
        ('{"ui_scale": ' + "1" * 5000 + "}", "at most"),
        ('{"window_size": [1e400, 600]}', "too large"),
    ],
)
def test_bad_settings_fall_back_and_are_kept_aside(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text)
    settings, notice = load_settings(path)
    assert settings == Settings()
    assert notice is not None and words in notice and "settings.json.bad" in notice
    assert (tmp_path / "settings.json.bad").read_text() == text and not path.exists()
    assert load_settings(path) == (Settings(), None)  # the next start is clean


def test_a_good_window_size_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"window_size": [1600, 900]}))
    assert load_settings(path) == (Settings(window_size=(1600, 900)), None)


@posix_only
def test_settings_that_are_a_fifo_do_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    settings, notice = load_settings(path)
    assert settings == Settings() and notice and "FIFO" in notice


def test_scenario_reading_is_regular_files_only() -> None:
    with pytest.raises(files.FileReadError, match="folder"):
        files.read_regular(TUTORIAL.parent, 1000)
