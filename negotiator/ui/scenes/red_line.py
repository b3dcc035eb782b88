"""Declare a public red line: pick one option of an issue the player signs, after reading what it costs and binds.

The list holds only what the engine would accept now (`DeclareRedLine in state.legal_actions(seat)`), and the
dialog hands the choice to the table as the engine's action; the rules of red lines stay in `engine/moves.py`.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIScrollingContainer, UITextBox

from negotiator import i18n
from negotiator.engine import DeclareRedLine
from negotiator.engine.actions import Terms
from negotiator.i18n import t
from negotiator.scenario.models import IssuePreference
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.describe import red_line_cost, terms_lines
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.ui.scenes.save_notices import ConfirmDialog
from negotiator.ui.session import GameSession


def declarable(session: GameSession, seat: str) -> list[tuple[str, str]]:
    """(issue, option) pairs the seat may rule out now, in scenario order: the engine's legal actions decide."""
    state = session.state
    legal = state.legal_actions(seat)
    return [
        (issue.id, option.id)
        for issue in state.scenario.issues
        if seat in issue.signatories and issue.id not in state.settled
        for option in issue.options
        if DeclareRedLine(seat, issue=issue.id, option=option.id) in legal
    ]


def explanation(session: GameSession, seat: str) -> str:
    """The dialog's text (pygame_gui HTML): what declaring does, whom it binds, and what breaking it costs."""
    scenario = session.scenario.translated(i18n.current())
    declared = session.state.public_red_lines.get(seat, ())

    def part(key: str, **values: str) -> str:  # "<b>Lead.</b> rest": the lead in bold
        lead, _, rest = t(key, **values).partition("|")
        return f"<b>{rich.esc(lead)}</b> {rich.esc(rest.strip())}"

    parts = [
        part("red_line.explain.declaring"),
        part("red_line.explain.binds", cost=red_line_cost(scenario, seat)),
        part("red_line.explain.why"),
    ]
    if declared:
        parts.append(part("red_line.explain.declared", terms="; ".join(terms_lines(scenario, declared))))
    return "<br><br>".join(parts)


class RedLineDialog(Dialog):
    """The player picks one option and confirms; `on_declare(issue, option)` then runs (after the dialog closed)."""

    name = "red_line"
    title_key = "red_line.title"
    default_choice = "declare"
    cancel_choice = "cancel"

    def __init__(self, app: App, session: GameSession, seat: str, on_declare: Callable[[str, str], None]) -> None:
        super().__init__(app)
        self.session = session
        self.seat = seat
        self.on_declare = on_declare
        self.options = declarable(session, seat)
        self.selected: tuple[str, str] | None = None
        self.rows: dict[UIButton, tuple[str, str]] = {}

    def size(self) -> tuple[int, int]:
        return (780, 620)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", t("settings.cancel"), t("red_line.cancel.tip")),
            Choice("declare", t("red_line.declare"), t("red_line.declare.tip"), primary=True),
        ]

    def build(self) -> None:
        super().build()
        self._enable_declare()

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        text_h = max(lay.line(16) * 4, rect.height * 11 // 20)
        UITextBox(
            explanation(self.session, self.seat),
            pygame.Rect(rect.x, rect.y, rect.width, text_h),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@body", object_id="#red_line_text"),
        )
        box = pygame.Rect(rect.x, rect.y + text_h + lay.px(8), rect.width, rect.height - text_h - lay.px(8))
        panel = card_panel(self.app, box, self.card)
        inner = pygame.Rect(0, 0, box.width - 2, box.height - 2)
        scroll = UIScrollingContainer(inner, manager=self.app.manager, container=panel, allow_scroll_x=False)
        self.rows = {}
        pad, row_h = lay.px(8), max(lay.px(34), lay.line(16) + lay.px(10))
        width = inner.width - 2 * pad - lay.px(14)
        y = pad
        if not self.options:
            why = t("red_line.none.wait" if not self.session.view_for(self.seat).my_move else "red_line.none.left")
            self.label(why, pygame.Rect(pad, y, width, row_h), "@caption", container=scroll)
            y += row_h
        for issue_id, option_id in self.options:
            button = UIButton(
                pygame.Rect(pad, y, width, row_h),
                self._row_text(issue_id, option_id),
                manager=self.app.manager,
                container=scroll,
                tool_tip_text=self._row_tip(issue_id, option_id),
                object_id=ObjectID(class_id="@list_item", object_id=f"#rl_{issue_id}_{option_id}"),
            )
            if self.selected == (issue_id, option_id):
                button.select()
            self.rows[button] = (issue_id, option_id)
            y += row_h + lay.px(2)
        scroll.set_scrollable_area_dimensions((inner.width - lay.px(14), y + pad))

    def _preference(self, issue_id: str) -> IssuePreference | None:
        prefs = self.session.view_for(self.seat).preferences  # the seat's own, from its view
        return prefs.issues.get(issue_id) if prefs is not None else None

    def _row_text(self, issue_id: str, option_id: str) -> str:
        text = terms_lines(self.session.scenario.translated(i18n.current()), [(issue_id, option_id)])[0]
        pref = self._preference(issue_id)
        if pref is None:
            return text
        if option_id in pref.red_lines:
            return f"{text}  ·  {t('red_line.row.private')}"
        return f"{text}  ·  {t('red_line.row.worth', value=i18n.number(pref.values.get(option_id, 0.0), 2))}"

    def _row_tip(self, issue_id: str, option_id: str) -> str:
        pref = self._preference(issue_id)
        if pref is not None and option_id in pref.red_lines:
            return t("red_line.row.private.tip")
        return t("red_line.row.tip")

    def _enable_declare(self) -> None:
        for button, key in self.choice_buttons.items():
            if key == "declare":
                button.enable() if self.selected is not None else button.disable()

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        pick = self.rows.get(element)  # type: ignore[call-overload]
        if pick is None:
            super().on_button(element)
            return
        self.selected = None if self.selected == pick else pick
        for button, key in self.rows.items():
            button.select() if key == self.selected else button.unselect()
        self._enable_declare()

    def on_choice(self, key: str) -> None:
        if key == "declare":
            if self.selected is None:
                return
            self.app.pop(self)
            self.on_declare(*self.selected)
            return
        self.app.pop(self)


class BreakLineConfirm(ConfirmDialog):
    """Asked before an offer, counter or acceptance that breaks the player's own public red line: what was
    promised, and what breaking it costs. `on_yes` applies the action."""

    name = "break_red_line"

    def __init__(
        self, app: App, session: GameSession, actor: str, broken: Terms, accepting: bool, on_yes: Callable[[], None]
    ) -> None:
        scenario = session.scenario.translated(i18n.current())
        cost = red_line_cost(scenario, actor) + (t("red_line.break.each") if len(broken) > 1 else "")
        body = t(
            "red_line.break.accept" if accepting else "red_line.break.send",
            terms="; ".join(terms_lines(scenario, broken)),
            cost=cost,
        )
        yes = t("red_line.break.accept_anyway") if accepting else t("red_line.break.send_anyway")
        super().__init__(app, t("red_line.break.title"), body, yes, on_yes)

    def size(self) -> tuple[int, int]:
        return (680, 360)
