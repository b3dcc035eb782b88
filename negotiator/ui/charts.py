"""Line charts and scatter plots drawn onto pygame Surfaces for the debrief.

Each chart is drawn once into its own Surface when a screen is built (or resized) and then only blitted; nothing
here runs per frame. Colours and fonts are passed in, so the charts follow the theme and the colour-blind palette.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame
from pygame_gui.core.interfaces import IGUIFontInterface

from negotiator.ui.table import paint


@dataclass(frozen=True)
class Series:
    label: str
    colour: pygame.Color
    points: Sequence[tuple[float, float]]
    width: int = 2
    dashed: bool = False
    markers: bool = False


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    colour: pygame.Color
    radius: int = 4
    label: str = ""
    ring: bool = False


@dataclass(frozen=True)
class ChartStyle:
    font: IGUIFontInterface
    title_font: IGUIFontInterface
    text: pygame.Color
    dim: pygame.Color
    grid: pygame.Color
    background: pygame.Color
    border: pygame.Color


@dataclass
class Frame:
    """Maps data coordinates into the plot rect of a chart."""

    plot: pygame.Rect
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    extra: dict[str, object] = field(default_factory=dict)

    def at(self, x: float, y: float) -> tuple[int, int]:
        """The pixel of a data point; total: any range and any value (even inf or nan) gives a pixel near
        the plot, so an extreme meter range draws an odd chart, never an error."""
        px = self.plot.x + _fraction(x, *self.x_range) * self.plot.width
        py = self.plot.bottom - _fraction(y, *self.y_range) * self.plot.height
        return round(px), round(py)


def _fraction(value: float, lo: float, hi: float) -> float:
    """Where `value` lies between `lo` and `hi` (0 to 1), kept within -1..2 and 0 for anything not finite."""
    try:
        span = hi - lo
        t = (value - lo) / span if math.isfinite(span) and span != 0 else 0.0
    except (TypeError, ZeroDivisionError, OverflowError):
        return 0.0
    return min(2.0, max(-1.0, t)) if math.isfinite(t) else 0.0


def _frame(
    surface: pygame.Surface, style: ChartStyle, title: str, x_range: tuple[float, float], y_range: tuple[float, float],
    x_label: str, y_label: str, x_ticks: Sequence[float], y_ticks: Sequence[float], fmt_x: str, fmt_y: str,
) -> Frame:  # fmt: skip
    rect = surface.get_rect()
    surface.fill(style.background)
    pygame.draw.rect(surface, style.border, rect, width=1, border_radius=4)
    lh = paint.line_height(style.font)
    paint.text(surface, style.title_font, title, (10, 6), style.text, max_width=rect.width - 20)
    left = max(style.font.size(_label(fmt_y, t))[0] for t in y_ticks) + 16 if y_ticks else 16
    left = min(left, rect.width // 2)
    top = 6 + paint.line_height(style.title_font) + 4
    plot = pygame.Rect(left, top, rect.width - left - 14, rect.height - top - lh * (2 if x_label else 1) - 6)
    frame = Frame(plot, x_range, y_range)
    for t in y_ticks:
        _, y = frame.at(x_range[0], t)
        pygame.draw.line(surface, style.grid, (plot.x, y), (plot.right, y))
        paint.text(surface, style.font, _label(fmt_y, t), (plot.x - 6, y - lh // 2), style.dim, align="right")
    for t in x_ticks:
        x, _ = frame.at(t, y_range[0])
        pygame.draw.line(surface, style.grid, (x, plot.bottom), (x, plot.bottom + 3))
        paint.text(surface, style.font, _label(fmt_x, t), (x, plot.bottom + 3), style.dim, align="centre")
    pygame.draw.line(surface, style.dim, plot.bottomleft, plot.bottomright)
    if x_label:
        paint.text(surface, style.font, x_label, (plot.centerx, rect.height - lh - 2), style.dim, align="centre")
    if y_label:
        paint.text(surface, style.font, y_label, (rect.width - 12, 8), style.dim, align="right")
    return frame


def _label(fmt: str, value: float) -> str:
    """A tick label; a huge value reads as 1.0e+300 rather than three hundred digits."""
    if not math.isfinite(value):
        return "?"
    return fmt.format(value) if abs(value) < 1e9 else f"{value:.1e}"


def _ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    if not (math.isfinite(lo) and math.isfinite(hi)) or not math.isfinite(hi - lo):
        return [lo] if math.isfinite(lo) else [0.0]
    if hi <= lo:
        return [lo]
    step = (hi - lo) / count
    return [lo + k * step for k in range(count + 1)]


def _dashed(surface: pygame.Surface, colour: pygame.Color, a: tuple[int, int], b: tuple[int, int], width: int) -> None:
    length = max(abs(b[0] - a[0]), abs(b[1] - a[1]), 1)
    for k in range(0, length, 8):
        t0, t1 = k / length, min(1.0, (k + 4) / length)
        p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
        p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
        pygame.draw.line(surface, colour, p0, p1, width)


def line_chart(
    size: tuple[int, int],
    style: ChartStyle,
    title: str,
    series: Sequence[Series],
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    x_label: str = "",
    y_label: str = "",
    x_ticks: Sequence[float] | None = None,
    fmt_x: str = "{:.0f}",
    fmt_y: str = "{:.0f}",
    legend: bool = True,
) -> pygame.Surface:
    """Lines over a shared x axis, with an optional legend along the top right."""
    surface = pygame.Surface((max(60, size[0]), max(60, size[1])))
    ticks = x_ticks if x_ticks is not None else _ticks(*x_range)
    frame = _frame(surface, style, title, x_range, y_range, x_label, y_label, ticks, _ticks(*y_range, 2), fmt_x, fmt_y)
    clip = surface.get_clip()
    surface.set_clip(frame.plot.inflate(8, 8))
    for s in series:
        pts = [frame.at(x, y) for x, y in s.points]
        if len(pts) >= 2:
            if s.dashed:
                for a, b in itertools.pairwise(pts):
                    _dashed(surface, s.colour, a, b, max(1, s.width - 1))
            else:
                pygame.draw.lines(surface, s.colour, False, pts, s.width)
        if s.markers or len(pts) == 1:
            for p in pts:
                pygame.draw.circle(surface, s.colour, p, 3)
    surface.set_clip(clip)
    if legend:
        x = frame.plot.right
        for s in reversed([s for s in series if s.label]):
            r = paint.text(
                surface,
                style.font,
                s.label,
                (x, frame.plot.y - paint.line_height(style.font) - 2),
                s.colour,
                align="right",
            )
            x = r.x - 12
            if x < frame.plot.centerx:
                break
    return surface


def scatter_chart(
    size: tuple[int, int],
    style: ChartStyle,
    title: str,
    cloud: Sequence[tuple[float, float]],
    frontier: Sequence[tuple[float, float]],
    markers: Sequence[Marker],
    *,
    x_label: str,
    y_label: str,
    cloud_colour: pygame.Color,
    frontier_colour: pygame.Color,
    lines: Sequence[tuple[str, float, pygame.Color]] = (),
) -> pygame.Surface:
    """Every package as a faint dot, the Pareto frontier as a line, and labelled markers (deal, Nash point)."""
    surface = pygame.Surface((max(60, size[0]), max(60, size[1])))
    frame = _frame(
        surface, style, title, (0, 1), (0, 1), x_label, y_label, _ticks(0, 1), _ticks(0, 1), "{:.2f}", "{:.2f}"
    )
    dot = pygame.Surface((4, 4), pygame.SRCALPHA)
    pygame.draw.circle(dot, paint.with_alpha(cloud_colour, 110), (2, 2), 2)
    for x, y in cloud:
        p = frame.at(x, y)
        surface.blit(dot, (p[0] - 2, p[1] - 2))
    for axis, value, colour in lines:
        if axis == "x":
            _dashed(surface, colour, frame.at(value, 0), frame.at(value, 1), 1)
        else:
            _dashed(surface, colour, frame.at(0, value), frame.at(1, value), 1)
    pts = sorted(frame.at(x, y) for x, y in frontier)
    if len(pts) >= 2:
        pygame.draw.lines(surface, frontier_colour, False, pts, 2)
    for p in pts:
        pygame.draw.circle(surface, frontier_colour, p, 3)
    for m in markers:
        p = frame.at(m.x, m.y)
        if m.ring:
            pygame.draw.circle(surface, m.colour, p, m.radius + 3, 2)
        else:
            pygame.draw.circle(surface, m.colour, p, m.radius)
        if m.label:
            paint.text(
                surface, style.font, m.label, (p[0] + m.radius + 6, p[1] - paint.line_height(style.font) // 2), m.colour
            )
    return surface
