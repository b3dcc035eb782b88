"""What happened this turn, step by step: events, levers, offers and answers with each side's reason, and the
ratified agreements. Lines appear one after another (Space shows all at once); Enter or Continue goes on.
When the lines overflow, the newest stay in view and the list scrolls (mouse wheel, Up/Down, PageUp/PageDown,
Home/End); the line pictures are rendered once per build, so scrolling only re-blits them.

Only what the viewer may see is shown: the viewer's own log (`view(...).log`), or public entries when several
humans share the screen or nobody is playing.
"""

from __future__ import annotations

import pygame

from negotiator import i18n
from negotiator.engine.public_text import shown_log
from negotiator.engine.records import LogEntry, TurnRecord
from negotiator.i18n import t
from negotiator.i18n.news import translated_entry
from negotiator.ui.app import App
from negotiator.ui.newstext import news_items
from negotiator.ui.scene import Scene
from negotiator.ui.session import GameSession
from negotiator.ui.table import paint
from negotiator.ui.table.base import TableContext, theme_colour
from negotiator.ui.table.data import table_data
from negotiator.ui.table.news_feed import ItemPainter
from negotiator.words import count

STEP = 0.35  # seconds between two lines appearing, at speed 1
AUTO_CLOSE = 4.0  # seconds the demo leaves the screen up after the last line


