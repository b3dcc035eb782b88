"""The settings dialog: window, full screen, UI scale, colours, text size, animation speed, sound.

Choices are kept in `self.pending` (plain data), so a window resize rebuilds the widgets without losing
what the player picked. Apply saves and applies; Cancel leaves everything as it was.
"""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIDropDownMenu, UILabel

from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.ui.settings import Settings

WINDOW_SIZES = [(1024, 600), (1280, 720), (1366, 768), (1600, 900), (1920, 1080)]

# field -> (label, tooltip, [(shown text, value)])
FIELDS: dict[str, tuple[str, str, list[tuple[str, Any]]]] = {
    "fullscreen": (
        "Display",
        "Play in a window or fill the screen (F11 switches)",
        [("Window", False), ("Full screen", True)],
    ),
    "window_size": (
        "Window size",
        "The window's size when not in full screen; you can also drag its edges",
        [(f"{w} × {h}", (w, h)) for w, h in WINDOW_SIZES],
    ),
    "ui_scale": (
        "Interface scale",
        "Makes buttons and spacing larger or smaller",
        [("90%", 0.9), ("100%", 1.0), ("110%", 1.1), ("125%", 1.25)],
    ),
    "text_size": (
        "Text size",
        "Size of all text",
        [("Small", "small"), ("Normal", "normal"), ("Large", "large"), ("Extra large", "x_large")],
    ),
    "colourblind": (
        "Colours",
        "A palette that never sets red against green; good is blue, bad is orange",
        [("Standard", False), ("Colour-blind safe", True)],
    ),
    "animation_speed": (
        "Animation speed",
        "How fast turn results and meters animate",
        [("Slow", 0.5), ("Normal", 1.0), ("Fast", 2.0), ("Instant", 4.0)],
    ),
    "sound": ("Sound", "Sound effects", [("On", True), ("Off", False)]),
}


class SettingsDialog(Dialog):
    name = "settings"
    title = "Settings"
    default_choice = "apply"
    cancel_choice = "cancel"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.pending: dict[str, Any] = app.settings.model_dump()
        self.menus: dict[UIDropDownMenu, str] = {}

    def size(self) -> tuple[int, int]:
        return (640, 560)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", "Cancel", "Close without changing anything (Esc)"),
            Choice("apply", "Apply and save", "Use these settings now and keep them (Enter)", primary=True),
        ]

    def _options(self, key: str) -> list[tuple[str, Any]]:
        options = FIELDS[key][2]
        current = self.pending[key]
        if key == "window_size" and tuple(current) not in [v for _, v in options]:
            options = [*options, (f"{current[0]} × {current[1]}", tuple(current))]
        return options

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        self.menus = {}
        row_h = lay.px(40)
        step = max(row_h + lay.px(4), min(lay.px(56), rect.height // len(FIELDS)))
        label_w = int(rect.width * 0.42)
        for i, (key, (text, tip, _)) in enumerate(FIELDS.items()):
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
