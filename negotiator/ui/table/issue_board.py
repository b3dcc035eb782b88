"""Every issue with its options as buttons. Clicking an option puts it into (or takes it out of) the offer being
built. Under each option a strip shows the player's own value (a gold bar; a red mark on their own red lines)
and what the table has learnt of the others (a dot per actor in its colour: larger = valued more, fainter =
less certain; a cross = publicly ruled out). Settled issues show the agreed option.

When the options' labels do not fit their cells (many options, a narrow window, large text), the board turns
to a list and a focus instead of cutting words: the issues down the left (each with what the offer holds for
it), the chosen issue's options one per line on the right, each label whole."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UIButton

from negotiator import i18n
from negotiator.i18n import t
from negotiator.ui.table import paint
from negotiator.ui.table.base import Panel, TableContext


# The mark on the player's own red-line options, longest first: the widest that fits is drawn, never a clipped one
# (the option's tooltip says "one of your red lines" in full).
# Each is a catalogue key with `.long` / `.short` forms (the last, the bare mark, in every language).
def _forms(key: str, *last: str) -> tuple[str, ...]:
    return (t(f"{key}.long"), t(f"{key}.short"), *last)


def red_line_marks() -> tuple[str, ...]:
    return _forms("board.mark.red_line", "×")


def off_table_marks() -> tuple[str, ...]:
    return _forms("board.mark.off_table", "×")


def legend_wordings() -> tuple[str, ...]:
    return (t("board.legend.long"), t("board.legend"), t("board.legend.short"))


def public_line_marks() -> tuple[str, ...]:  # the player's own public red line (declared in play)
    return _forms("board.mark.public", "×")


def _level(value: float) -> str:
    return (
        t("board.level.high") if value >= 0.67 else t("board.level.middling") if value >= 0.34 else t("board.level.low")
    )


class IssueBoard(Panel):
    title_key = "table.panel.board"

    def __init__(
        self,
        ctx: TableContext,
        rect: pygame.Rect,
        selection: dict[str, str],
        on_pick: Callable[[str, str], None],
        focus: dict[str, str] | None = None,
        on_red_line: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(ctx, rect)
        self.selection = selection
        self.on_pick = on_pick
        #: {"issue": id} of the issue open in the list-and-focus layout; the scene keeps it across rebuilds.
        self.focus = focus if focus is not None else {}
        self.on_red_line = on_red_line
        self.red_line: UIButton | None = None
        self.buttons: dict[UIButton, tuple[str, str]] = {}
        self.by_option: dict[tuple[str, str], UIButton] = {}
        self.issue_buttons: dict[UIButton, str] = {}
        self.focused = self._needs_focus()

    def _needs_focus(self) -> bool:
        """Whether some open option's label would be cut in the grid (the grid's rows and cells decide)."""
        data, fonts, lay = self.ctx.data, self.ctx.fonts, self.ctx.lay
        rows = self._rows()
        for issue, (name, row) in zip(data.scenario.issues, rows, strict=True):
            tag = fonts.small.size(self._weight(issue.id))[0] + lay.px(6)
            if self.compact and fonts.bold.size(issue.name)[0] + tag > name.width:
                return True  # the name beside its options would be cut
            if issue.id in data.settled:
                continue
            for option, cell in zip(issue.options, self._cells(row, len(issue.options)), strict=True):
                if len(paint.wrap(fonts.small, option.label, cell.width - lay.px(12))) > self.label_lines:
                    return True
                if any(fonts.small.size(w)[0] > cell.width - lay.px(12) for w in option.label.split()):
                    return True
        return False

    @property
    def focus_issue(self) -> str:
        data = self.ctx.data
        ids = [i.id for i in data.scenario.issues]
        chosen = self.focus.get("issue")
        if chosen in ids:
            return chosen  # type: ignore[return-value]
        return next((i for i in ids if i not in data.settled), ids[0])

    def _focus_geometry(self) -> tuple[list[pygame.Rect], pygame.Rect, list[pygame.Rect]]:
        """The issue list's rows, the focused issue's heading, and its option rows."""
        lay, fonts = self.ctx.lay, self.ctx.fonts
        area = self.content
        area.height -= self._legend_h()
        issues = self.ctx.data.scenario.issues
        gap = lay.px(4)
        widest = max(fonts.bold.size(i.name)[0] for i in issues) + lay.px(16) if issues else 0
        list_w = min(area.width // 2, max(area.width * 2 // 5, widest))  # whole names, if half the board allows
        per = max(1, (area.height + gap) // max(1, len(issues)))
        rows = [pygame.Rect(area.x, area.y + k * per, list_w, per - gap) for k in range(len(issues))]
        right = pygame.Rect(area.x + list_w + lay.px(10), area.y, area.width - list_w - lay.px(10), area.height)
        head = pygame.Rect(right.x, right.y, right.width, paint.line_height(fonts.bold) + lay.px(2))
        options = self.ctx.data.scenario.issue(self.focus_issue).options
        room = right.bottom - head.bottom
        each = max(1, (room + gap) // max(1, len(options)))
        cells = [pygame.Rect(right.x, head.bottom + k * each, right.width, each - gap) for k in range(len(options))]
        return rows, head, cells

    # geometry ------------------------------------------------------------------------------------
    def _rows(self) -> list[tuple[pygame.Rect, pygame.Rect]]:
        """Per issue: (name area, option cells row). A cell holds the label (one or two lines) and the strip.

        Normally the name sits on its own line above the options. When that does not fit (small windows, large
        text) the board turns compact: the name takes a column to the left of its options, and if even that is
        too tall the legend goes (the option tooltips say the same). Buttons never leave their issue's row.
        """
        lay, fonts = self.ctx.lay, self.ctx.fonts
        issues = self.ctx.data.scenario.issues
        n = max(1, len(issues))
        name_h = paint.line_height(fonts.bold)
        sh = paint.line_height(fonts.small)
        gap = lay.px(4)
        min_cell = sh + lay.px(14)
        self.show_legend = True
        area = self.content
        area.height -= self._legend_h()
        self.compact = area.height < n * (name_h + min_cell + gap)
        if self.compact and area.height < n * (max(min_cell, name_h) + gap):
            self.show_legend = False
            area = self.content
        per = max(1, area.height // n)
        head_h = 0 if self.compact else name_h
        self.label_lines = 2 if per - head_h - gap >= 2 * sh + lay.px(13) else 1
        cell_h = min(max(min_cell, min(self.label_lines * sh + lay.px(15), per - head_h - gap)), per - head_h - gap)
        name_w = min(lay.px(170), area.width * 3 // 10) if self.compact else area.width
        rows = []
        y = area.y
        for _ in issues:
            if self.compact:
                name = pygame.Rect(area.x, y, name_w, cell_h)
                row = pygame.Rect(area.x + name_w + lay.px(8), y, area.width - name_w - lay.px(8), cell_h)
            else:
                name = pygame.Rect(area.x, y, area.width, name_h)
                row = pygame.Rect(area.x, name.bottom, area.width, cell_h)
            rows.append((name, row))
            y = row.bottom + gap
        return rows

    def _legend_h(self) -> int:
        return paint.line_height(self.ctx.fonts.small) + self.ctx.lay.px(2)

    def _cells(self, row: pygame.Rect, n: int) -> list[pygame.Rect]:
        g = self.ctx.lay.px(6)
        w = (row.width - g * (n - 1)) // n
        return [pygame.Rect(row.x + k * (w + g), row.y, w, row.height) for k in range(n)]

    def _strip(self, cell: pygame.Rect) -> pygame.Rect:
        lay = self.ctx.lay
        return pygame.Rect(cell.x + lay.px(6), cell.bottom - lay.px(11), cell.width - lay.px(12), lay.px(8))

    # widgets -------------------------------------------------------------------------------------
    def build(self) -> None:
        self.buttons.clear()
        self.by_option.clear()
        self.issue_buttons.clear()
        data = self.ctx.data
        self.red_line = None
        if data.view is not None and self.on_red_line is not None:
            self._build_red_line_button()
        if self.focused:
            rows, _, cells = self._focus_geometry()
            for issue, row in zip(data.scenario.issues, rows, strict=True):
                tip = t("board.show_options", issue=issue.name)
                self.issue_buttons[self.button("", row, tooltip=tip, class_id="@option")] = issue.id
            issue = data.scenario.issue(self.focus_issue)
            if issue.id not in data.settled:
                for option, cell in zip(issue.options, cells, strict=True):
                    btn = self.button("", cell, tooltip=self._tooltip(issue.id, option.id), class_id="@option")
                    self.buttons[btn] = (issue.id, option.id)
                    self.by_option[(issue.id, option.id)] = btn
            self.refresh()
            return
        for issue, (_, row) in zip(data.scenario.issues, self._rows(), strict=True):
            if issue.id in data.settled:
                continue
            for option, cell in zip(issue.options, self._cells(row, len(issue.options)), strict=True):
                btn = self.button("", cell, tooltip=self._tooltip(issue.id, option.id), class_id="@option")
                self.buttons[btn] = (issue.id, option.id)
                self.by_option[(issue.id, option.id)] = btn
        self.refresh()

    def _build_red_line_button(self) -> None:
        """ "Red line…" on the title's line, right-aligned, in what the title leaves (never over it)."""
        lay, fonts = self.ctx.lay, self.ctx.fonts
        font = self.ctx.app.manager.get_theme().get_font(["button"])
        title_w = fonts.bold.size(self.title.upper())[0]
        room = self.rect.width - 2 * self.pad - title_w - lay.px(12)
        text = paint.first_fitting(font, (t("board.red_line.long"), t("board.red_line")), room - lay.px(24))
        w = min(room, font.size(text)[0] + lay.px(24))
        if w < lay.px(60):
            return  # no room on this line: the Menu and the R key still open the dialog
        rect = pygame.Rect(self.rect.right - self.pad - w, self.rect.y + self.pad - lay.px(6), w, lay.px(30))
        self.red_line = self.button(text, rect, t("board.red_line.tip"))

    def _tooltip(self, issue_id: str, option_id: str) -> str:
        from negotiator.ui import rich

        data = self.ctx.data
        issue = data.scenario.issue(issue_id)
        option = next(o for o in issue.options if o.id == option_id)
        lines = [f"<b>{rich.esc(issue.name)}: {rich.esc(option.label)}</b>"]
        if option.description:
            lines.append(rich.esc(option.description))
        consent = data.scenario.consent_note(issue_id, option_id, you=data.seat)
        if consent:
            lines.append(rich.esc(t("board.tip.consent", consent=consent)))
        if (issue_id, option_id) in data.removed_options:
            lines.append(rich.esc(t("board.tip.removed")))
            return "<br>".join(lines)
        prefs = data.preferences
        if prefs is not None and issue_id in prefs.issues:
            pref = prefs.issues[issue_id]
            value = pref.values.get(option_id, 0.0)
            mine = t("board.tip.worth", value=i18n.number(value, 2))
            if option_id in pref.red_lines:
                mine += t("board.tip.red_line")
            elif (issue_id, option_id) in data.public_red_lines.get(data.seat or "", ()):
                mine += t("board.tip.public")
            lines.append(rich.esc(mine + "."))
        guesses = []
        for actor, est in data.estimates.items():
            if actor == data.seat or actor not in issue.signatories:
                continue
            if (issue_id, option_id) in data.public_red_lines.get(actor, ()):
                guesses.append(t("board.tip.ruled_out_by", name=self.ctx.short(actor)))
            else:
                sure = t(
                    "board.sure.guess"
                    if est.uncertainty > 0.6
                    else "board.sure.fairly"
                    if est.uncertainty < 0.35
                    else "board.sure.some"
                )
                level = _level(est.values[issue_id][option_id])
                guesses.append(t("board.tip.probably", name=self.ctx.short(actor), level=level, sure=sure))
        if guesses:
            lines.append(rich.esc("; ".join(guesses) + "."))
        lines.append(f"<i>{rich.esc(t('board.tip.click'))}</i>")
        return "<br>".join(lines)

    def refresh(self) -> None:
        can_offer = self.ctx.data.my_move
        if self.red_line is not None:
            self.red_line.enable() if can_offer else self.red_line.disable()
        removed = self.ctx.data.removed_options
        for btn, issue_id in self.issue_buttons.items():
            btn.select() if issue_id == self.focus_issue else btn.unselect()
        for btn, (issue_id, option_id) in self.buttons.items():
            if self.selection.get(issue_id) == option_id:
                btn.select()
            else:
                btn.unselect()
            if can_offer and (issue_id, option_id) not in removed:
                btn.enable()
            else:
                btn.disable()

    def on_button(self, element: object) -> bool:
        if element is not None and element is self.red_line and self.on_red_line is not None:
            self.on_red_line()
            return True
        issue = self.issue_buttons.get(element)  # type: ignore[call-overload]
        if issue is not None:
            self.focus["issue"] = issue
            self.build_again = True  # the scene rebuilds the widgets for the newly focused issue
            return True
        key = self.buttons.get(element)  # type: ignore[call-overload]
        if key is None:
            return False
        self.on_pick(*key)
        return True

    # picture -------------------------------------------------------------------------------------
    def paint_content(self, surface: pygame.Surface) -> None:
        ctx, data = self.ctx, self.ctx.data
        fonts, lay = ctx.fonts, ctx.lay
        prefs = data.preferences
        others = [a for a in data.estimates if a != data.seat]
        sh = paint.line_height(fonts.small)
        if self.focused:
            self._paint_focused(surface, prefs, others)
            if self.show_legend:
                self._paint_legend(surface, others, prefs is not None)
            return
        for issue, (name, row) in zip(data.scenario.issues, self._rows(), strict=True):
            if row.bottom > self.rect.bottom:
                break
            weight = ""
            if prefs is not None and issue.id in prefs.issues:
                total = sum(p.weight for p in prefs.issues.values()) or 1.0
                weight = i18n.percent(prefs.issues[issue.id].weight / total)
            if self.compact:
                self._paint_compact_name(surface, issue.name, weight, name)
            else:
                self._paint_name(surface, issue, weight, name)
            if issue.id in data.settled:
                self._paint_settled(surface, issue, row, data.settled[issue.id])
                continue
            for option, cell in zip(issue.options, self._cells(row, len(issue.options)), strict=True):
                chosen = self.selection.get(issue.id) == option.id
                gone = (issue.id, option.id) in data.removed_options
                active = (data.my_move or data.view is None) and not gone
                colour = ctx.pal("text") if active else ctx.pal("text_secondary")
                lines = paint.wrap(fonts.small, option.label, cell.width - lay.px(12))
                if len(lines) > self.label_lines:
                    lines = [
                        *lines[: self.label_lines - 1],
                        paint.ellipsis(fonts.small, " ".join(lines[self.label_lines - 1 :]), cell.width - lay.px(12)),
                    ]
                y = cell.y + lay.px(4)
                for line in lines:  # the chosen one in accent, not bold: wrapped in the small font, bold would cut it
                    paint.text(
                        surface,
                        fonts.small,
                        line,
                        (cell.centerx, y),
                        ctx.pal("accent") if chosen else colour,
                        align="centre",
                        max_width=cell.width - lay.px(8),
                    )
                    y += sh
                if gone:  # struck through, with the reason where the values would be
                    mid = cell.y + lay.px(4) + sh // 2
                    inset = lay.px(10)
                    pygame.draw.line(surface, ctx.pal("bad"), (cell.x + inset, mid), (cell.right - inset, mid), 2)
                    strip = self._strip(cell)
                    note = paint.first_fitting(fonts.small, off_table_marks(), strip.width)
                    paint.text(
                        surface,
                        fonts.small,
                        note,
                        (strip.centerx, strip.centery - sh // 2),
                        ctx.pal("bad"),
                        align="centre",
                    )
                    continue
                self._paint_strip(surface, issue.id, option.id, self._strip(cell), prefs, others)
        if self.show_legend:
            self._paint_legend(surface, others, prefs is not None)

    def _weight(self, issue_id: str) -> str:
        prefs = self.ctx.data.preferences
        if prefs is None or issue_id not in prefs.issues:
            return ""
        total = sum(p.weight for p in prefs.issues.values()) or 1.0
        return i18n.percent(prefs.issues[issue_id].weight / total)

    def _paint_focused(self, surface: pygame.Surface, prefs, others: list[str]) -> None:  # type: ignore[no-untyped-def]
        """The list of issues (name, weight, what the offer holds) and the focused issue's options, one per line."""
        ctx, data, fonts, lay = self.ctx, self.ctx.data, self.ctx.fonts, self.ctx.lay
        rows, head, cells = self._focus_geometry()
        sh, bh = paint.line_height(fonts.small), paint.line_height(fonts.bold)
        for issue, row in zip(data.scenario.issues, rows, strict=True):
            inner = row.inflate(-lay.px(12), 0)
            weight = self._weight(issue.id)
            if issue.id in data.settled:
                status, tone = "agreed", ctx.pal("good")
            elif issue.id in self.selection:
                status, tone = "in your offer", ctx.pal("accent")
            else:
                status, tone = "", ctx.pal("text_secondary")
            note = " · ".join(x for x in (weight, status) if x)
            two = bool(note) and inner.height >= bh + sh
            top = inner.y + (inner.height - (bh + sh if two else bh)) // 2
            note_w = fonts.small.size(note)[0] + lay.px(8) if note else 0
            if not two and fonts.bold.size(issue.name)[0] + note_w > inner.width:
                note = paint.first_fitting(fonts.small, (status, ""), inner.width - fonts.bold.size(issue.name)[0])
                note_w = fonts.small.size(note)[0] + lay.px(8) if note else 0
            name_room = inner.width if two else inner.width - note_w
            paint.text(surface, fonts.bold, issue.name, (inner.x, top), ctx.pal("text"), max_width=name_room)
            if two:
                paint.text(surface, fonts.small, note, (inner.x, top + bh - 2), tone, max_width=inner.width)
            elif note:
                paint.text(surface, fonts.small, note, (inner.right, top + 2), tone, align="right")
        issue = data.scenario.issue(self.focus_issue)
        title = paint.text(surface, fonts.bold, issue.name, head.topleft, ctx.pal("accent"), max_width=head.width)
        weight = self._weight(issue.id)
        signers = ", ".join(ctx.short(a) for a in issue.signatories)
        room = head.right - title.right - lay.px(10)
        wordings = (
            (t("board.weight_signed", weight=weight, signers=signers), t("board.weight", weight=weight), "")
            if weight
            else (t("board.signed_by", signers=signers), "")
        )
        extra = paint.first_fitting(fonts.small, wordings, room)
        if extra:
            paint.text(surface, fonts.small, extra, (title.right + lay.px(10), head.y + 2), ctx.pal("text_secondary"))
        if issue.id in data.settled:
            self._paint_settled(
                surface, issue, pygame.Rect(head.x, head.bottom, head.width, bh * 2), data.settled[issue.id]
            )
            return
        signing = sum(1 for a in others if a in issue.signatories)
        # The strip (your value's bar, the others' dots) gives way to the labels before a label would be cut: a
        # shorter bar and closer dots (long option labels, large text, a small window).
        widest = max((fonts.small.size(o.label)[0] for o in issue.options), default=0)
        for bar_w, step in ((lay.px(40), lay.px(12)), (lay.px(28), lay.px(11)), (lay.px(22), lay.px(10))):
            mine = bar_w + lay.px(8) if prefs is not None else 0
            strip_w = min(head.width * 2 // 5, lay.px(8) + mine + step * signing)
            if widest <= head.width - strip_w - lay.px(16):
                break
        for option, cell in zip(issue.options, cells, strict=True):
            chosen = self.selection.get(issue.id) == option.id
            gone = (issue.id, option.id) in data.removed_options
            active = (data.my_move or data.view is None) and not gone
            colour = ctx.pal("accent") if chosen else ctx.pal("text") if active else ctx.pal("text_secondary")
            text_w = cell.width - strip_w - lay.px(16)
            lines = paint.wrap(fonts.small, option.label, text_w)
            fit = max(1, (cell.height - lay.px(4)) // sh)
            if len(lines) > fit:  # only where even one option per line is too tight; the tooltip has it whole
                lines = [*lines[: fit - 1], paint.ellipsis(fonts.small, " ".join(lines[fit - 1 :]), text_w)]
            y = cell.centery - len(lines) * sh // 2
            for line in lines:  # the chosen one in accent, not bold: the button's frame marks it, and bold is wider
                paint.text(surface, fonts.small, line, (cell.x + lay.px(8), y), colour, max_width=text_w)
                y += sh
            strip = pygame.Rect(cell.right - strip_w - lay.px(6), cell.centery - lay.px(4), strip_w, lay.px(8))
            if gone:
                mid = cell.centery
                pygame.draw.line(
                    surface, ctx.pal("bad"), (cell.x + lay.px(8), mid), (cell.x + lay.px(8) + text_w, mid), 2
                )
                note = paint.first_fitting(fonts.small, off_table_marks(), strip.width)
                paint.text(
                    surface, fonts.small, note, (strip.centerx, cell.centery - sh // 2), ctx.pal("bad"), align="centre"
                )
                continue
            self._paint_strip(surface, issue.id, option.id, strip, prefs, others, bar_w=bar_w + lay.px(4), step=step)

    def _paint_name(self, surface: pygame.Surface, issue, weight: str, name: pygame.Rect) -> None:  # type: ignore[no-untyped-def]
        """The roomy layout: name, who signs, and what the issue matters to the player, on one line."""
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        weight = t("board.matters", weight=weight) if weight else ""
        signers = ", ".join(ctx.short(a) for a in issue.signatories)
        everyone = {a.id for a in ctx.data.scenario.negotiators} <= set(issue.signatories)
        head = paint.text(surface, fonts.bold, issue.name, name.topleft, ctx.pal("text"), max_width=name.width // 2)
        weight_w = fonts.small.size(weight)[0] + lay.px(12) if weight else 0
        room = name.right - head.right - lay.px(10) - weight_w
        short = t("board.signed_by_all") if everyone else t("board.n_sign", n=len(issue.signatories))
        consenting = ", ".join(ctx.short(a) for a in dict.fromkeys(a for o in issue.options for a in o.consent))
        if consenting:  # who else must say yes to some option (the option's tooltip says which)
            wordings: tuple[str, ...] = (
                t("board.signed_consent", signers=signers, consenting=consenting),
                t("board.signed_by", signers=signers) + f" (+{consenting})",
                f"{short} (+{consenting})",
                f"{short} (+{t('board.consent')})",
                "",
            )
        else:
            wordings = (t("board.signed_by", signers=signers), short, "")
        paint.text(
            surface,
            fonts.small,
            paint.first_fitting(fonts.small, wordings, room),
            (head.right + lay.px(10), name.y + 2),
            ctx.pal("text_secondary"),
        )
        if weight:
            paint.text(surface, fonts.small, weight, (name.right, name.y + 2), ctx.pal("accent"), align="right")

    def _paint_compact_name(self, surface: pygame.Surface, text: str, weight: str, name: pygame.Rect) -> None:
        """The compact layout: the name beside its options, with its weight to the player under it if there is room."""
        ctx, fonts = self.ctx, self.ctx.fonts
        bold_h, sh = paint.line_height(fonts.bold), paint.line_height(fonts.small)
        two = bool(weight) and name.height >= bold_h + sh
        top = name.y if two else name.centery - bold_h // 2
        if two:
            paint.text(surface, fonts.bold, text, (name.x, top), ctx.pal("text"), max_width=name.width)
            paint.text(surface, fonts.small, f"{weight} to you", (name.x, top + bold_h - 2), ctx.pal("accent"))
            return
        tag = paint.text(surface, fonts.small, weight, (name.right, top + 2), ctx.pal("accent"), align="right")
        room = name.width - (tag.width + self.ctx.lay.px(6) if weight else 0)
        paint.text(surface, fonts.bold, text, (name.x, top), ctx.pal("text"), max_width=room)

    def _paint_legend(self, surface: pygame.Surface, others: list[str], mine: bool) -> None:
        ctx, fonts, lay = self.ctx, self.ctx.fonts, self.ctx.lay
        area = self.content
        y = area.bottom - self._legend_h() + lay.px(2)
        x = area.x
        dim = ctx.pal("text_secondary")
        if mine:
            paint.bar(
                surface, pygame.Rect(x, y + lay.px(7), lay.px(18), lay.px(4)), 1.0, ctx.pal("accent"), ctx.pal("rule")
            )
            x = paint.text(surface, fonts.small, t("board.your_value"), (x + lay.px(22), y), dim).right + lay.px(12)
        for actor in others:
            name = ctx.short(actor)
            if x + lay.px(11) + fonts.small.size(name)[0] > area.right:
                break  # no room for every actor: the option tooltips name them all
            pygame.draw.circle(
                surface,
                ctx.actor_colour(actor).lerp(pygame.Color(255, 255, 255), 0.2),
                (x + lay.px(4), y + lay.px(9)),
                lay.px(4),
            )
            x = paint.text(surface, fonts.small, name, (x + lay.px(11), y), dim).right + lay.px(8)
        key = paint.first_fitting(fonts.small, legend_wordings(), area.right - x - lay.px(4))
        if fonts.small.size(key)[0] <= area.right - x - lay.px(4):
            paint.text(surface, fonts.small, key, (x + lay.px(4), y), dim)

    def _paint_settled(self, surface: pygame.Surface, issue, row: pygame.Rect, option_id: str) -> None:  # type: ignore[no-untyped-def]
        ctx = self.ctx
        good = ctx.pal("good")
        pill = row.inflate(0, -ctx.lay.px(4))
        pygame.draw.rect(surface, paint.with_alpha(good, 40), pill, border_radius=ctx.lay.px(4))
        pygame.draw.rect(surface, good, pill, width=1, border_radius=ctx.lay.px(4))
        label = next(o.label for o in issue.options if o.id == option_id)
        y = pill.centery - paint.line_height(ctx.fonts.body) // 2 + 1
        tag = paint.text(surface, ctx.fonts.bold, t("news.tag.settled"), (pill.x + ctx.lay.px(10), y), good)
        paint.text(
            surface,
            ctx.fonts.body,
            label,
            (tag.right + ctx.lay.px(10), y),
            ctx.pal("text"),
            max_width=pill.right - tag.right - ctx.lay.px(20),
        )

    def _paint_strip(
        self,
        surface: pygame.Surface,
        issue_id: str,
        option_id: str,
        cell: pygame.Rect,
        prefs,  # type: ignore[no-untyped-def]
        others: list[str],
        *,
        bar_w: int | None = None,
        step: int | None = None,
    ) -> None:
        """Your value's bar (or red-line mark) and a dot per other signatory; `bar_w` and `step` (the dots'
        spacing) are the focused board's, which may tighten them for long labels."""
        ctx, data, lay = self.ctx, self.ctx.data, self.ctx.lay
        if bar_w is None:
            bar_w = min(cell.width // 2, lay.px(44)) if self.focused else cell.width // 2
        half = bar_w - lay.px(4) if prefs is not None else 0
        sh = paint.line_height(ctx.fonts.small)
        if prefs is not None and issue_id in prefs.issues:
            pref = prefs.issues[issue_id]
            public = (issue_id, option_id) in data.public_red_lines.get(data.seat or "", ())
            if option_id in pref.red_lines or public:
                marks = red_line_marks() if option_id in pref.red_lines else public_line_marks()
                mark = paint.first_fitting(ctx.fonts.small, marks, half)
                colour = ctx.pal("bad") if option_id in pref.red_lines else ctx.pal("warn")
                paint.text(surface, ctx.fonts.small, mark, (cell.x + 2, cell.centery - sh // 2), colour)
            else:
                bar = pygame.Rect(cell.x + 2, cell.centery - lay.px(2), half, lay.px(4))
                paint.bar(surface, bar, pref.values.get(option_id, 0.0), ctx.pal("accent"), ctx.pal("rule"))
            dots_x = cell.x + half + lay.px(8)
        else:
            dots_x = cell.x
        issue = data.scenario.issue(issue_id)
        step = step or lay.px(12)
        for actor in others:
            if actor not in issue.signatories:
                continue
            colour = ctx.actor_colour(actor).lerp(pygame.Color(255, 255, 255), 0.2)
            centre = (dots_x + step // 2, cell.centery)
            if (issue_id, option_id) in data.public_red_lines.get(actor, ()):
                r = lay.px(4)
                pygame.draw.line(surface, colour, (centre[0] - r, centre[1] - r), (centre[0] + r, centre[1] + r), 2)
                pygame.draw.line(surface, colour, (centre[0] - r, centre[1] + r), (centre[0] + r, centre[1] - r), 2)
            else:
                est = data.estimates[actor]
                value = est.values[issue_id][option_id]
                alpha = int(70 + 185 * (1 - est.uncertainty))
                radius = max(2, min(step // 2, round(lay.px(2) + lay.px(4) * value)))  # dots never overlap
                dot = paint.panel_surface((2 * radius + 2, 2 * radius + 2))
                pygame.draw.circle(dot, paint.with_alpha(colour, alpha), (radius + 1, radius + 1), radius)
                surface.blit(dot, (centre[0] - radius - 1, centre[1] - radius - 1))
            dots_x += step
            if dots_x > cell.right - step:
                break
