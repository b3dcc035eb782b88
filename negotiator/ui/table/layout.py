"""Where each panel of the table goes, computed from the window rect alone (any size from 1024x600 up).

Kept apart from the widgets so a test can check that no two panels overlap at every supported size.
"""

from __future__ import annotations

import pygame

from negotiator.ui.layout import Layout, split_h, split_v

PANELS = ("header", "actors", "levers", "board", "builder", "offers", "news")


def table_rects(lay: Layout, actor_rows: int) -> dict[str, pygame.Rect]:
    """Rects for the header and the six panels. `actor_rows` is the number of meter rows the actors panel needs."""
    window = lay.rect
    m = lay.px(20) if window.width < 1400 else lay.px(28)
    g = lay.px(12)
    header = pygame.Rect(0, 0, window.width, max(lay.px(52), lay.line(16) * 2 + lay.px(8)))
    body = pygame.Rect(m, header.bottom + g, window.width - 2 * m, window.height - header.bottom - g - m)
    left, centre, right = split_h(body, [0.25, 0.44, 0.31], g)
    row = lay.line(13) + lay.px(10)
    actors_h = min(int(left.height * 0.58), lay.line(15) + lay.px(24) + row * actor_rows)
    actors, levers = split_v(left, [float(max(actors_h, 2)), 1.0], g)
    builder_h = min(int(centre.height * 0.36), lay.line(15) * 3 + lay.px(60))
    board, builder = split_v(centre, [1.0, float(max(builder_h, 2))], g)
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
