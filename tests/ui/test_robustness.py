"""The window survives bad content (defect 12, and 6 and 7 on screen): a failing scene shows one error
dialog, not one per frame; typed and pasted text is printable and bounded; one hostile file in a user
folder is listed as a problem and never blocks New game, Load game or Continue; charts survive extremes."""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path

import pygame
import pytest
from table_helpers import frames

from negotiator import paths
from negotiator.cli import main
from negotiator.scenario import load_scenario
from negotiator.ui.app import MAX_TYPED, App
from negotiator.ui.charts import ChartStyle, Series, line_chart
from negotiator.ui.savefiles import list_saves
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.chooser import ScenarioChooser
from negotiator.ui.scenes.error import ErrorDialog
from negotiator.ui.scenes.save_notices import SaveErrorDialog
from negotiator.ui.scenes.saves_dialog import MAX_SAVE_NAME, LoadDialog, SaveDialog
from negotiator.ui.session import GameSession
from tests.robustness.helpers import TUTORIAL, TUTORIAL_TEXT

ROOT = Path(__file__).resolve().parents[2]


class BrokenDrawing(Scene):
    name = "broken_drawing"

    def draw(self, surface: pygame.Surface) -> None:
        raise ValueError("cannot draw this")


def errors_logged(app: App, scene_name: str) -> int:
    return Path(app.log_file).read_text(encoding="utf-8").count(f"error in scene {scene_name}")


def test_a_scene_that_fails_to_draw_shows_its_dialog_once(ui_app: App) -> None:
    """Before: a new error dialog (and a logged traceback) every frame."""
    before = errors_logged(ui_app, "broken_drawing")
    ui_app.push(BrokenDrawing(ui_app))
    frames(ui_app, 12)
    assert [s.name for s in ui_app.stack] == ["title", "broken_drawing", "error"]
    assert errors_logged(ui_app, "broken_drawing") == before + 1
    ui_app.top.on_choice("title")  # type: ignore[union-attr]
    frames(ui_app, 2)
    assert [s.name for s in ui_app.stack] == ["title"]


def focused_path_entry(app: App) -> LoadDialog:
    dialog = LoadDialog(app)
    app.push(dialog)
    frames(app, 2)
    dialog.path_entry.set_text("")
    app.manager.set_focus_set(dialog.path_entry)
    return dialog


@pytest.mark.parametrize("typed", ["\u200b", "\u200b\u200b\u2060", "\ufeff", "\x00", "\x1b[31m", "\u202e"])
def test_invisible_characters_typed_into_an_empty_field(ui_app: App, typed: str) -> None:
    """Before: a zero-width space in an empty field made pygame_gui raise "Text has zero width" outside any
    guard, and the window died."""
    dialog = focused_path_entry(ui_app)
    ui_app.step(1 / 60, [pygame.event.Event(pygame.TEXTINPUT, text=typed)])
    frames(ui_app, 3)
    assert ui_app.running and ui_app.top is dialog
    assert dialog.path_entry.get_text() == ("[31m" if typed.startswith("\x1b") else "")


def test_a_long_paste_is_cut_to_the_field_limit(ui_app: App) -> None:
    """Before: 2,000 pasted characters made frames take seconds."""
    dialog = focused_path_entry(ui_app)
    started = time.perf_counter()
    ui_app.step(1 / 60, [pygame.event.Event(pygame.TEXTINPUT, text="x" * 2000)])
    frames(ui_app, 3)
    assert len(dialog.path_entry.get_text()) == MAX_TYPED
    assert time.perf_counter() - started < 3.0


