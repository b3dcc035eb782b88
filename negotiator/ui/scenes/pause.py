"""The pause screen: a PAUSED banner over a blank screen while the facilitator has paused the game.

It is a full screen, not an overlay: a paused hotseat table must not stay readable (the team at the keyboard
may have walked away, and the next one is waiting), so the table below is hidden until the game resumes.

It follows `session.facilitation.paused`: the table pushes it when the flag is set, and it closes itself as
soon as the flag is cleared (from the facilitator panel). While it is on top, the table below is inert: the
computer does not move and the move timer stands still.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui

from negotiator.i18n import t
from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.scene import Scene
from negotiator.ui.session import GameSession


class PauseScreen(Scene):
    name = "pause"
    overlay = False  # hides the table below: nothing of a team's private view stays on screen

    def __init__(self, app: App, session: GameSession, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.on_change = on_change

    def build(self) -> None:
        lay = self.layout
        title_h = lay.line(60)
        box = lay.centred(lay.px(760), title_h + lay.line(16) * 2 + lay.button_h + lay.px(60))
        card_panel(self.app, box.inflate(lay.px(48), lay.px(56)), self.root, face=("@dialog",))
        self.label(
            t("pause.banner"), pygame.Rect(box.x, box.y, box.width, title_h), "@game_title", object_id="#centred"
        )
        y = box.y + title_h + lay.px(8)
        self.label(
            t("pause.text"),
            pygame.Rect(box.x, y, box.width, lay.line(16)),
            "@caption",
            object_id="#centred",
        )
        w = lay.px(300)
        self.panel_button = self.button(
            t("pause.panel"),
            pygame.Rect(box.centerx - w // 2, y + lay.line(16) + lay.px(28), w, lay.button_h),
            tooltip=t("pause.panel.tip"),
        )

    def update(self, dt: float) -> None:
        if not self.session.facilitation.paused:
            self.app.pop(self)

    def open_panel(self) -> None:
        from negotiator.ui.scenes.facilitator import open_facilitator

        open_facilitator(self.app, self.session, self.on_change)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element is self.panel_button:
            self.open_panel()

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F9:
            self.open_panel()
            return True
        return event.key not in (pygame.K_F1, pygame.K_F11)  # nothing reaches the table while paused
