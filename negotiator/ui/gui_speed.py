"""A work-around for a cost inside pygame_gui 0.6.14 (pinned): the key it looks a widget's theme ids up by.

Every widget asks the theme for its combined ids (`UIAppearanceTheme.build_all_combined_ids`), and the theme
keys its cache on `str(a).join(str(b).join(str(c)).join(str(d)))` of the widget's four id lists. Each join puts
one list's text between every character of another, so the key's length is the product of the four (hundreds
of kilobytes for a drop-down's button inside a card), and it is built on every call, before the cache is read:
40-60 ms of the setup scene's 130 ms (issue 12). `cheap_theme_ids` replaces the method on one theme object with
the same computation (`combined_ids`, the library's own recursion and suffix loop) cached by the lists' tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

IdList = Sequence[str | None] | None
Key = tuple[tuple[str | None, ...] | None, ...]


def combined_ids(theme: Any, base: IdList, elements: IdList, classes: IdList, objects: IdList) -> list[str]:
    """What `UIAppearanceTheme.build_all_combined_ids` returns, without its cache key: every combination of the
    hierarchy's ids, most specific first, then each one's shorter suffixes."""
    out: list[str] = []
    if base is None or elements is None or classes is None or objects is None:
        return out
    if not len(base) == len(elements) == len(classes) == len(objects):
        raise ValueError(f"theme id lists of unequal length: {base}, {elements}, {classes}, {objects}")
    if elements:
        theme._get_next_id_node(None, base, elements, classes, objects, 0, len(elements), out)
    current = out[:]
    done = not current
    while not done:
        for index, name in enumerate(current):
            stop = name.find(".")
            if stop == -1:
                done = True
            else:
                current[index] = name[stop + 1 :]
                out.append(current[index])
    return out


def cheap_theme_ids(theme: Any) -> None:
    """Replace `theme.build_all_combined_ids` on this theme object (a new theme needs the call again)."""
    found: dict[Key, list[str]] = {}

    def build_all_combined_ids(base: IdList, elements: IdList, classes: IdList, objects: IdList) -> list[str]:
        key = tuple(None if ids is None else tuple(ids) for ids in (base, elements, classes, objects))
        ids = found.get(key)
        if ids is None:
            ids = found[key] = combined_ids(theme, base, elements, classes, objects)
        return ids

    replacement: Callable[[IdList, IdList, IdList, IdList], list[str]] = build_all_combined_ids
    theme.build_all_combined_ids = replacement
