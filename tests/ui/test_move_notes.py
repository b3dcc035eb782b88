"""A team's note with its next move: typed in the note dialog (N), attached by the session to that team's next
action only, then forgotten; a timeout drops it; the report calls it the player's note."""

from __future__ import annotations

import pygame
import pytest
from table_helpers import ISTANBUL, frames, key, open_table, session_for

from negotiator.classroom.report import build_report
from negotiator.engine import EndTurn, InvalidActionError, MakeOffer
from negotiator.ui.app import App
from negotiator.ui.scenes.note import NoteDialog
from negotiator.ui.session import MAX_NOTE
from tests.classroom.conftest import page_text


def test_the_note_goes_with_the_next_move_of_that_team_only() -> None:
    session = session_for(ISTANBUL, ("kyiv", "moscow"))
    assert session.state.current_actor == "kyiv"
    assert session.set_note("kyiv", "  We open\u200b on the ceasefire  ") == "We open on the ceasefire"
    session.set_note("moscow", "Moscow's own reason")
    session.act(MakeOffer("kyiv", terms=(("ceasefire", "immediate"),)))
    assert session.state.actions[-1].reason == "We open on the ceasefire"
    assert "kyiv" not in session.notes and session.notes["moscow"] == "Moscow's own reason"
    session.act(EndTurn("kyiv"))
    assert session.state.actions[-1].reason == ""  # used once
    assert len(session.set_note("kyiv", "x" * 1000)) == MAX_NOTE
    assert session.set_note("kyiv", "   ") == "" and "kyiv" not in session.notes


def test_a_refused_move_keeps_the_note_and_a_timeout_drops_it() -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    session.set_note("kyiv", "Our reason")
    with pytest.raises(InvalidActionError):
        session.act(MakeOffer("kyiv", terms=(("territory", "no_such_option"),)))
    assert session.notes["kyiv"] == "Our reason"
    session.time_out("kyiv", "pass")
    assert session.state.actions[-1].reason == "Time ran out"  # the timer's words, never the team's note
    assert "kyiv" not in session.notes


def test_the_note_dialog_from_the_table(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv",))
    session.autosaves = False
    table = open_table(ui_app, session)
    key(ui_app, pygame.K_n)
    dialog = ui_app.top
    assert isinstance(dialog, NoteDialog)
    dialog.entry.set_text("We need movement on territory")
    dialog.on_choice("keep")
    frames(ui_app, 2)
    assert ui_app.top is table and session.notes["kyiv"] == "We need movement on territory"
    table.end_move()
    frames(ui_app, 2)
    mine = [a for a in session.state.actions if a.actor == "kyiv"]
    assert mine[-1].reason == "We need movement on territory"
    assert "Player's note: We need movement on territory" in page_text(build_report(session.state))
