"""The title screen: the game's name, the main menu, and a short word on what the game is."""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UITextBox

from negotiator import __version__ as VERSION
from negotiator import paths
from negotiator.engine.saves import SaveError, latest_unfinished_autosave
from negotiator.i18n import t
from negotiator.scenario import Scenario
from negotiator.ui import rich
from negotiator.ui.art import table_emblem
from negotiator.ui.card import card_panel
from negotiator.ui.layout import split_h, stack
from negotiator.ui.savefiles import save_files
from negotiator.ui.scene import Scene

# The menu's keys, in order; each has `title.<key>` (its label) and `title.<key>.tip` in the catalogues.
MENU = ["new_game", "continue", "load", "join", "scenarios", "settings", "help", "quit"]


def latest_save(folder: Path) -> Path | None:
    saves = save_files(folder)
    return max(saves, key=_modified) if saves else None


def _modified(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def menu_state() -> dict[str, bool]:
    """Which save-related menu items can work now: Continue needs the autosave of a game in progress (a
    finished game is opened from Load game, where the library keeps it), Load any save file. Never raises: an
    unusable data folder just means there is nothing to continue."""
    try:
        return {
            "continue": latest_unfinished_autosave() is not None,
            "load": any(latest_save(f()) for f in (paths.autosaves_dir, paths.saves_dir, paths.library_dir)),
        }
    except OSError:
        return {"continue": False, "load": False}


_frames_shown = 0  # title updates so far in this process (see TitleScene.update)


class TitleScene(Scene):
    name = "title"

    def update(self, dt: float) -> None:
        """Once the title has been drawn, read the scenario files the chooser lists (about 25 ms), so that New game
        opens at once: the chooser then finds every unchanged file already read (`catalogue.cached_entry`)."""
        global _frames_shown
        _frames_shown += 1
        if _frames_shown == 2:
            from negotiator.ui import catalogue

            catalogue.scan()

    def build(self) -> None:
        lay = self.layout
        m = lay.px(56) if lay.rect.width >= 1200 else lay.px(36)
        area = lay.rect.inflate(-2 * m, -2 * m)
        left, right = split_h(area, [max(lay.px(360), int(area.width * 0.40)), 1.0], lay.px(48))
        title_h = lay.line(60)
        top = area.y + max(0, (area.height - lay.px(560)) // 3)
        game_title = pygame.Rect(left.x - lay.px(4), top, left.width + lay.px(200), title_h)
        self.label(t("title.game"), game_title, "@game_title")
        self.label(t("title.tagline"), pygame.Rect(left.x, top + title_h, left.width, lay.line(18)), "@tagline")
        self.rule_y = top + title_h + lay.line(18) + lay.px(12)
        self.rule_x = (left.x, left.x + lay.px(120))
        bh, gap = max(lay.px(48), lay.line(19) + lay.px(14)), lay.px(10)
        menu_top = self.rule_y + lay.px(26)
        available = area.bottom - menu_top
        if available < len(MENU) * (bh + gap):  # the spacing goes first, then the buttons shrink to fit
            gap = max(lay.px(4), min(gap, available // len(MENU) - lay.line(19) - lay.px(8)))
            bh = max(min(lay.px(34), available // len(MENU) - gap), available // len(MENU) - gap)
        self.menu: dict[UIButton, str] = {}
        self.available = menu_state()
        for key, rect in zip(MENU, stack(left.x, menu_top, lay.px(340), bh, len(MENU), gap), strict=True):
            tip = t(f"title.{key}.tip")
            btn = self.button(t(f"title.{key}"), rect, tooltip=tip, class_id="@menu_button", object_id=f"#{key}")
            if not self.available.get(key, True):
                btn.disable()
                btn.set_tooltip(t("title.no_game_yet" if key == "continue" else "title.no_saves_yet", tip=tip))
            self.menu[btn] = key
        self._build_about(right, menu_top)  # sets self.emblem
        self.label(
            t("title.footer", version=VERSION),
            pygame.Rect(area.x, lay.rect.bottom - lay.line(14) - lay.px(12), area.width, lay.line(14)),
            "@caption",
        )

    def _build_about(self, rect: pygame.Rect, top: int) -> None:
        lay = self.layout
        card_w = min(rect.width, lay.px(520))
        card_h = min(lay.px(300), rect.bottom - top)
        card = pygame.Rect(rect.right - card_w, rect.bottom - card_h - lay.px(40), card_w, card_h)
        emblem_size = min(card_w, card.top - rect.top - lay.px(24))
        self.emblem = None
        if emblem_size > lay.px(160):
            self.emblem = table_emblem(emblem_size, self.app.palette["accent"], self.app.palette["rule"])
            self.emblem_pos = (card.centerx - emblem_size // 2, rect.top + (card.top - rect.top - emblem_size) // 2)
        if rect.width < lay.px(280) or card_h < lay.px(160):
            return
        panel = card_panel(self.app, card, self.root)
        pad = lay.px(22)
        self.label(
            t("title.about_heading"),
            pygame.Rect(pad, pad - lay.px(4), card.width - 2 * pad, lay.line(15)),
            "@subheading",
            container=panel,
        )
        UITextBox(
            rich.paras([t("title.about.1"), t("title.about.2")]),
            pygame.Rect(
                pad - lay.px(4),
                pad + lay.line(15),
                card.width - 2 * pad + lay.px(8),
                card.height - 2 * pad - lay.line(15),
            ),
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(class_id="@body"),
        )

    def draw(self, surface: pygame.Surface) -> None:
        if self.emblem is not None:
            surface.blit(self.emblem, self.emblem_pos)
        pygame.draw.line(
            surface, self.app.palette["accent"], (self.rule_x[0], self.rule_y), (self.rule_x[1], self.rule_y), 3
        )

    def on_button(self, element: object) -> None:
        key = self.menu.get(element)  # type: ignore[call-overload]
        if key is not None:
            self.activate(key)

    def activate(self, key: str) -> None:
        from negotiator.ui.scenes.chooser import ScenarioChooser
        from negotiator.ui.scenes.settings_dialog import SettingsDialog

        if key == "new_game":
            first = self.first_game_tutorial()
            heading = t("title.new_game_tutorial") if first else t("title.new_game_heading")
            self.app.push(ScenarioChooser(self.app, self.start_setup, preselect=first, heading=heading))
            if first:
                self.app.apply_settings(self.app.settings.model_copy(update={"tutorial_offered": True}))
        elif key == "scenarios":
            self.app.push(ScenarioChooser(self.app, self.start_setup, heading=t("title.scenarios")))
        elif key == "settings":
            self.app.push(SettingsDialog(self.app))
        elif key == "help":
            self.app.open_help()
        elif key == "quit":
            self.app.request_close()
        elif key == "continue":
            self.continue_latest()
        elif key == "load":
            from negotiator.ui.scenes.saves_dialog import LoadDialog

            self.app.push(LoadDialog(self.app))
        elif key == "join":
            from negotiator.ui.scenes.join import JoinDialog

            self.app.push(JoinDialog(self.app))

    def first_game_tutorial(self) -> Path | None:
        """On the very first start, the tutorial to select in the chooser (the settings then record it was
        offered, so later games start from the usual choice); None afterwards."""
        if self.app.settings.tutorial_offered:
            return None
        from negotiator.ui.catalogue import tutorial_entry

        entry = tutorial_entry()
        return entry.path if entry else None

    def continue_latest(self) -> None:
        """Resume the newest autosave of a game in progress; a damaged one is explained and nothing else happens.
        A finished game is not "continued" (Load game lists it with its debrief)."""
        from negotiator.ui.resume import load_for_ui, resume_game
        from negotiator.ui.scenes.save_notices import SaveErrorDialog
        from negotiator.ui.session import GameSession

        path = latest_unfinished_autosave()
        if path is None:
            self.app.refresh(self)
            return
        try:
            loaded = load_for_ui(path)
        except SaveError as exc:
            self.app.push(SaveErrorDialog(self.app, exc, t("title.autosave_unreadable")))
            return
        resume_game(self.app, GameSession.from_loaded(loaded))

    def resume(self) -> None:
        """Back on top: a game may have been saved (or a file removed) meanwhile, so Continue/Load may change."""
        if menu_state() != self.available:
            self.app.refresh(self)

    def start_setup(self, path: Path, scenario: Scenario) -> None:
        """The chooser picked a scenario: choose sides next."""
        from negotiator.ui.scenes.setup import SetupScene

        self.app.push(SetupScene(self.app, path, scenario))

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.activate("new_game")
            return True
        return False
