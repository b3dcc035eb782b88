"""The guided tutorial in the window: each step passes on what the player did in the game (not on clicks), Skip
step and End tutorial work at any step, the tutorial is selected on the very first start, it runs without a
timer, and How to play starts it again."""

from __future__ import annotations

import json

import pygame
import pytest
from table_helpers import ISTANBUL, TUTORIAL, click, frames, open_table, session_for, until

from negotiator import paths
from negotiator.engine.actions import DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.ui.app import App
from negotiator.ui.flow import begin_briefings
from negotiator.ui.scenes.briefing import BriefingScene
from negotiator.ui.scenes.chooser import ScenarioChooser
from negotiator.ui.scenes.debrief import DebriefScene
from negotiator.ui.scenes.help import HelpOverlay
from negotiator.ui.scenes.message import MessageDialog
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.scenes.setup import SetupScene
from negotiator.ui.scenes.table import TableScene
from negotiator.ui.scenes.title import TitleScene
from negotiator.ui.session import GameSession
from negotiator.ui.settings import Settings, load_settings
from negotiator.ui.table.news_feed import NewsFeed
from negotiator.ui.table.tutorial_panel import TutorialPanel
from negotiator.ui.tutorial import goals_met_by

SEAT = "union"


def goals(session: GameSession) -> list[str]:
    assert session.tutorial is not None
    return [s.done_when for s in session.tutorial.steps]


def current_goal(session: GameSession) -> str | None:
    assert session.tutorial is not None
    index = session.tutorial.current(session.state)
    return None if index is None else session.tutorial.steps[index].done_when


def card_buttons(table: TableScene) -> dict[str, object]:
    panel = table.panels["tutorial"]
    assert isinstance(panel, TutorialPanel)
    return {key: button for button, key in panel.card.buttons.items()}


def to_my_move(app: App, table: TableScene) -> None:
    """Let the computer move and close each turn's results until the player may move again."""

    def ready() -> bool:
        top = app.top
        if isinstance(top, ResolutionScene):
            top.close()
        return top is table and table.session.human_to_move == SEAT and table.ctx.data.my_move

    until(app, ready)


def test_each_step_passes_when_its_action_is_in_the_game(ui_app: App) -> None:
    session = session_for(TUTORIAL, (SEAT,))
    assert goals(session)[:6] == [
        "brief_read", "offer_sent", "lever_used", "red_line_declared", "move_ended", "offer_answered"
    ]  # fmt: skip
    begin_briefings(ui_app, session)
    frames(ui_app, 2)
    briefing = ui_app.top
    assert isinstance(briefing, BriefingScene) and briefing.card is not None
    assert current_goal(session) == "brief_read"
    click(ui_app, briefing.go_button)
    table = ui_app.top
    assert isinstance(table, TableScene) and "tutorial" in table.panels and "news" not in table.panels
    assert current_goal(session) == "offer_sent"
    to_my_move(ui_app, table)

    table.builder.submit()  # Send offer with nothing picked: a click, but no offer in the game
    table.changed()
    assert current_goal(session) == "offer_sent"
    for issue, option in (("pay", "pay_3"), ("breaks", "breaks_30"), ("weekends", "rotating")):
        table.pick(issue, option)
    assert table.builder.submit()
    assert any(isinstance(a, MakeOffer) and a.actor == SEAT for a in session.state.actions)
    assert current_goal(session) == "lever_used"

    assert table.act(UseLever(SEAT, lever="union_statement"))
    assert current_goal(session) == "red_line_declared"

    # Whatever screen declares it, the engine action is what counts: here it reaches the session directly.
    session.act(DeclareRedLine(SEAT, issue="breaks", option="breaks_unchanged"))
    table.changed()
    assert current_goal(session) == "move_ended"
    assert isinstance(table.panels["tutorial"], TutorialPanel)

    table.end_move()
    assert current_goal(session) == "offer_answered"
    while not table.ctx.data.awaiting_me and not session.state.is_over():
        to_my_move(ui_app, table)
        if not table.ctx.data.awaiting_me:
            table.end_move()
    offer = table.ctx.data.awaiting_me[0]
    assert table.act(Respond(SEAT, offer_id=offer.id, accept=False))
    assert current_goal(session) == "game_over"

    until(ui_app, lambda: isinstance(ui_app.top, DebriefScene) or _end_moves(ui_app, table))
    debrief = ui_app.top
    assert isinstance(debrief, DebriefScene)
    frames(ui_app, 2)
    assert current_goal(session) == "debrief_read" and debrief.card is not None
    deal_tab = next(button for button, key in debrief.tabs.items() if key == "deal")
    click(ui_app, deal_tab)
    frames(ui_app, 2)
    assert current_goal(session) is None
    debrief = ui_app.top
    assert isinstance(debrief, DebriefScene) and debrief.card is not None  # the closing word
    close = next(button for button, key in debrief.card.buttons.items() if key == "end")
    click(ui_app, close)
    assert ui_app.top.card is None  # type: ignore[union-attr]


