"""The game's one translation layer: key-based catalogues for English, Ukrainian and Russian, plural rules and
number formats, used by the window, the terminal, the briefs and the reports alike (no pygame here).

Why not pygame_gui's own localisation (`UIManager.set_locale`, python-i18n underneath): it is global to the
process, so a hotseat or network table could not show each seat its own language from the same records; its
plural rule puts every count up to 5 in `few` and everything above in `many`, which is wrong for Ukrainian and
Russian (21 is `one`, 5 and 11-14 are `many`, 22 is `few`); and it lives behind pygame, which the engine, the
briefs and the reports must not import. The window still calls `set_locale` with the chosen language, so
pygame_gui's few built-in strings follow it.

Catalogues are flat JSON files (`catalogues/<lang>.json`): `"key": "text with {placeholders}"`, or for a
counted phrase `"key": {"one": "{n} offer", "other": "{n} offers"}` (uk/ru: `one`, `few`, `many`). The
language in use is a context variable: `set_language` for the whole program, `using(lang)` for one seat's text.
The pseudo-locale `qps` is English made longer and accented (`pseudo.py`), for layout checks.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib.resources
import json
import logging
import string
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from negotiator.i18n import plurals
from negotiator.i18n.pseudo import pseudo

LANGUAGES = ("en", "uk", "ru")
PSEUDO = "qps"
DEFAULT = "en"
# Each language's name in itself, as the settings menu offers it.
NAMES = {"en": "English", "uk": "Українська", "ru": "Русский", PSEUDO: "Pseudo (layout check)"}

Message = str | dict[str, str]
# Names written alike in every language (the game's own): the pseudo-locale leaves them as they are too.
FIXED = frozenset({"title.game"})
log = logging.getLogger(__name__)
_current: contextvars.ContextVar[str] = contextvars.ContextVar("negotiator_language", default=DEFAULT)
_formatter = string.Formatter()


class TranslationError(KeyError):
    """A key no catalogue has, or a message that cannot be filled in; `str()` names the key and language."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def known(lang: str) -> bool:
    return lang in LANGUAGES or lang == PSEUDO


def check_language(lang: str) -> str:
    """`lang` if the game speaks it, else a TranslationError listing the ones it does (for `--lang`)."""
    if not known(lang):
        raise TranslationError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


def set_language(lang: str) -> None:
    """Make `lang` the language of everything shown from now on (the settings' choice)."""
    _current.set(check_language(lang))


def current() -> str:
    return _current.get()


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[str]:
    """Render a block in `lang` (one seat's view, a brief asked for with `--lang`); None keeps the current one."""
    token = _current.set(check_language(lang)) if lang else None
    try:
        yield current()
    finally:
        if token is not None:
            _current.reset(token)


@cache
def catalogue(lang: str) -> dict[str, Message]:
    """Every message of one language, read once from the package's data (the pseudo-locale is made from English)."""
    if lang == PSEUDO:
        return {
            key: message if key in FIXED else _pseudo_message(message) for key, message in catalogue(DEFAULT).items()
        }
    check_language(lang)
    text = importlib.resources.files(__name__).joinpath("catalogues", f"{lang}.json").read_text(encoding="utf-8")
    data = json.loads(text, object_pairs_hook=_no_duplicates)
    if not isinstance(data, dict):
        raise TranslationError(f"catalogues/{lang}.json: not a JSON object")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise TranslationError(f"a catalogue defines {key!r} twice")
        out[key] = value
    return out


def _pseudo_message(message: Message) -> Message:
    return pseudo(message) if isinstance(message, str) else {form: pseudo(text) for form, text in message.items()}


def has(key: str, lang: str | None = None) -> bool:
    return key in catalogue(lang or current())


def _message(key: str, lang: str) -> Message:
    found = catalogue(lang).get(key)
    if found is None:
        found = catalogue(DEFAULT).get(key)
        if found is None:
            raise TranslationError(f"no text for {key!r}")
        log.warning("no %s text for %r; English is shown", lang, key)
    return found


def t(key: str, lang: str | None = None, **values: Any) -> str:
    """The text of `key` in `lang` (default: the current language) with its `{placeholders}` filled in."""
    lang = lang or current()
    message = _message(key, lang)
    if isinstance(message, dict):
        raise TranslationError(f"{key!r} is a counted phrase: use plural({key!r}, n)")
    return _fill(key, lang, message, values)


def plural(key: str, n: int | float, lang: str | None = None, **values: Any) -> str:
    """The counted phrase `key` for `n` in the right plural form; `{n}` is the number in the language's format."""
    lang = lang or current()
    message = _message(key, lang)
    if isinstance(message, str):
        return _fill(key, lang, message, {"n": number(n, lang=lang), **values})
    form = plurals.category(n, "en" if lang == PSEUDO else lang)
    text = message.get(form) or message.get("other") or message.get("many")
    if text is None:
        raise TranslationError(f"{key!r} has no {form!r} form in {lang}")
    return _fill(key, lang, text, {"n": number(n, lang=lang), **values})


def _fill(key: str, lang: str, text: str, values: Mapping[str, Any]) -> str:
    if "{" not in text:
        return text
    try:
        return _formatter.vformat(text, (), values)
    except (KeyError, IndexError, ValueError) as exc:
        raise TranslationError(f"{key!r} in {lang}: cannot fill in {text!r} ({exc!r})") from exc


def band(label: str, lang: str | None = None) -> str:
    """An estimate's label ('likely', 'maybe, 25-40%', 'ruled out') with its band's word in `lang`."""
    word, comma, rest = label.partition(",")
    key = "text.band." + word.replace(" ", "_")
    return (t(key, lang) if has(key, DEFAULT) else word) + comma + rest


def placeholders(text: str) -> set[str]:
    """The names a message fills in ('{n} of {total}' -> {'n', 'total'}), for the catalogue checks."""
    return {name for _, name, _, _ in _formatter.parse(text) if name is not None}


# Decimal mark, thousands separator (a no-break space in uk/ru, as their typography has it), percent form.
_NUMBERS = {"en": (".", ",", "{}%"), "uk": (",", "\u00a0", "{}%"), "ru": (",", "\u00a0", "{}\u00a0%")}


def number(x: int | float, digits: int = 0, lang: str | None = None, sign: bool = False) -> str:
    """`x` written the way `lang` writes numbers: 1,234.5 (en), 1 234,5 (uk, ru). `sign` adds '+' to positives."""
    lang = lang or current()
    point, group, _ = _NUMBERS.get(lang, _NUMBERS["en"])
    text = f"{x:{'+' if sign else ''},.{digits}f}" if isinstance(x, float) or digits else f"{x:{'+' if sign else ''},}"
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


def percent(fraction: float, digits: int = 0, lang: str | None = None) -> str:
    """0.72 -> '72%' (en, uk), '72 %' (ru)."""
    lang = lang or current()
    return _NUMBERS.get(lang, _NUMBERS["en"])[2].format(number(fraction * 100, digits, lang))
