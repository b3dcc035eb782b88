"""Offers on the table: those waiting for the player's answer first (Accept / Reject / Counter, with what the
offer is worth to them), then the other open offers and the ones decided this turn. Cards are pictures built
when the offers change; the list scrolls when it is long."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UIButton, UIImage, UIScrollingContainer

from negotiator.engine import Respond
from negotiator.engine.actions import Action
from negotiator.engine.offers import Offer
from negotiator.i18n import t
from negotiator.ui.describe import terms_lines
from negotiator.ui.predict import own_red_lines, own_value, value_readout
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, TableContext, theme_colour

STATUSES = ("open", "agreed", "rejected", "lapsed", "settled", "void")  # each `table.offer.<status>`


class OffersPanel(Panel):
    title_key = "table.panel.offers"

    def __init__(
        self,
        ctx: TableContext,
        rect: pygame.Rect,
        act: Callable[[Action], bool],
        counter: Callable[[Offer], None],
    ) -> None:
        super().__init__(ctx, rect)
        self.act = act
        self.counter = counter
        self.scroller: UIScrollingContainer | None = None
        self.actions: dict[UIButton, tuple[str, Offer]] = {}
        self.shown_key: tuple[object, ...] = ()
        #: The value line of each card drawn for the seat ("0.71 vs no-deal 0.55"), as `predict.value_readout`.
        self.readouts: dict[int, str] = {}

    def visible_offers(self) -> list[Offer]:
        data = self.ctx.data
        waiting = list(data.awaiting_me)
        ids = {o.id for o in waiting}
        recent = [
            o
            for o in reversed(data.offers)
            if o.id not in ids and (o.is_open or o.status == "agreed" or o.turn >= data.turn - 1)
        ]
        return waiting + recent[:8]

    def build(self) -> None:
        self.scroller = None
        self.shown_key = ()
        self.refresh()

    def refresh(self) -> None:
        offers = self.visible_offers()
        data = self.ctx.data
        # The value lines read the seat's no-deal value and what is settled, which a facilitator's event or
        # meter change moves in the middle of a move: they are part of the key, or a card would keep an old number
        # beside the builder's new one.
        key = (
            data.seat,
            data.my_move,
            data.turn,
            tuple((o.id, o.status, o.accepted_by) for o in offers),
            data.view.reservation if data.view is not None else None,
            tuple(sorted(data.settled.items())),
        )
        if key == self.shown_key:
            return
        self.shown_key = key
        self.readouts: dict[int, str] = {}
        if self.scroller is not None:
            self.scroller.kill()
        self.actions.clear()
        area = self.content
        manager = self.ctx.app.manager
        self.scroller = UIScrollingContainer(area, manager, container=self.ctx.container, allow_scroll_x=False)
        width = area.width - self.ctx.lay.px(14)
        y = 0
        waiting = {o.id for o in data.awaiting_me}
        if not offers:
            image = self._empty(width)
            UIImage(
                pygame.Rect(0, 0, width, image.get_height()),
                image,
                manager,
                container=self.scroller,
                image_is_alpha_premultiplied=True,
            )
            y = image.get_height()
        for offer in offers:
            mine = offer.id in waiting and data.my_move
            image = self._card(offer, width, mine)
            UIImage(
                pygame.Rect(0, y, width, image.get_height()),
                image,
                manager,
                container=self.scroller,
                image_is_alpha_premultiplied=True,
            )
            if mine:
                self._buttons(
                    offer,
                    pygame.Rect(0, y + image.get_height() - self._button_h() - self.pad // 2, width, self._button_h()),
                )
            y += image.get_height() + self.ctx.lay.px(8)
        self.scroller.set_scrollable_area_dimensions((width, max(y, 1)))

    def _button_h(self) -> int:
        return self.ctx.lay.px(30)

    def _buttons(self, offer: Offer, row: pygame.Rect) -> None:
        lay = self.ctx.lay
        data = self.ctx.data
        g = lay.px(6)
        inner = row.inflate(-2 * lay.px(10), 0)
        w = (inner.width - 2 * g) // 3
        red = own_red_lines(data.view, offer.terms_dict()) if data.view else []
        specs = [
            (what, t(f"table.offer.{what}"), t(f"table.offer.{what}.tip")) for what in ("accept", "reject", "counter")
        ]
        for k, (what, text, tip) in enumerate(specs):
            rect = pygame.Rect(inner.x + k * (w + g), row.y, w, row.height)
            btn = self.button(text, rect, tip, "@primary" if what == "accept" else None, container=self.scroller)
            if what == "accept" and red:
                btn.disable()
                btn.set_tooltip(t("table.offer.accept.red_line"))
            self.actions[btn] = (what, offer)

    def _surface(self, width: int, height: int, border: pygame.Color) -> pygame.Surface:
        surf = pygame.Surface((width, height), pygame.SRCALPHA)
        fill = theme_colour(self.ctx.app, "@document", "dark_bg", "#0e1626")
        pygame.draw.rect(surf, fill, surf.get_rect(), border_radius=self.ctx.lay.px(5))
        pygame.draw.rect(surf, border, surf.get_rect(), width=1, border_radius=self.ctx.lay.px(5))
        return surf

    def _empty(self, width: int) -> pygame.Surface:
        fonts = self.ctx.fonts
        lines = paint.wrap(
            fonts.body,
            t("table.offers.empty"),
            width - 2 * self.pad,
        )
        lh = paint.line_height(fonts.body)
        surf = self._surface(width, lh * len(lines) + 2 * self.pad, self.ctx.pal("rule"))
        for k, line in enumerate(lines):
            paint.text(surf, fonts.body, line, (self.pad, self.pad + k * lh), self.ctx.pal("text_secondary"))
        return surf

    def _card(self, offer: Offer, width: int, mine: bool) -> pygame.Surface:
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        data = ctx.data
        lines = terms_lines(data.scenario, offer.terms)
        sh, bh = paint.line_height(fonts.small), paint.line_height(fonts.bold)
        value_line = mine and data.preferences is not None
        height = self.pad + bh + sh * len(lines) + (sh + lay.px(2) if value_line else 0) + self.pad // 2
        if mine:
            height += self._button_h() + self.pad // 2
        border = ctx.pal("accent") if mine else ctx.pal("rule")
        surf = self._surface(width, height, border)
        x, y = lay.px(10), self.pad // 2 + lay.px(2)
        to = ", ".join(ctx.short(a) for a in offer.to)
        known = offer.status in STATUSES
        status = t("table.offer.mine") if mine else t(f"table.offer.{offer.status}") if known else offer.status
        if offer.status == "rejected" and offer.rejected_by:
            status = t("table.offer.rejected_by", name=ctx.short(offer.rejected_by))
        elif offer.status == "lapsed" and offer.rejected_by:
            status = t("table.offer.lapsed_by", name=ctx.short(offer.rejected_by))
        elif offer.is_open and not mine:
            pending = [ctx.short(a) for a in offer.to if a not in offer.accepted_by]
            status = t("table.offer.waits_for", names=", ".join(pending)) if pending else t("table.offer.open")
        colour = (
            ctx.pal("accent")
            if mine
            else ctx.pal("good")
            if offer.status in ("agreed", "settled")
            else ctx.pal("text_secondary")
        )
        status_w = fonts.small.size(status)[0]
        head = paint.text(
            surf,
            fonts.bold,
            f"#{offer.id} {ctx.short(offer.proposer)}",
            (x, y),
            ctx.actor_colour(offer.proposer).lerp(pygame.Color(255, 255, 255), 0.35),
            max_width=width // 2,
        )
        room = width - lay.px(10) - head.right - lay.px(8)
        addressed = t("table.offer.to", names=to)
        if status_w + fonts.small.size(addressed)[0] + lay.px(16) <= room:
            paint.text(surf, fonts.small, addressed, (head.right + lay.px(6), y + 2), ctx.pal("text_secondary"))
        paint.text(surf, fonts.small, status, (width - lay.px(10), y + 2), colour, align="right", max_width=room)
        y += bh
        for line in lines:
            paint.text(surf, fonts.small, line, (x, y), ctx.pal("text"), max_width=width - 2 * x)
            y += sh
        if value_line and data.view is not None:
            value = own_value(data.view, offer.terms_dict())
            red = own_red_lines(data.view, offer.terms_dict())
            r = data.view.reservation
            if red:
                text, c = t("table.offer.crosses"), ctx.pal("bad")
            elif value is not None:
                better = value > r + 1e-9
                self.readouts[offer.id] = value_readout(value, r)
                text = t(
                    "table.offer.worth_better" if better else "table.offer.worth_not_better",
                    readout=self.readouts[offer.id],
                )
                c = ctx.pal("good") if better else ctx.pal("bad")
            else:
                text, c = "", ctx.pal("text")
            paint.text(
                surf, fonts.bold if not red else fonts.small, text, (x, y + lay.px(2)), c, max_width=width - 2 * x
            )
        return surf

    def on_button(self, element: object) -> bool:
        entry = self.actions.get(element)  # type: ignore[call-overload]
        if entry is None:
            return False
        what, offer = entry
        seat = self.ctx.data.seat
        if seat is None:
            return True
        if what == "counter":
            self.counter(offer)
        else:
            self.act(Respond(seat, offer_id=offer.id, accept=what == "accept"))
        return True
