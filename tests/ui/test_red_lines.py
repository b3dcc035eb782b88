"""Public red lines in the window: the dialog lists what the engine allows, says what declaring costs and binds,
turns a confirmed pick into the engine's action, and the player is asked before breaking their own line."""

from __future__ import annotations

import pygame
from table_helpers import ISTANBUL, click, frames, key, open_table, session_for, until

from negotiator.engine import DeclareRedLine, MakeOffer
from negotiator.ui.app import App
from negotiator.ui.scenes.red_line import RedLineDialog, declarable, explanation
from negotiator.ui.scenes.save_notices import ConfirmDialog
from negotiator.ui.scenes.table import TableScene

LINE = ("territory", "freeze_contact_line")


def kyiv_table(app: App) -> TableScene:
    session = session_for(ISTANBUL, ("kyiv",))
    table = open_table(app, session)
    until(app, lambda: app.top is table and table.ctx.data.my_move)
    return table


def open_dialog(app: App, table: TableScene) -> RedLineDialog:
    board = table.panels["board"]
    click(app, board.red_line)  # type: ignore[attr-defined]
    assert isinstance(app.top, RedLineDialog)
    return app.top


def row(dialog: RedLineDialog, pick: tuple[str, str]):  # type: ignore[no-untyped-def]
    return next(b for b, k in dialog.rows.items() if k == pick)


def test_the_dialog_lists_exactly_what_the_engine_allows(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    dialog = open_dialog(ui_app, table)
    state = table.session.state
    legal = {(a.issue, a.option) for a in state.legal_actions("kyiv") if isinstance(a, DeclareRedLine)}
    assert set(dialog.rows.values()) == legal
    assert all(issue != "sanctions" for issue, _ in dialog.rows.values())  # Kyiv does not sign sanctions
    assert "10 points off your final score" in explanation(table.session, "kyiv")
    assert "your Domestic support -8" in explanation(table.session, "kyiv")


def test_declaring_needs_a_pick_and_a_confirm_and_becomes_the_engine_action(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    session = table.session
    points = session.view_for("kyiv").action_points
    dialog = open_dialog(ui_app, table)
    key(ui_app, pygame.K_RETURN)  # nothing picked: Enter declares nothing
    assert ui_app.top is dialog and not session.state.public_red_lines.get("kyiv")
    click(ui_app, row(dialog, LINE))
    assert dialog.selected == LINE
    confirm = next(b for b, k in dialog.choice_buttons.items() if k == "declare")
    click(ui_app, confirm)
    assert ui_app.top is table
    assert session.state.public_red_lines["kyiv"] == (LINE,)
    assert session.state.actions[-1] == DeclareRedLine("kyiv", issue=LINE[0], option=LINE[1])
    assert session.view_for("kyiv").action_points == points and table.ctx.data.my_move
    assert LINE not in declarable(session, "kyiv")  # the same line cannot be declared twice


def test_escape_declares_nothing(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    dialog = open_dialog(ui_app, table)
    click(ui_app, row(dialog, LINE))
    key(ui_app, pygame.K_ESCAPE)
    assert ui_app.top is table and not table.session.state.public_red_lines.get("kyiv")


def test_r_and_the_menu_open_it_only_on_the_players_move(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    key(ui_app, pygame.K_r)
    assert isinstance(ui_app.top, RedLineDialog)
    key(ui_app, pygame.K_ESCAPE)
    table.open_menu()
    frames(ui_app, 2)
    menu = ui_app.top
    click(ui_app, next(b for b, k in menu.buttons.items() if k == "redline"))  # type: ignore[union-attr]
    assert isinstance(ui_app.top, RedLineDialog)
    key(ui_app, pygame.K_ESCAPE)
    click(ui_app, table.panels["header"].end)  # type: ignore[attr-defined]
    assert not table.ctx.data.my_move
    table.open_red_line()
    assert not isinstance(ui_app.top, RedLineDialog)  # a message says to wait for the move instead


def test_an_offer_breaking_the_players_own_line_is_asked_about_first(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    session = table.session
    assert table.act(DeclareRedLine("kyiv", issue=LINE[0], option=LINE[1]))
    click(ui_app, table.panels["board"].by_option[LINE])  # type: ignore[attr-defined]
    offers = len(session.state.offers)
    click(ui_app, table.builder.send)  # type: ignore[arg-type]
    assert isinstance(ui_app.top, ConfirmDialog)  # BreakLineConfirm
    assert "10 points off your final score" in ui_app.top.body
    key(ui_app, pygame.K_ESCAPE)  # cancel: nothing sent, the offer stays built
    assert len(session.state.offers) == offers and table.selection == {LINE[0]: LINE[1]}
    click(ui_app, table.builder.send)  # type: ignore[arg-type]
    key(ui_app, pygame.K_RETURN)  # "Send anyway"
    assert len(session.state.offers) == offers + 1
    assert session.state.actions[-1] == MakeOffer("kyiv", terms=(LINE,))
    assert session.state.broken_commitments["kyiv"] == 1
    assert table.selection == {}


def test_an_offer_clear_of_the_players_lines_goes_straight_out(ui_app: App) -> None:
    table = kyiv_table(ui_app)
    assert table.act(DeclareRedLine("kyiv", issue=LINE[0], option=LINE[1]))
    click(ui_app, table.panels["board"].by_option[("territory", "russian_withdrawal")])  # type: ignore[attr-defined]
    click(ui_app, table.builder.send)  # type: ignore[arg-type]
    assert ui_app.top is table
    assert table.session.state.offers[-1].terms == (("territory", "russian_withdrawal"),)


def test_accepting_an_offer_that_breaks_the_players_line_is_asked_about_too(ui_app: App) -> None:
    from negotiator.engine import EndTurn, Respond
    from negotiator.engine.moves import commitments_broken_by

    session = session_for(ISTANBUL, ("kyiv",))
    line = ("territory", "freeze_with_recognition")

    def play_until(actor: str) -> None:
        while session.state.current_actor != actor:
            session.state = session.state.apply(EndTurn(session.state.current_actor))  # type: ignore[arg-type]

    play_until("kyiv")
    session.state = session.state.apply(DeclareRedLine("kyiv", issue=line[0], option=line[1]))
    session.state = session.state.apply(EndTurn("kyiv"))
    play_until("moscow")
    session.state = session.state.apply(MakeOffer("moscow", terms=(line,)))
    offer = session.state.offers[-1]
    session.state = session.state.apply(EndTurn("moscow"))
    play_until("kyiv")
    core = session.state.core
    assert commitments_broken_by(core, Respond("kyiv", offer_id=offer.id, accept=True)) == (line,)
    assert commitments_broken_by(core, Respond("kyiv", offer_id=offer.id, accept=False)) == ()
    assert commitments_broken_by(core, EndTurn("kyiv")) == ()
    table = open_table(ui_app, session)
    frames(ui_app, 2)
    assert table.ctx.data.my_move and offer.id in {o.id for o in table.ctx.data.awaiting_me}
    accepted = session.state.broken_commitments.get("kyiv", 0)
    assert not table.act(Respond("kyiv", offer_id=offer.id, accept=True))  # asked first, nothing applied
    assert isinstance(ui_app.top, ConfirmDialog) and "accept this offer" in ui_app.top.body
    key(ui_app, pygame.K_RETURN)  # "Accept anyway"
    assert session.state.broken_commitments["kyiv"] == accepted + 1
