"""The player's levers as cards: name, cost, cooldown and uses, expected effects, a target drop-down and a
Use button, or the reason it cannot be used now. Rebuilt only when a lever's status changes."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIDropDownMenu, UIImage, UIScrollingContainer

from negotiator.engine import UseLever
from negotiator.engine.actions import Action
from negotiator.engine.view import LeverStatus
from negotiator.i18n import t
from negotiator.ui.describe import lever_effects, lever_terms
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, TableContext, theme_colour

#: The theme class of a lever card's target drop-down: the card's small type, so a long name shows whole.
TARGET_CLASS = "@lever_target"


class LeversPanel(Panel):
    title_key = "table.panel.levers"

    @property
    def title(self) -> str:
        data = self.ctx.data
        if data.view is not None:
            return t("table.panel.levers")
        return (
            t("table.panel.levers_of", name=self.ctx.short(data.current_actor))
            if data.current_actor
            else t("table.tab.levers")
        )

    def __init__(self, ctx: TableContext, rect: pygame.Rect, act: Callable[[Action], bool]) -> None:
        super().__init__(ctx, rect)
        self.act = act
        self.scroller: UIScrollingContainer | None = None
        self.use: dict[UIButton, LeverStatus] = {}
        self.targets: dict[str, UIDropDownMenu] = {}
        self.target_ids: dict[str, dict[str, str]] = {}
        self.shown_key: tuple[object, ...] = ()
        self.last_seat: object = None

    def build(self) -> None:
        self.scroller = None
        self.shown_key = ()
        self.refresh()

    def refresh(self) -> None:
        data = self.ctx.data
        key = (
            data.seat,
            data.current_actor if data.view is None else None,
            data.my_move,
            data.turn,
            tuple((s.lever.id, s.usable_targets, s.problem) for s in data.levers),
        )
        if key == self.shown_key:
            return
        self.shown_key = key
        kept = scroll_offset(self.scroller)  # a use rebuilds the cards: the list stays where the player was
        if self.scroller is not None:
            self.scroller.kill()
        self.use.clear()
        self.targets.clear()
        self.target_ids.clear()
        area = self.content
        manager = self.ctx.app.manager
        self.scroller = UIScrollingContainer(area, manager, container=self.ctx.container, allow_scroll_x=False)
        width = area.width - self.ctx.lay.px(14)
        y = 0
        if data.view is None:
            y = self._public_cards(width)
        elif not data.levers:
            text = t("table.levers.none")
            image = self._note(width, text)
            UIImage(
                pygame.Rect(0, 0, width, image.get_height()),
                image,
                manager,
                container=self.scroller,
                image_is_alpha_premultiplied=True,
            )
            y = image.get_height()
        for status in data.levers:
            y += self._card(status, y, width) + self.ctx.lay.px(8)
        self.scroller.set_scrollable_area_dimensions((width, max(1, y)))
        if self.scroller.vert_scroll_bar is not None:
            self.scroller.vert_scroll_bar.scroll_wheel_speed = 0.0  # the wheel is ours: see `on_event`
        if key[0] == self.last_seat:  # the same player's list: keep its place (another player's starts at the top)
            set_scroll_offset(self.scroller, kept)
        self.last_seat = key[0]

    def _public_cards(self, width: int) -> int:
        """Watching: the mover's levers as the scenario describes them (what it used stays hidden until it resolves)."""
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        mover = ctx.data.current_actor
        levers = [lv for lv in ctx.data.scenario.levers if lv.owner == mover]
        if not levers:
            image = self._note(width, t("table.levers.mover_none"))
            UIImage(
                pygame.Rect(0, 0, width, image.get_height()),
                image,
                ctx.app.manager,
                container=self.scroller,
                image_is_alpha_premultiplied=True,
            )
            return image.get_height()
        y = 0
        x = lay.px(10)
        sh = paint.line_height(fonts.small)
        for lever in levers:
            effects = paint.wrap(fonts.small, lever_effects(ctx.data.scenario, lever), width - 2 * x)
            head_h = self._head_height(lever.name, lever_terms(lever, None), width)
            height = lay.px(12) + head_h + sh * len(effects)
            surf = self._surface(width, height, ctx.pal("rule"))
            self._head(surf, lever.name, lever_terms(lever, None), lay.px(6), width)
            for k, line in enumerate(effects):
                paint.text(surf, fonts.small, line, (x, lay.px(6) + head_h + k * sh), ctx.pal("text_secondary"))
            UIImage(
                pygame.Rect(0, y, width, height),
                surf,
                ctx.app.manager,
                container=self.scroller,
                image_is_alpha_premultiplied=True,
            )
            y += height + lay.px(8)
        return y

    def _head_split(self, name: str, terms: str, width: int) -> bool:
        """Whether the name needs a line of its own (narrow cards, large text) rather than sharing it with the terms."""
        fonts, x = self.ctx.fonts, self.ctx.lay.px(10)
        room = width - 2 * x - fonts.small.size(terms)[0] - self.ctx.lay.px(8)
        return room < fonts.bold.size(name)[0]

    def _name_lines(self, name: str, width: int) -> list[str]:
        """The name on lines of its own, wrapped rather than cut when one line is too short."""
        return paint.wrap(self.ctx.fonts.bold, name, width - 2 * self.ctx.lay.px(10))

    def _head_height(self, name: str, terms: str, width: int) -> int:
        fonts = self.ctx.fonts
        bh = paint.line_height(fonts.bold)
        if not self._head_split(name, terms, width):
            return bh
        return bh * len(self._name_lines(name, width)) + paint.line_height(fonts.small)

    def _head(self, surf: pygame.Surface, name: str, terms: str, y: int, width: int) -> None:
        """A card's first line: the lever's name with its cost and limits to the right, or under it when narrow."""
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        x = lay.px(10)
        if self._head_split(name, terms, width):
            for line in self._name_lines(name, width):
                paint.text(surf, fonts.bold, line, (x, y), ctx.pal("text"), max_width=width - 2 * x)
                y += paint.line_height(fonts.bold)
            paint.text(surf, fonts.small, terms, (x, y), ctx.pal("accent"), max_width=width - 2 * x)
            return
        right = paint.text(surf, fonts.small, terms, (width - x, y + 2), ctx.pal("accent"), align="right")
        paint.text(surf, fonts.bold, name, (x, y), ctx.pal("text"), max_width=right.x - x - lay.px(8))

    def _note(self, width: int, text: str) -> pygame.Surface:
        fonts = self.ctx.fonts
        lines = paint.wrap(fonts.body, text, width - 2 * self.pad)
        lh = paint.line_height(fonts.body)
        surf = self._surface(width, lh * len(lines) + 2 * self.pad, self.ctx.pal("rule"))
        for k, line in enumerate(lines):
            paint.text(surf, fonts.body, line, (self.pad, self.pad + k * lh), self.ctx.pal("text_secondary"))
        return surf

    def _surface(self, width: int, height: int, border: pygame.Color) -> pygame.Surface:
        surf = pygame.Surface((width, height), pygame.SRCALPHA)
        fill = theme_colour(self.ctx.app, "@document", "dark_bg", "#0e1626")
        pygame.draw.rect(surf, fill, surf.get_rect(), border_radius=self.ctx.lay.px(5))
        pygame.draw.rect(surf, border, surf.get_rect(), width=1, border_radius=self.ctx.lay.px(5))
        return surf

    def _card(self, status: LeverStatus, y0: int, width: int) -> int:
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        data = ctx.data
        lever = data.scenario.lever(status.lever.id)  # as the reader reads it
        x = lay.px(10)
        sh = paint.line_height(fonts.small)
        effects = paint.wrap(fonts.small, lever_effects(data.scenario, lever), width - 2 * x)
        usable = bool(status.usable_targets) and data.my_move
        why = status.problem if status.problem else (t("table.levers.wait") if not data.my_move else "")
        button_h = lay.px(30)
        terms_text = lever_terms(lever, data.lever_uses_left(lever.id))
        head_h = self._head_height(lever.name, terms_text, width)
        use_font = ctx.app.manager.get_theme().get_font(["button"])
        use_w = max(lay.px(76), use_font.size(t("table.levers.use"))[0] + lay.px(24))
        targets = list(lever.targets)
        choices = [ctx.short(t) for t in (status.usable_targets or targets) if t] or (
            [ctx.short(targets[0])] if targets else []
        )
        # The target drop-down shares the Use button's row when its longest name fits there; else it takes a row
        # of its own above (pygame_gui would clip the name without a word).
        beside = width - 2 * x - use_w - lay.px(8)
        own_row = bool(choices) and self._drop_width(choices) > beside
        rows_h = button_h + (button_h + lay.px(6) if own_row else 0)
        height = lay.px(8) + head_h + sh * (len(effects) + 1) + lay.px(6) + rows_h + lay.px(8)
        surf = self._surface(width, height, ctx.pal("accent") if usable else ctx.pal("rule"))
        y = lay.px(6)
        self._head(surf, lever.name, terms_text, y, width)
        y += head_h
        for line in effects:
            paint.text(surf, fonts.small, line, (x, y), ctx.pal("text_secondary"))
            y += sh
        if why:
            paint.text(
                surf, fonts.small, t("table.levers.not_now", why=why), (x, y), ctx.pal("warn"), max_width=width - 2 * x
            )
        manager = ctx.app.manager
        UIImage(
            pygame.Rect(0, y0, width, height), surf, manager, container=self.scroller, image_is_alpha_premultiplied=True
        )
        row_y = y0 + height - lay.px(8) - button_h
        use_rect = pygame.Rect(width - x - use_w, row_y, use_w, button_h)
        tip = lever.description if usable else f"{lever.description} ({t('table.levers.not_now', why=why)})"
        btn = self.button(t("table.levers.use"), use_rect, tip, "@primary" if usable else None, container=self.scroller)
        if not usable:
            btn.disable()
        self.use[btn] = status
        if targets:
            names = {ctx.short(t): t for t in targets}
            self.target_ids[lever.id] = names
            drop_rect = (
                pygame.Rect(x, row_y - button_h - lay.px(6), width - 2 * x, button_h)
                if own_row
                else pygame.Rect(x, row_y, use_rect.x - x - lay.px(8), button_h)
            )
            drop = UIDropDownMenu(
                choices,
                choices[0],
                drop_rect,
                manager,
                container=self.scroller,
                expansion_height_limit=lay.px(120),
                object_id=ObjectID(class_id=TARGET_CLASS),
            )
            if not usable or len(choices) < 2:
                drop.disable()
            self.targets[lever.id] = drop
        return height

    def _drop_width(self, choices: list[str]) -> int:
        """The width a closed target drop-down needs to show its longest name whole (text, padding, arrow)."""
        font = self.ctx.app.manager.get_theme().get_font([f"{TARGET_CLASS}.#selected_option"])
        lay = self.ctx.lay
        return max(font.size(c)[0] for c in choices) + lay.px(10) * 2 + lay.px(30)

    def on_button(self, element: object) -> bool:
        status = self.use.get(element)  # type: ignore[call-overload]
        if status is None or self.ctx.data.seat is None:
            return False
        lever = status.lever
        target = None
        if lever.targets:
            drop = self.targets.get(lever.id)
            label = (
                drop.selected_option[0]
                if drop is not None and isinstance(drop.selected_option, tuple)
                else (drop.selected_option if drop else "")
            )
            target = self.target_ids.get(lever.id, {}).get(str(label)) or (
                status.usable_targets[0] if status.usable_targets else None
            )
        self.act(UseLever(self.ctx.data.seat, lever=lever.id, target=target))
        return True

    def on_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.scroller is not None:
            if not self.scroller.get_abs_rect().collidepoint(pygame.mouse.get_pos()):
                return False
            # A notch moves three lines of text at once (pygame_gui's own wheel step depends on the list's
            # length and eases over many frames, a few pixels a notch on a short list).
            step = WHEEL_LINES * paint.line_height(self.ctx.fonts.body)
            set_scroll_offset(self.scroller, scroll_offset(self.scroller) - round(event.y * step))
            return True
        return event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and any(
            event.ui_element is d for d in self.targets.values()
        )


WHEEL_LINES = 3


def scroll_offset(scroller: UIScrollingContainer | None) -> int:
    """How far down (pixels of content) a scrolling list is shown; 0 without a scroll bar."""
    if scroller is None or scroller.vert_scroll_bar is None:
        return 0
    return round(-scroller.scrollable_container.relative_rect.y)


def set_scroll_offset(scroller: UIScrollingContainer, offset: int) -> None:
    """Show the list from `offset` pixels down (clamped to its length), bar and content together."""
    bar = scroller.vert_scroll_bar
    if bar is None:
        return
    total = max(1, scroller.scrolling_height)
    offset = max(0, min(offset, total - scroller.rect.height))
    bar.set_scroll_from_start_percentage(offset / total)
    scroller.scrollable_container.set_relative_position((0, -round(bar.start_percentage * total)))
