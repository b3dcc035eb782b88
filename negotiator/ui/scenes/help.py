"""The how-to-play overlay (F1 from anywhere)."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator.i18n import t
from negotiator.ui import rich
from negotiator.ui.card import card_panel
from negotiator.ui.help_text import how_to_play
from negotiator.ui.scenes.dialog import Choice, Dialog


def help_html(scale: float, accent: str) -> str:
    parts = []
    for head, paragraphs in how_to_play():
        parts.append(rich.subheading(head, scale, accent))
        parts.extend(rich.para(p) for p in paragraphs)
    return "".join(parts)


#: The scenes the close button names (`help.back.<scene>`) when the help was opened over them; any other (a
#: dialog, say) gets "Close".
BACK_TO = ("title", "chooser", "setup", "briefing", "table", "resolution", "debrief", "replay")


class HelpOverlay(Dialog):
    name = "help"
    title_key = "help.title"
    default_choice = "close"

    def choices(self) -> list[Choice]:
        return [
            Choice("tutorial", t("help.tutorial"), t("help.tutorial.tip")),
            Choice("close", self.back_label(), t("help.close.tip"), primary=True),
        ]

    def back_label(self) -> str:
        """Where closing returns to: the scene under the help (it may be opened from any screen with F1)."""
        stack = self.app.stack
        index = next((k for k, scene in enumerate(stack) if scene is self), len(stack))
        below = stack[index - 1].name if index > 0 else ""
        return t(f"help.back.{below}") if below in BACK_TO else t("dialog.close")

    def on_choice(self, key: str) -> None:
        self.app.pop(self)
        if key == "tutorial":
            from negotiator.ui.flow import start_tutorial

            start_tutorial(self.app)

    def size(self) -> tuple[int, int]:
        return (860, 640)

    def build_body(self, rect: pygame.Rect) -> None:
        accent = "#" + "".join(f"{c:02x}" for c in self.app.palette["accent"][:3])
        # A "@document" face drawn once (see negotiator/ui/card.py), the text over it in a see-through box.
        page = card_panel(self.app, rect, self.card, face=("@document",))
        UITextBox(
            help_html(self.app.settings.text_scale, accent),
            pygame.Rect(0, 0, rect.width, rect.height),
            manager=self.app.manager,
            container=page,
            object_id=ObjectID(class_id="@document_text"),
        )

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F1:
            self.on_choice("close")
            return True
        return super().on_key(event)
