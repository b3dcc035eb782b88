"""A seat at a hosted table, played from this window: the seat's own view, and its moves sent to the host.

It reads only the `SeatSession` (the brief and the latest `SeatView`): no engine state, no other seat's numbers,
so it works the same on a `LocalSession` and a `RemoteSession`. The host is the only judge of the rules; a move it
refuses is shown with its reason. A dropped connection shows "Reconnecting" while the session rejoins with its
token on its own; a session the host gave up shows why and offers the title (the Join dialog returns to the seat).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextBox

from negotiator.engine.actions import Action, DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.host import messages as m
from negotiator.host.session import SeatSession
from negotiator.i18n import number, percent, t
from negotiator.ui import rich
from negotiator.ui.facilitation import clock_text
from negotiator.ui.layout import split_h, split_v
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.message import MessageDialog
from negotiator.words import count

if TYPE_CHECKING:
    from negotiator.ui.app import App

KEEP = "-"  # the issue menu's "leave this issue out of the offer"
STATUS_KEYS = {s: f"remote.status.{s}" for s in ("you", "student", "away", "ai", "free")}


def sureness(uncertainty: float) -> str:
    """An estimate's uncertainty (1: a guess, towards 0: well observed) in the words the local table uses."""
    return t(
        "board.sure.guess" if uncertainty > 0.6 else "board.sure.fairly" if uncertainty < 0.35 else "board.sure.some"
    )


def open_remote_table(app: object, session: SeatSession) -> None:
    """Open the seat's table over the title (what the Join dialog and the teacher's test call)."""
    from negotiator.ui.app import App

    assert isinstance(app, App)
    while len(app.stack) > 1:
        app.pop()
    scene = RemoteTableScene(app, session)
    app.push(scene)
    if getattr(session, "new_seat", False) or not session.view().briefed:  # a new student reads the brief first
        scene.show_brief()


class SeatBriefDialog(MessageDialog):
    """The seat's confidential brief and goals. Closing it tells the host the brief has been read: the teacher's
    move timer does not count this seat's moves before that (`host.table.Table.reading`)."""

    def __init__(self, app: App, title: str, body: str, session: SeatSession) -> None:
        super().__init__(app, title, body)
        self.session = session

    def size(self) -> tuple[int, int]:
        return (720, 480)

    def on_choice(self, key: str) -> None:
        super().on_choice(key)
        self.session.briefed()


