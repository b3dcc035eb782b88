"""A human player's briefing: public and confidential brief, goals, priorities, red lines, levers, sources.

Everything private comes from `view(state, actor)`, the same fog-of-war view the table and the AI use.
The two text documents are built once per layout (they are the costly widgets), never per frame.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator import i18n
from negotiator.engine import ActorView, view
from negotiator.engine.utility import normalised_weights
from negotiator.i18n import t
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.layout import split_h, split_v
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.chooser import _hex, _swatch
from negotiator.ui.session import Session
from negotiator.ui.tutorial_card import TutorialCard, strip_card
from negotiator.words import count


def brief_html(v: ActorView, scale: float, accent: str, secret: str) -> str:
    scenario = v.scenario.translated(i18n.current())
    actor = scenario.actor(v.actor)
    out = rich.subheading(t("briefing.public"), scale, accent) + rich.para(actor.public_brief)
    out += rich.subheading(t("briefing.confidential"), scale, secret) + rich.para(actor.confidential_brief)
    if actor.goals:
        out += rich.subheading(t("briefing.goals"), scale, accent) + rich.bullets(rich.esc(g) for g in actor.goals)
    quotes = [actor.source] + ([v.preferences.reservation.source] if v.preferences else [])
    quotes += [p.source for p in (v.preferences.issues.values() if v.preferences else [])]
    sources = [q for q in quotes if q]
    meta = scenario.metadata
    if sources or meta.sources:
        out += rich.subheading(t("chooser.sources"), scale, accent)
        out += "".join(f"<i>“{rich.esc(q)}”</i><br>" for q in sources) + ("<br>" if sources else "")
        out += rich.bullets(rich.esc(f"{s.title} — {s.outlet}, {s.date}") for s in meta.sources)
    return out.removesuffix("<br>")


def position_html(v: ActorView, scale: float, accent: str, bad: str) -> str:
    scenario = v.scenario.translated(i18n.current())
    prefs = v.preferences
    out = rich.subheading(t("briefing.walking_away"), scale, accent)
    out += rich.para(t("briefing.walking_away.text", value=i18n.number(v.reservation, 2)))
    if prefs is not None:
        ids = list(prefs.issues)
        weights = dict(zip(ids, normalised_weights([prefs.issues[i].weight for i in ids]), strict=True))
        out += rich.subheading(t("briefing.priorities"), scale, accent)
        ranked = sorted(ids, key=lambda i: -weights[i])
        out += rich.bullets(f"{rich.esc(scenario.issue(i).name)}  ·  {i18n.percent(weights[i])}" for i in ranked)
        lines = [
            f"{rich.esc(scenario.issue(i).name)}: "
            + rich.colour(rich.esc(next(o.label for o in scenario.issue(i).options if o.id == opt)), bad)
            for i in ids
            for opt in prefs.issues[i].red_lines
        ]
        out += rich.subheading(t("briefing.red_lines"), scale, accent)
        out += rich.bullets(lines) if lines else rich.para(t("briefing.no_red_lines"))
    if v.levers:
        out += rich.subheading(t("briefing.levers"), scale, accent)
        for status in v.levers:
            lever = scenario.lever(status.lever.id)
            targets = ", ".join(scenario.actor(a).short_name for a in lever.targets) or t("briefing.no_target")
            extra = t("briefing.cooldown", turns=count(lever.cooldown, "turn")) if lever.cooldown else ""
            odds = t("briefing.odds", chance=i18n.percent(lever.success_chance)) if lever.success_chance < 1 else ""
            facts = t("briefing.lever_facts", cost=count(lever.cost, "action point"), targets=targets)
            out += (
                f"<b>{rich.esc(lever.name)}</b>  ({rich.esc(facts + extra + odds)})"
                f"<br>{rich.esc(lever.description)}<br><br>"
            )
    return out.removesuffix("<br>")


class BriefingScene(Scene):
    """Before the game, one step of the flow; with `review=True`, the table's Brief: it returns to the table.

    In review the move timer stands still while the player reads (only the table counts it down).
    """

    name = "briefing"

    def __init__(
        self,
        app: App,
        session: Session,
        actor_id: str,
        index: int = 0,
        *,
        review: bool = False,
    ) -> None:
        super().__init__(app)
        self.session = session
        self.actor_id = actor_id
        self.index = index
        self.review = review
        self.view = view(session.state, actor_id)
        self.card: TutorialCard | None = None

    def build(self) -> None:
        lay = self.layout
        scenario = self.session.scenario.translated(i18n.current())
        actor = scenario.actor(self.actor_id)
        m, gap = lay.margin, lay.px(20)
        body = lay.rect.inflate(-2 * m, -2 * m)
        head_h, cap_h = lay.line(28), lay.line(14)
        head, middle, foot = split_v(body, [head_h + cap_h, 1.0, lay.button_h], gap)
        sw = lay.px(22)
        self.swatch = _swatch(self.app.actor_colour(self.session.scenario, actor.id), sw)
        self.swatch_pos = (head.x, head.y + (head_h - sw) // 2)
        self.label(
            t("briefing.heading", actor=actor.name),
            pygame.Rect(head.x + sw + lay.px(12), head.y, head.width, head_h),
            "@heading",
        )
        who = self.session.player_name(self.actor_id)
        if who == self.session.scenario.actor(self.actor_id).short_name:
            who = actor.short_name
        turns = self.view.turns
        when = (
            t("briefing.turn_of", turn=self.view.turn, turns=turns)
            if self.review
            else t("briefing.turns_to_deal", turns=count(turns, "turn"))
        )
        self.label(
            t("briefing.caption", who=who, title=scenario.metadata.title, when=when),
            pygame.Rect(head.x, head.y + head_h, head.width, cap_h),
            "@caption",
        )
        middle, self.card = strip_card(self, middle, gap)  # the guided tutorial's step, if one runs
        left, right = split_h(middle, [0.58, 0.42], gap)
        palette = self.app.palette
        scale = self.app.settings.text_scale
        accent, bad, secret = _hex(palette["accent"]), _hex(palette["bad"]), _hex(palette["warn"])
        for rect, html, oid in (
            (left, brief_html(self.view, scale, accent, secret), "#brief"),
            (right, position_html(self.view, scale, accent, bad), "#position"),
        ):
            panel = card_panel(self.app, rect, self.root)
            UITextBox(
                html,
                pygame.Rect(lay.px(8), lay.px(8), rect.width - lay.px(16), rect.height - lay.px(16)),
                manager=self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@body", object_id=oid),
            )
        self.back_button = None
        if self.review:
            w = max(lay.px(240), self.text_width(t("briefing.back_to_table")) + lay.px(60))
            self.go_button = self.button(
                t("briefing.back_to_table"),
                pygame.Rect(foot.right - w, foot.y, w, foot.height),
                tooltip=t("briefing.back_to_table.tip"),
                class_id="@primary",
            )
            return
        if self.index == 0 and not self.session.hotseat:
            self.back_button = self.button(
                t("briefing.setup"),
                pygame.Rect(
                    foot.x, foot.y, max(lay.px(120), self.text_width(t("briefing.setup")) + lay.px(32)), foot.height
                ),
                tooltip=t("briefing.setup.tip"),
            )
        last = self.index + 1 >= len(self.session.humans)
        text = t("briefing.to_table") if last else t("briefing.next_player")
        w = max(lay.px(240), self.text_width(text) + lay.px(60))
        self.go_button = self.button(
            text,
            pygame.Rect(foot.right - w, foot.y, w, foot.height),
            tooltip=t("briefing.to_table.tip") if last else t("briefing.next_player.tip"),
            class_id="@primary",
        )

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.swatch, self.swatch_pos)
        if self.card is not None:
            self.card.paint(surface)

    def proceed(self) -> None:
        if self.session.tutorial is not None:
            self.session.tutorial.note("brief_read")
        if self.review:
            self.app.pop(self)
            return
        from negotiator.ui.flow import after_briefing

        after_briefing(self.app, self.session, self.index)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if self.card is not None and self.card.on_button(element):
            return
        if element is self.go_button:
            self.proceed()
        elif element is self.back_button:
            self.app.pop(self)

    def on_key(self, event: pygame.event.Event) -> bool:
        closes = (pygame.K_RETURN, pygame.K_KP_ENTER) + ((pygame.K_ESCAPE, pygame.K_b) if self.review else ())
        if event.key in closes:
            self.proceed()
        elif event.key == pygame.K_ESCAPE and self.back_button is not None:
            self.app.pop(self)
        else:
            return False
        return True
