"""Small builders for pygame_gui's HTML-subset text, so scenario text is always escaped.

Scenario text is written by authors and may contain `<`, `&` or `%`; it must never be read as markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from negotiator.ui.theme import scaled


def esc(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def colour(text: str, hex_colour: str) -> str:
    return f"<font color='{hex_colour}'>{text}</font>"


def heading(text: str, scale: float = 1.0, hex_colour: str = "#f3ecdc") -> str:
    return f"<font pixel_size={scaled(22, scale)} color='{hex_colour}'><b>{esc(text)}</b></font><br>"


def subheading(text: str, scale: float = 1.0, hex_colour: str = "#d6a645") -> str:
    return f"<font pixel_size={scaled(16, scale)} color='{hex_colour}'><b>{esc(text)}</b></font><br>"


def para(text: str) -> str:
    return f"{esc(text)}<br><br>"


def paras(texts: Iterable[str]) -> str:
    """Paragraphs separated by a blank line, without a trailing one (which would force a scroll bar)."""
    return "<br><br>".join(esc(t) for t in texts)


def bullets(items: Iterable[str], marker: str = "•") -> str:
    return "".join(f"{marker}  {item}<br>" for item in items) + "<br>"
