"""Theme loading: the JSON theme plus the player's settings become one pygame_gui theme dict.

Looks live in the built-in themes (`assets/themes/*.json` in the source tree, found through
`negotiator.resources`); this module only merges the colour-blind overrides, scales font sizes for the
text-size setting, points the theme's font name at the shipped TTF files, and falls back to pygame_gui's
defaults when an asset is missing (a broken install still opens a usable window).
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from negotiator import resources

log = logging.getLogger(__name__)

FONT_NAME = "negotiator"
FALLBACK_FONT = "noto_sans"  # pygame_gui's bundled font, used when the shipped fonts are missing
FONT_FILES = {
    "regular_path": "NotoSans-Regular.ttf",
    "bold_path": "NotoSans-Bold.ttf",
    "italic_path": "NotoSans-Italic.ttf",
    "bold_italic_path": "NotoSans-BoldItalic.ttf",
}
STYLES = ("regular", "bold", "italic", "bold_italic")

# Fallbacks for the palette colours code draws with (meters, charts), used if the theme lacks them.
DEFAULT_PALETTE = {
    "screen": "#0b1220",
    "screen_glow": "#14223a",
    "accent": "#d6a645",
    "text": "#ece8df",
    "text_secondary": "#9fabbf",
    "good": "#5fb38a",
    "bad": "#d9644f",
    "warn": "#e0a83a",
    "neutral": "#8a96aa",
    "rule": "#24324a",
}


@dataclass(frozen=True)
class Palette:
    """Colours that code draws with directly (backgrounds, meters, charts), read from the theme's #palette."""

    colours: dict[str, pygame.Color]

    def __getitem__(self, name: str) -> pygame.Color:
        return self.colours.get(name) or pygame.Color(DEFAULT_PALETTE.get(name, "#ff00ff"))


@dataclass(frozen=True)
class BuiltTheme:
    data: dict[str, Any]
    palette: Palette
    font_name: str
    text_scale: float
    font_sizes: frozenset[int]


def actor_colours(colours: list[str], palette: Palette) -> list[pygame.Color]:
    """The colours sides are drawn in, from the scenario's colours (in the scenario's order).

    With a safe set in the palette (`actor_safe_*`, the colour-blind theme) each scenario colour is replaced by the
    nearest safe colour not yet taken, so the author's intent survives (blue stays blue) while no red/green pair
    does. Without one, the scenario's colours are used as they are.
    """
    parsed = []
    for value in colours:
        try:
            parsed.append(pygame.Color(value))
        except (ValueError, TypeError):
            parsed.append(pygame.Color(DEFAULT_PALETTE["neutral"]))
    safe = [c for k, c in sorted(palette.colours.items()) if k.startswith("actor_safe_")]
    if not safe:
        return parsed
    free, out = list(safe), []
    for colour in parsed:
        pool = free or safe
        best = min(pool, key=lambda c: (c.r - colour.r) ** 2 + (c.g - colour.g) ** 2 + (c.b - colour.b) ** 2)
        if best in free:
            free.remove(best)
        out.append(pygame.Color(best))
    return out


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("theme file %s unusable (%s); using defaults", path, exc)
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if not k.startswith("_") and isinstance(v, dict)}


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge `over` into a copy of `base` (override files change only what they name)."""
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def font_files() -> dict[str, str] | None:
    """Absolute paths of the shipped fonts, or None when any is missing."""
    try:
        return {key: str(resources.file("fonts", name)) for key, name in FONT_FILES.items()}
    except resources.ResourceError as exc:
        log.warning("%s; falling back to pygame_gui's bundled font", exc)
        return None


def themes_folder() -> Path | None:
    """The folder of the built-in theme files, or None (and a log line) when it is missing."""
    try:
        return resources.folder("themes")
    except resources.ResourceError as exc:
        log.warning("%s; using pygame_gui's default look", exc)
        return None


def scaled(size: float, scale: float) -> int:
    return max(8, round(size * scale))


def build_theme(*, colourblind: bool = False, text_scale: float = 1.0, themes_dir: Path | None = None) -> BuiltTheme:
    """Merge, scale and resolve fonts; never raises for missing or broken theme files."""
    themes_dir = themes_dir or themes_folder()
    data = _read_json(themes_dir / "default.json") if themes_dir else {}
    if colourblind and themes_dir:
        data = merge(data, _read_json(themes_dir / "colourblind.json"))
    files = font_files()
    font_name = FONT_NAME if files else FALLBACK_FONT
    sizes: set[int] = set()
    for block in data.values():
        fonts = block.get("font")
        for font in fonts if isinstance(fonts, list) else [fonts] if isinstance(fonts, dict) else []:
            if font.get("name") == FONT_NAME:
                font["name"] = font_name
                if files:
                    font.update(files)
            try:
                font["size"] = str(scaled(float(font.get("size", 16)), text_scale))
            except ValueError:
                font["size"] = str(scaled(16, text_scale))
            sizes.add(int(font["size"]))
    palette_src = {**DEFAULT_PALETTE, **data.get("#palette", {}).get("colours", {})}
    palette = {}
    for name, value in palette_src.items():
        try:
            palette[name] = pygame.Color(value)
        except (ValueError, TypeError):
            palette[name] = pygame.Color(DEFAULT_PALETTE.get(name, "#ff00ff"))
    return BuiltTheme(data, Palette(palette), font_name, text_scale, frozenset(sizes))


def preload_list(theme: BuiltTheme, rich_sizes: tuple[int, ...] = (14, 15, 16, 18, 22)) -> list[dict[str, Any]]:
    """Fonts to preload so rich text never loads a font mid-frame (and pygame_gui does not warn)."""
    sizes = sorted(theme.font_sizes | {scaled(s, theme.text_scale) for s in rich_sizes})
    return [{"name": theme.font_name, "point_size": s, "style": st} for s in sizes for st in STYLES]
