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

from negotiator.engine import DeclareRedLine
from negotiator.engine.actions import Terms
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
    scenario = session.scenario
    declared = session.state.public_red_lines.get(seat, ())
    parts = [
        "<b>Declaring</b> tells every side, in public, that you will never agree to this option. It takes no "
        "action points, does not end your move, and cannot be taken back.",
        "<b>It binds only you.</b> Nobody else is held to it. If you later offer or accept it, you break your "
        f"word: {rich.esc(red_line_cost(scenario, seat))}.",
        "<b>Why declare?</b> A line that is costly to break is believed: the other sides weigh it when they "
        "judge what you will accept, and stop asking for it.",
    ]
    if declared:
        parts.append("<b>You have already ruled out:</b> " + rich.esc("; ".join(terms_lines(scenario, declared))) + ".")
    return "<br><br>".join(parts)


class RedLineDialog(Dialog):
    """The player picks one option and confirms; `on_declare(issue, option)` then runs (after the dialog closed)."""

    name = "red_line"
    title = "Declare a public red line"
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
            Choice("cancel", "Cancel", "Declare nothing (Esc)"),
            Choice(
                "declare", "Declare in public", "Rule out the chosen option for everyone to see (Enter)", primary=True
            ),
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
            why = "Nothing can be ruled out now: " + (
                "wait for your move."
                if not self.session.view_for(self.seat).my_move
                else "every open option you sign is either ruled out already or the last one left on its issue."
            )
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
        text = terms_lines(self.session.scenario, [(issue_id, option_id)])[0]
        pref = self._preference(issue_id)
        if pref is None:
            return text
        if option_id in pref.red_lines:
            return f"{text}  ·  your private red line"
        return f"{text}  ·  worth {pref.values.get(option_id, 0.0):.2f} to you"

    def _row_tip(self, issue_id: str, option_id: str) -> str:
        pref = self._preference(issue_id)
        if pref is not None and option_id in pref.red_lines:
            return "You cannot accept it anyway: saying so in public costs you nothing and tells the others."
        return "Ruling it out means you must never offer or accept it, or pay the cost above."

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
        scenario = session.scenario
        what = "accept this offer" if accepting else "send this offer"
        cost = red_line_cost(scenario, actor) + (", for each line" if len(broken) > 1 else "")
        body = (
            f"You declared in public that you would never agree to {'; '.join(terms_lines(scenario, broken))}. "
            f"If you {what}, you break your word, for everyone to see, and pay for it: {cost}."
        )
        yes = "Accept anyway" if accepting else "Send anyway"
        super().__init__(app, "Break your public red line?", body, yes, on_yes)

    def size(self) -> tuple[int, int]:
        return (680, 360)
