"""The hand-over screen between human players: shows nothing private, waits for the next player."""

from __future__ import annotations

import pygame
import pygame_gui

from negotiator import i18n
from negotiator.i18n import t
from negotiator.ui.app import App
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.chooser import _swatch
from negotiator.ui.session import Session


class PrivacyScreen(Scene):
    name = "privacy"

    def __init__(self, app: App, session: Session, actor_id: str, then: Scene) -> None:
        super().__init__(app)
        self.session = session
        self.actor_id = actor_id
        self.then = then

    def build(self) -> None:
        lay = self.layout
        actor = self.session.scenario.translated(i18n.current()).actor(self.actor_id)
        who = self.session.player_name(self.actor_id)
        box = lay.centred(lay.px(760), lay.line(28) * 2 + lay.line(16) * 2 + lay.button_h + lay.px(60))
        self.swatch = _swatch(self.app.actor_colour(self.session.scenario, actor.id), lay.px(28))
        self.swatch_pos = (box.centerx - lay.px(14), box.y - lay.px(44))
        if who == self.session.scenario.actor(self.actor_id).short_name:  # no player name: the side's, as read
            who = actor.short_name
        title = t("privacy.pass_to", who=who)
        h1 = lay.line(28)
        self.label(title, pygame.Rect(box.x, box.y, box.width, h1), "@heading", object_id="#centred")
        self.label(
            t("privacy.playing", actor=actor.name),
            pygame.Rect(box.x, box.y + h1 + lay.px(8), box.width, lay.line(16)),
            "@caption",
            object_id="#centred",
        )
        w = lay.px(280)
        self.ready_button = self.button(
            t("privacy.ready"),
            pygame.Rect(box.centerx - w // 2, box.y + h1 + lay.line(16) + lay.px(40), w, lay.button_h),
            tooltip=t("privacy.ready.tip"),
            class_id="@primary",
        )

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.swatch, self.swatch_pos)

    def proceed(self) -> None:
        self.app.replace(self.then)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element is self.ready_button:
            self.proceed()

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.proceed()
            return True
        return False
