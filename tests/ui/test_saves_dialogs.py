"""Save, load, continue, replay and branch through the dialogs, headless.

The table is stood in for by a plain scene (the table has its own tests), so these tests see exactly which
game the dialogs handed on.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest
from table_helpers import click, frames, key

from negotiator import paths
from negotiator.engine.branching import rewind
from negotiator.engine.players import play_ai_game
from negotiator.engine.saves import autosave, latest_autosave, load_game, read_save, write_save
from negotiator.scenario import load_scenario, scenario_content_hash
from negotiator.ui.app import App
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.replay import ReplayScene
from negotiator.ui.scenes.save_notices import ConfirmDialog, SaveErrorDialog
from negotiator.ui.scenes.saves_dialog import LoadDialog, SaveDialog
from negotiator.ui.session import GameSession

ROOT = Path(__file__).resolve().parents[2]
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


class StandInTable(Scene):
    """Where `start_table` would go: keeps the session it was given."""

    name = "stand_in_table"

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session


@pytest.fixture
def app(ui_app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    def start_table(app: App, session: GameSession) -> None:
        while len(app.stack) > 1:
            app.pop()
        app.push(StandInTable(app, session))

    monkeypatch.setattr("negotiator.ui.resume.start_table", start_table)
    return ui_app


def button(scene: Scene, text: str) -> pygame_gui.elements.UIButton:
    def walk(container):  # type: ignore[no-untyped-def]
        for element in container.elements:
            yield element
            inner = getattr(element, "get_container", None)
            if inner is not None and inner() is not element and inner() is not container:
                yield from walk(inner())

    assert scene.root is not None
    for element in walk(scene.root.get_container()):
        if isinstance(element, pygame_gui.elements.UIButton) and element.text.startswith(text):
            return element
    raise AssertionError(f"no button {text!r}")


def finished_save(name: str = "finished.json", seed: int = 3) -> Path:
    state = play_ai_game(load_scenario(ISTANBUL), seed)
    return write_save(paths.saves_dir() / name, state, scenario_content_hash(ISTANBUL), ISTANBUL)


def tutorial_session() -> GameSession:
    scenario = load_scenario(TUTORIAL)
    human = next(a.id for a in scenario.actors if a.playable and a.negotiates)
    return GameSession.quick(TUTORIAL, scenario, 5, (human,))


# --- save ------------------------------------------------------------------------------------------


def test_save_then_load_round_trip_through_the_dialogs(app: App) -> None:
    session = tutorial_session()
    while session.state.turn < 2:
        session.step_ai() or session.act(next(iter(session.state.legal_actions(session.human_to_move))))
    dialog = SaveDialog(app, session)
    app.push(dialog)
    frames(app, 2)
    assert dialog.entry.get_text().endswith("-turn02.json")
    dialog.entry.set_text("class 3b")
    click(app, button(dialog, "Save"))
    target = paths.saves_dir() / "class 3b.json"
    assert target.is_file()
    assert app.top is not dialog and app.top.name == "message"  # "Game saved"
    app.pop()

    loader = LoadDialog(app)
    app.push(loader)
    frames(app, 2)
    row = next(b for b, p in loader.rows.items() if p == target)
    click(app, row)
    assert loader.current is not None and loader.current.path == target
    assert loader.current.turn == 2 and not loader.current.finished
    click(app, button(loader, "Load"))
    table = app.top
    assert isinstance(table, StandInTable)
    assert table.session.state.state_hash() == session.state.state_hash()
    assert table.session.humans == session.humans
    assert [s.name for s in app.stack] == ["title", "stand_in_table"]


def test_save_asks_before_replacing_and_shows_errors_in_the_dialog(app: App, tmp_path: Path) -> None:
    session = tutorial_session()
    existing = paths.saves_dir() / "mine.json"
    existing.write_text("old")
    dialog = SaveDialog(app, session)
    app.push(dialog)
    frames(app, 2)
    dialog.entry.set_text("mine")
    click(app, button(dialog, "Save"))
    assert isinstance(app.top, ConfirmDialog)
    key(app, pygame.K_ESCAPE)  # cancel: nothing written
    assert app.top is dialog and existing.read_text() == "old"
    click(app, button(dialog, "Save"))
    click(app, button(app.top, "Replace"))
    assert read_save(existing).seed == 5

    blocker = tmp_path / "a_file"
    blocker.write_text("")
    dialog = SaveDialog(app, session)
    app.push(dialog)
    frames(app, 2)
    dialog.entry.set_text(str(blocker / "inside.json"))
    click(app, button(dialog, "Save"))
    assert app.top is dialog
    assert "is a file, not a folder" in dialog.status.text  # refused before writing, with the reason


# --- load ------------------------------------------------------------------------------------------


def test_corrupt_save_shows_the_error_and_changes_nothing(app: App) -> None:
    good = finished_save()
    corrupt = paths.saves_dir() / "corrupt.json"
    text = good.read_text()
    corrupt.write_text(text[: text.rindex("\n", 0, len(text) // 2)])  # cut off mid-write, at a line end
    before = corrupt.read_bytes()
    loader = LoadDialog(app)
    app.push(loader)
    frames(app, 2)
    summaries = {s.path.name: s for s in loader.summaries}
    assert not summaries["corrupt.json"].ok and "truncated" in summaries["corrupt.json"].problem
    row = next(b for b, p in loader.rows.items() if p == corrupt)
    click(app, row)
    stack = list(app.stack)
    key(app, pygame.K_RETURN)  # Enter = Load
    error = app.top
    assert isinstance(error, SaveErrorDialog)
    assert "truncated" in error.error.message and error.error.hint
    assert app.stack[:-1] == stack
    key(app, pygame.K_ESCAPE)
    assert app.stack == stack and corrupt.read_bytes() == before


def test_mismatched_save_shows_the_engine_message(app: App) -> None:
    state = play_ai_game(load_scenario(ISTANBUL), 4)
    path = write_save(paths.saves_dir() / "old.json", state, "0" * 64, ISTANBUL)
    before = path.read_bytes()
    loader = LoadDialog(app)
    app.push(loader)
    frames(app, 2)
    click(app, button(loader, "Load"))
    assert isinstance(app.top, SaveErrorDialog)
    assert "has changed since this game was saved" in app.top.error.message
    assert [s.name for s in app.stack] == ["title", "load_dialog", "save_error"]
    assert path.read_bytes() == before


def test_open_file_by_path(app: App, tmp_path: Path) -> None:
    elsewhere = write_save(
        tmp_path / "elsewhere.json", play_ai_game(load_scenario(ISTANBUL), 2), scenario_content_hash(ISTANBUL), ISTANBUL
    )
    loader = LoadDialog(app)
    app.push(loader)
    frames(app, 2)
    loader.open_path(str(tmp_path / "missing.json"))
    assert isinstance(app.top, SaveErrorDialog)
    app.pop()
    loader.open_path(str(elsewhere))
    assert app.top is loader and loader.current is not None and loader.current.path == elsewhere
    assert loader.current.folder == "opened" and loader.current.finished


# --- title -----------------------------------------------------------------------------------------


def test_title_greys_out_continue_and_load_without_saves(app: App) -> None:
    title = app.top
    assert not button(title, "Continue").is_enabled and not button(title, "Load game").is_enabled
    finished_save()  # a named save only: Load works, Continue (autosaves) does not
    app.reset_to_title()
    title = app.top
    assert not button(title, "Continue").is_enabled and button(title, "Load game").is_enabled
    click(app, button(title, "Load game"))
    assert isinstance(app.top, LoadDialog)


def test_continue_loads_the_latest_autosave(app: App) -> None:
    scenario = load_scenario(ISTANBUL)
    digest = scenario_content_hash(ISTANBUL)
    game = play_ai_game(scenario, 3)
    autosave(rewind(game, 2), digest, ISTANBUL)
    autosave(rewind(game, 4), digest, ISTANBUL)
    latest = latest_autosave()
    assert latest is not None
    app.reset_to_title()
    click(app, button(app.top, "Continue"))
    table = app.top
    assert isinstance(table, StandInTable)
    assert table.session.state.turn == 4
    assert table.session.state.state_hash() == load_game(latest).state.state_hash()


def test_continue_with_a_damaged_autosave_explains(app: App) -> None:
    game = play_ai_game(load_scenario(ISTANBUL), 3)
    path = autosave(rewind(game, 2), scenario_content_hash(ISTANBUL), ISTANBUL)
    path.write_text(path.read_text()[:200])
    app.reset_to_title()
    click(app, button(app.top, "Continue"))
    assert isinstance(app.top, SaveErrorDialog)
    assert [s.name for s in app.stack] == ["title", "save_error"]


# --- replay and branch -----------------------------------------------------------------------------


def test_replay_steps_through_every_turn(app: App) -> None:
    path = finished_save()
    loaded = load_game(path)
    turns = len(loaded.state.records)
    loader = LoadDialog(app)
    app.push(loader)
    frames(app, 2)
    click(app, button(loader, "Replay"))
    replay = app.top
    assert isinstance(replay, ReplayScene) and replay.page.turn == 1
    seen = [replay.page.turn]
    for _ in range(turns + 2):  # past the end stays on the last turn
        key(app, pygame.K_RIGHT)
        seen.append(replay.page.turn)
    assert seen[:turns] == list(range(1, turns + 1)) and seen[-1] == turns
    click(app, button(replay, "‹  Previous"))
    assert replay.page.turn == turns - 1
    key(app, pygame.K_HOME)
    assert replay.page.turn == 1
    key(app, pygame.K_END)
    assert replay.page.turn == turns
    key(app, pygame.K_LEFT)
    assert replay.page.turn == turns - 1
    assert "REPLAY" in button_free_text(replay)
    key(app, pygame.K_ESCAPE)
    assert app.top is loader


def button_free_text(scene: Scene) -> str:
    """Every label's text in a scene (to check what it says about itself)."""
    assert scene.root is not None
    texts = []
    for element in scene.root.get_container().elements:
        if isinstance(element, pygame_gui.elements.UILabel):
            texts.append(element.text)
    return " ".join(texts)


