"""Shown when a scene raises: what happened in one sentence, where the details are, and a way out."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator.i18n import t
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Choice, Dialog


class ErrorDialog(Dialog):
    name = "error"
    panel_object_id = "#error"
    cancel_choice = "title"
    default_choice = "save"
    title_key = "error.title"

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
            out.append(Choice("save", t("error.save"), t("error.save.tip"), True))
        out.append(Choice("title", t("error.title_button"), t("error.title_button.tip"), not self.can_save))
        return out

    def build_body(self, rect: pygame.Rect) -> None:
        text = (
            rich.esc(t("error.body"))
            + "<br><br>"
            + rich.colour(rich.esc(self.summary[:300]), "#9fabbf")
            + "<br><br>"
            + rich.esc(t("error.details", path="\0")).replace(
                "\0", rich.colour(rich.esc(str(self.app.log_file)), "#e6bd6a")
            )
        )
        UITextBox(text, rect, manager=self.app.manager, container=self.card, object_id=ObjectID(class_id="@body"))

    def on_choice(self, key: str) -> None:
        notice = None
        if key == "save":
            saved = self.app.autosave_all()
            if saved:
                notice = (t("error.saved"), t("error.saved.text", path=saved[0]))
            else:
                notice = (t("error.nothing_saved"), t("error.nothing_saved.text"))
        self.app.reset_to_title(notice)