def _end_moves(app: App, table: TableScene) -> bool:
    top = app.top
    if isinstance(top, ResolutionScene):
        top.close()
    elif top is table and table.session.human_to_move == SEAT and table.ctx.data.my_move:
        table.end_move()
    return False


def test_only_the_players_own_moves_count() -> None:
    session = session_for(TUTORIAL, (SEAT,))
    other = "authority"
    assert goals_met_by(EndTurn(other), SEAT) == frozenset()
    assert goals_met_by(EndTurn(SEAT, reason="Time ran out"), SEAT) == frozenset()  # the timer ended it
    timed = "Time ran out; the computer moved for this side: ..."
    assert goals_met_by(MakeOffer(SEAT, terms=(("pay", "pay_3"),), reason=timed), SEAT) == frozenset()
    assert goals_met_by(EndTurn(SEAT), SEAT) == {"move_ended"}
    while session.state.current_actor != SEAT:
        session.step_ai()
    session.time_out(SEAT, "pass")  # the move timer ends the player's move
    assert session.tutorial is not None
    assert "move_ended" not in session.tutorial.met(session.state)


def test_skip_step_and_end_tutorial_work_at_any_step(ui_app: App) -> None:
    session = session_for(TUTORIAL, (SEAT,))
    begin_briefings(ui_app, session)
    frames(ui_app, 2)
    briefing = ui_app.top
    assert isinstance(briefing, BriefingScene) and briefing.card is not None
    skip = next(button for button, key in briefing.card.buttons.items() if key == "skip")
    click(ui_app, skip)  # skipped on the briefing itself
    assert current_goal(session) == "offer_sent"
    briefing = ui_app.top
    assert isinstance(briefing, BriefingScene) and briefing.card is not None  # the next step, same screen
    click(ui_app, briefing.go_button)
    table = ui_app.top
    assert isinstance(table, TableScene)
    click(ui_app, card_buttons(table)["skip"])
    assert current_goal(session) == "lever_used"
    assert session.state.actions == () or not any(a.actor == SEAT for a in session.state.actions)  # nothing played
    click(ui_app, card_buttons(table)["end"])
    assert session.tutorial is not None and session.tutorial.ended
    assert "tutorial" not in table.panels and isinstance(table.panels["news"], NewsFeed)  # the news is back


def test_no_tutorial_for_hotseat_or_other_scenarios() -> None:
    assert session_for(TUTORIAL, ("union", "authority")).tutorial is None
    assert session_for(TUTORIAL, ()).tutorial is None
    me = session_for(ISTANBUL, ()).scenario.negotiators[0].id
    assert session_for(ISTANBUL, (me,)).tutorial is None


def test_the_first_start_selects_the_tutorial_once(ui_app: App) -> None:
    assert not ui_app.settings.tutorial_offered
    title = ui_app.top
    assert isinstance(title, TitleScene)
    title.activate("new_game")
    frames(ui_app, 2)
    chooser = ui_app.top
    assert isinstance(chooser, ScenarioChooser)
    assert chooser.selected is not None and chooser.selected.resolve() == TUTORIAL.resolve()
    saved = json.loads(paths.settings_path().read_text(encoding="utf-8"))
    assert saved["tutorial_offered"] is True
    assert load_settings()[0].tutorial_offered
    ui_app.pop(chooser)
    title.activate("new_game")  # the second time: the usual first scenario
    chooser = ui_app.top
    assert isinstance(chooser, ScenarioChooser)
    assert chooser.selected is not None and chooser.selected.resolve() != TUTORIAL.resolve()


def test_the_tutorial_runs_without_a_timer(ui_app: App) -> None:
    from negotiator.scenario import load_scenario

    setup = SetupScene(ui_app, TUTORIAL, load_scenario(TUTORIAL))
    ui_app.push(setup)
    frames(ui_app, 2)
    assert setup.facilitation.timer_seconds is None
    click(ui_app, setup.start_button)
    briefing = ui_app.top
    assert isinstance(briefing, BriefingScene)
    session = briefing.session
    assert session.facilitation.timer_seconds is None and session.tutorial is not None
    click(ui_app, briefing.go_button)
    table = ui_app.top
    assert isinstance(table, TableScene)
    to_my_move(ui_app, table)
    assert table.timer_display() is None
    frames(ui_app, 200)  # minutes of waiting would still end nothing
    assert session.human_to_move == SEAT and not table.animating()


