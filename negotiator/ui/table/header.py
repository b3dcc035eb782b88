"""The bar across the top: scenario, turn and deadline, whose move it is with action points and offers left,
and the buttons Help, Leave and End move."""

from __future__ import annotations

import pygame

from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, theme_colour


class Header(Panel):
    def build(self) -> None:
        lay = self.ctx.lay
        bh = lay.px(36)
        y = self.rect.centery - bh // 2
        right = self.rect.right - lay.px(20)
        end_w = lay.px(136)
        self.end = self.button("End move", pygame.Rect(right - end_w, y, end_w, bh), self._end_tip(), "@primary")
        leave_w, help_w = lay.px(86), lay.px(70)
        self.leave = self.button(
            "Leave",
            pygame.Rect(right - end_w - lay.px(8) - leave_w, y, leave_w, bh),
            "Save the game and go back to the title screen",
        )
        self.help = self.button(
            "Help", pygame.Rect(self.leave.relative_rect.x - lay.px(8) - help_w, y, help_w, bh), "How to play (F1)"
        )
        self.refresh()

    def _end_tip(self) -> str:
        waiting = len(self.ctx.data.awaiting_me)
        tip = "Finish your move for this turn (E)."
        if waiting:
            tip += f" {waiting} offer(s) waiting for your answer will lapse."
        return tip

    def refresh(self) -> None:
        if not hasattr(self, "end"):
            return
        self.end.enable() if self.ctx.data.my_move else self.end.disable()
        self.end.set_tooltip(self._end_tip())

    @property
    def buttons_left(self) -> int:
        return self.help.relative_rect.x if hasattr(self, "help") else self.rect.right

    def paint(self, surface: pygame.Surface) -> None:
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        data = ctx.data
        pygame.draw.rect(surface, theme_colour(ctx.app, "@header_bar", "dark_bg", "#0e1728"), self.rect)
        pygame.draw.line(surface, ctx.pal("rule"), self.rect.bottomleft, (self.rect.right, self.rect.bottom - 1))
        x = lay.px(20)
        sh = paint.line_height(fonts.small)
        top = self.rect.centery - (sh + paint.line_height(fonts.head)) // 2
        third = (self.buttons_left - x) // 2
        paint.text(
            surface,
            fonts.small,
            data.scenario.metadata.title,
            (x, top),
            ctx.pal("text_secondary"),
            max_width=third - lay.px(10),
        )
        left = data.turns - data.turn
        deadline = (
            "last turn before the deadline"
            if left == 0
            else f"{left} more turn{'s' if left != 1 else ''} before the deadline"
        )
        if data.is_over:
            deadline = "the game is over"
        t = paint.text(surface, fonts.head, f"Turn {data.turn} of {data.turns}", (x, top + sh), ctx.pal("text"))
        paint.text(
            surface,
            fonts.small,
            deadline,
            (t.right + lay.px(10), top + sh + 3),
            ctx.pal("warn") if left <= 1 else ctx.pal("text_secondary"),
            max_width=x + third - t.right - lay.px(20),
        )
        cx = x + third
        mover = data.current_actor
        if data.my_move and data.view is not None:
            v = data.view
            line1 = f"Your move: {ctx.name(mover)}"
            ap = f"{v.action_points} action point{'s' if v.action_points != 1 else ''}"
            line2 = f"{ap} · {v.offers_left} offer{'s' if v.offers_left != 1 else ''} left"
            if data.awaiting_me:
                line2 += f" · {len(data.awaiting_me)} offer(s) await your answer"
            c = ctx.pal("accent")
        elif mover is not None:
            line1 = f"{ctx.name(mover)} is negotiating…"
            line2 = f"You are {ctx.name(data.seat)}" if data.seat else "Watching: every side is played by the computer"
            c = ctx.actor_colour(mover).lerp(pygame.Color(255, 255, 255), 0.35)
        else:
            line1, line2, c = "The talks are over", "", ctx.pal("accent")
        width = self.buttons_left - cx - lay.px(12)
        paint.text(surface, fonts.head, line1, (cx, top + sh - 2), c, max_width=width)
        paint.text(surface, fonts.small, line2, (cx, top - 2), ctx.pal("text_secondary"), max_width=width)
        if mover is not None:
            pygame.draw.circle(
                surface,
                ctx.actor_colour(mover),
                (cx - lay.px(10), top + sh + paint.line_height(fonts.head) // 2 - 2),
                lay.px(5),
            )
