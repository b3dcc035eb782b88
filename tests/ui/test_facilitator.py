"""The facilitator in the window, headless: the PIN guards the panel; the panel's injects, meter changes,
bulletins and deadlines reach the engine as logged facilitator actions and replay identically; pause stops the
computer; the move timer ends a move or lets the computer finish it; Ctrl+S saves; Brief shows the briefing
over the table; the end screen exports the report and branches from a turn."""

from __future__ import annotations

import html as html_module
import webbrowser
from pathlib import Path

import pygame
import pytest
from table_helpers import ISTANBUL, TUTORIAL, click, frames, key, open_table, session_for, until

from negotiator import paths
from negotiator.engine import FACILITATOR, EndTurn, InjectEvent, SendBulletin
from negotiator.engine.saves import load_game, write_save
from negotiator.ui.app import App
from negotiator.ui.facilitation import TIME_RAN_OUT
from negotiator.ui.newstext import news_items
from negotiator.ui.scenes.briefing import BriefingScene
from negotiator.ui.scenes.debrief import DebriefScene
from negotiator.ui.scenes.debrief_dialogs import BranchDialog, ExportDialog
from negotiator.ui.scenes.facilitator import FacilitatorPanel, PinDialog
from negotiator.ui.scenes.pause import PauseScreen
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.scenes.saves_dialog import SaveDialog
from negotiator.ui.scenes.table import TableScene
from negotiator.ui.session import GameSession


def type_into(app: App, entry: object, text: str) -> None:
    """Click into a text entry, clear it, and type like a person (TEXTINPUT events)."""
    entry.set_text("")  # type: ignore[attr-defined]
    click(app, entry)  # type: ignore[arg-type]
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    frames(app, 2)


def enter(app: App) -> None:
    """Enter in a text field: the field posts its "finished" event, handled on the next frame."""
    key(app, pygame.K_RETURN)
    frames(app, 2)


def ctrl_key(app: App, k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=pygame.KMOD_LCTRL, unicode="", scancode=0))
    frames(app, 1)


def my_move(app: App, table: TableScene) -> None:
    def ready() -> bool:
        if isinstance(app.top, ResolutionScene):
            key(app, pygame.K_RETURN)
        return app.top is table and table.ctx.data.my_move

    until(app, ready)


def open_panel(app: App, table: TableScene) -> FacilitatorPanel:
    key(app, pygame.K_F9)
    panel = app.top
    assert isinstance(panel, FacilitatorPanel)
    return panel


def finished(path: Path = ISTANBUL, seed: int = 2) -> GameSession:
    session = session_for(path, (), seed=seed)
    while not session.state.is_over():
        session.step_ai()
    return session


# --- the PIN ----------------------------------------------------------------------------------------


