"""A hotseat table that mixes languages: each player's briefing, hand-over and table in the language chosen for
their side at setup; shared screens in the window's; the choice travels with saves and leaves old hashes alone."""

from __future__ import annotations

from dataclasses import replace

import pygame
from table_helpers import ISTANBUL, click, frames, key, until

from negotiator import i18n
from negotiator.engine import new_game
from negotiator.engine.saves import read_save, restore, write_save
from negotiator.engine.state import GameSettings, RoleSetting
from negotiator.scenario import load_scenario, scenario_content_hash
from negotiator.ui.app import App
from negotiator.ui.flow import begin_briefings
from negotiator.ui.scenes.briefing import BriefingScene
from negotiator.ui.scenes.privacy import PrivacyScreen
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.scenes.setup import SetupScene
from negotiator.ui.scenes.table import HandOver, TableScene
from negotiator.ui.session import GameSession


def _settings(languages: dict[str, str | None]) -> GameSettings:
    roles = {a: RoleSetting(human=True, language=lang) for a, lang in languages.items()}
    return GameSettings(roles={**roles, "washington": RoleSetting(difficulty="hard")})


def test_each_player_reads_their_own_screens_in_their_language(ui_app: App) -> None:
    scenario = load_scenario(ISTANBUL)
    session = GameSession.start(ISTANBUL, scenario, 5, _settings({"kyiv": "uk", "moscow": "ru"}))
    window = i18n.current()
    begin_briefings(ui_app, session)
    frames(ui_app, 2)
    assert isinstance(ui_app.top, PrivacyScreen) and i18n.current() == "uk"  # Kyiv's hand-over and briefing
    key(ui_app, pygame.K_RETURN)
    frames(ui_app, 2)
    assert isinstance(ui_app.top, BriefingScene) and ui_app.top.actor_id == "kyiv" and i18n.current() == "uk"
    ui_app.top.proceed()
    frames(ui_app, 2)
    assert isinstance(ui_app.top, PrivacyScreen) and i18n.current() == "ru"  # Moscow's, in Russian
    key(ui_app, pygame.K_RETURN)
    frames(ui_app, 2)
    ui_app.top.proceed()  # type: ignore[union-attr]
    frames(ui_app, 3)
    seen: dict[str, set[str]] = {"kyiv": set(), "moscow": set(), "shared": set()}

    def step() -> bool:
        top = ui_app.top
        if isinstance(top, HandOver):
            seen[session.human_to_move or "shared"].add(i18n.current())
            key(ui_app, pygame.K_RETURN)
        elif isinstance(top, ResolutionScene):
            seen["shared"].add(i18n.current())
            key(ui_app, pygame.K_RETURN)
        elif isinstance(top, TableScene) and top.seat is not None and top.ctx.data.my_move:
            seen[top.seat].add(i18n.current())
            click(ui_app, top.panels["header"].end)  # type: ignore[attr-defined]
        return bool(seen["shared"]) and all(seen[s] for s in ("kyiv", "moscow")) and session.state.turn >= 2

    until(ui_app, step)
    assert seen == {"kyiv": {"uk"}, "moscow": {"ru"}, "shared": {window}}
    ui_app.reset_to_title()
    assert i18n.current() == window  # the seats' languages end with the game


def test_setup_offers_a_language_for_each_human_side_and_the_game_keeps_it(ui_app: App) -> None:
    scenario = load_scenario(ISTANBUL)
    setup = SetupScene(ui_app, ISTANBUL, scenario)
    ui_app.push(setup)
    setup.roles["moscow"] = replace(setup.roles["moscow"], human=True)
    ui_app.refresh(setup)
    menus = {key: w for w, key in setup.widgets.items() if key[1] == "language"}
    assert set(a for a, _ in menus) == {"kyiv", "moscow"}  # humans only: the computer needs no language
    setup.roles["moscow"] = replace(setup.roles["moscow"], language="ru")
    roles = setup.game_settings().roles
    assert roles["moscow"].language == "ru" and roles["kyiv"].language is None
    assert roles["washington"].language is None


def test_a_language_travels_with_the_save_and_old_hashes_stay_as_they_were(tmp_path) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(ISTANBUL)
    plain = new_game(scenario, 2, _settings({"kyiv": None, "moscow": None}))
    assert all("language" not in r for r in plain.to_canonical()["settings"]["roles"].values())
    assert all("language" not in r for r in plain.settings.to_dict()["roles"].values())
    chosen = new_game(scenario, 2, _settings({"kyiv": "uk", "moscow": None}))
    assert chosen.to_canonical()["settings"]["roles"]["kyiv"]["language"] == "uk"
    digest = scenario_content_hash(ISTANBUL)
    path = write_save(tmp_path / "game.json", chosen, digest, ISTANBUL)
    again = restore(read_save(path), scenario, digest)
    assert again.settings.roles["kyiv"].language == "uk" and again.state_hash() == chosen.state_hash()