def test_how_to_play_starts_the_tutorial_again_and_saves_the_game(ui_app: App) -> None:
    me = session_for(ISTANBUL, ()).scenario.negotiators[0].id
    open_table(ui_app, session_for(ISTANBUL, (me,)))
    ui_app.open_help()
    frames(ui_app, 2)
    help_overlay = ui_app.top
    assert isinstance(help_overlay, HelpOverlay)
    button = next(b for b, key in help_overlay.choice_buttons.items() if key == "tutorial")
    click(ui_app, button)
    notice = ui_app.top
    assert isinstance(notice, MessageDialog) and "Continue" in notice.body
    ui_app.pop(notice)
    setup = ui_app.top
    assert isinstance(setup, SetupScene) and setup.scenario.tutorial is not None
    assert list(paths.autosaves_dir().glob("*.json"))
    assert isinstance(ui_app.stack[0], TitleScene) and len(ui_app.stack) == 2
    pygame.event.clear()


def test_a_resumed_tutorial_keeps_what_was_done_and_skips_the_brief() -> None:
    from negotiator.engine.saves import load_game

    session = session_for(TUTORIAL, (SEAT,))
    while session.state.current_actor != SEAT:
        session.step_ai()
    session.act(UseLever(SEAT, lever="union_statement"))
    path = session.save(paths.saves_dir() / "t.json")
    resumed = GameSession.from_loaded(load_game(path, TUTORIAL))
    assert resumed.tutorial is not None
    met = resumed.tutorial.met(resumed.state)
    assert {"brief_read", "lever_used"} <= met and "offer_sent" not in met
    assert current_goal(resumed) == "offer_sent"


def played_out() -> GameSession:
    """A tutorial game the player ended move after move until the deadline."""
    session = session_for(TUTORIAL, (SEAT,))
    while not session.state.is_over():
        if session.human_to_move == SEAT:
            session.act(EndTurn(SEAT))
        else:
            session.step_ai()
    return session


@pytest.mark.parametrize(
    ("size", "text_size"),
    [((1024, 600), "x_large"), ((1280, 720), "normal")],
)
def test_every_step_shows_whole_at_the_smallest_window_and_largest_text(size: tuple[int, int], text_size: str) -> None:
    app = App(Settings(window_size=size, text_size=text_size), title_factory=TitleScene)  # type: ignore[arg-type]
    app.reset_to_title()
    try:
        steps = goals(session_for(TUTORIAL, (SEAT,)))
        for index, goal in enumerate(steps):
            session = played_out() if goal == "debrief_read" else session_for(TUTORIAL, (SEAT,))
            assert session.tutorial is not None
            session.tutorial.skipped = set(range(index))
            if goal == "brief_read":
                scene: BriefingScene | TableScene | DebriefScene = BriefingScene(app, session, SEAT)
            elif goal == "debrief_read":
                scene = DebriefScene(app, session)
            else:
                scene = TableScene(app, session, speed=1000.0)
            app.push(scene)
            frames(app, 2)
            card = scene.panels["tutorial"].card if isinstance(scene, TableScene) else scene.card  # type: ignore[attr-defined]
            assert card is not None and current_goal(session) == goal
            assert card.fits(), f"step {index + 1} ({goal}) is cut at {size} with {text_size} text"
            app.pop(scene)
        session = played_out()
        assert session.tutorial is not None
        session.tutorial.skipped = set(range(len(steps)))
        debrief = DebriefScene(app, session)
        app.push(debrief)
        frames(app, 2)
        assert debrief.card is not None and debrief.card.fits(), "the closing word is cut"
    finally:
        app.close()


def test_a_new_step_keeps_a_counter_in_progress(ui_app: App) -> None:
    session = session_for(TUTORIAL, (SEAT,))
    assert session.tutorial is not None
    session.tutorial.skipped = {0, 1}  # on to "use a lever"
    table = open_table(ui_app, session)
    to_my_move(ui_app, table)
    while not table.ctx.data.awaiting_me:
        table.end_move()
        to_my_move(ui_app, table)
    offer = table.ctx.data.awaiting_me[0]
    table.counter(offer)
    assert table.act(UseLever(SEAT, lever="union_statement"))
    ui_app.resize((1024, 600))  # and a rebuild for a new window size
    assert current_goal(session) == "red_line_declared"
    assert table.builder.counter_of == offer.id


def test_the_table_measures_the_tutorial_card_once_per_step(ui_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """The card's height is part of the table's layout key, checked after every action: measuring it (a probe
    card, its text wrapped) happens when the step changes, not on each computer move."""
    from negotiator.ui.table import tutorial_panel

    made: list[object] = []

    class Counted(tutorial_panel.TutorialCard):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(tutorial_panel, "TutorialCard", Counted)
    session = session_for(TUTORIAL, (SEAT,))
    table = open_table(ui_app, session)
    step = session.tutorial.current(session.state)  # type: ignore[union-attr]
    made.clear()
    for _ in range(5):
        table.changed()
    assert made == [] and session.tutorial.current(session.state) == step  # type: ignore[union-attr]
    click(ui_app, card_buttons(table)["skip"])
    frames(ui_app, 2)
    assert made, "the next step's card was never measured"
    made.clear()
    table.changed()
    assert made == []
