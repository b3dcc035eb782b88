"""A small pop-up menu under a button (the table's Menu): a column of items; a click outside or Esc closes it.

The caller passes the items and what to do with the chosen one; the menu closes itself first, so the choice
can open another scene on top of the one below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton

from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.scene import Scene


@dataclass(frozen=True)
class MenuItem:
    key: str
    text: str
    tooltip: str = ""


class PopupMenu(Scene):
    name = "menu"
    overlay = True

    def __init__(
        self, app: App, anchor: pygame.Rect, items: Sequence[MenuItem], on_pick: Callable[[str], None]
    ) -> None:
        super().__init__(app)
        self.anchor = pygame.Rect(anchor)
        self.items = list(items)
        self.on_pick = on_pick
        self.buttons: dict[UIButton, str] = {}

    def build(self) -> None:
        lay = self.layout
        font = self.app.manager.get_theme().get_font(["button"])
        pad, bh = lay.px(8), lay.px(38)
        w = max(lay.px(240), *(font.size(i.text)[0] + lay.px(40) for i in self.items))
        h = pad * 2 + len(self.items) * bh + (len(self.items) - 1) * lay.px(4)
        x = max(lay.px(8), min(self.anchor.right - w, lay.rect.width - w - lay.px(8)))
        self.card_rect = pygame.Rect(x, self.anchor.bottom + lay.px(6), w, h)
        card = card_panel(self.app, self.card_rect, self.root, face=("@dialog",))
        self.buttons = {}
        for k, item in enumerate(self.items):
            rect = pygame.Rect(pad, pad + k * (bh + lay.px(4)), w - 2 * pad - lay.px(4), bh)
            btn = UIButton(
                rect,
                item.text,
                manager=self.app.manager,
                container=card,
                tool_tip_text=item.tooltip or None,
                object_id=ObjectID(class_id="@list_item", object_id=f"#{item.key}"),
            )
            self.buttons[btn] = item.key

    def pick(self, key: str) -> None:
        self.app.pop(self)
        self.on_pick(key)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        key = self.buttons.get(element)  # type: ignore[call-overload]
        if key is not None:
            self.pick(key)

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and not self.card_rect.collidepoint(event.pos):
            self.app.pop(self)
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE:
            self.app.pop(self)
            return True
        return False
