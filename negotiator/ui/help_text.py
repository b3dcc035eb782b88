"""How to play, in plain words. Generic: every scenario-specific word comes from the scenario file.

The words are in the catalogues (`help.<section>` is a heading, `help.<section>.<n>` its paragraphs), so the
help reads in the player's language; this module keeps their order."""

from __future__ import annotations

from negotiator import i18n

# (section, paragraphs) in the order shown.
SECTIONS: list[tuple[str, int]] = [
    ("doing", 1),
    ("learning", 1),
    ("issues", 1),
    ("offers", 1),
    ("responses", 1),
    ("no_deal", 1),
    ("levers", 1),
    ("red_lines", 2),
    ("others", 1),
    ("deadline", 1),
    ("keys", 2),
]


def how_to_play(lang: str | None = None) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) for the help overlay (and any other front end), in `lang` or the current one."""
    return [
        (i18n.t(f"help.{key}", lang), [i18n.t(f"help.{key}.{n}", lang) for n in range(1, paragraphs + 1)])
        for key, paragraphs in SECTIONS
    ]
