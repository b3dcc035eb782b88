"""The offer being built: the picked terms, the player's own value against their no-deal value, and the
estimated chance each addressee accepts (`negotiator.engine.estimates`, via `negotiator.ui.predict`): its
calibrated band with the opponent model's range, drawn as a bar with the range shaded. Send makes the offer (or
the counter, when it was started from a pending offer); Clear empties it."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UIButton

from negotiator import i18n
from negotiator.engine import Counter, MakeOffer
from negotiator.engine.actions import Action
from negotiator.engine.estimates import RULED_OUT, Acceptance, acceptance
from negotiator.i18n import t
from negotiator.ui.describe import option_label, terms_lines
from negotiator.ui.predict import Prediction, predict_offer
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, TableContext
from negotiator.words import count


class OfferBuilder(Panel):
    title_key = "table.panel.builder"

    @property
    def title(self) -> str:
        return t("table.panel.builder") if self.ctx.data.view is not None else t("table.panel.latest_offer")

    def __init__(
        self, ctx: TableContext, rect: pygame.Rect, selection: dict[str, str], act: Callable[[Action], bool]
    ) -> None:
        super().__init__(ctx, rect)
        self.selection = selection
        self.act = act
        self.counter_of: int | None = None
        self.send: UIButton | None = None
        self.send_room = 0  # text width the send button has room for
        self.clear: UIButton | None = None
        self.prediction: Prediction | None = None

    def build(self) -> None:
        if self.ctx.data.view is None:
            self.refresh()
            return
        lay = self.ctx.lay
        bh = lay.px(30)
        # The buttons share the title's line: they take what the title leaves, never covering it.
        title_w = self.ctx.fonts.bold.size(self.title.upper())[0]
        room = self.rect.width - 2 * self.pad - title_w - lay.px(12)
        cw = max(
            lay.px(84),
            self.ctx.app.manager.get_theme().get_font(["button"]).size(t("table.builder.clear"))[0] + lay.px(24),
        )
        w = max(lay.px(100), min(self._send_width(), room - cw - lay.px(8)))
        self.send_room = w - lay.px(20)
        y = self.rect.y + self.pad - lay.px(6)
        self.send = self.button(
            t("table.builder.send"),
            pygame.Rect(self.rect.right - self.pad - w, y, w, bh),
            t("table.builder.send.tip"),
            "@primary",
        )
        self.clear = self.button(
            t("table.builder.clear"),
            pygame.Rect(self.send.relative_rect.x - lay.px(8) - cw, y, cw, bh),
            t("table.builder.clear.tip"),
        )
        self.refresh()

    def _send_label(self) -> str:
        """ "Send counter to #N", or "Counter #N" when the button is too narrow for the long form."""
        if not self.counter_of:
            return t("table.builder.send")
        font = self.ctx.app.manager.get_theme().get_font(["@primary", "button"])
        forms = (t("table.builder.send_counter", id=self.counter_of), t("table.builder.counter", id=self.counter_of))
        return paint.first_fitting(font, forms, self.send_room)

    def _send_width(self) -> int:
        font = self.ctx.app.manager.get_theme().get_font(["@primary", "button"])
        return font.size(t("table.builder.send_counter", id=999))[0] + self.ctx.lay.px(30)

    def refresh(self) -> None:
        data = self.ctx.data
        if self.counter_of is not None and not any(o.id == self.counter_of for o in data.awaiting_me):
            self.counter_of = None
        self.prediction = predict_offer(data.view, self.selection) if data.view is not None else None
        if self.send is None or self.clear is None:
            return
        self.send.set_text(self._send_label())
        ok = self.prediction is not None and self.prediction.problem is None
        self.send.enable() if ok else self.send.disable()
        self.clear.enable() if self.selection or self.counter_of else self.clear.disable()
        if self.prediction is not None and self.prediction.problem:
            self.send.set_tooltip(self.prediction.problem)
        else:
            self.send.set_tooltip(t("table.builder.send.tip"))

    def start_counter(self, offer_id: int, terms: dict[str, str]) -> None:
        self.selection.clear()
        self.selection.update(terms)
        self.counter_of = offer_id

    def submit(self) -> bool:
        p = self.prediction
        seat = self.ctx.data.seat
        if p is None or p.problem is not None or seat is None:
            return False
        terms = tuple(p.terms.items())
        ordered = tuple((i.id, p.terms[i.id]) for i in self.ctx.data.scenario.issues if i.id in p.terms)
        terms = ordered or terms
        action: Action = (
            Counter(seat, offer_id=self.counter_of, terms=terms) if self.counter_of else MakeOffer(seat, terms=terms)
        )
        if self.act(action):
            self.selection.clear()
            self.counter_of = None
            return True
        return False

    def on_button(self, element: object) -> bool:
        if element is self.send:
            self.submit()
            return True
        if element is self.clear:
            self.selection.clear()
            self.counter_of = None
            return True
        return False

    def paint_content(self, surface: pygame.Surface) -> None:
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        area = self.content
        lh = paint.line_height(fonts.body)
        dim, text_c = ctx.pal("text_secondary"), ctx.pal("text")
        p = self.prediction
        if ctx.data.view is None:
            self._paint_public(surface, area)
            return
        if self.counter_of:
            right = self.clear.relative_rect.x - lay.px(10) if self.clear else area.right
            paint.text(
                surface,
                fonts.small,
                t("table.builder.countering", id=self.counter_of),
                (right, self.rect.y + self.pad),
                ctx.pal("warn"),
                align="right",
            )
        sh = paint.line_height(fonts.small)
        if p is None or not p.terms:
            hint = t("table.builder.hint")
            if not ctx.data.my_move:
                hint = t("table.builder.wait")
            room = max(1, min(2, (area.height - lh) // lh))  # the value line below keeps its place
            lines = paint.wrap(fonts.body, hint, area.width)
            if len(lines) > room:
                short = t("table.builder.hint.short") if ctx.data.my_move else t("table.builder.wait.short")
                lines = [paint.ellipsis(fonts.body, short, area.width)]
            for k, line in enumerate(lines[:room]):
                paint.text(surface, fonts.body, line, (area.x, area.y + k * lh), dim)
            if p is not None:
                self._paint_value(surface, area.x, area.bottom - lh, p, area.width)
            return
        y = area.y
        if area.height >= 2 * (sh + lay.px(2)) + lh:  # else the board's highlighted picks show the terms
            scenario = ctx.data.scenario
            n = len(p.terms)
            summary = paint.first_fitting(  # issue and option where they fit, else the options alone, else a count
                fonts.small,
                (
                    " · ".join(terms_lines(scenario, p.terms.items())),
                    " · ".join(option_label(scenario, i, o) for i, o in p.terms.items()),
                    t("table.builder.picked_long", issues=count(n, "issue")),
                    t("table.builder.picked", n=n),
                ),
                area.width,
            )
            paint.text(surface, fonts.small, summary, area.topleft, text_c, max_width=area.width)
            y += sh + lay.px(2)
        if p.problem:
            paint.text(surface, fonts.small, p.problem, (area.x, y), ctx.pal("bad"), max_width=area.width)
        else:
            self._chances(surface, [p.chances[a] for a in p.addressees if a in p.chances], area, y, area.bottom - lh)
        self._paint_value(surface, area.x, area.bottom - lh, p, area.width)

    def _paint_public(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Watching: the newest open offer with everyone's estimated chance to accept, from public information."""
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        data = ctx.data
        offer = next((o for o in reversed(data.offers) if o.is_open), None)
        if offer is None:
            paint.text(surface, fonts.body, t("table.builder.no_open"), area.topleft, ctx.pal("text_secondary"))
            return
        head = paint.text(
            surface,
            fonts.bold,
            t("table.builder.offer_from", id=offer.id, name=ctx.short(offer.proposer)),
            area.topleft,
            ctx.actor_colour(offer.proposer).lerp(pygame.Color(255, 255, 255), 0.35),
        )
        paint.text(
            surface,
            fonts.small,
            t("table.builder.chances"),
            (head.right + lay.px(10), area.y + 2),
            ctx.pal("text_secondary"),
            max_width=area.right - head.right - lay.px(10),
        )
        y = area.y + paint.line_height(fonts.bold)
        for line in paint.wrap(fonts.small, " · ".join(terms_lines(data.scenario, offer.terms)), area.width)[:1]:
            paint.text(surface, fonts.small, line, (area.x, y), ctx.pal("text"))
            y += paint.line_height(fonts.small)
        y += lay.px(6)
        earlier = tuple(o for o in data.offers if o.id < offer.id)  # the record when it was made
        end = data.end_turn or data.turns
        shown = [
            acceptance(
                data.estimates[a],
                offer.terms_dict(),
                earlier,
                offer.turn,
                end,
                data.public_red_lines.get(a, ()),
                len(offer.to) - 1,
            )
            for a in offer.to
            if a in data.estimates
        ]
        self._chances(surface, shown, area, y, area.bottom)

    def _chances(
        self, surface: pygame.Surface, shown: list[Acceptance], area: pygame.Rect, y: int, bottom: int
    ) -> None:
        """One estimate per addressee, side by side, wrapping to a new line when the next would not fit; where
        the lines left cannot hold them with their ranges, the bands alone (the calibrated part)."""
        lh = paint.line_height(self.ctx.fonts.small) + self.ctx.lay.px(2)
        lines = max(1, (bottom - y) // lh)
        compact = self._layout(shown, area, False) > lines
        x, row = area.x, 0
        for acc in shown:
            width = self._chance_width(acc, compact)
            if x > area.x and x + width > area.right:
                x, row = area.x, row + 1
            if row >= lines:
                return
            x = self._chance(surface, acc, x, y + row * lh, compact) + self.ctx.lay.px(16)

    def _layout(self, shown: list[Acceptance], area: pygame.Rect, compact: bool) -> int:
        """How many lines the estimates take at this width."""
        x, rows = area.x, 1
        for acc in shown:
            width = self._chance_width(acc, compact)
            if x > area.x and x + width > area.right:
                x, rows = area.x, rows + 1
            x += width + self.ctx.lay.px(16)
        return rows

    def _chance_width(self, acc: Acceptance, compact: bool = False) -> int:
        fonts, lay = self.ctx.fonts, self.ctx.lay
        text = i18n.band(acc.band if compact else acc.label)
        bar = lay.px(22 if compact else 46)
        return fonts.small.size(self.ctx.short(acc.addressee))[0] + bar + lay.px(12) + fonts.small.size(text)[0]

    def _chance(self, surface: pygame.Surface, acc: Acceptance, x: int, y: int, compact: bool = False) -> int:
        """Name, a bar (filled to the chance, the model's range shaded) and the band with the range."""
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        label = paint.text(
            surface,
            fonts.small,
            ctx.short(acc.addressee),
            (x, y),
            ctx.actor_colour(acc.addressee).lerp(pygame.Color(255, 255, 255), 0.35),
        )
        bar = pygame.Rect(label.right + lay.px(6), y + lay.px(6), lay.px(22 if compact else 46), lay.px(6))
        colour = {"likely": ctx.pal("good"), "maybe": ctx.pal("warn")}.get(acc.band, ctx.pal("bad"))
        paint.bar(surface, bar, 0.0, colour, ctx.pal("rule"))
        if acc.high > acc.low:
            span = pygame.Rect(bar.x + round(bar.width * acc.low), bar.y, 0, bar.height)
            span.width = max(2, round(bar.width * acc.high) - (span.x - bar.x))
            pygame.draw.rect(surface, ctx.pal("estimate_range"), span, border_radius=2)
        if acc.chance > 0:
            mark = bar.x + round(bar.width * acc.chance)
            pygame.draw.rect(
                surface, colour, pygame.Rect(bar.x, bar.y + lay.px(1), mark - bar.x, bar.height - 2 * lay.px(1))
            )
            pygame.draw.line(surface, colour, (mark, bar.y - lay.px(2)), (mark, bar.bottom + lay.px(1)), 2)
        tone = ctx.pal("bad") if acc.band == RULED_OUT else ctx.pal("text")
        text = i18n.band(acc.band if compact else acc.label)
        return paint.text(surface, fonts.small, text, (bar.right + lay.px(6), y), tone).right

    def _paint_value(self, surface: pygame.Surface, x: int, y: int, p: Prediction, width: int) -> None:
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        if p.own is None:
            return
        label = paint.text(surface, fonts.small, t("table.builder.worth"), (x, y + 1), ctx.pal("text_secondary"))
        bar = pygame.Rect(
            label.right + lay.px(8),
            y + lay.px(7),
            max(lay.px(40), min(lay.px(140), width - label.width - lay.px(160))),
            lay.px(7),
        )
        colour = ctx.pal("good") if p.worth_it else ctx.pal("bad")
        paint.bar(surface, bar, p.own, colour, ctx.pal("rule"))
        mark = bar.x + round(bar.width * max(0.0, min(1.0, p.reservation)))
        pygame.draw.line(surface, ctx.pal("text"), (mark, bar.y - lay.px(4)), (mark, bar.bottom + lay.px(3)), 2)
        verdict = t("table.builder.better") if p.worth_it else t("table.builder.not_better")
        value = paint.text(surface, fonts.bold, i18n.number(p.own, 2), (bar.right + lay.px(8), y), colour)
        paint.text(
            surface,
            fonts.small,
            t("table.builder.vs", reservation=i18n.number(p.reservation, 2), verdict=verdict),
            (value.right + lay.px(8), y + 1),
            ctx.pal("text_secondary"),
            max_width=x + width - value.right - lay.px(8),
        )
