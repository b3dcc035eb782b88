"""Drawing helpers for the table's own pictures (meters, strips, cards): theme fonts, text, bars.

Text goes through pygame_gui's font objects (the theme's shipped Noto Sans, already preloaded), so every
string that reaches the screen passes through one place; the hotseat privacy test relies on that.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame_gui.core.interfaces import IGUIFontInterface

from negotiator.ui.theme import scaled

Colour = pygame.Color


def colour(value: str | pygame.Color, fallback: str = "#8a96aa") -> pygame.Color:
    try:
        return pygame.Color(value)
    except (ValueError, TypeError):
        return pygame.Color(fallback)


def with_alpha(c: pygame.Color, alpha: int) -> pygame.Color:
    return pygame.Color(c.r, c.g, c.b, max(0, min(255, alpha)))


@dataclass(frozen=True)
class Fonts:
    """The few type sizes the table draws with, from the theme's font at the player's text size."""

    small: IGUIFontInterface
    body: IGUIFontInterface
    bold: IGUIFontInterface
    head: IGUIFontInterface
    big: IGUIFontInterface

    @classmethod
    def from_app(cls, app: object) -> Fonts:
        manager = app.manager  # type: ignore[attr-defined]
        theme = app.theme  # type: ignore[attr-defined]
        fonts = manager.get_theme().get_font_dictionary()

        def find(size: int, bold: bool = False) -> IGUIFontInterface:
            return fonts.find_font(scaled(size, theme.text_scale), theme.font_name, bold=bold)

        return cls(find(13), find(15), find(15, True), find(16, True), find(22, True))


def text(
    surface: pygame.Surface,
    font: IGUIFontInterface,
    string: str,
    pos: tuple[int, int],
    fg: pygame.Color,
    *,
    max_width: int | None = None,
    align: str = "left",
) -> pygame.Rect:
    """Draw one line (ellipsised to `max_width`); returns the rect drawn."""
    if max_width is not None:
        string = ellipsis(font, string, max_width)
    if not string:
        return pygame.Rect(pos, (0, 0))
    image = font.render_premul(string, fg)
    rect = image.get_rect()
    if align == "right":
        rect.topright = pos
    elif align == "centre":
        rect.midtop = pos
    else:
        rect.topleft = pos
    surface.blit(image, rect, special_flags=pygame.BLEND_PREMULTIPLIED)
    return rect


def ellipsis(font: IGUIFontInterface, string: str, width: int) -> str:
    """`string`, cut with "…" to fit `width`. A binary search over the prefix length, so a 4,000-character
    word costs a dozen measurements, not thousands (one measurement renders the whole prefix)."""
    string = string[: 2 * max(0, width) + 2]  # no font draws visible characters narrower than half a pixel
    if font.size(string)[0] <= width:
        return string
    string = string[: _fitting_prefix(font, string, width, "…")]
    return string.rstrip() + "…" if string else ""


def _fitting_prefix(font: IGUIFontInterface, string: str, width: int, mark: str) -> int:
    """The length of the longest proper prefix of `string` that fits `width` with `mark` after it (0: none), by a
    binary search: a dozen measurements for a long string, each rendering the prefix once."""
    lo, hi = 0, len(string) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(string[:mid] + mark)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def first_fitting(font: IGUIFontInterface, candidates: tuple[str, ...], width: int) -> str:
    """The first (longest) of several wordings that fits `width`; the last one when none does."""
    return next((c for c in candidates if font.size(c)[0] <= width), candidates[-1])


def wrap(font: IGUIFontInterface, string: str, width: int) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken with a hyphen (`broken_word`), so a long Russian
    word in a narrow card still reads whole."""
    lines: list[str] = []
    for paragraph in string.split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}" if line else word
            if font.size(trial)[0] <= width:
                line = trial
            else:
                if line:
                    lines.append(line)
                pieces = [word] if font.size(word)[0] <= width else broken_word(font, word, width)
                lines += pieces[:-1]
                line = pieces[-1]
        lines.append(line)
    return lines


def broken_word(font: IGUIFontInterface, word: str, width: int, most: int = 3) -> list[str]:
    """A word wider than `width` in pieces that fit, each but the last ending in a hyphen: at most `most`
    pieces, the last ellipsised if more of the word remains (a 4,000-character "word" is not a paragraph)."""
    pieces: list[str] = []
    rest = word[: most * (2 * max(0, width) + 2)]  # no font draws visible characters narrower than half a pixel
    while len(pieces) < most - 1 and font.size(rest)[0] > width:
        n = _fitting_prefix(font, rest, width, "-")
        if n == 0:
            break
        pieces.append(rest[:n] + "-")
        rest = rest[n:]
    pieces.append(rest if font.size(rest)[0] <= width else ellipsis(font, rest, width))
    return pieces


def line_height(font: IGUIFontInterface) -> int:
    return int(font.get_rect("Ág").height * 1.15) + 1


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    share: float,
    fill: pygame.Color,
    track: pygame.Color,
    radius: int = 2,
) -> None:
    """A horizontal bar filled to `share` (0-1)."""
    pygame.draw.rect(surface, track, rect, border_radius=radius)
    share = max(0.0, min(1.0, share))
    if share > 0:
        filled = pygame.Rect(rect.x, rect.y, max(2, round(rect.width * share)), rect.height)
        pygame.draw.rect(surface, fill, filled, border_radius=radius)


def panel_surface(size: tuple[int, int]) -> pygame.Surface:
    return pygame.Surface((max(1, size[0]), max(1, size[1])), pygame.SRCALPHA)
