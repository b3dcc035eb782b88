"""Every character the window draws is in the shipped font (issue 12: "->" and the PIN mask's bullet drew as empty
boxes). Each scene of the catalogue is opened (the debrief on every tab, the narrow table on every side tab), every
string that reaches pygame_gui's font objects is recorded, and each character is looked up in each shipped face.

pygame.font.Font.metrics gives a missing character the metrics of the font's empty box; pygame.freetype's
get_metrics gives None, so that is the lookup used.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import cache

import pygame
import pygame.freetype
import pytest
from pygame_gui.core.gui_font_pygame import GUIFontPygame
from scene_catalogue import SCENES, open_scene
from table_helpers import frames

from negotiator import resources
from negotiator.ui.app import App
from negotiator.ui.scenes.debrief import TABS, DebriefScene
from negotiator.ui.scenes.setup import SetupScene
from negotiator.ui.scenes.table import TableScene
from negotiator.ui.scenes.title import TitleScene
from negotiator.ui.settings import MIN_WINDOW, Settings
from negotiator.ui.table.layout import SIDE_TABS
from negotiator.ui.theme import FONT_FILES

Source = str | bytes  # a font file's path, or the bytes of one pygame_gui loads from its own package


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[tuple[Source, str]]]:
    """Every string pygame_gui's fonts render while the test runs (labels, buttons, text boxes, the painter), with
    the font file it is rendered in (pygame_gui draws a few symbols, such as the drop-down arrow, in its own)."""
    seen: set[tuple[Source, str]] = set()
    sources: dict[int, Source] = {}
    init, plain, to = GUIFontPygame.__init__, GUIFontPygame.render_premul, GUIFontPygame.render_premul_to

    def record_init(self, file, size, *args, **kwargs):  # type: ignore[no-untyped-def]
        sources[id(self)] = file.getvalue() if isinstance(file, io.BytesIO) else str(file)
        init(self, file, size, *args, **kwargs)

    def render_premul(self, text, colour):  # type: ignore[no-untyped-def]
        seen.add((sources.get(id(self), "?"), text))
        return plain(self, text, colour)

    def render_premul_to(self, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.add((sources.get(id(self), "?"), text))
        return to(self, text, *args, **kwargs)

    monkeypatch.setattr(GUIFontPygame, "__init__", record_init)
    monkeypatch.setattr(GUIFontPygame, "render_premul", render_premul)
    monkeypatch.setattr(GUIFontPygame, "render_premul_to", render_premul_to)
    yield seen


@cache
def face(source: Source) -> pygame.freetype.Font:
    pygame.freetype.init()
    return pygame.freetype.Font(io.BytesIO(source) if isinstance(source, bytes) else source, 16)


def missing(drawn: set[tuple[Source, str]]) -> dict[str, set[str]]:
    """Characters (other than control characters) missing from the font they were drawn in, each with the
    strings that use it."""
    out: dict[str, set[str]] = {}
    for source, text in drawn:
        assert source != "?", f"{text!r} was drawn in a font loaded before the test began"
        chars = [c for c in text if c.isprintable()]
        for char, metrics in zip(chars, face(source).get_metrics("".join(chars)), strict=True):
            if metrics is None:
                out.setdefault(char, set()).add(text[:60])
    return out


def test_the_lookup_finds_a_missing_glyph() -> None:
    ours = str(resources.file("fonts", FONT_FILES["regular_path"]))
    lacking = missing({(ours, "no-deal 0.52 \u2192 0.48"), (ours, "Київ · Москва")})
    assert lacking == {"\u2192": {"no-deal 0.52 \u2192 0.48"}}


@pytest.mark.parametrize("name", list(SCENES))
def test_every_drawn_character_is_in_the_shipped_font(name: str, drawn: set[str]) -> None:
    app = App(Settings(window_size=MIN_WINDOW), title_factory=TitleScene)  # narrow: the table's side tabs
    try:
        app.reset_to_title()
        scene = open_scene(app, name)
        if isinstance(scene, DebriefScene):
            for tab, _, _ in TABS:
                scene._select(tab)
                frames(app, 2)
        if isinstance(scene, SetupScene):
            scene.pin_entry.set_text("2468")  # the mask
            frames(app, 2)
        if isinstance(scene, TableScene):
            for tab in SIDE_TABS:
                scene.show_side(tab)
                frames(app, 2)
    finally:
        app.close()
    assert drawn, f"{name}: nothing recorded (the spy no longer sees the fonts)"
    lacking = missing(drawn)
    assert not lacking, f"{name} draws characters the font lacks: {lacking}"


def test_a_typed_pin_is_masked_with_a_glyph_the_font_has(drawn: set[tuple[Source, str]]) -> None:
    from negotiator.ui.scenes.facilitator import PinDialog

    app = App(Settings(), title_factory=TitleScene)
    try:
        app.reset_to_title()
        table = open_scene(app, "table")
        dialog = PinDialog(app, table.session, lambda: None)  # type: ignore[attr-defined]
        app.push(dialog)
        dialog.entry.set_text("2468")
        frames(app, 2)
    finally:
        app.close()
    masks = {text for _, text in drawn if text and set(text) <= {"\u2022", "\u25cf", "*"}}
    assert masks, "the PIN's mask was not drawn"
    assert not missing(drawn)


TRANSLATED = ["title", "chooser", "setup", "briefing", "settings", "help"]


@pytest.mark.parametrize("lang", ["uk", "ru", "qps"])
@pytest.mark.parametrize("name", TRANSLATED)
def test_every_character_of_the_translations_is_in_the_shipped_font(
    name: str, lang: str, drawn: set[tuple[Source, str]]
) -> None:
    """Cyrillic (Ukrainian's і, ї, є, ґ and the apostrophe; Russian's ё, ы, э) and the pseudo-locale's accents."""
    app = App(Settings(window_size=MIN_WINDOW, language=lang), title_factory=TitleScene)  # type: ignore[arg-type]
    try:
        app.reset_to_title()
        open_scene(app, name)
        frames(app, 2)
    finally:
        app.close()
    texts = "".join(text for _, text in drawn)
    if lang != "qps":
        assert sum("\u0400" <= c <= "\u04ff" for c in texts) > 20, f"{name} in {lang}: hardly any Cyrillic drawn"
    lacking = missing(drawn)
    assert not lacking, f"{name} in {lang} draws characters the font lacks: {lacking}"


