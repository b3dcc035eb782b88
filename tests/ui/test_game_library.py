"""The library of finished games: kept apart from the autosave rotation, listed so games can be told apart,
saved from the debrief, never skipped past with Enter, and never "continued" as if still in progress."""

from __future__ import annotations

import pygame
from table_helpers import ISTANBUL, click, frames, key, session_for
from test_saves_dialogs import StandInTable, app, button  # noqa: F401  (the fixture)

from negotiator import paths
from negotiator.engine.branching import rewind
from negotiator.engine.players import play_ai_game
from negotiator.engine.saves import (
    AUTOSAVES_KEPT,
    autosave,
    keep_finished,
    latest_unfinished_autosave,
    load_game,
)
from negotiator.scenario import load_scenario, scenario_content_hash
from negotiator.ui.app import App
from negotiator.ui.savefiles import list_saves
from negotiator.ui.scenes.debrief import TABS, DebriefScene
from negotiator.ui.scenes.saves_dialog import LoadDialog, SaveDialog
from negotiator.ui.session import GameSession


def finished_session(seed: int = 2, humans: tuple[str, ...] = ()) -> GameSession:
    session = session_for(ISTANBUL, humans, seed=seed)
    while not session.state.is_over():
        if session.step_ai() is None:  # a human seat: the computer plays it for the test
            from negotiator.engine import view
            from negotiator.engine.ai import make_ai

            actor = session.state.current_actor
            assert actor is not None
            session.act(make_ai(session.scenario, actor, seed=seed).decide(view(session.state, actor)))
    return session


def test_a_finished_game_outlives_the_autosave_rotation(ui_app: App) -> None:
    session = finished_session()
    kept = session.library_path
    assert kept is not None and kept.parent == paths.library_dir()
    scenario, digest = load_scenario(ISTANBUL), scenario_content_hash(ISTANBUL)
    other = play_ai_game(scenario, 9)
    for turn in range(1, AUTOSAVES_KEPT + 3):  # later games fill the rotation many times over
        autosave(rewind(other, min(turn, other.turn)), digest, ISTANBUL)
    assert kept.exists()
    assert load_game(kept).state.state_hash() == session.state.state_hash()
    assert session.keep_finished() == kept  # one file per game
    assert keep_finished(session.state, session.scenario_hash, ISTANBUL, "x") == kept
    assert len(list(paths.library_dir().glob("*.json"))) == 1


def test_load_entries_tell_games_apart(ui_app: App) -> None:
    finished_session(seed=2)
    finished_session(seed=5, humans=("kyiv",))
    library = [s for s in list_saves() if s.folder == "library"]
    assert len(library) == 2
    lines = {s.roles: s.headline for s in library}
    assert set(lines) == {"computer only", "as Kyiv"}
    for summary in library:
        assert summary.title in summary.headline and summary.status in summary.headline
        assert f"of {summary.turns}" in summary.status and summary.ended
        assert summary.when in summary.caption and summary.ended.capitalize() in summary.caption
    assert len(set(lines.values())) == 2
    autosaved = [s for s in list_saves() if s.folder == "autosaves"]
    assert not any(s.finished for s in autosaved)  # the finished games show once, from the library


def test_the_load_dialog_lists_the_library(app: App) -> None:  # noqa: F811
    session = finished_session()
    app.reset_to_title()
    click(app, button(app.top, "Load game"))  # type: ignore[arg-type]
    dialog = app.top
    assert isinstance(dialog, LoadDialog)
    rows = {path: b for b, path in dialog.rows.items()}
    assert session.library_path in rows
    summary = next(s for s in dialog.summaries if s.path == session.library_path)
    assert rows[session.library_path].text in summary.headlines()[:2]  # who played and how far, at least
    assert "computer only" in rows[session.library_path].text and "finished after turn" in summary.status


def test_continue_does_not_open_a_finished_game(app: App) -> None:  # noqa: F811
    scenario, digest = load_scenario(ISTANBUL), scenario_content_hash(ISTANBUL)
    game = play_ai_game(scenario, 3)
    running = autosave(rewind(game, 3), digest, ISTANBUL)
    autosave(game, digest, ISTANBUL)  # the newest autosave is a finished game
    assert latest_unfinished_autosave() == running
    app.reset_to_title()
    click(app, button(app.top, "Continue"))  # type: ignore[arg-type]
    assert isinstance(app.top, StandInTable) and not app.top.session.state.is_over()
    assert app.top.session.state.turn == 3
    for path in paths.autosaves_dir().glob("*.json"):
        if path == running:
            path.unlink()
    app.reset_to_title()
    assert latest_unfinished_autosave() is None
    assert not button(app.top, "Continue").is_enabled  # type: ignore[arg-type]
    assert button(app.top, "Load game").is_enabled  # type: ignore[arg-type]


def test_enter_on_the_debrief_reads_on_and_never_leaves(ui_app: App) -> None:
    debrief = DebriefScene(ui_app, finished_session())
    ui_app.push(debrief)
    frames(ui_app, 2)
    for k in range(len(TABS) + 3):
        key(ui_app, pygame.K_RETURN)
        assert ui_app.top is debrief
        assert debrief.tab == TABS[min(k + 1, len(TABS) - 1)][0]


def test_save_on_the_debrief_writes_the_finished_game(ui_app: App) -> None:
    session = finished_session()
    debrief = DebriefScene(ui_app, session)
    ui_app.push(debrief)
    frames(ui_app, 2)
    click(ui_app, debrief.save_btn)
    dialog = ui_app.top
    assert isinstance(dialog, SaveDialog)
    dialog.entry.set_text("our class game")
    dialog.on_choice("save")
    saved = paths.saves_dir() / "our class game.json"
    assert saved.exists() and load_game(saved).state.state_hash() == session.state.state_hash()
