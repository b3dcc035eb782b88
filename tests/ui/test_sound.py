"""UI sounds: they load once, play without raising, tolerate a missing file, and respect the sound setting."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path
from unittest import mock

import pygame
from table_helpers import ISTANBUL, frames, session_for

from negotiator import resources
from negotiator.ui.app import App
from negotiator.ui.scenes.debrief import DebriefScene
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.sound import NAMES, Sounds

SOUNDS_DIR = resources.folder("sounds")


def test_shipped_sounds_are_small_calm_wavs() -> None:
    for name in NAMES:
        path = SOUNDS_DIR / f"{name}.wav"
        assert path.stat().st_size < 32_000, path
        with wave.open(str(path)) as f:
            assert (f.getnchannels(), f.getsampwidth(), f.getframerate()) == (1, 2, 22050)
    assert "make_sounds.py" in (SOUNDS_DIR / "README.md").read_text(encoding="utf-8")


def test_sounds_load_and_play(ui_app: App) -> None:
    assert set(ui_app.sounds.sounds) == set(NAMES)
    for name in NAMES:
        assert ui_app.sounds.play(name) in (True, False)  # never raises
    assert ui_app.sounds.play("no_such_sound") is False


def test_a_missing_file_is_tolerated(tmp_path: Path) -> None:
    for name in NAMES[1:]:
        shutil.copy(SOUNDS_DIR / f"{name}.wav", tmp_path)
    (tmp_path / f"{NAMES[1]}.wav").write_bytes(b"not a wave file")
    sounds = Sounds.load(lambda: True, tmp_path)
    assert NAMES[0] not in sounds.sounds and NAMES[1] not in sounds.sounds
    assert NAMES[2] in sounds.sounds
    assert sounds.play(NAMES[0]) is False


def test_no_mixer_means_silence() -> None:
    with (
        mock.patch.object(pygame.mixer, "get_init", return_value=None),
        mock.patch.object(pygame.mixer, "init", side_effect=pygame.error("no audio device")),
    ):
        sounds = Sounds.load(lambda: True)
    assert sounds.sounds == {} and sounds.play("deal") is False


def test_sound_off_plays_nothing_and_follows_the_setting_live(ui_app: App) -> None:
    spy = mock.MagicMock()
    ui_app.sounds.sounds = {name: spy for name in NAMES}
    ui_app.settings = ui_app.settings.model_copy(update={"sound": False})
    assert ui_app.sounds.play("deal") is False
    spy.play.assert_not_called()
    ui_app.settings = ui_app.settings.model_copy(update={"sound": True})
    assert ui_app.sounds.play("deal") is True
    spy.play.assert_called_once()


def test_game_events_cue_sounds(ui_app: App) -> None:
    played: list[str] = []
    ui_app.sounds.play = lambda name: played.append(name) or True  # type: ignore[method-assign]
    for seed in range(1, 20):  # a game with a ratified agreement (most have one)
        session = session_for(ISTANBUL, (), seed=seed)
        session.autosaves = False
        while session.step_ai():
            pass
        kinds = [{e.kind for e in r.entries} for r in session.state.records]
        if any("settled" in k for k in kinds):
            break
    for record, kind in zip(session.state.records, kinds, strict=True):
        want = "deal" if "settled" in kind else "lever" if "lever" in kind else None
        played.clear()
        scene = ResolutionScene(ui_app, session, record, None)
        ui_app.push(scene)
        scene.reveal(len(scene.blocks))
        assert played == ([want] if want else []), record.turn
        ui_app.pop(scene)
    ui_app.push(DebriefScene(ui_app, session, auto_seconds=1e9))
    frames(ui_app, 2)
    assert played[-1] == "end"
    ui_app.rebuild_all()  # a resize rebuilds the debrief; the game does not end again
    assert played.count("end") == 1