def visible_entries(session: GameSession, record: TurnRecord, viewer: str | None) -> list[LogEntry]:
    """The turn's entries the viewer may see, other sides' private numbers in words (`shown_log`)."""
    scenario = session.state.scenario
    shown = scenario.translated(i18n.current())
    if viewer is not None:
        entries = shown_log(scenario, (e for e in session.view_for(viewer).log if e.turn == record.turn), {viewer})
    else:
        entries = shown_log(scenario, (e for e in record.entries if e.visibility == "public"))
    return [translated_entry(e, scenario, shown) for e in entries]


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
        self.scroll = 0  # pixels of the list hidden above the view
        self.follow = True  # keep the newest line in view until the player scrolls up

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
        self.bar_w = lay.px(6)
        painter = ItemPainter(self.ctx, self.text_rect.width - self.bar_w - lay.px(10))
        fill = theme_colour(self.app, "@dialog", "dark_bg", "#121c2e")
        self.blocks = [painter.render(item, fill) for item in news_items(self.entries)]
        cw = max(lay.px(180), self.text_width(t("resolution.continue")) + lay.px(32))
        bw = max(lay.px(180), self.text_width(t("resolution.show_all"), ["button"]) + lay.px(32))
        y = self.card.bottom - pad - lay.button_h
        self.cont = self.button(
            t("resolution.continue"),
            pygame.Rect(self.card.right - pad - cw, y, cw, lay.button_h),
            tooltip=t("resolution.continue.tip"),
            class_id="@primary",
        )
        self.all = self.button(
            t("resolution.show_all"),
            pygame.Rect(self.card.right - pad - cw - bw - lay.px(10), y, bw, lay.button_h),
            tooltip=t("resolution.show_all.tip"),
        )
        self.canvas = None
        self._clamp()

    # --- revealing and scrolling ----------------------------------------------------------------------
    def reveal(self, upto: int) -> None:
        """Show lines up to `upto`, with one sound for what they bring (a deal outweighs a lever)."""
        upto = min(upto, len(self.blocks))
        kinds = {e.kind for e in self.entries[self.shown : upto]}
        if "settled" in kinds:
            self.app.sounds.play("deal")
        elif "lever" in kinds:
            self.app.sounds.play("lever")
        self.shown = max(self.shown, upto)
        self._clamp()
        self.canvas = None

    @property
    def gap(self) -> int:
        return self.layout.px(8)

    def content_height(self) -> int:
        return sum(b.get_height() + self.gap for b in self.blocks[: self.shown])

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height() - self.text_rect.height)

    def _clamp(self) -> None:
        if self.follow:
            self.scroll = self.max_scroll
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def scroll_by(self, pixels: int) -> None:
        """Scroll the list; scrolling back to the bottom follows new lines again."""
        before = self.scroll
        self.scroll = max(0, min(self.scroll + pixels, self.max_scroll))
        self.follow = self.scroll >= self.max_scroll
        if self.scroll != before:
            self.canvas = None

    def hidden_lines(self) -> tuple[int, int]:
        """How many shown lines are wholly or partly out of view (above, below)."""
        above = below = 0
        y = 0
        for block in self.blocks[: self.shown]:
            top, bottom = y, y + block.get_height()
            if top < self.scroll:
                above += 1
            elif bottom > self.scroll + self.text_rect.height:
                below += 1
            y = bottom + self.gap
        return above, below

    def update(self, dt: float) -> None:
        if self.shown < len(self.blocks):
            self.clock += dt * self.speed
            if self.clock >= STEP:
                self.clock = 0.0
                self.reveal(self.shown + 1)
        elif self.auto:
            self.after += dt * self.speed
            if self.after >= AUTO_CLOSE:
                self.close()

    def animating(self) -> bool:
        return self.shown < len(self.blocks) or self.auto  # revealing, or counting down to close

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
        title = t("resolution.title", turn=self.record.turn, turns=self.session.state.turns)
        paint.text(canvas, fonts.big, title, (self.card.x + pad, self.card.y + pad - lay.px(4)), ctx.pal("text"))
        if not self.blocks:
            paint.text(
                canvas,
                fonts.body,
                t("resolution.quiet"),
                self.text_rect.topleft,
                ctx.pal("text_secondary"),
            )
        above, below = self.hidden_lines()
        hints = []
        if above:
            hints.append(t("resolution.above", lines=count(above, "earlier line")))
        if below:
            hints.append(t("resolution.below", n=below))
        if hints:  # beside the buttons, where it cannot crowd the title
            buttons = self.all.get_abs_rect()
            paint.text(
                canvas,
                fonts.small,
                "  ·  ".join(hints) + "  ·  " + t("resolution.scroll"),
                (self.text_rect.x, buttons.centery - paint.line_height(fonts.small) // 2),
                ctx.pal("text_secondary"),
                max_width=buttons.x - self.text_rect.x - lay.px(12),
            )
        view = canvas.subsurface(self.text_rect)
        y = -self.scroll
        for block in self.blocks[: self.shown]:
            if y + block.get_height() > 0 and y < self.text_rect.height:
                view.blit(block, (0, y))
            y += block.get_height() + self.gap
        if self.max_scroll:
            track = pygame.Rect(self.text_rect.right - self.bar_w, self.text_rect.y, self.bar_w, self.text_rect.height)
            pygame.draw.rect(canvas, ctx.pal("rule"), track, border_radius=self.bar_w // 2)
            total = self.content_height()
            thumb_h = max(lay.px(24), track.height * self.text_rect.height // max(1, total))
            thumb_y = track.y + (track.height - thumb_h) * self.scroll // max(1, self.max_scroll)
            thumb = pygame.Rect(track.x, thumb_y, self.bar_w, thumb_h)
            pygame.draw.rect(canvas, ctx.pal("text_secondary"), thumb, border_radius=self.bar_w // 2)
        return canvas

    def on_button(self, element: object) -> None:
        if element is self.cont:
            self.close()
        elif element is self.all:
            self.reveal(len(self.blocks))

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
            self.close()
            return True
        if event.key == pygame.K_SPACE:
            self.reveal(len(self.blocks))
            return True
        line, page = self.layout.px(40), max(self.layout.px(40), self.text_rect.height - self.layout.px(40))
        steps = {
            pygame.K_UP: -line,
            pygame.K_DOWN: line,
            pygame.K_PAGEUP: -page,
            pygame.K_PAGEDOWN: page,
            pygame.K_HOME: -self.max_scroll,
            pygame.K_END: self.max_scroll,
        }
        if event.key in steps:
            self.scroll_by(steps[event.key])
            return True
        return False

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.layout.px(48))
            return True
        return False

    def close(self) -> None:
        if self in self.app.stack:
            self.app.pop(self)
