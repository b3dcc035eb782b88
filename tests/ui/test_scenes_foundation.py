"""The front-end foundation, headless: every scene builds and draws, input works, failures are handled."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pygame
import pygame_gui
import pytest
from table_helpers import click, frames, key

from negotiator import paths
from negotiator.ui.app import App
from negotiator.ui.compat import NO_DISPLAY_MESSAGE, display_problem
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.chooser import ScenarioChooser
from negotiator.ui.scenes.error import ErrorDialog
from negotiator.ui.scenes.help import HelpOverlay
from negotiator.ui.scenes.message import MessageDialog
from negotiator.ui.scenes.problems import ProblemsDialog
from negotiator.ui.scenes.settings_dialog import SettingsDialog
from negotiator.ui.scenes.title import TitleScene
from negotiator.ui.settings import Settings, load_settings, save_settings
from negotiator.words import count

ROOT = Path(__file__).resolve().parents[2]
BROKEN_YAML = "format_version: 1\nmetadata:\n  id: Broken\n  title: 3\nactors: []\n"


@pytest.fixture
def app(ui_app: App) -> App:
    return ui_app


def button_by_text(scene: Scene, text: str) -> pygame_gui.elements.UIButton:
    def walk(container):  # type: ignore[no-untyped-def]
        for element in container.elements:
            yield element
            inner = getattr(element, "get_container", None)
            if inner is not None and inner() is not element and inner() is not container:
                yield from walk(inner())

    assert scene.root is not None
    for element in walk(scene.root.get_container()):
        if isinstance(element, pygame_gui.elements.UIButton) and element.text == text:
            return element
    raise AssertionError(f"no button {text!r}")


def test_every_scene_builds_and_draws(app: App, tmp_path: Path) -> None:
    from negotiator.ui.catalogue import load_entry

    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_YAML)
    entry = load_entry(bad, "opened")
    scenes = [
        ScenarioChooser(app),
        HelpOverlay(app),
        SettingsDialog(app),
        MessageDialog(app, "Title", "Body with <markup> & ampersands"),
        ProblemsDialog(app, entry, reload=lambda: entry),
        ErrorDialog(app, RuntimeError("boom"), can_save=False),
    ]
    for scene in scenes:
        app.push(scene)
        frames(app, 2)
        assert app.top is scene, f"{scene.name} did not stay on top (it raised?)"
        app.pop()
    assert isinstance(app.top, TitleScene)


def test_title_click_new_game_opens_chooser_and_esc_returns(app: App) -> None:
    title = app.top
    click(app, button_by_text(title, "New game"))
    assert isinstance(app.top, ScenarioChooser)
    key(app, pygame.K_ESCAPE)
    assert app.top is title


def test_f1_toggles_help_and_overlay_blocks_clicks_below(app: App) -> None:
    title = app.top
    quit_button = button_by_text(title, "Quit")
    key(app, pygame.K_F1)
    help_scene = app.top
    assert isinstance(help_scene, HelpOverlay)
    click(app, quit_button)  # under the dimmed overlay: must not reach the title
    assert app.running and app.top is help_scene
    key(app, pygame.K_F1)
    assert app.top is title


def test_help_says_where_closing_returns_to(app: App) -> None:
    from table_helpers import ISTANBUL, open_table, session_for  # type: ignore[import-not-found]

    key(app, pygame.K_F1)  # opened on the title: no game to go back to
    assert isinstance(app.top, HelpOverlay)
    button_by_text(app.top, "Back to the title")
    with pytest.raises(AssertionError):
        button_by_text(app.top, "Back to the game")
    key(app, pygame.K_F1)
    me = session_for(ISTANBUL, ()).scenario.negotiators[0].id
    open_table(app, session_for(ISTANBUL, (me,)))
    key(app, pygame.K_F1)
    assert isinstance(app.top, HelpOverlay)
    button_by_text(app.top, "Back to the game")


def test_chooser_lists_builtins_and_shows_located_errors_then_reloads(app: App) -> None:
    broken = paths.user_scenarios_dir() / "broken.yaml"
    broken.write_text(BROKEN_YAML)
    chooser = ScenarioChooser(app)
    app.push(chooser)
    frames(app, 2)
    assert {e.origin for e in chooser.entries} >= {"built-in", "yours"}
    assert all(e.ok for e in chooser.entries if e.origin == "built-in")
    click(app, button_by_text(chooser, "broken.yaml  ·  " + count(len(chooser._find(broken).errors), "problem")))
    dialog = app.top
    assert isinstance(dialog, ProblemsDialog)
    first = dialog.entry.errors[0]
    assert str(first).startswith(f"{broken}:{first.line}:{first.column}: error: ")
    # The author fixes the file (here: replaces it with a built-in) and presses F5.
    broken.write_text((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    key(app, pygame.K_F5)
    assert isinstance(app.top, MessageDialog)
    assert chooser._find(broken).ok


def test_open_by_path_shows_problems_for_a_broken_file(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "elsewhere.yaml"
    bad.write_text("format_version: 1\nmetadata: [\n")
    chooser = ScenarioChooser(app)
    app.push(chooser)
    frames(app, 2)
    chooser.path_entry.set_text(str(bad))
    click(app, chooser.open_button)
    assert isinstance(app.top, ProblemsDialog)
    assert app.top.entry.path == bad


def test_settings_corrupt_file_falls_back_with_notice(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{ not json")
    settings, notice = load_settings(path)
    assert settings == Settings() and notice and "default" in notice
    path.write_text(json.dumps({"ui_scale": 99}))
    assert load_settings(path)[0] == Settings()
    saved = Settings(text_size="large", colourblind=True)
    save_settings(saved, path)
    assert load_settings(path) == (saved, None)


def test_settings_dialog_applies_colourblind_palette(app: App) -> None:
    before = app.palette["good"]
    dialog = SettingsDialog(app)
    app.push(dialog)
    frames(app, 2)
    dialog.pending["colourblind"] = True
    key(app, pygame.K_RETURN)
    assert app.settings.colourblind and app.palette["good"] != before
    assert load_settings()[0].colourblind
    assert isinstance(app.top, TitleScene) and app.top.root is not None


class Boom(Scene):
    name = "boom"
    can_autosave = True
    saved: ClassVar[list[Path]] = []

    def update(self, dt: float) -> None:
        raise RuntimeError("scene exploded")

    def autosave(self) -> Path:
        path = paths.autosaves_dir() / "boom.json"
        path.write_text("{}")
        self.saved.append(path)
        return path


def test_scene_exception_shows_error_dialog_and_logs(app: App) -> None:
    app.push(Boom(app))
    frames(app, 1)
    assert isinstance(app.top, ErrorDialog)
    assert "scene exploded" in app.log_file.read_text()
    click(app, button_by_text(app.top, "Save and return to title"))
    assert Boom.saved
    assert isinstance(app.stack[0], TitleScene)


def test_closing_the_window_asks_scenes_to_autosave(app: App) -> None:
    Boom.saved.clear()
    app.push(Boom(app))
    app.step(1 / 60, [pygame.event.Event(pygame.QUIT)])
    assert not app.running and Boom.saved


def test_resize_rebuilds_within_the_window(app: App) -> None:
    app.push(ScenarioChooser(app))
    frames(app, 2)
    app.step(1 / 60, [pygame.event.Event(pygame.VIDEORESIZE, w=800, h=500, size=(800, 500))])
    assert app.size == (1024, 600)  # clamped to the minimum
    window = pygame.Rect(0, 0, *app.size)
    chooser = app.top
    assert chooser.root is not None and chooser.root.rect.size == app.size
    for element in chooser.root.get_container().elements:  # every panel and control of the screen
        assert window.contains(element.get_abs_rect()), f"{element} at {element.get_abs_rect()} is outside"


def test_display_problem_detection() -> None:
    assert display_problem({}, "linux") == NO_DISPLAY_MESSAGE
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"SDL_VIDEODRIVER": "dummy"}, "linux") is None
    assert display_problem({}, "win32") is None


def test_no_display_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    if not sys.platform.startswith("linux"):
        pytest.skip("the no-display check is for Linux desktops")
    result = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines() + result.stdout.strip().splitlines()
    assert lines == [NO_DISPLAY_MESSAGE]
    assert "python main.py text" in lines[0]


def _scenario_path() -> Path:
    return ROOT / "scenarios" / "istanbul_talks.yaml"


def test_setup_to_briefing_single_player(app: App) -> None:
    from negotiator.scenario import load_scenario
    from negotiator.ui.scenes.briefing import BriefingScene
    from negotiator.ui.scenes.setup import SetupScene

    scenario = load_scenario(_scenario_path())
    setup = SetupScene(app, _scenario_path(), scenario)
    app.push(setup)
    frames(app, 2)
    assert len(setup.humans) == 1
    click(app, setup.start_button)
    briefing = app.top
    assert isinstance(briefing, BriefingScene) and briefing.actor_id == setup.humans[0]
    assert briefing.session.state.turn == 1
    key(app, pygame.K_ESCAPE)
    assert app.top is setup


def test_setup_needs_a_human_and_a_valid_seed(app: App) -> None:
    from dataclasses import replace

    from negotiator.scenario import load_scenario
    from negotiator.ui.scenes.setup import SetupScene

    setup = SetupScene(app, _scenario_path(), load_scenario(_scenario_path()))
    app.push(setup)
    setup.roles = {k: replace(r, human=False) for k, r in setup.roles.items()}
    app.refresh(setup)
    frames(app, 2)
    assert not setup.start_button.is_enabled and "human" in setup.status.text
    key(app, pygame.K_RETURN)
    assert app.top is setup


def test_hotseat_briefings_pass_through_privacy_screens(app: App) -> None:
    from dataclasses import replace

    from negotiator.scenario import load_scenario
    from negotiator.ui.scenes.briefing import BriefingScene
    from negotiator.ui.scenes.privacy import PrivacyScreen
    from negotiator.ui.scenes.setup import SetupScene

    scenario = load_scenario(_scenario_path())
    setup = SetupScene(app, _scenario_path(), scenario)
    app.push(setup)
    playable = [a.id for a in scenario.negotiators if a.playable][:2]
    for actor_id in playable:
        setup.roles[actor_id] = replace(setup.roles[actor_id], human=True)
    key(app, pygame.K_RETURN)
    for actor_id in playable:
        assert isinstance(app.top, PrivacyScreen) and app.top.actor_id == actor_id
        assert not any(isinstance(s, BriefingScene) for s in app.stack)  # nothing private beneath
        key(app, pygame.K_RETURN)
        assert isinstance(app.top, BriefingScene) and app.top.actor_id == actor_id
        assert sum(isinstance(s, BriefingScene) for s in app.stack) == 1
        key(app, pygame.K_RETURN)


def test_the_chooser_reuses_unchanged_scenarios_and_rereads_changed_ones(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the chooser again parses no unchanged file (it was most of the screen's opening time); a changed
    file is read again, and F5 reads every file."""
    from negotiator.ui import catalogue

    mine = paths.user_scenarios_dir() / "mine.yaml"
    mine.write_text((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    read: list[Path] = []
    real = catalogue.load_scenario

    def counting(path, **kwargs):  # type: ignore[no-untyped-def]
        read.append(Path(path))
        return real(path, **kwargs)

    monkeypatch.setattr(catalogue, "load_scenario", counting)
    app.push(ScenarioChooser(app))
    app.pop()
    read.clear()
    chooser = ScenarioChooser(app)
    assert read == []
    assert any(e.path == mine and e.ok for e in chooser.entries)
    mine.write_text(mine.read_text(encoding="utf-8") + "\n# edited\n")
    ScenarioChooser(app)
    assert read == [mine]
    read.clear()
    app.push(chooser)
    chooser.reload()
    assert mine in read and len(read) == len(chooser.entries)