class RemoteTableScene(Scene):
    name = "remote_table"

    def __init__(self, app: object, session: SeatSession) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.session = session
        self.seen = session.wait(-1, 0)  # the number of views received so far
        self.connected = session.connected
        self.lost_told = False
        self.notice = ""

    # --- reading the seat ---------------------------------------------------------------------------
    @property
    def brief(self) -> m.Brief:
        return self.session.brief

    def actor_name(self, actor: str | None) -> str:
        if actor is None:
            return "nobody"
        return next((a.short_name for a in self.brief.actors if a.id == actor), actor)

    def option_label(self, issue: str, option: str) -> str:
        for i in self.brief.issues:
            if i.id == issue:
                return next((o.label for o in i.options if o.id == option), option)
        return option

    def terms_text(self, terms: list[list[str]]) -> str:
        names = {i.id: i.name for i in self.brief.issues}
        return "; ".join(f"{names.get(i, i)}: {self.option_label(i, o)}" for i, o in terms)

    def awaiting_me(self, v: m.SeatView) -> list[m.OfferDoc]:
        me = v.seat
        return [o for o in v.offers if o.status == "open" and me in o.to and me not in o.accepted_by]

    def issue_options(self, v: m.SeatView, issue: m.IssueBrief) -> list[tuple[str, str]]:
        """(text, option id) for an issue's menu: each option still on the table with the seat's value of it."""
        mine = self.brief.values.get(issue.id)
        removed = {tuple(t) for t in v.removed_options}
        options = [(t("remote.leave_out"), KEEP)]
        for o in issue.options:
            if (issue.id, o.id) in removed:
                continue
            value = f" ({number(mine.values.get(o.id, 0), 2)})" if mine else ""
            red = " ×" if mine and o.id in mine.red_lines else ""  # the local table's mark
            options.append((f"{o.label}{value}{red}", o.id))
        return options

    def lever_options(self, v: m.SeatView, costs: bool = True) -> list[tuple[str, str]]:
        """(text, `lever|target`) for every lever the seat can use now, on each target it can use it on; each
        with its cost in action points unless `costs` is False (a narrow menu)."""
        briefs = {lv.id: lv for lv in self.brief.levers}
        options: list[tuple[str, str]] = []
        for lever in v.levers:
            b = briefs.get(lever.id)
            name = b.name if b else lever.id
            cost = " · " + t("remote.lever.cost", points=b.cost) if b and costs else ""
            for target in lever.usable_targets:
                on = " " + t("remote.lever.on", target=self.actor_name(target)) if target else ""
                options.append((f"{name}{on}{cost}", f"{lever.id}|{target or ''}"))
        return options or [(t("remote.lever.none"), "")]

    def menu_width(self, texts: list[str]) -> int:
        """How wide a drop-down must be to show the longest of `texts` whole (its text, margins and arrow)."""
        font = self.app.manager.get_theme().get_font(["drop_down_menu", "button"])
        return max((font.size(text)[0] for text in texts), default=0) + 12 + self.layout.px(30)

    def columns(self, v: m.SeatView, body: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect, pygame.Rect]:
        """Terms, offers, levers and the record: three columns when the menus fit, else the terms beside one
        column of offers, levers and record (a small window with large text)."""
        lay = self.layout
        need_terms = self.menu_width([t for i in self.brief.issues for t, _ in self.issue_options(v, i)])
        need_levers = self.menu_width([t for t, _ in self.lever_options(v)])
        lever_h = lay.line(15) + lay.button_h * 2 + lay.px(16)
        free = body.width - 2 * lay.gap
        if free * 0.42 >= need_terms and free * 0.31 >= need_levers:
            left, middle, right = split_h(body, [0.42, 0.31, 0.27], lay.gap)
            offers, levers = split_v(middle, [1.0, lever_h], lay.gap)
            return left, offers, levers, right
        left, rest = split_h(body, [max(need_terms, int(body.width * 0.4)), 1.0], lay.gap)
        offers, levers, record = split_v(rest, [1.0, lever_h, 0.8], lay.gap)
        return left, offers, levers, record

    # --- building -----------------------------------------------------------------------------------
    def build(self) -> None:
        v = self.session.view()
        lay = self.layout
        area = lay.inner()
        top_h = lay.line(28) + lay.px(8)
        head, body, foot = split_v(area, [top_h, 1.0, lay.button_h], lay.gap)
        left, offers_rect, levers_rect, right = self.columns(v, body)
        me = self.actor_name(v.seat)
        turn = t("remote.turn_of", turn=v.turn, turns=v.turns) if not v.over else t("remote.over")
        title = t("remote.title", table=v.table, seat=me)
        title_w = min(head.width // 2, self.text_width(title, ["@heading", "label"]) + lay.px(24))
        self.label(title, pygame.Rect(head.x, head.y, title_w, top_h), "@heading")
        self.status = self.label(  # the status takes the rest of the line: the budget is long in uk and ru
            self.status_text(v), pygame.Rect(head.x + title_w, head.y, head.width - title_w, top_h), "@subheading"
        )
        can_move = v.my_move and v.started and not v.paused and self.session.connected
        self._build_issues(v, left, can_move)
        self._build_offers(v, offers_rect)
        self._build_levers(v, levers_rect, can_move)
        self._build_record(v, right, turn)
        widths = [0.25, 0.25, 0.25, 0.25]
        end, propose, brief, leave = split_h(foot, widths, lay.gap)
        self.propose_btn = self.button(t("remote.send"), propose, tooltip=t("remote.send.tip"))
        self.end_btn = self.button(t("remote.end"), end, tooltip=t("remote.end.tip"))
        self.brief_btn = self.button(t("remote.brief"), brief, tooltip=t("remote.brief.tip"))
        self.leave_btn = self.button(t("remote.leave"), leave, tooltip=t("remote.leave.tip"))
        if not can_move:
            self.propose_btn.disable()
            self.end_btn.disable()

    def status_text(self, v: m.SeatView) -> str:
        if self.session.lost:
            return t("remote.state.lost")
        if not self.session.connected:
            return t("remote.state.reconnecting")
        if v.over:
            return t("remote.state.over")
        if not v.started:
            return t("remote.state.waiting")
        if v.paused:
            return t("remote.state.paused")
        left = self.session.timer_left()
        clock = " · " + t("remote.timer", left=clock_text(left)) if left is not None else ""
        if v.my_move:
            points, offers = count(v.action_points, "action point"), count(v.offers_left, "offer")
            return t("remote.your_move", points=points, offers=offers) + clock
        return t("remote.moving", actor=self.actor_name(v.current_actor)) + clock

    def _build_issues(self, v: m.SeatView, rect: pygame.Rect, can_move: bool) -> None:
        lay = self.layout
        self.label(
            (t("remote.terms.long"), t("remote.terms.medium"), t("remote.terms.short")),
            pygame.Rect(rect.x, rect.y, rect.width, lay.line(15)),
            "@subheading",
        )
        self.issue_menus: dict[UIDropDownMenu, str] = {}
        y = rect.y + lay.line(15) + lay.px(6)
        cap = lay.line(15)
        row = lay.button_h + cap + lay.px(6)
        for issue in self.brief.issues:
            if y + row > rect.bottom:
                break
            mine = self.brief.values.get(issue.id)
            weight = " · " + t("remote.weight", weight=percent(mine.weight)) if mine else ""
            self.label(f"{issue.name}{weight}", pygame.Rect(rect.x, y, rect.width, cap), "@caption")
            y += cap
            settled = v.settled.get(issue.id)
            if settled:
                self.label(
                    t("remote.agreed", option=self.option_label(issue.id, settled)),
                    pygame.Rect(rect.x, y, rect.width, lay.button_h),
                )
            else:
                options = self.issue_options(v, issue)
                menu = UIDropDownMenu(
                    options,
                    options[0],
                    pygame.Rect(rect.x, y, rect.width, lay.button_h),
                    manager=self.app.manager,
                    container=self.root,
                    object_id=ObjectID(object_id=f"#issue_{issue.id}"),
                )
                self.issue_menus[menu] = issue.id
            y += lay.button_h + lay.px(6)
        self.red_line_btn = self.button(
            t("remote.red_line"),
            pygame.Rect(rect.x, min(y + lay.px(6), rect.bottom - lay.button_h), rect.width, lay.button_h),
            tooltip=t("remote.red_line.tip"),
        )
        if not can_move:
            self.red_line_btn.disable()

    def _build_levers(self, v: m.SeatView, rect: pygame.Rect, can_move: bool) -> None:
        """Your levers: each usable (lever, target) pair in one menu; a lever that cannot be used now says why."""
        lay = self.layout
        self.label(t("remote.levers"), pygame.Rect(rect.x, rect.y, rect.width, lay.line(15)), "@subheading")
        y = rect.y + lay.line(15) + lay.px(6)
        options = self.lever_options(v)
        if self.menu_width([text for text, _ in options]) > rect.width:
            options = self.lever_options(v, costs=False)  # the names whole rather than the costs
        self.lever_menu = UIDropDownMenu(
            options,
            options[0],
            pygame.Rect(rect.x, y, rect.width, lay.button_h),
            manager=self.app.manager,
            container=self.root,
            object_id=ObjectID(object_id="#lever"),
        )
        self.lever_btn = self.button(
            t("remote.use_lever"),
            pygame.Rect(rect.x, y + lay.button_h + lay.px(8), rect.width, lay.button_h),
            tooltip=t("remote.use_lever.tip"),
        )
        if not can_move or not options[0][1]:
            self.lever_btn.disable()

    def _build_offers(self, v: m.SeatView, rect: pygame.Rect) -> None:
        lay = self.layout
        self.label(t("remote.offers"), pygame.Rect(rect.x, rect.y, rect.width, lay.line(15)), "@subheading")
        self.answer_buttons: dict[UIButton, tuple[int, bool]] = {}
        y = rect.y + lay.line(15) + lay.px(6)
        waiting = {o.id for o in self.awaiting_me(v)}
        can_answer = v.my_move and v.started and not v.paused
        open_offers = [o for o in v.offers if o.status == "open"]
        if not open_offers:
            self.label(t("remote.no_offers"), pygame.Rect(rect.x, y, rect.width, lay.line(14)), "@caption")
        for offer in open_offers:
            if y + lay.line(15) * 3 + lay.button_h > rect.bottom:
                break
            to = ", ".join(self.actor_name(a) for a in offer.to)
            head = t("remote.offer_head", id=offer.id, proposer=self.actor_name(offer.proposer), to=to)
            text = f"<b>{html.escape(head)}</b><br>"
            text += rich.esc(self.terms_text(offer.terms))
            # height -1: the box grows to its text, so a whole offer shows without a scroll bar
            box = UITextBox(text, pygame.Rect(rect.x, y, rect.width, -1), manager=self.app.manager, container=self.root)
            y += box.rect.height + lay.px(4)
            if offer.id in waiting:
                accept, reject = split_h(pygame.Rect(rect.x, y, rect.width, lay.button_h), [0.5, 0.5], lay.gap)
                a = self.button(t("remote.accept"), accept, object_id=f"#accept_{offer.id}")
                r = self.button(t("remote.reject"), reject, object_id=f"#reject_{offer.id}")
                self.answer_buttons[a] = (offer.id, True)
                self.answer_buttons[r] = (offer.id, False)
                if not can_answer:
                    a.disable()
                    r.disable()
                y += lay.button_h + lay.px(8)

    def _build_record(self, v: m.SeatView, rect: pygame.Rect, turn: str) -> None:
        lay = self.layout
        self.label(turn.upper(), pygame.Rect(rect.x, rect.y, rect.width, lay.line(15)), "@subheading")
        seats = " · ".join(
            f"{self.actor_name(a)}: {t(STATUS_KEYS[s]) if s in STATUS_KEYS else s}" for a, s in v.seats.items()
        )
        parts = [f"<b>{rich.esc(t('remote.at_table'))}</b><br>{rich.esc(seats)}<br>"]
        parts.append(f"<b>{rich.esc(t('remote.no_deal'))}</b> {number(v.reservation, 2)}<br>")
        guesses = [
            f"{self.actor_name(a)} ~{number(e.reservation, 2)} ({sureness(e.uncertainty)})"
            for a, e in v.estimates.items()
            if a != v.seat
        ]
        if guesses:  # inferred from public moves only, as the local table's estimates are
            parts.append(f"<b>{rich.esc(t('remote.their_no_deal'))}</b> {rich.esc(' · '.join(guesses))}<br>")
        if v.outcome is not None:
            score = " " + t("remote.score", score=number(v.outcome.score.total, 1)) if v.outcome.score else ""
            parts.append(f"<b>{rich.esc(v.outcome.ending_text)}</b>{rich.esc(score)}<br>")
        parts.append(f"<br><b>{rich.esc(t('remote.news'))}</b><br>")
        parts += [f"{rich.esc(e.text)}<br>" for e in v.log[-12:][::-1]]
        UITextBox(
            "".join(parts),
            pygame.Rect(rect.x, rect.y + lay.line(15) + lay.px(6), rect.width, rect.height - lay.line(15) - lay.px(6)),
            manager=self.app.manager,
            container=self.root,
            object_id=ObjectID(class_id="@body"),
        )

    # --- input --------------------------------------------------------------------------------------
    def chosen_terms(self) -> tuple[tuple[str, str], ...]:
        terms = []
        for menu, issue in self.issue_menus.items():
            selected = menu.selected_option
            option = selected[1] if isinstance(selected, tuple) else str(selected)
            if option != KEEP:
                terms.append((issue, option))
        return tuple(terms)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        me = self.session.view().seat
        if element is self.end_btn:
            self.send(EndTurn(me))
        elif element is self.propose_btn:
            terms = self.chosen_terms()
            if not terms:
                self.app.show_message(t("remote.no_terms"), t("remote.no_terms.text"))
                return
            self.send(MakeOffer(me, terms=terms))
        elif element is self.red_line_btn:
            terms = self.chosen_terms()
            if len(terms) != 1:
                self.app.show_message(t("remote.one_option"), t("remote.one_option.text"))
                return
            self.send(DeclareRedLine(me, issue=terms[0][0], option=terms[0][1]))
        elif element is self.lever_btn:
            selected = self.lever_menu.selected_option
            key = selected[1] if isinstance(selected, tuple) else str(selected)
            lever, _, target = key.partition("|")
            if lever:
                self.send(UseLever(me, lever=lever, target=target or None))
        elif element is self.brief_btn:
            self.show_brief()
        elif element is self.leave_btn:
            self.app.reset_to_title()
        elif element in self.answer_buttons:
            offer, accept = self.answer_buttons[element]  # type: ignore[index]
            self.send(Respond(me, offer_id=offer, accept=accept))

    def show_brief(self) -> None:
        b = self.brief
        goals = "\n".join(f"• {g}" for g in b.goals)
        title = t("remote.brief.title", seat=self.actor_name(b.you))
        self.app.push(SeatBriefDialog(self.app, title, f"{b.confidential_brief}\n\n{goals}", self.session))

    def send(self, action: Action) -> bool:
        """Send the move; the host's refusal (with its reason) is shown and nothing changes."""
        problem = self.session.act(action)
        if problem is not None:
            self.app.show_message(t("remote.not_played"), problem)
            return False
        self.seen = self.session.wait(self.seen, 0)
        self.app.refresh(self)
        return True

    # --- per frame ----------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        if self.session.timer_left() is not None:  # the move timer: the countdown in the status line, each second
            text = self.status_text(self.session.view())
            if text != self.status.text:
                self.status.set_text(text)
        views = self.session.wait(self.seen, 0)
        connected = self.session.connected
        if views != self.seen or connected != self.connected:
            self.seen, self.connected = views, connected
            self.app.refresh(self)
        lost = self.session.lost
        if lost and not self.lost_told:
            self.lost_told = True
            self.app.show_message(t("remote.lost"), t("remote.lost.text", why=lost))

    def animating(self) -> bool:
        return False  # `update` runs every frame even when idle, and refreshes when a new view arrives

    def exit(self) -> None:
        super().exit()
        self.session.close()
