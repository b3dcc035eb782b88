"""The pseudo-locale `qps`: every English text made about 40% longer and accented, so a layout check shows what
would overflow or lose its accents in a real translation before one exists.

Placeholders (`{name}`), rich-text tags (`<b>`) and entities (`&amp;`) are kept as they are, so the text still
formats and renders.
"""

from __future__ import annotations

import re

_ACCENTED = str.maketrans(
    "abcdeghiklmnorstuwyzABCDEGHIKLNORSTUWYZ",
    "àƀçđéĝĥíķĺɱñöŕšţûŵýžÀƁÇĐÉĜĤÍĶĹÑÖŔŠŢÛŴÝŽ",
)
_KEEP = re.compile(r"(\{\{|\}\}|\{[^{}]*\}|<[^<>]*>|&[a-z]+;|&#\d+;)")
GROWTH = 0.4


def pseudo(text: str) -> str:
    """`text` accented and padded: 'New game' -> '[Ñéŵ ĝàɱé ·····]'. Empty text stays empty."""
    if not text:
        return text
    parts = _KEEP.split(text)
    out = "".join(part if i % 2 else part.translate(_ACCENTED) for i, part in enumerate(parts))
    letters = sum(len(part) for i, part in enumerate(parts) if not i % 2)
    return f"[{out} {'·' * max(1, round(letters * GROWTH))}]"
