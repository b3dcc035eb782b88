"""The bar across the top: scenario, turn and deadline, whose move it is with action points and offers left,
the move timer's place, and the buttons Brief, Save, Menu and End move."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from negotiator.i18n import plural, t
from negotiator.ui.session import GameSession
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, theme_colour
from negotiator.words import count

TIMER_W = 112


class Header(Panel):
    def build(self) -> None:
        lay = self.ctx.lay
        bh = lay.px(36)
        y = self.rect.centery - bh // 2
        right = self.rect.right - lay.px(20)
        font = self.ctx.app.manager.get_theme().get_font(["button"])
        end_w = max(lay.px(136), font.size(t("table.end_move"))[0] + lay.px(28))
        self.end = self.button(
            t("table.end_move"), pygame.Rect(right - end_w, y, end_w, bh), self._end_tip(), "@primary"
        )
        x = right - end_w
        specs = [
            ("menu", t("table.menu"), 82, t("table.menu.tip")),
            ("save", t("table.save"), 70, t("table.save.tip")),
            ("brief", t("table.brief"), 72, t("table.brief.tip")),
        ]
        for attr, text, width, tip in specs:
            w = max(lay.px(width), font.size(text)[0] + lay.px(28))
            x -= lay.px(8) + w
            setattr(self, attr, self.button(text, pygame.Rect(x, y, w, bh), tip))
        self.refresh()

    def _end_tip(self) -> str:
        waiting = len(self.ctx.data.awaiting_me)
        tip = t("table.end_move.tip")
        if waiting:
            tip += " " + t("table.end_move.lapse", offers=count(waiting, "offer"))
        return tip

    def refresh(self) -> None:
        if not hasattr(self, "end"):
            return
        self.end.enable() if self.ctx.data.my_move else self.end.disable()
        self.end.set_tooltip(self._end_tip())
        self.brief.enable() if self.ctx.data.seat is not None else self.brief.disable()

    @property
    def buttons_left(self) -> int:
        return self.brief.relative_rect.x if hasattr(self, "brief") else self.rect.right

    @property
    def timer_rect(self) -> pygame.Rect:
        """Where the move countdown goes: just left of the buttons (the scene draws it every frame)."""
        lay = self.ctx.lay
        w, h = lay.px(TIMER_W), lay.px(36)
        return pygame.Rect(self.buttons_left - lay.px(12) - w, self.rect.centery - h // 2, w, h)

    @property
    def text_right(self) -> int:
        """The right edge for the header's text: the timer's place is kept free while a timer is set."""
        if self.ctx.session.facilitation.timer_seconds and self.ctx.session.humans:
            return self.timer_rect.x
        return self.buttons_left

    def paint(self, surface: pygame.Surface) -> None:
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        data = ctx.data
        pygame.draw.rect(surface, theme_colour(ctx.app, "@header_bar", "dark_bg", "#0e1728"), self.rect)
        pygame.draw.line(surface, ctx.pal("rule"), self.rect.bottomleft, (self.rect.right, self.rect.bottom - 1))
        x = lay.px(20)
        sh = paint.line_height(fonts.small)
        top = self.rect.centery - (sh + paint.line_height(fonts.head)) // 2
        third = (self.text_right - x) // 2
        # The title when it fits (the brief and the title screen carry it whole): never a cut one.
        title = paint.first_fitting(fonts.small, (data.scenario.metadata.title, ""), third - lay.px(10))
        paint.text(surface, fonts.small, title, (x, top), ctx.pal("text_secondary"))
        left = data.turns - data.turn
        turns = count(left, "more turn")
        wordings = (
            (t("table.last_turn_long"), t("table.last_turn"), "")
            if left == 0
            else (t("table.before_deadline", turns=turns), turns, t("table.more", n=left), "")
        )
        if data.is_over:
            wordings = (t("table.over_long"), t("table.over"), "")
        shown = paint.text(
            surface, fonts.head, t("table.turn_of", turn=data.turn, turns=data.turns), (x, top + sh), ctx.pal("text")
        )
        room = x + third - shown.right - lay.px(20)
        deadline = paint.first_fitting(fonts.small, wordings, room)  # the widest wording that fits, never a cut one
        paint.text(
            surface,
            fonts.small,
            deadline,
            (shown.right + lay.px(10), top + sh + 3),
            ctx.pal("warn") if left <= 1 else ctx.pal("text_secondary"),
        )
        cx = x + third
        mover = data.current_actor
        if mover is not None and ctx.session.stand_in_for == mover:
            line1 = t("table.stand_in", name=ctx.short(mover))
            line2 = t("table.time_up")
            c = ctx.pal("warn")
        elif data.my_move and data.view is not None:
            v = data.view
            line1 = paint.first_fitting(
                fonts.head,
                (
                    t("table.your_move_as", name=ctx.name(mover)),
                    t("table.your_move_as", name=ctx.short(mover)),
                    t("table.your_move"),
                ),
                self.text_right - cx - lay.px(12),
            )
            ap = count(v.action_points, "action point")
            line2 = t("table.budget", points=ap, offers=count(v.offers_left, "offer"))
            if data.awaiting_me:
                line2 += " · " + t("table.waiting", offers=count(len(data.awaiting_me), "offer"))
            short = plural("table.budget.short", v.offers_left, points=v.action_points)
            if data.seat is not None and ctx.session.notes.get(data.seat):
                line2 += " · " + t("table.note_waiting")
                short += " · " + t("table.note_waiting")
            line2 = paint.first_fitting(fonts.small, (line2, short), self.text_right - cx - lay.px(12))
            c = ctx.pal("accent")
        elif mover is not None:
            line1 = t("table.negotiating", name=ctx.name(mover))
            line2 = seat_line(ctx.session, data.seat, ctx.name)
            c = ctx.actor_colour(mover).lerp(pygame.Color(255, 255, 255), 0.35)
        else:
            line1, line2, c = t("table.talks_over"), "", ctx.pal("accent")
        width = self.text_right - cx - lay.px(12)
        paint.text(surface, fonts.head, line1, (cx, top + sh - 2), c, max_width=width)
        paint.text(surface, fonts.small, line2, (cx, top - 2), ctx.pal("text_secondary"), max_width=width)
        if mover is not None:
            pygame.draw.circle(
                surface,
                ctx.actor_colour(mover),
                (cx - lay.px(10), top + sh + paint.line_height(fonts.head) // 2 - 2),
                lay.px(5),
            )


def seat_line(session: GameSession, seat: str | None, name: Callable[[str | None], str]) -> str:
    """Whose table this is, under the mover's name. With no seat taken it is the public picture: a spectator's
    when the computer plays every side, else the facilitator's or the hand-over's view of a game people play
    (never "played by the computer", which a branch with teams at the table used to say)."""
    if seat is not None:
        return t("table.you_are", name=name(seat))
    if not session.humans:
        return t("table.watching")
    return t("table.public_view")
