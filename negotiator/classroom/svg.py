"""Inline SVG charts for printed pages: line charts and scatter plots with axes, labels and a legend.

Charts must work on paper and for colour-blind readers: every series gets a colour *and* a marker shape
and (for lines) a dash pattern, so no information is carried by colour alone. Colours come from the
scenario for actors and from the Okabe-Ito palette otherwise. Everything is built with `el()`, so every
label is escaped; the SVG scales to its container (viewBox, no fixed size).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from negotiator.classroom.html import Markup, el, join

# Okabe & Ito (2008), without yellow (too faint on white paper).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("circle", "square", "triangle", "diamond", "down", "cross")
DASHES = (None, "6 3", "2 2", "8 3 2 3", "4 4", "1 3")

FONT = "Segoe UI, Helvetica Neue, Helvetica, Arial, Noto Sans, sans-serif"
CHAR_WIDTH = 5.6  # average width of a character at the 10px legend font, for layout only


@dataclass(frozen=True)
class Series:
    """One data series: `line` joins its points in order; `marker` draws a shape at each point."""

    label: str
    points: Sequence[tuple[float, float]]
    colour: str
    line: bool = True
    marker: str | None = "circle"
    dash: str | None = None
    size: float = 3.2
    width: float = 1.8
    opacity: float = 1.0
    in_legend: bool = True
    hollow: bool = False


@dataclass(frozen=True)
class RefLine:
    """A horizontal (`axis="y"`) or vertical (`axis="x"`) reference line at `value`, labelled."""

    value: float
    label: str
    colour: str = "#555555"
    axis: str = "y"
    dash: str | None = "4 3"


@dataclass(frozen=True)
class Region:
    """A shaded rectangle in data coordinates (e.g. the zone of possible agreement)."""

    x0: float
    x1: float
    y0: float
    y1: float
    label: str
    colour: str = "#009E73"
    opacity: float = 0.08


@dataclass(frozen=True)
class Note:
    """A short text at a data point (e.g. "deal")."""

    x: float
    y: float
    text: str
    dx: float = 6
    dy: float = -6


@dataclass
class _Frame:
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    left: float
    top: float
    width: float
    height: float
    notes: list[Markup] = field(default_factory=list)

    def x(self, value: float) -> float:
        lo, hi = self.x_range
        return self.left + (value - lo) / ((hi - lo) or 1.0) * self.width

    def y(self, value: float) -> float:
        lo, hi = self.y_range
        return self.top + self.height - (value - lo) / ((hi - lo) or 1.0) * self.height


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering lo..hi (about `count` of them)."""
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    value = first
    while value <= hi + 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 10 and value != int(value) else f"{value:.0f}"


def marker(shape: str, x: float, y: float, size: float, colour: str, hollow: bool = False, **extra: object) -> Markup:
    """A marker shape centred on (x, y)."""
    fill = "#ffffff" if hollow else colour
    common = {"fill": fill, "stroke": colour if hollow else "#ffffff", "stroke_width": 1.1 if hollow else 0.6}
    common.update(extra)
    s = size
    if shape == "square":
        return el("rect", x=x - s * 0.9, y=y - s * 0.9, width=s * 1.8, height=s * 1.8, **common)
    if shape in ("triangle", "down"):
        sign = 1 if shape == "triangle" else -1
        pts = [(x, y - sign * s * 1.2), (x - s * 1.1, y + sign * s * 0.8), (x + s * 1.1, y + sign * s * 0.8)]
        return el("polygon", points=" ".join(f"{px:.1f},{py:.1f}" for px, py in pts), **common)
    if shape == "diamond":
        pts = [(x, y - s * 1.3), (x + s * 1.1, y), (x, y + s * 1.3), (x - s * 1.1, y)]
        return el("polygon", points=" ".join(f"{px:.1f},{py:.1f}" for px, py in pts), **common)
    if shape == "star":
        pts = []
        for k in range(10):
            r = s * (1.7 if k % 2 == 0 else 0.75)
            angle = -math.pi / 2 + k * math.pi / 5
            pts.append((x + r * math.cos(angle), y + r * math.sin(angle)))
        return el("polygon", points=" ".join(f"{px:.1f},{py:.1f}" for px, py in pts), **common)
    if shape == "cross":
        d = f"M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x - s:.1f},{y + s:.1f}L{x + s:.1f},{y - s:.1f}"
        return el("path", d=d, stroke=colour, stroke_width=1.8, fill="none")
    return el("circle", cx=x, cy=y, r=s, **common)


