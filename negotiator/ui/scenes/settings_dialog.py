"""The settings dialog: language, window, full screen, UI scale, colours, text size, animation speed, sound.

Choices are kept in `self.pending` (plain data), so a window resize rebuilds the widgets without losing
what the player picked. Apply saves and applies; Cancel leaves everything as it was.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIDropDownMenu, UILabel

from negotiator import i18n
from negotiator.i18n import t
from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.ui.settings import Settings

WINDOW_SIZES = [(1024, 600), (1280, 720), (1366, 768), (1600, 900), (1920, 1080)]

# field -> [(option, value)]. An option is a catalogue key's last part (`settings.<field>.<option>`), or, for a
# number shown as it is, the text itself; the label and tooltip are `settings.<field>` and `settings.<field>.tip`.
FIELDS: dict[str, list[tuple[str, Any]]] = {
    "language": [(lang, lang) for lang in i18n.LANGUAGES],
    "fullscreen": [("window", False), ("full_screen", True)],
    "window_size": [(f"{w} × {h}", (w, h)) for w, h in WINDOW_SIZES],
    "ui_scale": [("90%", 0.9), ("100%", 1.0), ("110%", 1.1), ("125%", 1.25)],
    "text_size": [("small", "small"), ("normal", "normal"), ("large", "large"), ("x_large", "x_large")],
    "colourblind": [("standard", False), ("colourblind", True)],
    "animation_speed": [("slow", 0.5), ("normal", 1.0), ("fast", 2.0), ("instant", 4.0)],
    "sound": [("on", True), ("off", False)],
}
LITERAL = {"window_size", "ui_scale"}  # options shown as written


def option_text(field: str, option: str) -> str:
    """What the drop-down shows for one option: a language in its own name, a number as it is, else a word."""
    if field == "language":
        return i18n.NAMES.get(option, option)
    return option if field in LITERAL else t(f"settings.{field}.{option}")


class SettingsDialog(Dialog):
    name = "settings"
    title_key = "settings.title"
    default_choice = "apply"
    cancel_choice = "cancel"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.pending: dict[str, Any] = app.settings.model_dump()
        self.menus: dict[UIDropDownMenu, str] = {}

    def size(self) -> tuple[int, int]:
        return (640, 600)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", t("settings.cancel"), t("settings.cancel.tip")),
            Choice("apply", t("settings.apply"), t("settings.apply.tip"), primary=True),
        ]

    def _options(self, key: str) -> list[tuple[str, Any]]:
        options = [(option_text(key, option), value) for option, value in FIELDS[key]]
        current = self.pending[key]
        if key == "window_size" and tuple(current) not in [v for _, v in options]:
            options = [*options, (f"{current[0]} × {current[1]}", tuple(current))]
        elif key == "language" and current not in [v for _, v in options]:  # the pseudo-locale, set in the file
            options = [*options, (option_text(key, current), current)]
        return options

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        self.menus = {}
        row_h = lay.px(40)
        step = max(row_h + lay.px(4), min(lay.px(56), rect.height // len(FIELDS)))
        label_w = int(rect.width * 0.42)
        for i, key in enumerate(FIELDS):
            text, tip = t(f"settings.{key}"), t(f"settings.{key}.tip")
            y = rect.y + i * step
            label = UILabel(pygame.Rect(rect.x, y, label_w, row_h), text, manager=self.app.manager, container=self.card)
            label.set_tooltip(tip)
            options = self._options(key)
            shown = [(name, str(index)) for index, (name, _) in enumerate(options)]
            values = [v for _, v in options]
            current = self.pending[key]
            index = (
                values.index(tuple(current) if isinstance(current, list) else current)
                if (tuple(current) if isinstance(current, list) else current) in values
                else 0
            )
            menu = UIDropDownMenu(
                shown,
                shown[index],
                pygame.Rect(rect.x + label_w, y, rect.width - label_w, row_h),
                manager=self.app.manager,
                container=self.card,
                object_id=ObjectID(object_id=f"#setting_{key}"),
            )
            menu.set_tooltip(tip)
            self.menus[menu] = key

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.menus:
            key = self.menus[event.ui_element]
            index = int(event.ui_element.selected_option[1])
            self.pending[key] = self._options(key)[index][1]
            return True
        return False

    def on_choice(self, key: str) -> None:
        self.app.pop(self)
        if key == "apply":
            self.app.apply_settings(Settings.model_validate(self.pending))
