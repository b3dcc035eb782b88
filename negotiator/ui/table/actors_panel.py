"""The actors at the table with their meters: a matrix of small bars (one column per actor, in its colour),
then the shared meters as full-width bars. Drawn once per change of the meters."""

from __future__ import annotations

import pygame

from negotiator.engine.meters import meter_key
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel


def actor_rows(scenario, extra: int = 0) -> int:  # type: ignore[no-untyped-def]
    """Rows the panel needs: a header, one per personal meter, a gap and one per shared meter, and the `extra`
    lines of long names (see `extra_lines`)."""
    personal = sum(1 for m in scenario.shown_meters if m.scope == "actor")
    shared = sum(1 for m in scenario.shown_meters if m.scope == "shared")
    return 1 + personal + (1 + shared if shared else 0) + extra


def _columns(scenario, fonts: paint.Fonts, lay, width: int) -> tuple[list, int, int]:  # type: ignore[no-untyped-def]
    """The actors with a column, the column width and the width left for the meters' names beside them."""
    personal = [m for m in scenario.shown_meters if m.scope == "actor"]
    # A column per actor that holds at least one per-actor meter (a Senate may hold none).
    actors = [a for a in scenario.actors if any(scenario.holds(m.id, a.id) for m in personal)] or scenario.actors
    widest = max(fonts.bold.size(a.short_name)[0] for a in actors) + lay.px(8)
    col_w = max(lay.px(38), min(max(lay.px(64), widest), int(width * 0.62) // max(1, len(actors))))
    return actors, col_w, width - col_w * len(actors)


def stagger(actors, fonts: paint.Fonts, col_w: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether the actors' names need two staggered lines to stay whole (some name is wider than a column)."""
    return any(fonts.small.size(a.short_name)[0] > col_w - 2 for a in actors)


def long_meters(scenario, fonts: paint.Fonts, lay, width: int) -> set[str]:  # type: ignore[no-untyped-def]
    """The meters whose name is too long for the column beside the values: each goes on a line of its own above
    its values rather than being cut."""
    _, _, label_w = _columns(scenario, fonts, lay, width)
    return {m.id for m in scenario.shown_meters if fonts.small.size(m.name)[0] > label_w - 6}


def extra_lines(scenario, fonts: paint.Fonts, lay, width: int) -> int:  # type: ignore[no-untyped-def]
    """Lines the panel needs beyond one row per meter: the long meter names' own lines and the staggered
    second line of actor names."""
    actors, col_w, _ = _columns(scenario, fonts, lay, width)
    return len(long_meters(scenario, fonts, lay, width)) + stagger(actors, fonts, col_w)


def initials(name: str) -> str:
    """ "Northern Fishermen Union" -> "NFU": a column heading for names too long for their column (the colour
    and the briefs tie it to the actor)."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    capitals = [w[0].upper() for w in words if w[0].isupper() or w[0].isdigit()]
    return "".join(capitals or [w[0].upper() for w in words])[:4] or name[:3]


class ActorsPanel(Panel):
    title_key = "table.panel.actors"

    def _share(self, value: float, lo: float, hi: float) -> float:
        return (value - lo) / ((hi - lo) or 1.0)

    def paint_content(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        data = ctx.data
        scenario = data.scenario
        fonts = ctx.fonts
        area = self.content
        personal = [m for m in scenario.shown_meters if m.scope == "actor"]
        shared = [m for m in scenario.shown_meters if m.scope == "shared"]
        sh = paint.line_height(fonts.small)
        long = long_meters(scenario, fonts, ctx.lay, area.width)
        actors, col_w, label_w = _columns(scenario, fonts, ctx.lay, area.width)
        # Rows tighten (down to the bare line) before any meter is left out, so large text keeps every meter.
        rows = 1 + len(personal) + len(shared)
        spare = area.height - (ctx.lay.px(10) if shared else 0) - sh * extra_lines(scenario, fonts, ctx.lay, area.width)
        row = max(sh + ctx.lay.px(6), min(sh + ctx.lay.px(10), spare // max(1, rows)))
        text_c, dim, track = ctx.pal("text"), ctx.pal("text_secondary"), ctx.pal("rule")
        y = area.y
        staggered = stagger(actors, fonts, col_w)
        for k, actor in enumerate(actors):
            x = area.x + label_w + k * col_w
            mover = actor.id == data.current_actor
            # Names too wide for one column alternate between two lines, so each may use two columns' width;
            # the whole name, bold for the mover when it fits (the underline marks the mover anyway), else initials.
            room = 2 * col_w - 4 if staggered else col_w - 2
            top = y + (sh if staggered and k % 2 else 0)
            font = fonts.bold if mover and fonts.bold.size(actor.short_name)[0] <= room else fonts.small
            name = paint.first_fitting(font, (actor.short_name, initials(actor.short_name)), room)
            colour = ctx.actor_colour(actor.id)
            bright = colour.lerp(pygame.Color(255, 255, 255), 0.35)
            centre = min(max(x + col_w // 2, area.x + font.size(name)[0] // 2), area.right - font.size(name)[0] // 2)
            paint.text(surface, font, name, (centre, top), bright, align="centre")
            if mover:
                line_y = y + row - 6 + (sh if staggered else 0)
                pygame.draw.line(surface, ctx.pal("accent"), (x + 4, line_y), (x + col_w - 4, line_y), 2)
        if staggered:
            y += sh
        y += row
        for meter in personal:
            stacked = meter.id in long
            if y + row + (sh if stacked else 0) > area.bottom + 2:
                break
            if stacked:
                paint.text(surface, fonts.small, meter.name, (area.x, y), dim, max_width=area.width)
                y += sh
            else:
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
                stacked = meter.id in long
                if y + row + (sh if stacked else 0) > area.bottom + 2:
                    break
                value = data.meters.get(meter.id, meter.initial)
                share = self._share(value, meter.min, meter.max)
                worrying = share > 0.66 if not meter.higher_is_better else share < 0.2
                fill = ctx.pal("bad") if worrying else ctx.pal("accent")
                if stacked:
                    paint.text(surface, fonts.small, meter.name, (area.x, y), dim, max_width=area.width)
                    y += sh - ctx.lay.px(6)
                else:
                    paint.text(surface, fonts.small, meter.name, (area.x, y + 2), dim, max_width=label_w - 6)
                bar = pygame.Rect(
                    area.x + label_w + 3, y + ctx.lay.px(7), area.width - label_w - ctx.lay.px(40), ctx.lay.px(6)
                )
                paint.bar(surface, bar, share, fill, track)
                paint.text(surface, fonts.small, f"{value:.0f}", (area.right, y + 2), text_c, align="right")
                y += row
