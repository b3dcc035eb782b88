"""The guided tutorial's card: which step of how many, what to do, and Skip step / End tutorial.

A thin view of `session.tutorial` (negotiator/ui/tutorial.py): it paints the current step's words from the
scenario's `tutorial:` section and turns its two buttons into `skip` / `end` on the progress. It decides
nothing about the game. Scenes give it a rect: the briefing and the debrief a strip as tall as
`strip_height` asks, the table the news feed's place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton

from negotiator import i18n
from negotiator.i18n import t
from negotiator.ui.layout import Layout
from negotiator.ui.session import GameSession
from negotiator.ui.table import paint
from negotiator.ui.table.base import theme_colour

if TYPE_CHECKING:
    from negotiator.ui.app import App


def shown(session: GameSession) -> bool:
    """Whether this session shows a tutorial card now."""
    return session.tutorial is not None and session.tutorial.active(session.state)


class TutorialCard:
    """One card in `rect` (window coordinates). `framed` draws its own card background (the table's panels
    draw theirs). `on_change` runs after a button changed the progress, so the scene can lay itself out again."""

    def __init__(
        self,
        app: App,
        session: GameSession,
        rect: pygame.Rect,
        container: Any,
        on_change: Callable[[], None],
        *,
        framed: bool = True,
    ) -> None:
        self.app = app
        self.session = session
        self.rect = rect
        self.container = container
        self.on_change = on_change
        self.framed = framed
        self.strip = False
        self.lay = Layout(pygame.Rect(0, 0, *app.size), app.ui_scale, app.settings.text_scale)
        self.fonts = paint.Fonts.from_app(app)
        self.buttons: dict[UIButton, str] = {}
        self.picture: pygame.Surface | None = None
        self.key = self.step_key()

    # --- what it shows -------------------------------------------------------------------------------
    def step_key(self) -> tuple[int | None, bool]:
        """The step on show and whether the card is up; a scene rebuilds the card when this changes."""
        progress = self.session.tutorial
        if progress is None:
            return (None, False)
        return (progress.current(self.session.state), progress.active(self.session.state))

    def words(self) -> tuple[str, str, str]:
        """Caption, title and text of what the card shows now."""
        progress = self.session.tutorial
        assert progress is not None
        index = progress.current(self.session.state)
        shown = self.session.scenario.translated(i18n.current()).tutorial or progress.tutorial
        if index is None:
            return (t("tutorial.caption"), t("tutorial.complete"), shown.closing or "")
        step = shown.steps[index]
        caption = t("tutorial.caption_step", step=index + 1, steps=len(progress.steps))
        return (caption, step.title, step.text)

    def choices(self) -> list[tuple[str, str, str]]:
        """(key, label, tooltip) of the buttons: skipping and ending while steps remain, closing at the end."""
        if self.step_key()[0] is None:
            return [("end", t("dialog.close"), t("tutorial.close.tip"))]
        return [
            ("skip", t("tutorial.skip"), t("tutorial.skip.tip")),
            ("end", t("tutorial.end"), t("tutorial.end.tip")),
        ]

    # --- sizes ---------------------------------------------------------------------------------------
    @property
    def pad(self) -> int:
        return self.lay.px(12)

    def button_size(self, label: str) -> tuple[int, int]:
        font = self.app.manager.get_theme().get_font(["button"])
        return (
            int(font.size(label)[0]) + self.lay.px(28),
            max(self.lay.px(32), paint.line_height(font) + self.lay.px(8)),
        )

    def side_buttons(self) -> bool:
        """A strip keeps its buttons at the right of the text; a panel puts them underneath."""
        return self.strip or self.rect.width >= 3 * self.rect.height

    def text_width(self) -> int:
        inner = self.rect.width - 2 * self.pad
        if self.side_buttons():
            inner -= max(self.button_size(label)[0] for _, label, _ in self.choices()) + self.pad
        return max(1, inner)

    def strip_height(self) -> int:
        """The height a wide strip needs to show the whole step with its buttons beside it."""
        _, _, text = self.words()
        fonts = self.fonts
        lines = len(paint.wrap(fonts.body, text, self.text_width())) if text else 0
        height = 2 * self.pad + paint.line_height(fonts.small) + paint.line_height(fonts.bold)
        height += lines * paint.line_height(fonts.body)
        buttons = len(self.choices()) * (self.button_size(t("tutorial.skip"))[1] + self.lay.px(6))
        return max(height, buttons + 2 * self.pad)

    def panel_height(self, small: bool = False) -> int:
        """The height a panel of this width needs to show the whole step, in body (or small) type, with its
        buttons underneath."""
        _, _, text = self.words()
        fonts = self.fonts
        font = fonts.small if small else fonts.body
        lines = len(paint.wrap(font, text, self.rect.width - 2 * self.pad)) if text else 0
        height = 2 * self.pad + paint.line_height(fonts.small) + paint.line_height(fonts.bold)
        return height + lines * paint.line_height(font) + self.lay.px(4) + self.button_size(t("tutorial.skip"))[1]

    # --- building and drawing ------------------------------------------------------------------------
    def build(self) -> None:
        for button in self.buttons:
            button.kill()
        self.buttons = {}
        self.picture = None
        self.key = self.step_key()
        if not self.key[1]:
            return
        gap = self.lay.px(6)
        sizes = [self.button_size(label) for _, label, _ in self.choices()]
        if self.side_buttons():
            x, y = self.rect.right - self.pad, self.rect.y + self.pad
            width = max(w for w, _ in sizes)
            rects = []
            for _, h in sizes:
                rects.append(pygame.Rect(x - width, y, width, h))
                y += h + gap
        else:
            x, bottom = self.rect.right - self.pad, self.rect.bottom - self.pad
            rects = []
            for w, h in reversed(sizes):
                rects.insert(0, pygame.Rect(x - w, bottom - h, w, h))
                x -= w + gap
        for (key, label, tip), rect in zip(self.choices(), rects, strict=True):
            button = UIButton(
                rect,
                label,
                manager=self.app.manager,
                container=self.container,
                tool_tip_text=tip,
                object_id=ObjectID(object_id=f"#tutorial_{key}"),
            )
            self.buttons[button] = key
        self.button_top = min(r.y for r in rects)

    def paint(self, surface: pygame.Surface) -> None:
        """Draw the card's words (cached; the buttons are pygame_gui's)."""
        if not self.key[1]:
            return
        if self.picture is None or self.picture.get_size() != self.rect.size:
            self.picture = self._render()
        surface.blit(self.picture, self.rect)

    def text_layout(self) -> tuple[Any, list[str], int, int]:
        """The type, the wrapped lines, and the top and bottom of the text area (card coordinates): body type,
        or small type when body type would not fit."""
        fonts, pad = self.fonts, self.pad
        _, _, text = self.words()
        width = self.text_width()
        top = pad + paint.line_height(fonts.small) + paint.line_height(fonts.bold)
        bottom = self.rect.height - pad
        if not self.side_buttons() and self.buttons:
            bottom = self.button_top - self.rect.y - self.lay.px(4)
        font = fonts.body
        lines = paint.wrap(font, text, width) if text else []
        if len(lines) * paint.line_height(font) > bottom - top:  # a small card: the smaller type fits more
            font = fonts.small
            lines = paint.wrap(font, text, width)
        return font, lines, top, bottom

    def fits(self) -> bool:
        """Whether every word shows: the caption and title on their lines, every line of text above the
        buttons (a test holds every shipped step to it at the smallest window and the largest text)."""
        if not self.key[1]:
            return True
        caption, title, _ = self.words()
        width = self.text_width()
        if self.fonts.small.size(caption)[0] > width or self.fonts.bold.size(title)[0] > width:
            return False
        font, lines, top, bottom = self.text_layout()
        return top + len(lines) * paint.line_height(font) <= bottom + 2

    def _render(self) -> pygame.Surface:
        pal, fonts, pad = self.app.palette, self.fonts, self.pad
        surf = paint.panel_surface(self.rect.size)
        local = surf.get_rect()
        if self.framed:
            fill = theme_colour(self.app, "@card", "dark_bg", "#131d30")
            pygame.draw.rect(surf, fill, local, border_radius=self.lay.px(6))
        pygame.draw.rect(surf, pal["accent"], local, width=2, border_radius=self.lay.px(6))
        caption, title, _ = self.words()
        width = self.text_width()
        paint.text(surf, fonts.small, caption, (pad, pad), pal["accent"], max_width=width)
        paint.text(surf, fonts.bold, title, (pad, pad + paint.line_height(fonts.small)), pal["text"], max_width=width)
        font, lines, y, bottom = self.text_layout()
        step = paint.line_height(font)
        for line in lines:
            if y + step > bottom + 2:
                break
            paint.text(surf, font, line, (pad, y), pal["text"])
            y += step
        return surf

    # --- input ---------------------------------------------------------------------------------------
    def on_button(self, element: object) -> bool:
        """A press of one of the card's buttons: skip or end, then let the scene lay out again."""
        key = self.buttons.get(element)  # type: ignore[call-overload]
        progress = self.session.tutorial
        if key is None or progress is None:
            return False
        if key == "skip":
            progress.skip(self.session.state)
        else:
            progress.end()
        self.on_change()
        return True


def strip_card(scene: Any, area: pygame.Rect, gap: int) -> tuple[pygame.Rect, TutorialCard | None]:
    """For a scene with a `session`: a tutorial strip carved off the bottom of `area`, as tall as the step needs
    (at most half of it). Returns what is left of `area`, and the card (None when no tutorial is shown)."""
    session: GameSession = scene.session
    if not shown(session):
        return area, None
    app = scene.app
    card = TutorialCard(
        app, session, pygame.Rect(area.x, area.bottom, area.width, 1), scene.root, lambda: app.refresh(scene)
    )
    card.strip = True
    height = min(card.strip_height(), area.height // 2)
    card.rect = pygame.Rect(area.x, area.bottom - height, area.width, height)
    card.build()
    return pygame.Rect(area.x, area.y, area.width, max(1, area.height - height - gap)), card
