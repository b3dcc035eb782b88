"""The validator's located errors for one scenario file, readable and scrollable, with F5 to re-read."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UILabel, UITextBox

from negotiator.i18n import t
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.catalogue import Entry
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.words import count


def problems_html(entry: Entry, bad: str, warn: str) -> str:
    lines = []
    for p in entry.problems:
        colour = bad if p.severity == "error" else warn
        lines.append(
            rich.colour(rich.esc(f"{p.path}:{p.line}:{p.column}:"), "#9fabbf")
            + " "
            + rich.colour(f"<b>{p.severity}:</b>", colour)
            + " "
            + rich.esc(p.message)
            + (rich.colour(rich.esc(f"  ({p.field})"), "#9fabbf") if p.field else "")
        )
    return "<br><br>".join(lines) or rich.esc(t("problems.none"))


class ProblemsDialog(Dialog):
    name = "problems"
    panel_object_id = "#error"
    default_choice = "reload"

    def __init__(self, app: App, entry: Entry, reload: Callable[[], Entry]) -> None:
        super().__init__(app)
        self.entry = entry
        self.reload = reload

    @property
    def title(self) -> str:  # type: ignore[override]
        n = len(self.entry.errors)
        return t("problems.title", problems=count(n, "problem"))

    def size(self) -> tuple[int, int]:
        return (900, 600)

    def choices(self) -> list[Choice]:
        return [
            Choice("reload", t("problems.reload"), t("problems.reload.tip"), primary=True),
            Choice("close", t("dialog.close"), t("problems.close.tip")),
        ]

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        UILabel(
            pygame.Rect(rect.x, rect.y, rect.width, lay.line(14)),
            t("problems.caption", path=self.entry.path),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@caption"),
        )
        hexed = {k: "#" + "".join(f"{c:02x}" for c in self.app.palette[k][:3]) for k in ("bad", "warn")}
        UITextBox(
            problems_html(self.entry, hexed["bad"], hexed["warn"]),
            pygame.Rect(rect.x, rect.y + lay.line(14) + lay.px(8), rect.width, rect.height - lay.line(14) - lay.px(8)),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@problems", object_id="#problem_list"),
        )

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F5:
            self.on_choice("reload")
            return True
        return super().on_key(event)

    def on_choice(self, key: str) -> None:
        if key != "reload":
            self.app.pop(self)
            return
        fresh = self.reload()
        if fresh.ok:
            self.app.pop(self)
            self.app.show_message(t("problems.loaded"), t("problems.loaded.text", name=fresh.path.name))
        else:
            self.entry = fresh
            self.app.refresh(self)
