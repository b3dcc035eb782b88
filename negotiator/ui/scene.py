"""The Scene base class: one screen or dialog on the app's scene stack.

A scene keeps its *state* in plain attributes and its *widgets* under `self.root`, so the app can throw
the widgets away and call `build()` again whenever the window is resized or the theme changes. Scenes
render state and turn input into engine actions; they hold no game rules, and `draw` changes nothing.

Writing a scene::

    class MyScene(Scene):
        name = "my_scene"

        def build(self) -> None:                     # create widgets inside self.root
            self.ok = self.button("OK", self.layout.centred(200, 44), tooltip="Close this screen")

        def on_button(self, element) -> None:         # UI_BUTTON_PRESSED for this scene's buttons
            if element is self.ok:
                self.app.pop()

        def on_key(self, event) -> bool:              # KEYDOWN not taken by a focused text entry
            return False

    app.push(MyScene(app))       # or app.replace(...), app.pop()
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextEntryLine

from negotiator.ui.layout import Layout
from negotiator.ui.table import paint

if TYPE_CHECKING:
    from negotiator.ui.app import App


class Scene:
    """Base class; override `build` and the `on_*` hooks you need."""

    name: ClassVar[str] = "scene"
    #: An overlay leaves the scene below it visible (dimmed and inert); a full scene hides it.
    overlay: ClassVar[bool] = False
    #: Whether `autosave` can save a game (the error dialog offers "save and return to title").
    can_autosave: ClassVar[bool] = False

    def __init__(self, app: App) -> None:
        self.app = app
        self.root: UIPanel | None = None
        self.layout = Layout(pygame.Rect(0, 0, *app.size), app.ui_scale, app.settings.text_scale)

    # --- lifecycle (called by the app) -------------------------------------------------------------
    def enter(self) -> None:
        """Pushed onto the stack: build the widgets."""
        self.build_ui()

    def exit(self) -> None:
        """Popped: drop the widgets. Override to release other resources (call super)."""
        self.clear_ui()

    def pause(self) -> None:
        """Another scene was pushed on top. A full scene hides us; an overlay leaves us visible."""

    def resume(self) -> None:
        """We are the top scene again."""

    def build_ui(self) -> None:
        self.clear_ui()
        self.layout = Layout(pygame.Rect(0, 0, *self.app.size), self.app.ui_scale, self.app.settings.text_scale)
        self.root = self.app.make_root(self)
        self.build()

    def clear_ui(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None

    def set_visible(self, visible: bool) -> None:
        if self.root is not None:
            self.root.show() if visible else self.root.hide()

    # --- per frame ---------------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """Route an event to the `on_*` hooks; return True if it was used."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and self.owns(event.ui_element):
            self.on_button(event.ui_element)
            return True
        if event.type == pygame.KEYDOWN and not self.app.typing():
            return self.on_key(event)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.manager.set_focus_set(None)  # Esc leaves a text field first
            return True
        return self.on_ui_event(event)

    def update(self, dt: float) -> None:
        """Advance animations or poll background work; `dt` is in seconds."""

    def animating(self) -> bool:
        """Whether the scene changes on its own now (a computer player moving, a countdown, a reveal), so the app
        must keep drawing without input. An idle scene costs no drawing at all (see `App.step`); a scene that
        changes once, from `update`, calls `app.invalidate()` instead."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw anything pygame_gui cannot (charts); runs before the widgets are drawn. Changes nothing."""

    # --- hooks -------------------------------------------------------------------------------------
    def build(self) -> None:
        """Create this scene's widgets inside `self.root`, sized from `self.layout`."""

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        """A button of this scene was pressed."""

    def on_key(self, event: pygame.event.Event) -> bool:
        """A key was pressed while no text field had focus."""
        return False

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        """Any other event (drop-down changes, text entry finished, raw mouse)."""
        return False

    def autosave(self) -> Path | None:
        """Save the game in progress, if any; the app calls this when the window closes or on a crash."""
        return None

    # --- helpers -----------------------------------------------------------------------------------
    def owns(self, element: object) -> bool:
        """Whether a widget belongs to this scene (events from other scenes' widgets are ignored)."""
        if self.root is None:
            return False
        targets = (self.root, self.root.get_container())
        node = element
        for _ in range(64):  # widgets nest a few levels deep; the bound only guards against cycles
            if node is None:
                return False
            if any(node is t for t in targets):
                return True
            node = getattr(node, "ui_container", None)
        return False

    def text_width(self, text: str, element_ids: list[str] | None = None) -> int:
        """Width of `text` in the theme font of an element kind, for sizing buttons to their labels."""
        font = self.app.manager.get_theme().get_font(element_ids or ["@primary", "button"])
        return int(font.size(text)[0])

    def button(
        self,
        text: str,
        rect: pygame.Rect,
        *,
        tooltip: str | None = None,
        class_id: str | None = None,
        object_id: str | None = None,
        container: object | None = None,
    ) -> UIButton:
        return UIButton(
            rect,
            text,
            manager=self.app.manager,
            container=container or self.root,
            tool_tip_text=tooltip,
            object_id=ObjectID(class_id=class_id, object_id=object_id),
        )

    def label(
        self,
        text: str | tuple[str, ...],
        rect: pygame.Rect,
        class_id: str | None = None,
        container: object | None = None,
        object_id: str | None = None,
    ) -> UILabel:
        """A one-line label; `object_id="#centred"` centres it (see the theme).

        `text` may be several wordings, longest first: the first that fits the width is shown. If none fits, the
        shortest is cut with an ellipsis and the whole first wording becomes the label's tooltip, rather than
        pygame_gui clipping letters off (it warns "Label Rect is too small for text")."""
        wordings = (text,) if isinstance(text, str) else text
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            made = UILabel(
                rect,
                wordings[0],
                manager=self.app.manager,
                container=container or self.root,
                object_id=ObjectID(class_id=class_id, object_id=object_id),
            )
        font = made.font
        if font is not None and font.size(wordings[0])[0] > rect.width:
            shown = paint.first_fitting(font, wordings, rect.width)
            if font.size(shown)[0] > rect.width:
                shown = paint.ellipsis(font, shown, rect.width)
                made.set_tooltip(wordings[0])
            made.set_text(shown)
            caught = [w for w in caught if "too small for text" not in str(w.message)]
            if font.size("Ág")[1] > rect.height:
                warnings.warn(f"Label Rect is too small for text: {shown} (height)", UserWarning, stacklevel=2)
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return made


def hide_text(entry: UITextEntryLine) -> None:
    """Mask what is typed in `entry` (a PIN) with bullets in the entry's own font. pygame_gui masks with "●",
    which Noto Sans lacks (an empty box), in a monospace symbol font of its own unlike the rest of the window."""
    entry.set_text_hidden(True)
    entry.hidden_text_char = "\u2022"
    entry.hidden_font = entry.font
    entry.rebuild()
