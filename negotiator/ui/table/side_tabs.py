"""The tab bar over the side column when the table is narrow (see `layout.tabbed`): one button per side panel.

The tab of the offers shows how many wait for the player's answer, so an offer is never missed while another tab
is open; the scene also turns to the offers when a new one arrives.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton

from negotiator.i18n import t
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, TableContext
from negotiator.ui.table.layout import SIDE_TABS

TAB_NAMES = {
    "offers": "table.tab.offers",
    "levers": "table.tab.levers",
    "actors": "table.tab.actors",
    "news": "table.tab.news",
}
SHORT_NAMES = {"actors": "table.tab.actors.short"}


def tab_label(ctx: TableContext, tab: str, short: bool = False) -> str:
    name = t(SHORT_NAMES.get(tab, TAB_NAMES[tab]) if short else TAB_NAMES[tab])
    waiting = len(ctx.data.awaiting_me) if tab == "offers" else 0
    return f"{name} ({waiting})" if waiting else name


def tab_rows(ctx: TableContext, width: int) -> int:
    """One row of tabs when every label fits a quarter of the column, else two."""
    cell = (width - ctx.lay.px(6) * (len(SIDE_TABS) - 1)) // len(SIDE_TABS)
    longest = max(ctx.fonts.body.size(tab_label(ctx, t, short=True) + " (9)")[0] for t in SIDE_TABS)
    return 1 if longest + ctx.lay.px(16) <= cell else 2


class SideTabs(Panel):
    """Draws nothing itself: its buttons are the picture."""

    def __init__(self, ctx: TableContext, rect: pygame.Rect, current: str) -> None:
        super().__init__(ctx, rect)
        self.current = current
        self.buttons: dict[UIButton, str] = {}

    def _cells(self) -> list[pygame.Rect]:
        g = self.ctx.lay.px(6)
        n = len(SIDE_TABS)
        rows = 1 if self.rect.height < 2 * (self.ctx.lay.line(13) + self.ctx.lay.px(12)) else 2
        per_row = -(-n // rows)
        h = (self.rect.height - g * (rows - 1)) // rows
        w = (self.rect.width - g * (per_row - 1)) // per_row
        return [
            pygame.Rect(self.rect.x + (k % per_row) * (w + g), self.rect.y + (k // per_row) * (h + g), w, h)
            for k in range(n)
        ]

    def build(self) -> None:
        self.buttons.clear()
        for tab, cell in zip(SIDE_TABS, self._cells(), strict=True):
            self.buttons[
                self.button("", cell, tooltip=t("table.tab.show", tab=t(TAB_NAMES[tab]).lower()), class_id="@tab")
            ] = tab
        self.refresh()

    def refresh(self) -> None:
        for button, tab in self.buttons.items():
            width = button.get_relative_rect().width - self.ctx.lay.px(12)
            label = paint.first_fitting(
                self.ctx.fonts.body, (tab_label(self.ctx, tab), tab_label(self.ctx, tab, True)), width
            )
            if button.text != label:
                button.set_text(label)
            button.select() if tab == self.current else button.unselect()

    def paint(self, surface: pygame.Surface) -> None:
        """No card: the buttons sit straight on the table."""

    def tab_of(self, element: object) -> str | None:
        return self.buttons.get(element)  # type: ignore[call-overload]
