"""Small wording helpers shared by every front end (the window, the terminal, the reports): one place, so that
"1 offer" / "2 offers" reads right everywhere, in every language (`negotiator.i18n`)."""

from __future__ import annotations

from negotiator import i18n


def count_key(word: str) -> str:
    """The catalogue key of a counted word: 'action point' -> 'count.action_point'."""
    return "count." + word.replace(" ", "_")


def count(n: int, word: str, plural: str | None = None, lang: str | None = None) -> str:
    """'1 offer', '2 offers', '0 offers' in the current language ('2 пропозиції', '5 пропозицій'), from the
    catalogue's `count.<word>`; a word no catalogue has reads as English, `plural` for irregular ones."""
    key = count_key(word)
    if i18n.has(key, i18n.DEFAULT):
        return i18n.plural(key, n, lang)
    shown = i18n.number(n, lang=lang)
    return f"{shown} {word}" if n == 1 else f"{shown} {plural or word + 's'}"