def test_replay_of_a_game_under_way_shows_the_current_turn(app: App) -> None:
    game = play_ai_game(load_scenario(ISTANBUL), 3)
    path = write_save(paths.saves_dir() / "midway.json", rewind(game, 3), scenario_content_hash(ISTANBUL), ISTANBUL)
    replay = ReplayScene(app, load_game(path))
    app.push(replay)
    frames(app, 2)
    assert [p.turn for p in replay.pages] == [1, 2, 3] and replay.pages[-1].in_progress


def test_branch_from_the_load_dialog_keeps_the_original(app: App) -> None:
    path = finished_save()
    before = path.read_bytes()
    original = load_game(path).state
    loader = LoadDialog(app)
    app.push(loader)
    frames(app, 2)
    assert loader.branch_turn == len(original.records)
    while loader.branch_turn > 3:
        click(app, loader.prev_turn)
    loader.seats = ("kyiv",)
    click(app, button(loader, "Branch from turn 3"))
    assert app.top.name == "message"  # what happened to the original, in words
    app.pop()
    table = app.top
    assert isinstance(table, StandInTable)
    branch = table.session.state
    assert branch.turn == 3 and branch.actions == rewind(original, 3).actions
    assert table.session.humans == ("kyiv",)
    assert path.read_bytes() == before
    newest = latest_autosave()
    assert newest is not None and newest.resolve() != path.resolve()
    assert read_save(newest).records == read_save(path).records[:2]


