"""The news feed: events with their quotes, levers, offers and answers with each side's reason, newest at the
bottom. Each item is rendered to a picture once and cached; the panel only composes them (mouse wheel scrolls)."""

from __future__ import annotations

import pygame

from negotiator.engine.records import LogEntry
from negotiator.i18n import t
from negotiator.ui.newstext import NewsItem, news_items
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, TableContext


class ItemPainter:
    """Renders news items to surfaces of one width; shared by the table's feed and the resolution screen."""

    def __init__(self, ctx: TableContext, width: int, show_changes: bool = True) -> None:
        self.ctx = ctx
        self.width = width
        self.show_changes = show_changes
        self.cache: dict[tuple[int, int], pygame.Surface] = {}

    def turn_header(self, turn: int, fill: pygame.Color) -> pygame.Surface:
        ctx = self.ctx
        lh = paint.line_height(ctx.fonts.bold)
        surf = pygame.Surface((self.width, lh + ctx.lay.px(6)), pygame.SRCALPHA)
        surf.fill(fill)
        r = paint.text(surf, ctx.fonts.bold, f"Turn {turn}", (0, ctx.lay.px(4)), ctx.pal("accent"))
        pygame.draw.line(surf, ctx.pal("rule"), (r.right + 8, r.centery), (self.width, r.centery))
        return surf

    def render(self, item: NewsItem, fill: pygame.Color) -> pygame.Surface:
        """A small coloured tag line, the sentence, then the quote, the reason and what changed."""
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        indent = lay.px(10)
        text_w = self.width - indent
        main = paint.wrap(fonts.body, item.text, text_w)
        extra: list[tuple[str, pygame.Color, object]] = []
        if item.quote:
            extra += [(line, ctx.pal("accent"), fonts.small) for line in paint.wrap(fonts.small, item.quote, text_w)]
        if item.reason:
            extra += [
                (line, ctx.pal("text_secondary"), fonts.small)
                for line in paint.wrap(fonts.small, t("news.why", reason=item.reason), text_w)
            ]
        if self.show_changes and item.changes:
            extra += [
                (line, ctx.pal("neutral"), fonts.small)
                for line in paint.wrap(fonts.small, "; ".join(item.changes), text_w)
            ]
        lh, sh = paint.line_height(fonts.body), paint.line_height(fonts.small)
        height = sh + lh * len(main) + sh * len(extra) + lay.px(2)
        surf = pygame.Surface((self.width, height), pygame.SRCALPHA)
        surf.fill(fill)
        tag_colour = ctx.pal(item.colour)
        pygame.draw.rect(surf, tag_colour, pygame.Rect(0, 2, lay.px(3), height - 4), border_radius=2)
        who = ctx.short(item.actor) if item.actor else ""
        tag = paint.text(surf, fonts.small, item.tag, (indent, 0), tag_colour)
        if who:
            actor_c = ctx.actor_colour(item.actor).lerp(pygame.Color(255, 255, 255), 0.45)
            paint.text(surf, fonts.small, who, (tag.right + lay.px(8), 0), actor_c)
        y = sh
        for line in main:
            paint.text(surf, fonts.body, line, (indent, y), ctx.pal("text"))
            y += lh
        for line, colour, font in extra:
            paint.text(surf, font, line, (indent, y), colour)  # type: ignore[arg-type]
            y += sh
        return surf


class NewsFeed(Panel):
    title_key = "table.panel.news"

    def __init__(self, ctx: TableContext, rect: pygame.Rect) -> None:
        super().__init__(ctx, rect)
        self.scroll = 0  # pixels scrolled up from the newest item
        self.entries: tuple[LogEntry, ...] = ()
        self.blocks: list[pygame.Surface] = []
        self.painter = ItemPainter(ctx, self.content.width)

    def refresh(self) -> None:
        log = self.ctx.data.log
        if log == self.entries:
            return
        fill = self._fill()
        if log[: len(self.entries)] != self.entries:
            self.blocks = []
            self.entries = ()
        items = news_items(log)
        start = len(self.entries)
        previous_turn = log[start - 1].turn if start else None
        for entry, item in zip(log[start:], items[start:], strict=True):
            if entry.kind == "end" and not item.reason:
                continue
            if entry.turn != previous_turn:
                self.blocks.append(self.painter.turn_header(entry.turn, fill))
                previous_turn = entry.turn
            self.blocks.append(self.painter.render(item, fill))
        self.entries = log
        self.scroll = 0

    def _fill(self) -> pygame.Color:
        from negotiator.ui.table.base import theme_colour

        return theme_colour(self.ctx.app, "@card", "dark_bg", "#131d30")

    def paint_content(self, surface: pygame.Surface) -> None:
        if not self.blocks:
            self.refresh()
        area = self.content
        gap = self.ctx.lay.px(6)
        total = sum(b.get_height() + gap for b in self.blocks)
        self.scroll = max(0, min(self.scroll, total - area.height))
        y = area.bottom + self.scroll
        clip = surface.get_clip()
        surface.set_clip(area)
        for block in reversed(self.blocks):
            y -= block.get_height() + gap
            if y > area.bottom:
                continue
            if y + block.get_height() < area.y:
                break
            surface.blit(block, (area.x, y))
        surface.set_clip(clip)
        if not self.blocks:
            paint.text(
                surface, self.ctx.fonts.body, "Nothing has happened yet.", area.topleft, self.ctx.pal("text_secondary")
            )
        if self.scroll > 0:
            paint.text(
                surface,
                self.ctx.fonts.small,
                t("news.newer_below"),
                (area.right, self.rect.y + self.pad),
                self.ctx.pal("text_secondary"),
                align="right",
            )

    def on_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll = max(0, self.scroll + event.y * self.ctx.lay.px(40))
            return True
        return False
