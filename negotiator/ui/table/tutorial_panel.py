"""The tutorial's card in the table's news corner while a guided tutorial runs (the news is on the resolution
screen after every turn, and back here once the tutorial ends). A `Panel` around `TutorialCard`."""

from __future__ import annotations

import pygame

from negotiator.ui.table.base import Panel, TableContext
from negotiator.ui.tutorial_card import TutorialCard


def panel_floor(ctx: TableContext) -> int:
    """The least height the panel above the card keeps: its title and three lines (it scrolls the rest)."""
    return ctx.lay.line(16) + ctx.lay.px(24) + 3 * ctx.lay.line(13)


class TutorialPanel(Panel):
    def __init__(self, ctx: TableContext, rect: pygame.Rect) -> None:
        super().__init__(ctx, rect)
        # The table refreshes itself after any panel's button, so the card needs no callback of its own.
        self.card = TutorialCard(ctx.app, ctx.session, rect, ctx.container, lambda: None, framed=False)

    @staticmethod
    def fit(ctx: TableContext, rects: dict[str, pygame.Rect], gap: int) -> pygame.Rect:
        """The card's rect at the foot of the column `rects["offers"]` over `rects["news"]`, shrinking
        `rects["offers"]` to match. The news corner when the step shows whole there in body type; else as tall
        as body type needs, or else small type, as long as the panel above keeps room for its title and a few
        lines (`panel_floor`: it scrolls); only when neither fits, all the column leaves (small type)."""
        offers, news = rects["offers"], rects["news"]
        column = pygame.Rect(offers.x, offers.y, offers.width, news.bottom - offers.y)
        limit = max(news.height, column.height - gap - panel_floor(ctx))
        probe = TutorialCard(ctx.app, ctx.session, news, ctx.container, lambda: None, framed=False)
        body, small = probe.panel_height(), probe.panel_height(small=True)
        if body <= news.height or (body > limit and small <= news.height):
            height = news.height
        else:
            height = min(body if body <= limit else small, limit)
        rects["offers"] = pygame.Rect(offers.x, offers.y, offers.width, column.height - height - gap)
        return pygame.Rect(news.x, column.bottom - height, news.width, height)

    def build(self) -> None:
        self.card.build()

    def refresh(self) -> None:
        """The game moved on: a step met (or skipped) brings the next one."""
        if self.card.step_key() != self.card.key:
            self.card.build()

    def paint_content(self, surface: pygame.Surface) -> None:
        self.card.paint(surface)

    def on_button(self, element: object) -> bool:
        return self.card.on_button(element)
