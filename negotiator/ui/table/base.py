"""What the table's panels share (`TableContext`) and their common shape (`Panel`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton

from negotiator.i18n import t
from negotiator.ui.layout import Layout
from negotiator.ui.session import GameSession
from negotiator.ui.table import paint
from negotiator.ui.table.data import TableData

if TYPE_CHECKING:
    from negotiator.ui.app import App


def theme_colour(app: App, block: str, key: str, fallback: str) -> pygame.Color:
    value = app.theme.data.get(block, {}).get("colours", {}).get(key, fallback)
    return paint.colour(value, fallback)


@dataclass
class TableContext:
    """Everything a panel needs: the app (manager, palette), the session, fonts, layout and the current data."""

    app: App
    session: GameSession
    fonts: paint.Fonts
    lay: Layout
    data: TableData
    container: Any

    def pal(self, name: str) -> pygame.Color:
        return self.app.palette[name]

    def actor_colour(self, actor: str | None) -> pygame.Color:
        if actor is None:
            return self.pal("neutral")
        return self.app.actor_colour(self.data.scenario, actor)

    def name(self, actor: str | None) -> str:
        return self.session.display_name(actor) if actor else ""

    def short(self, actor: str | None) -> str:
        return self.data.scenario.actor(actor).short_name if actor else ""


class Panel:
    """One titled area of the table. `paint` draws into the scene's cached canvas (only when something changed);
    `build` creates pygame_gui widgets once; `refresh` follows a change of the data."""

    title_key = ""  # the panel's heading in the catalogues
    #: Set by `on_button` when the click changes which widgets the panel has: the scene rebuilds the table.
    build_again = False

    def __init__(self, ctx: TableContext, rect: pygame.Rect) -> None:
        self.ctx = ctx
        self.rect = rect
        self.pad = ctx.lay.px(12)

    @property
    def title(self) -> str:
        return t(self.title_key) if self.title_key else ""

    @property
    def content(self) -> pygame.Rect:
        """The area below the title, inside the padding."""
        top = (
            self.rect.y + self.pad + (paint.line_height(self.ctx.fonts.bold) + self.ctx.lay.px(4) if self.title else 0)
        )
        return pygame.Rect(
            self.rect.x + self.pad, top, self.rect.width - 2 * self.pad, self.rect.bottom - self.pad - top
        )

    def build(self) -> None:
        """Create widgets (inside `ctx.container`, absolute window coordinates)."""

    def refresh(self) -> None:
        """The data changed: update widgets. The canvas is repainted by the scene afterwards."""

    def paint(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        fill = theme_colour(ctx.app, "@card", "dark_bg", "#131d30")
        border = ctx.pal("rule")
        radius = ctx.lay.px(6)
        pygame.draw.rect(surface, fill, self.rect, border_radius=radius)
        pygame.draw.rect(surface, border, self.rect, width=1, border_radius=radius)
        if self.title:
            paint.text(
                surface,
                ctx.fonts.bold,
                self.title.upper(),
                (self.rect.x + self.pad, self.rect.y + self.pad - 2),
                ctx.pal("accent"),
            )
        self.paint_content(surface)

    def paint_content(self, surface: pygame.Surface) -> None:
        """Draw this panel's picture (below its widgets)."""

    def on_button(self, element: object) -> bool:
        return False

    def on_event(self, event: pygame.event.Event) -> bool:
        return False

    def button(
        self,
        text: str,
        rect: pygame.Rect,
        tooltip: str | None = None,
        class_id: str | None = None,
        container: Any = None,
    ) -> UIButton:
        return UIButton(
            rect,
            text,
            manager=self.ctx.app.manager,
            container=container or self.ctx.container,
            tool_tip_text=tooltip,
            object_id=ObjectID(class_id=class_id),
        )


def pressed(event: pygame.event.Event) -> bool:
    return event.type == pygame_gui.UI_BUTTON_PRESSED
