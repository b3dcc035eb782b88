"""Small wording helpers shared by every front end (the window, the terminal, the reports): one place, so that
"1 offer" / "2 offers" reads right everywhere and a translation layer has one function to replace."""

from __future__ import annotations


def count(n: int, word: str, plural: str | None = None) -> str:
    """'1 offer', '2 offers', '0 offers'; `plural` for irregular words ('1 party', '2 parties')."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"
