"""The actors at the table with their meters: a matrix of small bars (one column per actor, in its colour),
then the shared meters as full-width bars. Drawn once per change of the meters."""

from __future__ import annotations

import pygame

from negotiator.engine.meters import meter_key
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel


def actor_rows(scenario) -> int:  # type: ignore[no-untyped-def]
    """Rows the panel needs: a header, one per personal meter, a gap and one per shared meter."""
    personal = sum(1 for m in scenario.shown_meters if m.scope == "actor")
    shared = sum(1 for m in scenario.shown_meters if m.scope == "shared")
    return 1 + personal + (1 + shared if shared else 0)


def initials(name: str) -> str:
    """ "Northern Fishermen Union" -> "NFU": a column heading for names too long for their column (the colour
    and the briefs tie it to the actor)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    capitals = [w[0].upper() for w in words if w[0].isupper() or w[0].isdigit()]
    return "".join(capitals or [w[0].upper() for w in words])[:4] or name[:3]


class ActorsPanel(Panel):
    title = "At the table"

    def _share(self, value: float, lo: float, hi: float) -> float:
        return (value - lo) / ((hi - lo) or 1.0)

    def paint_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        data = ctx.data
        scenario = data.scenario
        fonts = ctx.fonts
        area = self.content
        personal = [m for m in scenario.shown_meters if m.scope == "actor"]
        # A column per actor that holds at least one per-actor meter (a Senate may hold none).
        actors = [a for a in scenario.actors if any(scenario.holds(m.id, a.id) for m in personal)] or scenario.actors
        shared = [m for m in scenario.shown_meters if m.scope == "shared"]
        # Rows tighten (down to the bare line) before any meter is left out, so large text keeps every meter.
        sh = paint.line_height(fonts.small)
        rows = 1 + len(personal) + len(shared)
        spare = area.height - (ctx.lay.px(10) if shared else 0)
        row = max(sh + ctx.lay.px(6), min(sh + ctx.lay.px(10), spare // max(1, rows)))
        widest = max(fonts.bold.size(a.short_name)[0] for a in actors) + ctx.lay.px(8)
        col_w = max(ctx.lay.px(38), min(max(ctx.lay.px(64), widest), int(area.width * 0.62) // max(1, len(actors))))
        label_w = area.width - col_w * len(actors)
        text_c, dim, track = ctx.pal("text"), ctx.pal("text_secondary"), ctx.pal("rule")
        y = area.y
        for k, actor in enumerate(actors):
            x = area.x + label_w + k * col_w
            mover = actor.id == data.current_actor
            # The whole name (bold for the mover when it fits; the underline marks the mover anyway), else initials.
            font = fonts.bold if mover and fonts.bold.size(actor.short_name)[0] <= col_w - 2 else fonts.small
            name = paint.first_fitting(font, (actor.short_name, initials(actor.short_name)), col_w - 2)
            colour = ctx.actor_colour(actor.id)
            bright = colour.lerp(pygame.Color(255, 255, 255), 0.35)
            paint.text(
                surface,
                font,
                name,
                (x + col_w // 2, y),
                bright,
                max_width=col_w - 2,
                align="centre",
            )
            if mover:
                pygame.draw.line(surface, ctx.pal("accent"), (x + 4, y + row - 6), (x + col_w - 4, y + row - 6), 2)
        y += row
        for meter in personal:
            if y + row > area.bottom + 2:
                break
            paint.text(surface, fonts.small, meter.name, (area.x, y + 2), dim, max_width=label_w - 6)
            for k, actor in enumerate(actors):
                x = area.x + label_w + k * col_w
                value = data.meters.get(meter_key(meter.id, actor.id))
                if value is None:
                    continue  # this actor does not hold this meter
                cell = pygame.Rect(x + 3, y + row - ctx.lay.px(12), col_w - 6, ctx.lay.px(5))
                paint.bar(surface, cell, self._share(value, meter.min, meter.max), ctx.actor_colour(actor.id), track)
                paint.text(surface, fonts.small, f"{value:.0f}", (x + col_w // 2, y), text_c, align="centre")
            y += row
        if shared and y + row <= area.bottom + 2:
            y += ctx.lay.px(4)
            pygame.draw.line(surface, track, (area.x, y), (area.right, y))
            y += ctx.lay.px(6)
            for meter in shared:
                if y + row > area.bottom + 2:
                    break
                value = data.meters.get(meter.id, meter.initial)
                share = self._share(value, meter.min, meter.max)
                worrying = share > 0.66 if not meter.higher_is_better else share < 0.2
                fill = ctx.pal("bad") if worrying else ctx.pal("accent")
                paint.text(surface, fonts.small, meter.name, (area.x, y + 2), dim, max_width=label_w - 6)
                bar = pygame.Rect(
                    area.x + label_w + 3, y + ctx.lay.px(7), area.width - label_w - ctx.lay.px(40), ctx.lay.px(6)
                )
                paint.bar(surface, bar, share, fill, track)
                paint.text(surface, fonts.small, f"{value:.0f}", (area.right, y + 2), text_c, align="right")
                y += row
