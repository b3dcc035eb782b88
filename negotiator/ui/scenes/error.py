"""Shown when a scene raises: what happened in one sentence, where the details are, and a way out."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Choice, Dialog


class ErrorDialog(Dialog):
    name = "error"
    panel_object_id = "#error"
    cancel_choice = "title"
    default_choice = "save"
    title = "Something went wrong"

    def __init__(self, app: App, exc: BaseException, *, can_save: bool) -> None:
        super().__init__(app)
        self.summary = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        self.can_save = can_save
        if not can_save:
            self.default_choice = "title"

    def size(self) -> tuple[int, int]:
        return (660, 340)

    def choices(self) -> list[Choice]:
        out = []
        if self.can_save:
            out.append(
                Choice("save", "Save and return to title", "Save the game in progress, then go to the title", True)
            )
        out.append(Choice("title", "Return to title", "Leave this screen without saving (Esc)", not self.can_save))
        return out

    def build_body(self, rect: pygame.Rect) -> None:
        text = (
            "The game hit an unexpected problem on this screen and stopped it to keep your game safe."
            "<br><br>"
            + rich.colour(rich.esc(self.summary[:300]), "#9fabbf")
            + "<br><br>"
            + "Details were written to "
            + rich.colour(rich.esc(str(self.app.log_file)), "#e6bd6a")
            + "."
        )
        UITextBox(text, rect, manager=self.app.manager, container=self.card, object_id=ObjectID(class_id="@body"))

    def on_choice(self, key: str) -> None:
        notice = None
        if key == "save":
            saved = self.app.autosave_all()
            if saved:
                notice = ("Game saved", f"Your game was saved to {saved[0]}.")
            else:
                notice = ("Nothing saved", "There was no game in progress to save.")
        self.app.reset_to_title(notice)
