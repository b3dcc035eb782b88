"""Card and dialog panels: a rounded face drawn once with pygame under a see-through pygame_gui panel.

pygame_gui draws a rounded rectangle four times oversampled and caches none larger than 1024 px, so a
window-sized card cost 60-190 ms of CPU every time a scene opened (issue 12: the title -> setup switch took
126 ms against a 100 ms budget). `pygame.draw.rect` with a radius draws the same face in well under a
millisecond; the table's panels are drawn that way already, so every card keeps one look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIImage, UIPanel

from negotiator.ui.table import paint

if TYPE_CHECKING:
    from negotiator.ui.app import App

#: The theme block of the see-through panel that holds a card's widgets (a plain rectangle, no border).
FRAME_CLASS = "@card_frame"


def face_style(app: App, blocks: tuple[str, ...]) -> tuple[pygame.Color, pygame.Color, int, int]:
    """Fill, border, border width and corner radius of a face, read from theme blocks (later ones win; a block
    without a shape of its own takes the theme's "panel" look, as pygame_gui would)."""
    data = app.theme.data
    colours: dict[str, Any] = {}
    misc: dict[str, Any] = dict(data.get("panel", {}).get("misc", {}))
    for block in blocks:
        colours.update(data.get(block, {}).get("colours", {}))
        misc.update(data.get(block, {}).get("misc", {}))
    fill = paint.colour(colours.get("dark_bg", "#131d30"), "#131d30")
    border = paint.colour(colours.get("normal_border", "#24324a"), "#24324a")
    rounded = misc.get("shape", "rectangle") == "rounded_rectangle"
    return fill, border, _int(misc.get("border_width"), 1), _int(misc.get("shape_corner_radius"), 6) if rounded else 0


def card_panel(
    app: App,
    rect: pygame.Rect,
    container: Any,
    *,
    face: tuple[str, ...] = ("@card",),
    starting_height: int = 1,
) -> UIPanel:
    """A panel at `rect` in `container`, looking like the theme's `face` blocks; put widgets in it as in any
    UIPanel. Its face is an image inside it, under everything added later, and goes when the panel is killed."""
    panel = UIPanel(
        rect,
        starting_height=starting_height,
        manager=app.manager,
        container=container,
        object_id=ObjectID(class_id=FRAME_CLASS),
    )
    fill, border, width, radius = face_style(app, face)
    image = pygame.Surface((max(1, rect.width), max(1, rect.height)), pygame.SRCALPHA)
    local = image.get_rect()
    pygame.draw.rect(image, fill, local, border_radius=radius)
    if width > 0:
        pygame.draw.rect(image, border, local, width=width, border_radius=radius)
    UIImage(local, image, manager=app.manager, container=panel)
    return panel


def _int(value: object, fallback: int) -> int:
    try:
        return max(0, int(str(value)))
    except ValueError:
        return fallback
