"""Hotseat privacy: with two human sides, nothing private of the first side is drawn while the hand-over screen
or the second side's table shows. Every string pygame_gui or the table renders passes through pygame_gui's font
objects; the test records them all."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest
from pygame_gui.core.gui_font_pygame import GUIFontPygame
from table_helpers import TUTORIAL, click, frames, key, open_table, session_for, until

from negotiator.ui.app import App
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.scenes.table import HandOver, TableScene


class Recorder:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def clear(self) -> None:
        self.texts.clear()

    def joined(self) -> str:
        return "\n".join(self.texts)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    recorder = Recorder()
    plain, to = GUIFontPygame.render_premul, GUIFontPygame.render_premul_to

    def render_premul(self, text, colour):  # type: ignore[no-untyped-def]
        recorder.texts.append(text)
        return plain(self, text, colour)

    def render_premul_to(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        recorder.texts.append(text)
        return to(self, text, *args, **kwargs)

    monkeypatch.setattr(GUIFontPygame, "render_premul", render_premul)
    monkeypatch.setattr(GUIFontPygame, "render_premul_to", render_premul_to)
    yield recorder


def private_strings(session, actor: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Texts that only `actor`'s own screen may show: its brief, goals, no-deal value and issue weights."""
    scenario = session.scenario
    a = scenario.actor(actor)
    r = session.view_for(actor).reservation
    prefs = scenario.preferences[actor].issues
    total = sum(p.weight for p in prefs.values())
    out = [a.confidential_brief[:40], *(g[:40] for g in a.goals), f"no-deal {r:.2f}"]
    out += [f"matters to you: {p.weight / total:.0%}" for p in prefs.values()]
    return out


def test_nothing_private_of_one_player_shows_during_the_other_players_turn(ui_app: App, drawn: Recorder) -> None:
    session = session_for(TUTORIAL, tuple(a.id for a in session_for(TUTORIAL, ()).scenario.negotiators[:2]))
    first, second = session.humans
    table = open_table(ui_app, session)

    def at(actor: str) -> bool:
        top = ui_app.top
        if isinstance(top, ResolutionScene):
            key(ui_app, pygame.K_RETURN)
        elif isinstance(top, HandOver) and session.human_to_move == actor:
            return True
        elif isinstance(top, HandOver):
            key(ui_app, pygame.K_RETURN)
        elif top is table and table.seat is not None and table.seat != actor and table.ctx.data.my_move:
            click(ui_app, table.panels["header"].end)  # type: ignore[attr-defined]
        return False

    until(ui_app, lambda: at(first))
    key(ui_app, pygame.K_RETURN)  # the first player is ready
    assert table.seat == first and ui_app.top is table

    # The first player's table shows its private numbers (the recorder sees them, so the check below means something).
    board = table.panels["board"]
    issue = session.scenario.issues[0]
    click(ui_app, board.by_option[(issue.id, issue.options[-1].id)])  # type: ignore[attr-defined]
    frames(ui_app, 2)
    secrets = private_strings(session, first)
    mine = drawn.joined()
    assert f"vs no-deal {session.view_for(first).reservation:.2f}" in mine
    assert "matters to you" in mine

    # The first player ends the move: the hand-over screen appears, with nothing of the first player drawn.
    click(ui_app, table.panels["header"].end)  # type: ignore[attr-defined]
    until(ui_app, lambda: isinstance(ui_app.top, (HandOver, ResolutionScene)))
    assert table.seat is None, "the table still holds the first player's view"
    drawn.clear()
    views: list[str] = []
    spy = session.view_for

    def recording_view_for(actor: str):  # type: ignore[no-untyped-def]
        views.append(actor)
        return spy(actor)

    session.view_for = recording_view_for  # type: ignore[method-assign]
    until(ui_app, lambda: at(second))
    frames(ui_app, 3)
    during_handover = drawn.joined()
    assert isinstance(ui_app.top, HandOver)
    for secret in secrets:
        assert secret not in during_handover, f"{secret!r} of {first} drawn during the hand-over"
    assert first not in views, "the first player's view was read while its screen was hidden"

    # The second player's table: its own private data only.
    drawn.clear()
    key(ui_app, pygame.K_RETURN)
    frames(ui_app, 3)
    assert table.seat == second and table.ctx.data.view is not None and table.ctx.data.view.actor == second
    second_screen = drawn.joined()
    assert "matters to you" in second_screen  # the recorder works on this screen too
    own_second = private_strings(session, second)
    for secret in secrets:
        if secret not in own_second:
            assert secret not in second_screen, f"{secret!r} of {first} drawn on {second}'s table"
    assert first not in views
    assert table.ctx.data.preferences is session.view_for(second).preferences or table.ctx.data.view.actor == second
    prefs = table.ctx.data.view.scenario.preferences
    assert first not in prefs, "the second player's view carries the first player's preferences"


def test_single_player_never_sees_the_handover(ui_app: App) -> None:
    session = session_for(TUTORIAL, (session_for(TUTORIAL, ()).scenario.negotiators[0].id,))
    table = open_table(ui_app, session)
    for _ in range(200):
        assert not isinstance(ui_app.top, HandOver)
        if isinstance(ui_app.top, ResolutionScene):
            key(ui_app, pygame.K_RETURN)
        elif ui_app.top is table and table.ctx.data.my_move:
            click(ui_app, table.panels["header"].end)  # type: ignore[attr-defined]
        else:
            frames(ui_app, 1)
        if session.state.turn >= 3:
            break
    assert isinstance(table, TableScene)
