"""The window in each language: chosen in the settings and applied at once, without a restart."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel
from table_helpers import frames, key

from negotiator import i18n
from negotiator.ui.app import App
from negotiator.ui.scenes.settings_dialog import SettingsDialog
from negotiator.ui.settings import Settings, load_settings


def shown_texts(app: App) -> set[str]:
    return {e.text for e in app.manager.get_sprite_group().sprites() if isinstance(e, UILabel | UIButton)}


def test_choosing_a_language_in_settings_applies_at_once_and_is_kept(ui_app: App) -> None:
    dialog = SettingsDialog(ui_app)
    ui_app.push(dialog)
    frames(ui_app, 2)
    assert {"Language", "Text size", "Apply and save"} <= shown_texts(ui_app)
    dialog.pending["language"] = "uk"
    key(ui_app, pygame.K_RETURN)
    assert i18n.current() == "uk" and ui_app.manager.get_locale() == "uk"
    assert load_settings()[0].language == "uk"
    again = SettingsDialog(ui_app)
    ui_app.push(again)
    frames(ui_app, 2)
    texts = shown_texts(ui_app)
    assert {"Мова", "Розмір тексту", "Застосувати й зберегти"} <= texts
    assert "Language" not in texts


def test_a_window_opens_in_the_saved_language() -> None:
    app = App(Settings(language="ru"), title_factory=lambda a: SettingsDialog(a))
    try:
        app.reset_to_title()
        frames(app, 2)
        assert {"Язык", "Настройки"} <= shown_texts(app)
    finally:
        app.close()