def _legend_items(
    series: Sequence[Series], refs: Sequence[RefLine], regions: Sequence[Region]
) -> list[tuple[str, Markup]]:
    """(label, 24x12 symbol drawn at the origin) for every legend entry."""
    items: list[tuple[str, Markup]] = []
    for s in series:
        if not s.in_legend:
            continue
        parts = []
        if s.line:
            parts.append(
                el("line", x1=0, y1=6, x2=24, y2=6, stroke=s.colour, stroke_width=s.width, stroke_dasharray=s.dash)
            )
        if s.marker:
            parts.append(marker(s.marker, 12, 6, min(s.size, 4.0), s.colour, s.hollow))
        items.append((s.label, join(parts)))
    for r in refs:
        items.append(
            (r.label, el("line", x1=0, y1=6, x2=24, y2=6, stroke=r.colour, stroke_width=1.4, stroke_dasharray=r.dash))
        )
    for g in regions:
        items.append(
            (g.label, el("rect", x=2, y=1, width=20, height=10, fill=g.colour, fill_opacity=min(1.0, g.opacity * 3)))
        )
    return items


def _layout_legend(items: list[tuple[str, Markup]], width: float, left: float) -> tuple[list[Markup], int]:
    """Place legend entries in rows that fit the width; returns the entries and the row count."""
    placed: list[Markup] = []
    x, row = left, 0
    for label, symbol in items:
        w = 30 + len(label) * CHAR_WIDTH + 14
        if x + w > width and x > left:
            x, row = left, row + 1
        placed.append(
            el(
                "g",
                symbol,
                el("text", label, x=30, y=10, font_size=10),
                transform=f"translate({x:.1f},{row * 16})",
            )
        )
        x += w
    return placed, row + 1 if items else 0


