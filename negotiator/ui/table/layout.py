"""Where each panel of the table goes, computed from the window rect alone (any size from 1024x600 up).

Two arrangements. With room (the window at least `WIDE_FROM` pixels wide per unit of text scale: 1280x720 at
normal text, 1920x1080 at any), three columns show every panel at once. With less (1024x600, or large text on a
laptop), shrinking the text or cutting it would make the table unreadable, so the side panels (the actors'
meters, the levers, the offers, the news) become tabs of one side column and the issue board and the offer
builder get the rest of the width. Only the chosen side panel is laid out, so no two rects ever overlap.

Kept apart from the widgets so a test can check that no two panels overlap at every supported size.
"""

from __future__ import annotations

import pygame

from negotiator.ui.layout import Layout, split_h, split_v

PANELS = ("header", "actors", "levers", "board", "builder", "offers", "news")
#: The side panels that share one column as tabs when the window is narrow, in tab order.
SIDE_TABS = ("offers", "levers", "actors", "news")
#: Window width, in pixels per unit of text scale, from which all panels fit side by side.
WIDE_FROM = 1200
#: The side column's share of the width when the side panels are tabs.
SIDE_SHARE = 0.33


def tabbed(lay: Layout) -> bool:
    """Whether the side panels are tabs (the window is narrow for its text size)."""
    return lay.rect.width / max(lay.text_scale, 0.1) < WIDE_FROM


def tab_bar_height(lay: Layout, rows: int) -> int:
    return rows * (lay.line(13) + lay.px(12)) + (rows - 1) * lay.px(6)


def table_rects(lay: Layout, actor_rows: int, side: str = SIDE_TABS[0], tab_rows: int = 1) -> dict[str, pygame.Rect]:
    """Rects for the header and the panels shown. `actor_rows` is the number of meter rows the actors panel needs;
    when the side panels are tabs, `side` is the one shown (under a "tabs" bar of `tab_rows` rows)."""
    window = lay.rect
    m = lay.px(20) if window.width < 1400 else lay.px(28)
    g = lay.px(12)
    header = pygame.Rect(0, 0, window.width, max(lay.px(52), lay.line(16) * 2 + lay.px(8)))
    body = pygame.Rect(m, header.bottom + g, window.width - 2 * m, window.height - header.bottom - g - m)
    if tabbed(lay):
        column, centre = split_h(body, [SIDE_SHARE, 1 - SIDE_SHARE], g)
        tabs, panel = split_v(column, [float(max(2, tab_bar_height(lay, tab_rows))), 1.0], lay.px(6))
        board, builder = _centre(lay, centre)
        return {"header": header, "tabs": tabs, side: panel, "board": board, "builder": builder}
    left, centre, right = split_h(body, [0.25, 0.44, 0.31], g)
    row = lay.line(13) + lay.px(10)
    actors_h = min(int(left.height * 0.64), lay.line(15) + lay.px(24) + row * actor_rows)
    actors, levers = split_v(left, [float(max(actors_h, 2)), 1.0], g)
    board, builder = _centre(lay, centre)
    offers, news = split_v(right, [0.5, 0.5], g)
    return {
        "header": header,
        "actors": actors,
        "levers": levers,
        "board": board,
        "builder": builder,
        "offers": offers,
        "news": news,
    }


def _centre(lay: Layout, centre: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
    builder_h = min(int(centre.height * 0.36), lay.line(15) * 3 + lay.px(60))
    board, builder = split_v(centre, [1.0, float(max(builder_h, 2))], lay.px(12))
    return board, builder