def test_every_character_of_every_catalogue_and_scenario_translation_is_in_the_shipped_fonts() -> None:
    from negotiator import i18n
    from negotiator.scenario import load_scenario
    from negotiator.scenario.translations import texts

    words: list[str] = []
    for lang in (*i18n.LANGUAGES, i18n.PSEUDO):
        for message in i18n.catalogue(lang).values():
            words += [message] if isinstance(message, str) else list(message.values())
    for path in sorted((resources.folder("scenarios")).glob("*.yaml")):
        scenario = load_scenario(path)
        for lang in scenario.languages:
            words += texts(scenario.translated(lang).model_dump(mode="json")).values()
    # what the texts hold, and the letters a translator or a player's name may bring (ґ, the modifier apostrophe)
    chars = sorted({c for w in words for c in w if c.isprintable()} | set("ґҐʼ’«»№ЁЭЪ"))
    assert {"ї", "є", "і", "ё", "ы"} <= set(chars)  # Ukrainian and Russian letters are there
    for style in ("regular_path", "bold_path", "italic_path"):
        font = face(str(resources.file("fonts", FONT_FILES[style])))
        lacking = [c for c, m in zip(chars, font.get_metrics("".join(chars)), strict=True) if m is None]
        assert not lacking, f"{FONT_FILES[style]} lacks {lacking}"


@pytest.mark.parametrize("name", [*TRANSLATED, "table", "table-picked", "debrief", "resolution"])
def test_a_translated_screen_draws_none_of_the_english_catalogue(name: str, drawn: set[tuple[Source, str]]) -> None:
    """Every fixed English message (one without placeholders) that reaches the screen in Ukrainian is a leak."""
    from negotiator import i18n

    english, ukrainian = i18n.catalogue("en"), i18n.catalogue("uk")
    fixed = {
        m
        for k, m in english.items()
        if isinstance(m, str) and "{" not in m and m != ukrainian[k] and any(c.islower() for c in m)
    }
    app = App(Settings(language="uk"), title_factory=TitleScene)
    try:
        app.reset_to_title()
        scene = open_scene(app, name)
        if isinstance(scene, DebriefScene):
            for tab, _, _ in TABS:
                scene._select(tab)
                frames(app, 2)
        frames(app, 2)
    finally:
        app.close()
    leaks = sorted({text for _, text in drawn if text.strip() in fixed})
    assert not leaks, f"{name} in Ukrainian draws English: {leaks}"
