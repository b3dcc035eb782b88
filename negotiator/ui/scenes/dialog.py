"""A modal dialog: a centred card over a dimmed screen, with a title, a body and a row of buttons.

Subclasses set `title`, `choices` and `build_body`; Enter picks the default choice and Esc the cancel one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel

from negotiator.i18n import t
from negotiator.ui.card import card_panel
from negotiator.ui.layout import split_h
from negotiator.ui.scene import Scene


@dataclass(frozen=True)
class Choice:
    key: str
    text: str
    tooltip: str = ""
    primary: bool = False
    shortcut: str = ""


class Dialog(Scene):
    """Base for overlays. `on_choice(key)` gets the key of the button pressed (or the key's shortcut)."""

    overlay = True
    name = "dialog"
    panel_object_id: ClassVar[str | None] = None
    default_choice: ClassVar[str | None] = None  # Enter
    cancel_choice: ClassVar[str | None] = "close"  # Esc
    title: str = ""
    title_key: ClassVar[str | None] = None  # a catalogue key, read at each build so a language change shows

    def heading(self) -> str:
        return t(self.title_key) if self.title_key else self.title

    def choices(self) -> list[Choice]:
        return [Choice("close", t("dialog.close"), t("dialog.close.tip"), primary=True)]

    def size(self) -> tuple[int, int]:
        """Preferred card size at 1x; it shrinks to fit small windows."""
        return (640, 420)

    def build(self) -> None:
        lay = self.layout
        w, h = self.size()
        card = lay.centred(lay.px(w), lay.px(h), lay.rect.inflate(-lay.px(40), -lay.px(40)))
        face = ("@dialog", self.panel_object_id) if self.panel_object_id else ("@dialog",)
        self.card = card_panel(self.app, card, self.root, face=face)
        pad = lay.px(24)
        inner_w = card.width - 2 * pad
        title_h = lay.line(28)
        UILabel(
            pygame.Rect(pad, pad - lay.px(6), inner_w, title_h),
            self.heading(),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@heading"),
        )
        bh = lay.button_h
        body = pygame.Rect(pad, pad + title_h + lay.px(8), inner_w, card.height - 2 * pad - title_h - bh - lay.px(24))
        self.build_body(body)
        self.choice_buttons: dict[UIButton, str] = {}
        choices = self.choices()
        widths = [max(lay.px(130), self.text_width(c.text) + lay.px(48)) for c in choices]
        room = card.width - 2 * pad - lay.gap * (len(widths) - 1)
        if sum(widths) > room:
            widths = [w * room // sum(widths) for w in widths]
        total = sum(widths) + lay.gap * (len(widths) - 1)
        row = pygame.Rect(card.width - pad - total, card.height - pad - bh, total, bh)
        for choice, rect in zip(choices, split_h(row, [float(w) for w in widths], lay.gap), strict=True):
            btn = UIButton(
                rect,
                choice.text,
                manager=self.app.manager,
                container=self.card,
                tool_tip_text=choice.tooltip or None,
                object_id=ObjectID(class_id="@primary" if choice.primary else None, object_id=f"#{choice.key}"),
            )
            self.choice_buttons[btn] = choice.key

    def build_body(self, rect: pygame.Rect) -> None:
        """Fill the body area (coordinates inside `self.card`)."""

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        key = self.choice_buttons.get(element)  # type: ignore[call-overload]
        if key is not None:
            self.on_choice(key)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE and self.cancel_choice:
            self.on_choice(self.cancel_choice)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.default_choice:
            self.on_choice(self.default_choice)
            return True
        return False

    def on_choice(self, key: str) -> None:
        self.app.pop(self)
