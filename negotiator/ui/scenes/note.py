"""The note dialog (N, or Menu on the table): the team types why it makes its next move.

The note is kept by the session for that seat and goes with the team's next action as its reason (the computer
gives one with every move), so the save, the debrief report ("Player's note"), the team's debrief questions and
the gradebook all have the team's own words. Everyone at the table reads it in the news with the move, as they
read the computer's reasons; the dialog says so.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox, UITextEntryLine

from negotiator.i18n import t
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.ui.session import MAX_NOTE, GameSession


class NoteDialog(Dialog):
    """Type, keep or clear the seat's note for its next move."""

    name = "note"
    title_key = "note.title"
    default_choice = "keep"
    cancel_choice = "cancel"

    def __init__(self, app: App, session: GameSession, seat: str) -> None:
        super().__init__(app)
        self.session = session
        self.seat = seat

    def size(self) -> tuple[int, int]:
        return (640, 330)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", t("settings.cancel"), t("note.cancel.tip")),
            Choice("clear", t("note.clear"), t("note.clear.tip")),
            Choice("keep", t("note.keep"), t("note.keep.tip"), primary=True),
        ]

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        entry_h = lay.button_h
        text_box = pygame.Rect(rect.x, rect.y, rect.width, max(lay.px(40), rect.height - entry_h - lay.px(10)))
        self.text_box = UITextBox(
            rich.esc(t("note.explained")),
            text_box,
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@body"),
        )
        self.entry = UITextEntryLine(
            pygame.Rect(rect.x, text_box.bottom + lay.px(10), rect.width, entry_h),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(object_id="#note"),
            placeholder_text=t("note.placeholder"),
        )
        self.entry.set_text_length_limit(MAX_NOTE)
        self.entry.set_text(self.session.notes.get(self.seat, ""))
        self.entry.focus()

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.on_choice("keep")
            return True
        return False

    def on_choice(self, key: str) -> None:
        if key == "keep":
            self.session.set_note(self.seat, self.entry.get_text())
        elif key == "clear":
            self.session.set_note(self.seat, "")
        self.app.pop(self)
