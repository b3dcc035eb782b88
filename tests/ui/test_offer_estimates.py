"""The offer builder shows `negotiator.engine.estimates` for the seat's draft, and draws every addressee's
estimate whatever the window and text size (the bands alone when the ranges do not fit)."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest
from table_helpers import ISTANBUL, frames, open_table, session_for

from negotiator.engine import EndTurn
from negotiator.engine.estimates import Acceptance, package_estimates
from negotiator.ui.app import App
from negotiator.ui.scenes.title import TitleScene
from negotiator.ui.session import GameSession
from negotiator.ui.settings import Settings


@pytest.fixture(params=[((1280, 720), "normal"), ((1024, 600), "x_large")], ids=["1280", "1024-largest"])
def sized_app(request: pytest.FixtureRequest) -> Iterator[App]:
    size, text = request.param
    application = App(Settings(window_size=size, text_size=text), title_factory=TitleScene)
    application.reset_to_title()
    pygame.event.clear()
    yield application
    application.close()


def _two_turns_in(seat: str) -> GameSession:
    session = session_for(ISTANBUL, (seat,), seed=3)
    while session.state.turn <= 2:
        if session.state.current_actor == seat:
            session.act(EndTurn(seat))
        else:
            session.step_ai()
    return session


def test_builder_draws_every_addressees_estimate(sized_app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _two_turns_in("kyiv")
    table = open_table(sized_app, session)
    for issue in session.state.scenario.issues[:3]:  # territory, security (Moscow) and sanctions (+ Washington)
        table.pick(issue.id, issue.options[1].id)
    frames(sized_app, 2)
    p = table.builder.prediction
    assert p is not None and p.problem is None and len(p.addressees) == 2
    assert p.chances == package_estimates(session.view_for("kyiv"), p.terms)
    drawn: list[Acceptance] = []
    original = table.builder._chance

    def spy(surface: pygame.Surface, acc: Acceptance, x: int, y: int, compact: bool = False) -> int:
        drawn.append(acc)
        right = original(surface, acc, x, y, compact)
        assert right <= table.builder.content.right  # never past the panel
        return right

    monkeypatch.setattr(table.builder, "_chance", spy)
    table.builder.paint_content(pygame.display.get_surface())
    assert [a.addressee for a in drawn] == list(p.addressees)
