"""What happened this turn, step by step: events, levers, offers and answers with each side's reason, and the
ratified agreements. Lines appear one after another (Space shows all at once); Enter or Continue goes on.

Only what the viewer may see is shown: the viewer's own log (`view(...).log`), or public entries when several
humans share the screen or nobody is playing.
"""

from __future__ import annotations

import pygame

from negotiator.engine.records import LogEntry, TurnRecord
from negotiator.ui.app import App
from negotiator.ui.newstext import news_items
from negotiator.ui.scene import Scene
from negotiator.ui.session import GameSession
from negotiator.ui.table import paint
from negotiator.ui.table.base import TableContext, theme_colour
from negotiator.ui.table.data import table_data
from negotiator.ui.table.news_feed import ItemPainter

STEP = 0.35  # seconds between two lines appearing, at speed 1
AUTO_CLOSE = 4.0  # seconds the demo leaves the screen up after the last line


def visible_entries(session: GameSession, record: TurnRecord, viewer: str | None) -> list[LogEntry]:
    if viewer is not None:
        return [e for e in session.view_for(viewer).log if e.turn == record.turn]
    return [e for e in record.entries if e.visibility == "public"]


class ResolutionScene(Scene):
    name = "resolution"

    def __init__(
        self,
        app: App,
        session: GameSession,
        record: TurnRecord,
        viewer: str | None,
        *,
        auto: bool = False,
        speed: float = 1.0,
    ) -> None:
        super().__init__(app)
        self.session = session
        self.record = record
        self.viewer = viewer
        self.auto = auto
        self.speed = max(0.05, speed) * app.settings.animation_speed
        self.entries = [
            e for e in visible_entries(session, record, viewer) if not (e.kind == "end" and not e.data.get("reason"))
        ]
        self.shown = 0
        self.clock = 0.0
        self.after = 0.0
        self.blocks: list[pygame.Surface] = []
        self.canvas: pygame.Surface | None = None

    def build(self) -> None:
        lay = self.layout
        self.card = lay.rect.inflate(-2 * lay.margin, -2 * lay.margin)
        self.card.width = min(self.card.width, lay.px(980))
        self.card.centerx = lay.rect.centerx
        data = table_data(self.session, self.viewer)
        from negotiator.ui.table.paint import Fonts

        self.ctx = TableContext(self.app, self.session, Fonts.from_app(self.app), lay, data, self.root)
        pad = lay.px(28)
        self.text_rect = pygame.Rect(
            self.card.x + pad, self.card.y + pad + lay.line(28) + lay.px(16), self.card.width - 2 * pad, 0
        )
        self.text_rect.height = self.card.bottom - pad - lay.button_h - lay.px(16) - self.text_rect.y
        painter = ItemPainter(self.ctx, self.text_rect.width)
        fill = theme_colour(self.app, "@dialog", "dark_bg", "#121c2e")
        self.blocks = [painter.render(item, fill) for item in news_items(self.entries)]
        bw = lay.px(180)
        y = self.card.bottom - pad - lay.button_h
        self.cont = self.button(
            "Continue (Enter)",
            pygame.Rect(self.card.right - pad - bw, y, bw, lay.button_h),
            tooltip="Back to the table",
            class_id="@primary",
        )
        self.all = self.button(
            "Show all (Space)",
            pygame.Rect(self.card.right - pad - 2 * bw - lay.px(10), y, bw, lay.button_h),
            tooltip="Show every line now",
        )
        self.canvas = None

    def update(self, dt: float) -> None:
        if self.shown < len(self.blocks):
            self.clock += dt * self.speed
            if self.clock >= STEP:
                self.clock = 0.0
                self.shown += 1
                self.canvas = None
        elif self.auto:
            self.after += dt * self.speed
            if self.after >= AUTO_CLOSE:
                self.close()

    def draw(self, surface: pygame.Surface) -> None:
        if self.canvas is None:
            self.canvas = self._paint(surface.get_size())
        surface.blit(self.canvas, (0, 0))

    def _paint(self, size: tuple[int, int]) -> pygame.Surface:
        ctx, lay, fonts = self.ctx, self.layout, self.ctx.fonts
        canvas = pygame.Surface(size, pygame.SRCALPHA)
        fill = theme_colour(self.app, "@dialog", "dark_bg", "#121c2e")
        pygame.draw.rect(canvas, fill, self.card, border_radius=lay.px(8))
        pygame.draw.rect(canvas, ctx.pal("accent"), self.card, width=1, border_radius=lay.px(8))
        pad = lay.px(28)
        title = f"Turn {self.record.turn} of {self.session.state.turns}: what happened"
        paint.text(canvas, fonts.big, title, (self.card.x + pad, self.card.y + pad - lay.px(4)), ctx.pal("text"))
        if not self.blocks:
            paint.text(
                canvas,
                fonts.body,
                "A quiet turn: nothing you could see happened.",
                self.text_rect.topleft,
                ctx.pal("text_secondary"),
            )
        # Newest lines stay in view: when the lines overflow, the oldest scroll out at the top.
        visible = self.blocks[: self.shown]
        gap = lay.px(8)
        heights = [b.get_height() + gap for b in visible]
        start = 0
        while sum(heights[start:]) > self.text_rect.height and start < len(visible) - 1:
            start += 1
        y = self.text_rect.y
        if start:
            paint.text(
                canvas,
                fonts.small,
                f"… {start} earlier line{'s' if start != 1 else ''} above",
                (self.text_rect.right, self.card.y + pad),
                ctx.pal("text_secondary"),
                align="right",
            )
        for block in visible[start:]:
            canvas.blit(block, (self.text_rect.x, y))
            y += block.get_height() + gap
        return canvas

    def on_button(self, element: object) -> None:
        if element is self.cont:
            self.close()
        elif element is self.all:
            self.shown = len(self.blocks)
            self.canvas = None

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
            self.close()
            return True
        if event.key == pygame.K_SPACE:
            self.shown = len(self.blocks)
            self.canvas = None
            return True
        return False

    def close(self) -> None:
        if self in self.app.stack:
            self.app.pop(self)