def test_f9_asks_for_the_pin_and_a_wrong_pin_opens_nothing(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    session.facilitation.set_pin("4321")
    table = open_table(ui_app, session)
    key(ui_app, pygame.K_F9)
    dialog = ui_app.top
    assert isinstance(dialog, PinDialog)
    type_into(ui_app, dialog.entry, "1234")
    enter(ui_app)
    assert ui_app.top is dialog, "a wrong PIN must open nothing"
    assert not any(isinstance(s, FacilitatorPanel) for s in ui_app.stack)
    assert "not the PIN" in dialog.status.text
    key(ui_app, pygame.K_ESCAPE)  # leaves the text field
    key(ui_app, pygame.K_ESCAPE)  # closes the dialog
    assert ui_app.top is table
    key(ui_app, pygame.K_F9)
    dialog = ui_app.top
    assert isinstance(dialog, PinDialog)
    type_into(ui_app, dialog.entry, "4321")
    enter(ui_app)
    assert isinstance(ui_app.top, FacilitatorPanel)


def test_menu_opens_the_panel_without_a_pin(ui_app: App) -> None:
    table = open_table(ui_app, session_for(TUTORIAL, ("union",)))
    click(ui_app, table.panels["header"].menu)  # type: ignore[attr-defined]
    menu = ui_app.top
    button = next(b for b, k in menu.buttons.items() if k == "facilitator")  # type: ignore[attr-defined]
    click(ui_app, button)
    assert isinstance(ui_app.top, FacilitatorPanel)


# --- the panel's actions -------------------------------------------------------------------------------


def test_panel_actions_change_the_game_and_are_logged_as_the_facilitators(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    table = open_table(ui_app, session)
    scenario = session.scenario
    panel = open_panel(ui_app, table)
    before = session.state
    start = len(before.actions)

    event = scenario.events[2]
    panel.choose("event", event.id)
    click(ui_app, panel.inject_button)  # type: ignore[arg-type]
    assert event.id in session.state.fired_events

    meter = next(m for m in scenario.meters if m.scope == "actor" and len(scenario.holders(m.id)) == 1)
    holder = scenario.holders(meter.id)[0]
    panel.choose("meter", meter.id)
    frames(ui_app, 1)
    type_into(ui_app, panel.amount_entry, "6")
    level = session.state.meters[f"{meter.id}@{holder}"]
    click(ui_app, panel.minus_button)  # type: ignore[arg-type]
    assert session.state.meters[f"{meter.id}@{holder}"] == pytest.approx(max(meter.min, level - 6))

    type_into(ui_app, panel.bulletin_entry, "Talks resume on Monday")
    click(ui_app, panel.bulletin_button)
    assert session.state.entries[-1].text == "Talks resume on Monday"

    turns = session.state.turns
    click(ui_app, panel.later)
    click(ui_app, panel.later)
    click(ui_app, panel.deadline_button)
    assert session.state.turns == turns + 2

    new = session.state.actions[start:]
    assert [a.verb for a in new] == ["inject", "adjust", "bulletin", "deadline"]
    assert all(a.actor == FACILITATOR for a in new)
    logged = [e for e in session.state.entries if e.phase == "facilitator"]
    assert len(logged) == 4 and all(e.data.get("facilitator") for e in logged)
    assert "Done" in panel.status.text

    key(ui_app, pygame.K_ESCAPE)
    assert ui_app.top is table
    items = news_items(table.ctx.data.log)
    assert sum(item.tag.startswith("FACILITATOR") for item in items) == 4


def test_a_refused_action_shows_on_the_panel(ui_app: App) -> None:
    session = session_for(TUTORIAL, ("union",))
    table = open_table(ui_app, session)
    panel = open_panel(ui_app, table)
    count = len(session.state.actions)
    click(ui_app, panel.bulletin_button)  # an empty bulletin
    assert len(session.state.actions) == count
    assert panel.status.text.startswith("Not done")
    assert ui_app.top is panel


def test_a_game_with_facilitator_actions_replays_to_the_same_state(tmp_path: Path) -> None:
    session = session_for(TUTORIAL, ("union",), seed=5)
    scenario = session.scenario
    session.act(InjectEvent(FACILITATOR, event=scenario.events[0].id))
    steps = 0
    while not session.state.is_over():
        if session.human_to_move:
            if steps == 1:
                session.act(SendBulletin(FACILITATOR, text="Halfway there"))
            session.act(EndTurn(session.human_to_move))
            steps += 1
        else:
            session.step_ai()
    path = write_save(tmp_path / "fac.json", session.state, session.scenario_hash, session.scenario_path)
    loaded = load_game(path, TUTORIAL)
    assert loaded.state.state_hash() == session.state.state_hash()
    assert sum(a.actor == FACILITATOR for a in loaded.state.actions) == 2


# --- pause and the timer -------------------------------------------------------------------------------


def test_pause_stops_the_computer_and_resume_lets_it_go_on(ui_app: App) -> None:
    session = session_for(TUTORIAL, ())
    table = open_table(ui_app, session, demo=True)
    panel = open_panel(ui_app, table)
    click(ui_app, panel.pause_button)
    assert session.facilitation.paused
    key(ui_app, pygame.K_ESCAPE)
    frames(ui_app, 2)
    assert isinstance(ui_app.top, PauseScreen)
    count = len(session.state.actions)
    frames(ui_app, 60)
    assert len(session.state.actions) == count
    key(ui_app, pygame.K_F9)
    panel = ui_app.top
    assert isinstance(panel, FacilitatorPanel)
    click(ui_app, panel.pause_button)
    key(ui_app, pygame.K_ESCAPE)
    frames(ui_app, 30)
    assert not any(isinstance(s, PauseScreen) for s in ui_app.stack)
    assert len(session.state.actions) > count


def test_the_timer_counts_down_on_the_header(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    session.facilitation.set_timer(90)
    table = open_table(ui_app, session)
    my_move(ui_app, table)
    ui_app.step(1.0)
    shown = table.timer_display()
    assert shown is not None and shown[0] == "1:29 left"
    session.facilitation.set_timer(None)
    assert table.timer_display() is None


def test_time_running_out_ends_the_move_with_pass(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    session.facilitation.set_timer(30)
    session.facilitation.on_timeout = "pass"
    table = open_table(ui_app, session)
    my_move(ui_app, table)
    count = len(session.state.actions)
    ui_app.step(31.0)
    action = session.state.actions[count]
    assert isinstance(action, EndTurn) and action.actor == "kyiv" and action.reason == TIME_RAN_OUT
    assert len(session.state.actions) >= count + 1


def test_time_running_out_lets_the_computer_finish_the_move_with_ai(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    session.facilitation.set_timer(30)
    session.facilitation.on_timeout = "ai"
    table = open_table(ui_app, session)
    my_move(ui_app, table)
    count = len(session.state.actions)
    turn = session.state.turn
    ui_app.step(31.0)
    until(ui_app, lambda: any(isinstance(a, EndTurn) and a.actor == "kyiv" for a in session.state.actions[count:]))
    by_kyiv = [a for a in session.state.actions[count:] if a.actor == "kyiv"]
    assert all(a.reason.startswith(TIME_RAN_OUT) for a in by_kyiv)
    assert isinstance(by_kyiv[-1], EndTurn)
    assert session.stand_in_for is None
    assert session.state.turn > turn or session.state.current_actor != "kyiv"


def test_the_timer_stands_still_while_paused() -> None:
    session = session_for(TUTORIAL, ("union",))
    fac = session.facilitation
    fac.set_timer(60)
    assert not fac.tick((1, "union"), 10)
    fac.paused = True
    assert not fac.tick((1, "union"), 100)
    assert fac.remaining == pytest.approx(50)
    fac.paused = False
    assert fac.tick((1, "union"), 50)
    assert not fac.tick((2, "union"), 1), "a new move gets a full countdown"


# --- table integrations --------------------------------------------------------------------------------


def test_ctrl_s_and_the_save_button_open_the_save_dialog(ui_app: App) -> None:
    table = open_table(ui_app, session_for(TUTORIAL, ("union",)))
    ctrl_key(ui_app, pygame.K_s)
    assert isinstance(ui_app.top, SaveDialog)
    ui_app.pop()
    click(ui_app, table.panels["header"].save)  # type: ignore[attr-defined]
    assert isinstance(ui_app.top, SaveDialog)


def test_brief_shows_the_briefing_and_returns_to_the_same_table(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    table = open_table(ui_app, session)
    key(ui_app, pygame.K_b)
    brief = ui_app.top
    assert isinstance(brief, BriefingScene) and brief.review and brief.actor_id == "kyiv"
    key(ui_app, pygame.K_ESCAPE)
    assert ui_app.top is table


def test_in_hotseat_only_the_player_to_move_gets_the_brief(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv", "moscow"))
    table = open_table(ui_app, session)
    assert table.seat is None
    key(ui_app, pygame.K_b)
    assert not any(isinstance(s, BriefingScene) for s in ui_app.stack)
    until(ui_app, lambda: table.seat is not None or (not isinstance(ui_app.top, TableScene) and _ready(ui_app)))
    assert table.seat == session.human_to_move
    key(ui_app, pygame.K_b)
    brief = ui_app.top
    assert isinstance(brief, BriefingScene) and brief.actor_id == table.seat


def _ready(app: App) -> bool:
    """Press Enter on hand-over and resolution screens."""
    key(app, pygame.K_RETURN)
    return False


# --- the end screen ------------------------------------------------------------------------------------


def test_export_writes_the_report_and_opening_it_never_crashes(ui_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    session = finished()
    scene = DebriefScene(ui_app, session)
    ui_app.push(scene)
    frames(ui_app, 2)
    click(ui_app, scene.export)
    dialog = ui_app.top
    assert isinstance(dialog, ExportDialog)
    click(ui_app, next(b for b, k in dialog.choice_buttons.items() if k == "export"))
    assert dialog.written
    path = dialog.written[0]
    assert path.parent == paths.user_data_dir() / "reports" and path.suffix == ".html"
    html = path.read_text(encoding="utf-8")
    outcome = session.state.outcome()
    assert outcome is not None and outcome.ending_text.split(":")[0] in html_module.unescape(html)

    def no_browser(url: str) -> bool:
        raise webbrowser.Error("no browser")

    monkeypatch.setattr(webbrowser, "open", no_browser)
    click(ui_app, next(b for b, k in dialog.choice_buttons.items() if k == "open"))
    assert ui_app.top is dialog and "No web browser" in dialog.note
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    click(ui_app, next(b for b, k in dialog.choice_buttons.items() if k == "open"))
    assert opened == [path.resolve().as_uri()]


def test_export_to_a_chosen_name(ui_app: App, tmp_path: Path) -> None:
    session = finished(TUTORIAL, 4)
    ui_app.push(DebriefScene(ui_app, session))
    frames(ui_app, 2)
    key(ui_app, pygame.K_x)
    dialog = ui_app.top
    assert isinstance(dialog, ExportDialog)
    type_into(ui_app, dialog.entry, str(tmp_path / "class-report"))
    enter(ui_app)
    assert dialog.written[:2] == [tmp_path / "class-report.html", tmp_path / "class-report-projector.html"]
    assert (tmp_path / "class-report.html").stat().st_size > 1000
    roles = [p.name.removeprefix("class-report-").removesuffix(".html") for p in dialog.written[2:]]
    assert roles == [a.id for a in session.scenario.negotiators if a.id in session.scenario.preferences]  # nobody human
    assert 'class="slide"' in (tmp_path / "class-report-projector.html").read_text(encoding="utf-8")


def test_branch_from_a_turn_opens_the_table_at_that_turn(ui_app: App) -> None:
    session = finished(TUTORIAL, 4)
    original = session.state.state_hash()
    session.facilitation.set_timer(120)
    scene = DebriefScene(ui_app, session)
    ui_app.push(scene)
    frames(ui_app, 2)
    click(ui_app, scene.branch_btn)
    dialog = ui_app.top
    assert isinstance(dialog, BranchDialog)
    while dialog.turn > 2:
        click(ui_app, dialog.earlier)
    click(ui_app, next(b for b, k in dialog.choice_buttons.items() if k == "branch"))
    table = next(s for s in ui_app.stack if isinstance(s, TableScene))
    assert table.session.state.turn == 2 and not table.session.state.is_over()
    assert table.session.facilitation.timer_seconds == 120
    assert session.state.state_hash() == original