def plot(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    x_ticks: Sequence[tuple[float, str]] | None = None,
    y_ticks: Sequence[float] | None = None,
    refs: Sequence[RefLine] = (),
    regions: Sequence[Region] = (),
    notes: Sequence[Note] = (),
    width: float = 520,
    height: float = 240,
    legend: bool = True,
    square: bool = False,
) -> Markup:
    """A chart with axes, ticks, grid, reference lines, shaded regions, series and a legend below.

    `title` becomes the SVG's accessible title; the visible caption belongs to the surrounding figure.
    `square` makes the plot area square (for utility spaces, where both axes mean the same thing).
    """
    left, right, top = 48.0, 14.0, 10.0
    items = _legend_items(series, refs, regions) if legend else []
    legend_marks, rows = _layout_legend(items, width - right, left)
    plot_w = width - left - right
    plot_h = plot_w if square else height
    bottom_axis = 34.0
    total_h = top + plot_h + bottom_axis + (rows * 16 + 6 if rows else 0)
    f = _Frame(x_range, y_range, left, top, plot_w, plot_h)

    body: list[Markup] = [el("title", title)]
    # plot background and shaded regions
    body.append(el("rect", x=left, y=top, width=plot_w, height=plot_h, fill="#ffffff", stroke="#bbbbbb"))
    for g in regions:
        x0, x1 = sorted((f.x(max(g.x0, x_range[0])), f.x(min(g.x1, x_range[1]))))
        y0, y1 = sorted((f.y(min(g.y1, y_range[1])), f.y(max(g.y0, y_range[0]))))
        body.append(el("rect", x=x0, y=y0, width=x1 - x0, height=y1 - y0, fill=g.colour, fill_opacity=g.opacity))
    # grid and ticks
    ys = list(y_ticks) if y_ticks is not None else nice_ticks(*y_range)
    for v in ys:
        py = f.y(v)
        body.append(el("line", x1=left, y1=py, x2=left + plot_w, y2=py, stroke="#e4e4e4", stroke_width=0.8))
        body.append(el("text", _fmt(v), x=left - 5, y=py + 3.5, font_size=9.5, text_anchor="end"))
    xs = list(x_ticks) if x_ticks is not None else [(v, _fmt(v)) for v in nice_ticks(*x_range)]
    for v, label in xs:
        px = f.x(v)
        body.append(el("line", x1=px, y1=top, x2=px, y2=top + plot_h, stroke="#efefef", stroke_width=0.8))
        body.append(el("line", x1=px, y1=top + plot_h, x2=px, y2=top + plot_h + 4, stroke="#555555"))
        body.append(el("text", label, x=px, y=top + plot_h + 14, font_size=9.5, text_anchor="middle"))
    # axis labels
    body.append(
        el("text", x_label, x=left + plot_w / 2, y=top + plot_h + 28, font_size=10, text_anchor="middle", fill="#333")
    )
    body.append(
        el(
            "text",
            y_label,
            x=0,
            y=0,
            font_size=10,
            text_anchor="middle",
            fill="#333",
            transform=f"translate(11,{top + plot_h / 2:.1f}) rotate(-90)",
        )
    )
    # reference lines
    for r in refs:
        if r.axis == "y":
            py = f.y(r.value)
            body.append(
                el(
                    "line",
                    x1=left,
                    y1=py,
                    x2=left + plot_w,
                    y2=py,
                    stroke=r.colour,
                    stroke_width=1.3,
                    stroke_dasharray=r.dash,
                )
            )
        else:
            px = f.x(r.value)
            body.append(
                el(
                    "line",
                    x1=px,
                    y1=top,
                    x2=px,
                    y2=top + plot_h,
                    stroke=r.colour,
                    stroke_width=1.3,
                    stroke_dasharray=r.dash,
                )
            )
    # series: lines first, then markers, so markers stay visible
    for s in series:
        if s.line and len(s.points) > 1:
            d = "M" + "L".join(f"{f.x(px):.1f},{f.y(py):.1f}" for px, py in s.points)
            body.append(
                el(
                    "path",
                    d=d,
                    fill="none",
                    stroke=s.colour,
                    stroke_width=s.width,
                    stroke_dasharray=s.dash,
                    stroke_linejoin="round",
                    stroke_opacity=s.opacity if s.opacity < 1 else None,
                )
            )
    for s in series:
        if s.marker:
            body.append(
                el(
                    "g",
                    [marker(s.marker, f.x(px), f.y(py), s.size, s.colour, s.hollow) for px, py in s.points],
                    opacity=s.opacity if s.opacity < 1 else None,
                )
            )
    for n in notes:
        body.append(
            el(
                "text",
                n.text,
                x=f.x(n.x) + n.dx,
                y=f.y(n.y) + n.dy,
                font_size=10,
                font_weight="bold",
                text_anchor="start" if n.dx >= 0 else "end",
                fill="#111",
                stroke="#ffffff",
                stroke_width=3,
                paint_order="stroke",
            )
        )
    if legend_marks:
        body.append(el("g", legend_marks, transform=f"translate(0,{top + plot_h + bottom_axis + 4:.1f})"))
    return el(
        "svg",
        body,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width:.0f} {total_h:.0f}",
        role="img",
        font_family=FONT,
        fill="#222",
    )


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    **options: object,
) -> Markup:
    """Lines over time (e.g. a meter per actor per turn)."""
    return plot(series, title=title, x_label=x_label, y_label=y_label, x_range=x_range, y_range=y_range, **options)  # type: ignore[arg-type]


def scatter_plot(
    series: Sequence[Series],
    *,
    title: str,
    x_label: str,
    y_label: str,
    x_range: tuple[float, float] = (0.0, 1.0),
    y_range: tuple[float, float] = (0.0, 1.0),
    **options: object,
) -> Markup:
    """Points in a plane (e.g. packages in two actors' utility space); unjoined unless a series says so."""
    return plot(series, title=title, x_label=x_label, y_label=y_label, x_range=x_range, y_range=y_range, **options)  # type: ignore[arg-type]


def style_for(index: int) -> tuple[str, str, str | None]:
    """Palette colour, marker and dash for the index-th series without a colour of its own."""
    return PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)], DASHES[index % len(DASHES)]