def test_branch_from_the_replay_viewer(app: App) -> None:
    path = finished_save()
    before = path.read_bytes()
    replay = ReplayScene(app, load_game(path))
    app.push(replay)
    frames(app, 2)
    key(app, pygame.K_RIGHT)
    click(app, button(replay, "Branch from turn 2"))
    app.pop()  # the note about the branch
    assert isinstance(app.top, StandInTable) and app.top.session.state.turn == 2
    assert path.read_bytes() == before


def test_branching_an_autosave_keeps_a_copy_of_it(app: App) -> None:
    game = play_ai_game(load_scenario(ISTANBUL), 3)
    source = autosave(game, scenario_content_hash(ISTANBUL), ISTANBUL)
    before = source.read_bytes()
    replay = ReplayScene(app, load_game(source))
    app.push(replay)
    frames(app, 2)
    click(app, button(replay, "Branch from turn 1"))
    kept = paths.saves_dir() / f"{source.stem}-original.json"
    assert kept.read_bytes() == before == source.read_bytes()
    assert kept.name in app.top.body


def test_branch_from_a_game_in_memory(app: App) -> None:
    from negotiator.ui.resume import open_live_branch

    scenario = load_scenario(ISTANBUL)
    session = GameSession.quick(ISTANBUL, scenario, 3, ())
    while session.step_ai() is not None:
        pass
    assert session.state.is_over()
    open_live_branch(app, session, 2, ("moscow",))
    app.pop()
    table = app.top
    assert isinstance(table, StandInTable) and table.session.humans == ("moscow",)
    assert table.session.state.turn == 2 and session.state.is_over()
    assert read_save(latest_autosave()).settings.roles["moscow"].human
