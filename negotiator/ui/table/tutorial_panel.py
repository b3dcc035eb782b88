"""The tutorial's card in the table's news corner while a guided tutorial runs (the news is on the resolution
screen after every turn, and back here once the tutorial ends). A `Panel` around `TutorialCard`."""

from __future__ import annotations

import pygame

from negotiator.ui.table.base import Panel, TableContext
from negotiator.ui.tutorial_card import TutorialCard


class TutorialPanel(Panel):
    def __init__(self, ctx: TableContext, rect: pygame.Rect) -> None:
        super().__init__(ctx, rect)
        # The table refreshes itself after any panel's button, so the card needs no callback of its own.
        self.card = TutorialCard(ctx.app, ctx.session, rect, ctx.container, lambda: None, framed=False)

    @staticmethod
    def fit(ctx: TableContext, rects: dict[str, pygame.Rect], gap: int) -> pygame.Rect:
        """The card's rect: the news corner, in body type or else small type; only when neither fits, grown
        upwards into the offers panel (never past 70% of the column: the offers panel scrolls). Shrinks
        `rects["offers"]` to match."""
        offers, news = rects["offers"], rects["news"]
        column = pygame.Rect(offers.x, offers.y, offers.width, news.bottom - offers.y)
        probe = TutorialCard(ctx.app, ctx.session, news, ctx.container, lambda: None, framed=False)
        height = news.height
        if probe.panel_height() > height and probe.panel_height(small=True) > height:
            height = min(probe.panel_height(small=True), int(column.height * 0.7))
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
