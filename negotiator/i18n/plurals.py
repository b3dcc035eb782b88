"""Plural categories (CLDR rules, integers) for the languages the game speaks.

English has two forms (1 offer / 2 offers); Ukrainian and Russian three for whole numbers: `one` (1, 21, 101),
`few` (2-4, 22-24; not 12-14) and `many` (0, 5-20, 25-30, 11-14), and `other` for fractions.
"""

from __future__ import annotations

from collections.abc import Callable

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _english(n: int | float) -> str:
    return "one" if n == 1 else "other"


def _east_slavic(n: int | float) -> str:
    if not float(n).is_integer():
        return "other"
    i = abs(int(n))
    if i % 10 == 1 and i % 100 != 11:
        return "one"
    if 2 <= i % 10 <= 4 and not 12 <= i % 100 <= 14:
        return "few"
    return "many"


RULES: dict[str, Callable[[int | float], str]] = {"en": _english, "uk": _east_slavic, "ru": _east_slavic}

# The forms a catalogue must give for a counted phrase in each language (whole numbers only are counted).
REQUIRED: dict[str, tuple[str, ...]] = {
    "en": ("one", "other"),
    "uk": ("one", "few", "many"),
    "ru": ("one", "few", "many"),
}


def category(n: int | float, lang: str) -> str:
    """The CLDR plural category of `n` in `lang` (English rules for a language without its own)."""
    return RULES.get(lang, _english)(n)
