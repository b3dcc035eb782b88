"""Rectangle arithmetic for building screens that fit any window from 1024x600 up.

Scenes size everything from the window rect and the UI scale, never from fixed pixel positions, so a
resize is just another `build()`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Layout:
    """The window rect plus the UI scale; helpers return new rects."""

    rect: pygame.Rect
    scale: float = 1.0
    text_scale: float = 1.0

    def px(self, n: float) -> int:
        """A design size (at 1x) in pixels at the current UI scale."""
        return round(n * self.scale)

    def line(self, font_pt: float) -> int:
        """Height of one line of text set in a theme font of `font_pt` points (before text scaling)."""
        return round(font_pt * self.text_scale * 1.45)

    @property
    def margin(self) -> int:
        return self.px(32) if self.rect.width >= 1200 else self.px(20)

    @property
    def gap(self) -> int:
        return self.px(12)

    @property
    def button_h(self) -> int:
        return self.px(42)

    def centred(self, w: int, h: int, within: pygame.Rect | None = None) -> pygame.Rect:
        box = within or self.rect
        w, h = min(w, box.width), min(h, box.height)
        r = pygame.Rect(0, 0, w, h)
        r.center = box.center
        return r

    def inner(self, within: pygame.Rect | None = None, pad: int | None = None) -> pygame.Rect:
        box = within or self.rect
        pad = self.margin if pad is None else pad
        return box.inflate(-2 * pad, -2 * pad)


def split_h(rect: pygame.Rect, widths: list[float], gap: int = 0) -> list[pygame.Rect]:
    """Split left-to-right. Widths > 1 are pixels; widths <= 1 are shares of what remains."""
    fixed = sum(w for w in widths if w > 1)
    shares = sum(w for w in widths if w <= 1) or 1
    free = max(0, rect.width - fixed - gap * (len(widths) - 1))
    out, x = [], rect.x
    for w in widths:
        width = int(w) if w > 1 else int(free * w / shares)
        out.append(pygame.Rect(x, rect.y, width, rect.height))
        x += width + gap
    return out


def split_v(rect: pygame.Rect, heights: list[float], gap: int = 0) -> list[pygame.Rect]:
    """Split top-to-bottom, like `split_h`."""
    flipped = split_h(pygame.Rect(rect.y, rect.x, rect.height, rect.width), heights, gap)
    return [pygame.Rect(r.y, r.x, r.height, r.width) for r in flipped]


def stack(x: int, y: int, w: int, h: int, count: int, gap: int) -> list[pygame.Rect]:
    """`count` equal rects one below another."""
    return [pygame.Rect(x, y + i * (h + gap), w, h) for i in range(count)]
