"""The negotiating table, headless: it opens for every scenario, offers built with clicks reach the engine,
a whole game played through the UI ends at the debrief, and panels never overlap at any supported size."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest
from table_helpers import ISTANBUL, click, frames, key, open_table, session_for, until

from negotiator.engine import MakeOffer, view
from negotiator.engine.offers import Offer
from negotiator.scenario import load_scenario
from negotiator.ui.app import App
from negotiator.ui.layout import Layout
from negotiator.ui.predict import own_value, predict_offer
from negotiator.ui.scenes.debrief import DebriefScene
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.scenes.table import TableScene
from negotiator.ui.table.actors_panel import actor_rows
from negotiator.ui.table.layout import table_rects

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


def first_playable(path: Path) -> str:
    return next(a.id for a in load_scenario(path).actors if a.playable and a.negotiates)


def wait_for_my_move(app: App, table: TableScene) -> None:
    def ready() -> bool:
        if isinstance(app.top, ResolutionScene):
            key(app, pygame.K_RETURN)
        return app.top is table and table.ctx.data.my_move

    until(app, ready)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_scenario_opens_in_the_table(ui_app: App, path: Path) -> None:
    table = open_table(ui_app, session_for(path, (first_playable(path),)))
    frames(ui_app, 3)
    assert ui_app.top is table
    assert table.canvas is not None and table.panels["board"].buttons  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_watching_table_draws_without_private_data(ui_app: App, path: Path) -> None:
    table = open_table(ui_app, session_for(path, ()), demo=True)
    frames(ui_app, 5)
    assert table.ctx.data.view is None and table.ctx.data.preferences is None


def test_offer_built_with_clicks_changes_the_engine_state(ui_app: App) -> None:
    me = first_playable(ISTANBUL)
    session = session_for(ISTANBUL, (me,))
    table = open_table(ui_app, session)
    wait_for_my_move(ui_app, table)
    scenario = session.scenario
    prefs = scenario.preferences[me].issues
    picks: dict[str, str] = {}
    for issue in scenario.issues[:2]:  # the option this side values most on the first two issues
        option = max(
            (o for o in issue.options if o.id not in prefs[issue.id].red_lines),
            key=lambda o: prefs[issue.id].values[o.id],
        )
        picks[issue.id] = option.id
    before = len(session.state.offers)
    board = table.panels["board"]
    for issue_id, option_id in picks.items():
        click(ui_app, board.by_option[(issue_id, option_id)])  # type: ignore[attr-defined]
    assert table.selection == picks
    assert table.builder.prediction is not None and table.builder.prediction.problem is None
    click(ui_app, table.builder.send)  # type: ignore[arg-type]
    offers = session.state.offers
    assert len(offers) == before + 1
    made = offers[-1]
    assert made.proposer == me and made.terms_dict() == picks
    assert MakeOffer(me, terms=made.terms) in session.state.actions
    assert table.selection == {}


def test_counter_prefills_the_builder(ui_app: App) -> None:
    me = first_playable(ISTANBUL)
    session = session_for(ISTANBUL, (me,))
    table = open_table(ui_app, session)
    for _ in range(6):
        wait_for_my_move(ui_app, table)
        if table.ctx.data.awaiting_me:
            break
        click(ui_app, table.panels["header"].end)  # type: ignore[attr-defined]
    offer = table.ctx.data.awaiting_me[0]
    panel = table.panels["offers"]
    counter = next(b for b, (what, o) in panel.actions.items() if what == "counter" and o.id == offer.id)  # type: ignore[attr-defined]
    click(ui_app, counter)
    assert table.builder.counter_of == offer.id
    assert table.selection == offer.terms_dict()


def test_a_whole_game_through_the_ui_reaches_the_debrief(ui_app: App) -> None:
    me = first_playable(ISTANBUL)
    session = session_for(ISTANBUL, (me,), seed=5)
    table = open_table(ui_app, session)
    for _ in range(400):
        top = ui_app.top
        if isinstance(top, DebriefScene):
            break
        if isinstance(top, ResolutionScene):
            key(ui_app, pygame.K_RETURN)
            continue
        if top is table and table.ctx.data.my_move:
            panel = table.panels["offers"]
            shown = panel.scroller.get_abs_rect()  # type: ignore[attr-defined]
            accept = next(
                (
                    b
                    for b, (what, o) in panel.actions.items()  # type: ignore[attr-defined]
                    if what == "accept" and b.is_enabled and shown.contains(b.get_abs_rect())
                ),
                None,
            )
            if (
                accept is not None
                and own_value(table.ctx.data.view, _offer_terms(table, accept)) > table.ctx.data.view.reservation
            ):  # type: ignore[arg-type, operator]
                click(ui_app, accept)
            else:
                click(ui_app, table.panels["header"].end)  # type: ignore[attr-defined]
            continue
        frames(ui_app, 1)
    assert isinstance(ui_app.top, DebriefScene)
    assert session.state.is_over()
    frames(ui_app, 3)


def _offer_terms(table: TableScene, button: object) -> dict[str, str]:
    offer: Offer = table.panels["offers"].actions[button][1]  # type: ignore[attr-defined, index]
    return offer.terms_dict()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_panels_do_not_overlap(ui_app: App, size: tuple[int, int]) -> None:
    scenario = load_scenario(ISTANBUL)
    rects = table_rects(Layout(pygame.Rect(0, 0, *size)), actor_rows(scenario))
    for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
        assert not ra.colliderect(rb), f"{a} overlaps {b} at {size}"
    for name, r in rects.items():
        assert pygame.Rect(0, 0, *size).contains(r), f"{name} leaves the window at {size}"


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
def test_widgets_stay_inside_their_panels_after_resize(ui_app: App, size: tuple[int, int]) -> None:
    me = first_playable(ISTANBUL)
    table = open_table(ui_app, session_for(ISTANBUL, (me,)))
    ui_app.resize(size)
    frames(ui_app, 2)
    panels = table.panels
    board = panels["board"]
    buttons = list(board.buttons)  # type: ignore[attr-defined]
    assert buttons
    for btn in buttons:
        assert board.rect.contains(btn.get_abs_rect()), "an option button leaves the issue board"
    for a, b in itertools.combinations(buttons, 2):
        assert not a.get_abs_rect().colliderect(b.get_abs_rect())
    header = panels["header"]
    row = [header.brief, header.save, header.menu, header.end]  # type: ignore[attr-defined]
    for a, b in itertools.combinations(row, 2):
        assert not a.get_abs_rect().colliderect(b.get_abs_rect())
    for name in ("levers", "offers"):
        if name not in panels:  # a narrow window shows one side panel at a time, as a tab
            table.show_side(name)
            frames(ui_app, 2)
            panels = table.panels
        scroller = panels[name].scroller  # type: ignore[attr-defined]
        assert panels[name].rect.contains(scroller.get_abs_rect())
    if table.builder.send is not None:
        assert panels["builder"].rect.contains(table.builder.send.get_abs_rect())
        assert not table.builder.send.get_abs_rect().colliderect(table.builder.clear.get_abs_rect())  # type: ignore[union-attr]


def test_prediction_follows_the_estimates() -> None:
    from negotiator.engine import new_game

    scenario = load_scenario(ISTANBUL)
    state = new_game(scenario, 1)
    me = state.current_actor
    assert me is not None
    v = view(state, me)
    other = next(iter(v.estimates))
    est = v.estimates[other]
    best = {i: max(est.values[i], key=est.values[i].get) for i in est.values}  # type: ignore[arg-type]
    worst = {i: min(est.values[i], key=est.values[i].get) for i in est.values}  # type: ignore[arg-type]
    good, bad = predict_offer(v, best).chances, predict_offer(v, worst).chances
    assert other in good and good[other].chance >= bad[other].chance
    assert good[other].low <= good[other].chance <= good[other].high
    p = predict_offer(v, {})
    assert p.problem is not None and p.own == v.reservation


def test_an_option_taken_off_the_table_cannot_be_picked(ui_app: App, tmp_path: Path) -> None:
    from table_helpers import TUTORIAL

    from negotiator.engine import EndTurn

    text = TUTORIAL.read_text(encoding="utf-8").replace(
        "events:\n",
        "events:\n  - id: ruling\n    name: Court ruling\n    trigger: {turn: 1}\n"
        "    effects:\n      - {kind: remove_option, issue: breaks, option: breaks_10}\n"
        "    news: A court rules one option out.\n",
        1,
    )
    path = tmp_path / "ruling.yaml"
    path.write_text(text, encoding="utf-8")
    session = session_for(path, ("union",))
    while session.state.turn == 1:
        if session.state.current_actor == "union":
            session.act(EndTurn("union"))
        else:
            session.step_ai()
    assert ("breaks", "breaks_10") in session.state.removed_options
    table = open_table(ui_app, session)
    wait_for_my_move(ui_app, table)
    board = table.panels["board"]
    gone = board.by_option[("breaks", "breaks_10")]  # type: ignore[attr-defined]
    assert not gone.is_enabled
    assert board.by_option[("breaks", "breaks_30")].is_enabled  # type: ignore[attr-defined]
    assert "Taken off the table" in board._tooltip("breaks", "breaks_10")  # type: ignore[attr-defined]
    click(ui_app, gone)
    assert "breaks" not in table.selection


def test_the_issue_board_shows_the_consent_an_option_needs(ui_app: App, tmp_path: Path) -> None:
    import copy

    import yaml

    from tests.engine.scenario_factory import BASE

    data = copy.deepcopy(BASE)
    data["issues"][1]["options"][1]["consent"] = ["north"]  # trade: signed by South and the broker
    path = tmp_path / "consent.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    table = open_table(ui_app, session_for(path, ("south",)))
    wait_for_my_move(ui_app, table)
    board = table.panels["board"]
    assert "needs North's consent" in board._tooltip("trade", "closed")  # type: ignore[attr-defined]
    assert "consent" not in board._tooltip("trade", "open")  # type: ignore[attr-defined]
    frames(ui_app, 2)  # the issue's header line ("signed by ...; consent: North") paints without error
