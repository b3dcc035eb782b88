"""Two small dialogs the save and load dialogs need: "replace this file?" and "this save cannot be loaded".

The load error shows the engine's `SaveError` as a player reads it: which file, what is wrong, what to do.
Closing it leaves everything as it was (the engine never changes a file while loading).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator.engine.saves import SaveError
from negotiator.i18n import t
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Choice, Dialog


def _hex(colour: pygame.Color) -> str:
    return "#" + "".join(f"{c:02x}" for c in colour[:3])


class ConfirmDialog(Dialog):
    """A yes/no question; `on_yes` runs after the dialog has closed. Esc and Cancel do nothing."""

    name = "confirm"
    default_choice = "yes"
    cancel_choice = "cancel"

    def __init__(self, app: App, title: str, body: str, yes_text: str, on_yes: Callable[[], None]) -> None:
        super().__init__(app)
        self.title = title
        self.body = body
        self.yes_text = yes_text
        self.on_yes = on_yes

    def size(self) -> tuple[int, int]:
        return (600, 280)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", t("settings.cancel"), t("confirm.cancel.tip")),
            Choice("yes", self.yes_text, t("confirm.yes.tip"), primary=True),
        ]

    def build_body(self, rect: pygame.Rect) -> None:
        UITextBox(
            rich.esc(self.body),
            rect,
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@body"),
        )

    def on_choice(self, key: str) -> None:
        self.app.pop(self)
        if key == "yes":
            self.on_yes()


class SaveErrorDialog(Dialog):
    """Why a save could not be opened, in words: the file, the problem, and what to do instead."""

    name = "save_error"
    panel_object_id = "#error"
    default_choice = "close"

    def __init__(self, app: App, error: SaveError, title: str = "") -> None:
        super().__init__(app)
        self.error = error
        self.title = title or t("saves.cannot_load_title")

    def size(self) -> tuple[int, int]:
        return (720, 420)

    def build_body(self, rect: pygame.Rect) -> None:
        palette = self.app.palette
        secondary, accent = _hex(palette["text_secondary"]), _hex(palette["accent"])
        text = (
            rich.colour(rich.esc(self.error.path), secondary)
            + "<br><br>"
            + rich.esc(_sentence(self.error.message))
            + (
                "<br><br>"
                + rich.colour(f"<b>{rich.esc(t('saves.what_to_do'))}</b> ", accent)
                + rich.esc(_sentence(self.error.hint))
                if self.error.hint
                else ""
            )
            + "<br><br>"
            + rich.colour(rich.esc(t("saves.unchanged")), secondary)
        )
        UITextBox(text, rect, manager=self.app.manager, container=self.card, object_id=ObjectID(class_id="@body"))


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")) if text else text
