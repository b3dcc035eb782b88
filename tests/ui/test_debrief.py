"""The debrief and resolution screens build and draw every tab for a finished game; their numbers are sound."""

from __future__ import annotations

import pygame
from table_helpers import ISTANBUL, TUTORIAL, frames, key, session_for

from negotiator.ui.app import App
from negotiator.ui.debrief_data import bargaining, meter_history, offer_history
from negotiator.ui.scenes.debrief import TABS, DebriefScene
from negotiator.ui.scenes.resolution import ResolutionScene, visible_entries


def finished(path=ISTANBUL, seed: int = 2):  # type: ignore[no-untyped-def]
    session = session_for(path, (), seed=seed)
    while not session.state.is_over():
        session.step_ai()
    return session


def test_every_debrief_tab_draws(ui_app: App) -> None:
    session = finished()
    scene = DebriefScene(ui_app, session)
    ui_app.push(scene)
    frames(ui_app, 2)
    for _ in TABS:
        key(ui_app, pygame.K_RIGHT)
        frames(ui_app, 1)
    assert {key[0] for key in scene.cache} == {k for k, _, _ in TABS}
    if scene.pair_btn is None:
        scene._select("deal")
    frames(ui_app, 1)
    ui_app.resize((1024, 600))
    frames(ui_app, 2)


def test_debrief_numbers() -> None:
    session = finished(TUTORIAL, 4)
    state = session.state
    history = meter_history(state)
    assert set(history) == {m.id for m in session.scenario.meters}
    for series in history.values():
        for points in series.values():
            assert len(points) == len(state.records) + 1
    offers = offer_history(state)
    assert len(offers.x) == len(state.offers)
    assert all(0.0 <= u <= 1.0 for values in offers.utilities.values() for u in values)
    parties = [a.id for a in session.scenario.negotiators]
    b = bargaining(state, (parties[0], parties[1]))
    assert b.frontier and b.cloud
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in b.frontier)


def test_resolution_shows_only_what_the_viewer_may_see(ui_app: App) -> None:
    session = finished(ISTANBUL, 3)
    me = session.scenario.negotiators[0].id
    for record in session.state.records:
        public = visible_entries(session, record, None)
        assert all(e.visibility == "public" for e in public)
        mine = visible_entries(session, record, me)
        assert all(e.visibility == "public" or e.actor == me for e in mine)
    scene = ResolutionScene(ui_app, session, session.state.records[0], me)
    ui_app.push(scene)
    frames(ui_app, 3)
    key(ui_app, pygame.K_SPACE)
    assert scene.shown == len(scene.blocks)
    key(ui_app, pygame.K_RETURN)
    assert ui_app.top is not scene


def test_the_summary_scrolls_when_it_is_taller_than_a_small_window(monkeypatch, cuts) -> None:  # type: ignore[no-untyped-def]
    """At 1024x600 with x_large text the summary and the preferences need more height than the body: each is
    drawn whole on a taller page (every line inside it, nothing cut) and the wheel and End/Home scroll it."""
    from negotiator.ui.scenes.title import TitleScene
    from negotiator.ui.settings import MIN_WINDOW, Settings
    from negotiator.ui.table import paint

    drawn: list[tuple[pygame.Surface, pygame.Rect]] = []
    real = paint.text

    def spy(surface, *args, **kwargs):  # type: ignore[no-untyped-def]
        rect = real(surface, *args, **kwargs)
        drawn.append((surface, rect))
        return rect

    monkeypatch.setattr(paint, "text", spy)
    app = App(Settings(window_size=MIN_WINDOW, text_size="x_large"), title_factory=TitleScene)
    try:
        app.reset_to_title()
        scene = DebriefScene(app, finished(), auto_seconds=1e9)
        app.push(scene)
        frames(app, 2)
        page = scene.cache[next(k for k in scene.cache if k[0] == "summary")]
        assert page.get_height() > scene.body.height and scene.max_scroll > 0
        on_page = [rect for surface, rect in drawn if surface is page and rect.height]
        assert on_page and all(rect.bottom <= page.get_height() for rect in on_page)
        key(app, pygame.K_END)
        assert scene.scroll == scene.max_scroll
        app.step(1 / 60, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0)])
        assert 0 < scene.scroll < scene.max_scroll
        key(app, pygame.K_HOME)
        assert scene.scroll == 0
        key(app, pygame.K_RIGHT)  # another tab starts at its top
        assert scene.tab == "meters" and scene.scroll == 0
        drawn.clear()
        scene._select("prefs")  # every issue's preferences, not "enlarge the window to see every issue"
        frames(app, 2)
        page = scene.cache[next(k for k in scene.cache if k[0] == "prefs")]
        assert page.get_height() > scene.body.height
        assert all(rect.bottom <= page.get_height() for surface, rect in drawn if surface is page)
        assert not cuts, f"cut: {cuts[:5]}"
    finally:
        app.close()


def test_the_window_debrief_agrees_with_the_report_on_numbers_and_the_frontier() -> None:
    """The end screen's no-deal values start where each side's first move (and brief, and report) started, and its
    deal chart says when a deal on everyone's frontier sits below a pair's frontier, pair for pair as the
    report's charts do."""
    from negotiator.classroom import charts
    from negotiator.classroom.report import build_report
    from negotiator.engine.outcome import opening_reservations

    session = finished(ISTANBUL, 5)
    state = session.state
    opening = opening_reservations(state)
    assert offer_history(state).reservations["washington"][0] == (0.0, opening["washington"])
    assert opening["washington"] != session.scenario.preferences["washington"].reservation.value  # events moved it
    html = build_report(state)
    import re

    figures = re.findall(r'<figure class="pareto">.*?</figure>', html, re.S)
    pairs = charts.party_pairs([a.id for a in session.scenario.negotiators if a.id in session.scenario.preferences])
    flags = [bargaining(state, pair).optimal_but_below for pair in pairs]
    assert flags == ["on everyone&#x27;s frontier" in f or "on everyone's frontier" in f for f in figures]
    assert any(flags)
