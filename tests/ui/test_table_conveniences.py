"""The smaller things a player meets at the table: Escape closes the menu, Settings is reachable in a game, the
move timer waits while the brief is re-read, the lever list keeps its place and the wheel moves it a useful
step, "Open in browser" always says what happened, and the no-deal value reads the same in brief and table."""

from __future__ import annotations

import webbrowser

import pygame
import pytest
from table_helpers import ISTANBUL, click, frames, key, open_table, session_for, until

from negotiator.ui.app import App
from negotiator.ui.scenes.briefing import BriefingScene, position_html
from negotiator.ui.scenes.debrief_dialogs import ExportDialog
from negotiator.ui.scenes.menu import PopupMenu
from negotiator.ui.scenes.settings_dialog import SettingsDialog
from negotiator.ui.scenes.table import TableScene
from negotiator.ui.table import paint
from negotiator.ui.table.levers_panel import WHEEL_LINES, scroll_offset


def kyiv_table(app: App) -> TableScene:
    session = session_for(ISTANBUL, ("kyiv",))
    table = open_table(app, session)
    until(app, lambda: app.top is table and table.ctx.data.my_move)
    return table


def menu_item(app: App, key_name: str):  # type: ignore[no-untyped-def]
    menu = app.top
    assert isinstance(menu, PopupMenu)
    return next(b for b, k in menu.buttons.items() if k == key_name)


def test_escape_closes_the_menu_opened_with_a_click(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    click(ui_app, table.panels["header"].menu)  # type: ignore[attr-defined]
    assert isinstance(ui_app.top, PopupMenu)
    key(ui_app, pygame.K_ESCAPE)
    assert ui_app.top is table


def test_settings_are_reachable_in_a_game_and_the_game_goes_on(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    before = table.session.state.state_hash()
    table.open_menu()
    frames(ui_app, 2)
    click(ui_app, menu_item(ui_app, "settings"))
    dialog = ui_app.top
    assert isinstance(dialog, SettingsDialog)
    dialog.pending["text_size"] = "large"
    dialog.on_choice("apply")
    frames(ui_app, 3)
    assert ui_app.settings.text_size == "large"
    assert ui_app.top is table and table.session.state.state_hash() == before and table.ctx.data.my_move


def test_the_move_timer_waits_while_the_brief_is_read(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    timer = table.session.facilitation
    timer.set_timer(60)
    frames(ui_app, 2)
    left = timer.shown_remaining(table.session.current_move)
    key(ui_app, pygame.K_b)
    assert isinstance(ui_app.top, BriefingScene)
    for _ in range(30):
        ui_app.step(1.0)  # half a minute of reading
    assert isinstance(ui_app.top, BriefingScene)
    key(ui_app, pygame.K_ESCAPE)
    assert ui_app.top is table
    assert timer.shown_remaining(table.session.current_move) == pytest.approx(left, abs=0.2)


def wheel(app: App, y: int) -> None:
    app.step(1 / 60, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=y)])
    frames(app, 2)


def test_the_lever_list_keeps_its_place_and_the_wheel_moves_three_lines(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    levers = table.panels["levers"]
    scroller = levers.scroller  # type: ignore[attr-defined]
    assert scroller.scrolling_height > scroller.rect.height  # Kyiv's levers do not fit: the list scrolls
    pygame.mouse.set_pos(scroller.get_abs_rect().center)
    frames(ui_app, 2)
    line = paint.line_height(table.ctx.fonts.body)
    wheel(ui_app, -1)
    assert scroll_offset(scroller) == pytest.approx(WHEEL_LINES * line, abs=2)
    wheel(ui_app, -1)
    kept = scroll_offset(scroller)
    assert kept == pytest.approx(2 * WHEEL_LINES * line, abs=3)
    view = scroller.get_abs_rect()
    usable = [b for b in levers.use if b.is_enabled and view.collidepoint(b.get_abs_rect().center)]  # type: ignore[attr-defined]
    uses = len(table.session.state.actions)
    click(ui_app, usable[0])  # a card in view, clicked where the player sees it
    assert len(table.session.state.actions) == uses + 1
    assert levers.scroller is not scroller  # the cards were rebuilt after the use...
    assert scroll_offset(levers.scroller) == pytest.approx(kept, abs=2)  # type: ignore[attr-defined]  # ...in place
    wheel(ui_app, 1)
    wheel(ui_app, 1)
    wheel(ui_app, 1)
    assert scroll_offset(levers.scroller) == 0  # type: ignore[attr-defined]  # never above the top


@pytest.mark.parametrize("opens", [True, False])
def test_open_in_browser_always_says_what_happened(ui_app: App, monkeypatch: pytest.MonkeyPatch, opens: bool) -> None:
    from test_game_library import finished_session

    dialog = ExportDialog(ui_app, finished_session())
    ui_app.push(dialog)
    frames(ui_app, 2)
    dialog.on_choice("export")
    frames(ui_app, 2)
    assert dialog.written and not dialog.note
    monkeypatch.setattr(webbrowser, "open", lambda url: opens)
    dialog.on_choice("open")
    frames(ui_app, 2)
    assert ui_app.top is dialog
    assert ("Sent to your web browser" if opens else "No web browser could be started") in dialog.note
    assert "file manager" in dialog.note


def test_the_brief_and_the_table_show_the_no_deal_value_alike(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    v = table.session.view_for("kyiv")
    html = position_html(v, 1.0, "#ffffff", "#ff0000")
    assert f"{v.reservation:.2f}" in html and "out of 100" not in html
    prediction = table.builder.prediction
    assert prediction is not None and prediction.reservation == pytest.approx(v.reservation)