def test_a_paste_holding_control_characters_is_cleaned(ui_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: pygame_gui pasted the clipboard as it was; a NUL in it raised while rendering."""
    monkeypatch.setattr(
        "pygame_gui.elements.ui_text_entry_line.clipboard_paste", lambda: "save\x00na\u200bme" + "z" * 3000
    )
    dialog = focused_path_entry(ui_app)
    ui_app.step(1 / 60, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_v, mod=pygame.KMOD_CTRL, unicode="")])
    frames(ui_app, 2)
    text = dialog.path_entry.get_text()
    assert text.startswith("savename") and len(text) == MAX_TYPED and ui_app.top is dialog


def test_save_names_are_bounded(ui_app: App) -> None:
    """Before: a long name reached the file system and came back as a "File name too long" OSError."""
    session = GameSession.quick(TUTORIAL, load_scenario(TUTORIAL), 5, ("union",))
    dialog = SaveDialog(ui_app, session)
    ui_app.push(dialog)
    frames(ui_app, 2)
    assert dialog.entry.length_limit == MAX_SAVE_NAME
    dialog.entry.set_text("я" * MAX_SAVE_NAME)  # 400 bytes: more than a file name may hold
    dialog.on_choice("save")
    frames(ui_app, 1)
    assert ui_app.top is dialog and "too long" in dialog.error
    assert not list(paths.saves_dir().iterdir())


def test_one_hostile_file_per_folder_never_blocks_a_screen(ui_app: App) -> None:
    """Before: a 5,000-digit integer or deeply nested JSON made New game, Load game and Continue show the
    error dialog every time."""
    (paths.user_scenarios_dir() / "huge.yaml").write_text(
        TUTORIAL_TEXT.replace("initial: 50", "initial: " + "9" * 5000)
    )
    (paths.user_scenarios_dir() / "nul.yaml").write_text(TUTORIAL_TEXT.replace('"Union"', '"Un\\0ion"', 1))
    (paths.saves_dir() / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (paths.saves_dir() / "digits.json").write_text('{"seed": ' + "1" * 5000 + "}")
    if hasattr(os, "mkfifo"):
        os.mkfifo(paths.saves_dir() / "pipe.json")
        (paths.saves_dir() / "zero.json").symlink_to("/dev/zero")
    (paths.autosaves_dir() / "tutorial_bus_dispute-000001.json").write_text('{"x": ' + "[" * 50_000 + "}")
    ui_app.reset_to_title()

    ui_app.top.activate("new_game")  # type: ignore[union-attr]
    frames(ui_app, 2)
    chooser = ui_app.top
    assert isinstance(chooser, ScenarioChooser)
    broken = {e.path.name: e for e in chooser.entries if not e.ok}
    assert {"huge.yaml", "nul.yaml"} <= set(broken)
    assert "5,000 characters" in str(broken["huge.yaml"].errors[0])
    assert "U+0000" in str(broken["nul.yaml"].errors[0])
    ui_app.pop()

    ui_app.top.activate("load")  # type: ignore[union-attr]
    frames(ui_app, 2)
    dialog = ui_app.top
    assert isinstance(dialog, LoadDialog)
    problems = {s.path.name: s.problem for s in dialog.summaries if not s.ok}
    assert "nests deeper" in problems["deep.json"] and "5,000 digits" in problems["digits.json"]
    if hasattr(os, "mkfifo"):
        assert "FIFO" in problems["pipe.json"] and "device" in problems["zero.json"]
    ui_app.pop()

    ui_app.top.activate("continue")  # type: ignore[union-attr]
    frames(ui_app, 2)
    assert isinstance(ui_app.top, SaveErrorDialog)
    assert not any(isinstance(s, ErrorDialog) for s in ui_app.stack)


def test_a_nested_settings_file_does_not_stop_start_up(tmp_path: Path) -> None:
    """Before: a settings.json nested 100,000 deep raised RecursionError before the window opened."""
    settings = paths.settings_path()
    settings.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["play", "--frames", "3"]) == 0
    assert settings.with_name("settings.json.bad").exists()


def test_charts_survive_extreme_ranges(ui_app: App) -> None:
    """Before: a meter range of 1e308 divided inf by inf and the debrief errored every frame."""
    font = ui_app.manager.get_theme().get_font(["@body"])
    colour = pygame.Color("white")
    style = ChartStyle(font, font, colour, colour, colour, pygame.Color("black"), colour)
    for y_range in ((-1e308, 1e308), (0.0, 0.0), (math.nan, 1.0), (-math.inf, math.inf)):
        points = [(0, -1e308), (1, 1e308), (2, math.nan), (3, math.inf), (4, 5.0)]
        surface = line_chart((400, 200), style, "t", [Series("s", colour, points)], x_range=(0, 4), y_range=y_range)
        assert surface.get_size() == (400, 200)


def test_a_scenario_with_a_long_token_plays_at_speed(tmp_path: Path) -> None:
    """Before: a long unbroken word was re-measured character by character; a 120-frame demo took minutes."""
    start = TUTORIAL_TEXT.index("  - id: editorial")
    news = TUTORIAL_TEXT.index("news:", start)
    token = "x" * 3990
    text = TUTORIAL_TEXT[:news] + f'news: "{token}"\n' + TUTORIAL_TEXT[TUTORIAL_TEXT.index("\n", news) + 1 :]
    text = text.replace("trigger: {turn: 2}", "trigger: {turn: 1}", 1)
    path = tmp_path / "token.yaml"
    path.write_text(text)
    started = time.perf_counter()
    assert main(["demo", "--scenario", str(path), "--frames", "90", "--speed", "20"]) == 0
    assert time.perf_counter() - started < 30


def test_json_in_the_data_folder_listing_is_bounded() -> None:
    (paths.saves_dir() / "huge.json").write_text(json.dumps({"format": "negotiator-save", "pad": "x" * 100}))
    dialog_summaries = list_saves(scenarios={})
    assert any(s.path.name == "huge.json" and not s.ok for s in dialog_summaries)


def test_the_load_dialog_opens_a_path_with_a_nul(ui_app: App) -> None:
    dialog = focused_path_entry(ui_app)
    dialog.path_entry.set_text("")
    dialog.open_path("bad\x00name.json")
    frames(ui_app, 2)
    assert not any(isinstance(s, ErrorDialog) for s in ui_app.stack)


def test_clicking_through_with_hostile_files_around(ui_app: App) -> None:
    (paths.saves_dir() / "deep.json").write_text("{" * 1000)
    ui_app.reset_to_title()
    title = ui_app.top
    assert title is not None
    for key in ("load",):
        title.activate(key)  # type: ignore[attr-defined]
        frames(ui_app, 2)
        assert isinstance(ui_app.top, LoadDialog)
        dialog = ui_app.top
        summary = next(s for s in dialog.summaries if s.path.name == "deep.json")
        dialog.select(summary.path)
        frames(ui_app, 2)
        loaded = dialog.load(summary.path)
        frames(ui_app, 2)
        assert loaded is None and not any(isinstance(s, ErrorDialog) for s in ui_app.stack)


def test_a_failed_autosave_does_not_stop_the_game(ui_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk mid-game: the table says so once and plays on (before: the error dialog ended the game)."""
    from table_helpers import open_table, until

    from negotiator.files import FileWriteError
    from negotiator.ui.scenes.message import MessageDialog

    def full(*args: object, **kwargs: object) -> None:
        raise FileWriteError("autosaves/x.json", "cannot write: the disk is full")

    monkeypatch.setattr("negotiator.ui.session.autosave", full)
    session = GameSession.quick(TUTORIAL, load_scenario(TUTORIAL), 3, humans=())
    open_table(ui_app, session)
    until(ui_app, lambda: isinstance(ui_app.top, MessageDialog))
    assert ui_app.top.title == "Autosave failed" and "disk is full" in ui_app.top.body  # type: ignore[union-attr]
    assert not any(isinstance(s, ErrorDialog) for s in ui_app.stack)
