"""Game setup: for each side, a human (with a name) or the computer (personality, difficulty); the seed; the
classroom options: a move timer (the scenario's suggestion by default) and an optional facilitator PIN.

The choices live in plain attributes (`self.roles`, `self.seed_text`), so widgets can be rebuilt at any
time (a human/computer switch changes a row's controls) without losing what the player typed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIDropDownMenu, UIImage, UIPanel, UITextBox, UITextEntryLine

from negotiator import i18n
from negotiator.engine import GameSettings, RoleSetting
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
from negotiator.i18n import t
from negotiator.scenario import Scenario
from negotiator.scenario.models import LessonPlan
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.facilitation import TIMEOUT_TEXT, Facilitation, timer_choices, timer_text
from negotiator.ui.layout import split_h, split_v
from negotiator.ui.scene import Scene, hide_text
from negotiator.ui.scenes.chooser import _swatch
from negotiator.ui.scenes.message import MessageDialog
from negotiator.ui.session import Session
from negotiator.words import count

MAX_SEED = 999_999


@dataclass(frozen=True)
class RoleChoice:
    human: bool
    name: str
    personality: str
    difficulty: str
    language: str = ""  # a human's own language ("": the window's)


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]


def style_name(kind: str, key: str) -> str:
    """A computer personality's or difficulty's name as players read it (`ai.personality.hawk`, ...)."""
    return t(f"ai.{kind}.{key}")


def style_about(kind: str, key: str) -> str:
    """What playing against that personality or difficulty is like, in the current language."""
    return t(f"ai.{kind}.{key}.about")


class NotesDialog(MessageDialog):
    """The computer's styles, for windows too short to show them under the form."""

    name = "setup_notes"

    def size(self) -> tuple[int, int]:
        return (680, 460)

    def build_body(self, rect: pygame.Rect) -> None:
        UITextBox(self.body, rect, manager=self.app.manager, container=self.card, object_id=ObjectID(class_id="@body"))


class SetupScene(Scene):
    name = "setup"

    def __init__(self, app: App, path: Path, scenario: Scenario) -> None:
        super().__init__(app)
        self.path = path
        self.scenario = scenario
        wanted = set(app.launch.roles)
        playable = [a.id for a in scenario.negotiators if a.playable]
        if not wanted & set(playable) and playable:
            wanted = {playable[0]}
        self.roles = {
            a.id: RoleChoice(a.playable and a.id in wanted, "", a.ai.personality, a.ai.difficulty)
            for a in scenario.negotiators
        }
        seed = app.launch.seed if app.launch.seed is not None else random.SystemRandom().randint(1, MAX_SEED)
        self.seed_text = str(seed)
        self.facilitation = Facilitation.for_scenario(scenario)
        #: The lesson plan chosen (index into the scenario's `teaching.plans`), whose deadline and move timer the
        #: game starts with; None: the scenario's own deadline.
        self.plan: int | None = None
        self.pin_text = ""  # what is typed in the PIN field, until Start hashes it
        self.widgets: dict[object, tuple[str, str]] = {}

    # --- state -------------------------------------------------------------------------------------
    @property
    def humans(self) -> list[str]:
        return [actor_id for actor_id, r in self.roles.items() if r.human]

    def seed(self) -> int | None:
        text = self.seed_text.strip()
        ok = text.isascii() and text.isdigit() and len(text) <= len(str(MAX_SEED))
        return int(text) if ok and int(text) <= MAX_SEED else None

    def plans(self) -> list[LessonPlan]:
        teaching = self.scenario.teaching
        return list(teaching.plans) if teaching is not None else []

    def choose_plan(self, index: int | None) -> None:
        """A lesson plan sets the game's deadline and the move timer it was worked out for (the guide's table)."""
        plans = self.plans()
        self.plan = index if index is not None and 0 <= index < len(plans) else None
        if self.plan is not None and plans[self.plan].turn_timer_seconds:
            self.facilitation.set_timer(plans[self.plan].turn_timer_seconds)

    def game_settings(self) -> GameSettings:
        plan = self.plans()[self.plan] if self.plan is not None else None
        return GameSettings(
            turns=plan.turns if plan is not None else None,
            roles={
                actor_id: RoleSetting(
                    human=r.human,
                    name=r.name.strip() if r.human else "",
                    personality=None if r.human else r.personality,
                    difficulty=None if r.human else r.difficulty,
                    language=r.language if r.human and r.language in i18n.LANGUAGES else None,
                )
                for actor_id, r in self.roles.items()
            },
        )

    def start(self) -> None:
        seed = self.seed()
        if not self.humans or seed is None:
            return
        from negotiator.ui.flow import begin_briefings

        session = Session.start(self.path, self.scenario, seed, self.game_settings())
        fac = self.facilitation
        session.facilitation = Facilitation(timer_seconds=fac.timer_seconds, on_timeout=fac.on_timeout)
        session.facilitation.set_pin(self.pin_text)  # kept only as a salted hash from here on
        begin_briefings(self.app, session)

    # --- widgets -----------------------------------------------------------------------------------
    def build(self) -> None:
        lay = self.layout
        m, gap = lay.margin, lay.px(20)
        body = lay.rect.inflate(-2 * m, -2 * m)
        head_h, cap_h = lay.line(28), lay.line(14)
        head, middle, foot = split_v(body, [head_h + cap_h, 1.0, lay.button_h], gap)
        shown = self.scenario.translated(i18n.current())
        self.label(t("setup.heading"), pygame.Rect(head.x, head.y, head.width, head_h), "@heading")
        self.label(
            t("setup.caption", title=shown.metadata.title),
            pygame.Rect(head.x, head.y + head_h, head.width, cap_h),
            "@caption",
        )
        panel = card_panel(self.app, middle, self.root)
        self.widgets = {}
        pad = lay.px(20)
        inner = pygame.Rect(pad, pad, middle.width - 2 * pad, middle.height - 2 * pad)
        row_h = max(lay.px(40), lay.line(16) + lay.px(10))
        cols = split_h(pygame.Rect(inner.x, 0, inner.width, row_h), [0.30, 0.20, 0.28, 0.22], lay.gap)
        y = inner.y
        # A human row's last column is its language (its menu says so): the heading names both where it fits.
        last = (
            (t("setup.col.difficulty_language"), t("setup.col.difficulty"))
            if self.humans
            else t("setup.col.difficulty")
        )
        headings: list[str | tuple[str, ...]] = [
            t("setup.col.side"),
            t("setup.col.played_by"),
            t("setup.col.style"),
            last,
        ]
        for col, text in zip(cols, headings, strict=True):
            self.label(text, pygame.Rect(col.x, y, col.width, lay.line(15)), "@subheading", container=panel)
        y += lay.line(15) + lay.px(8)
        step = row_h + lay.px(10)
        for actor in self.scenario.negotiators:
            self._build_row(panel, actor.id, [c.move(0, y) for c in cols])
            y += step
        y += lay.px(10)
        seed_w = lay.px(160)
        self.label(t("setup.seed"), pygame.Rect(cols[0].x, y, cols[0].width, row_h), container=panel).set_tooltip(
            t("setup.seed.tip")
        )
        self.seed_entry = UITextEntryLine(
            pygame.Rect(cols[1].x, y, seed_w, row_h),
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(object_id="#seed"),
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(len(str(MAX_SEED)))
        self.seed_entry.set_text(self.seed_text)
        self.new_seed_button = self.button(
            t("setup.new_seed"),
            pygame.Rect(
                cols[1].x + seed_w + lay.gap,
                y,
                max(lay.px(130), self.text_width(t("setup.new_seed")) + lay.px(28)),
                row_h,
            ),
            tooltip=t("setup.new_seed.tip"),
            container=panel,
        )
        y += row_h + lay.px(10)
        self._build_classroom(panel, cols, y, row_h)
        y += row_h + lay.px(10)
        notes_top = y + row_h + lay.px(24)
        notes_h = inner.bottom - lay.line(15) - lay.px(12) - notes_top
        accent = "#" + "".join(f"{c:02x}" for c in self.app.palette["accent"][:3])
        self.notes_html = "<br>".join(
            f"<b>{rich.esc(style_name('personality', k))}</b>: {rich.esc(style_about('personality', k))}"
            for k in PERSONALITIES
        )
        html = rich.subheading(t("setup.notes"), self.app.settings.text_scale, accent) + self.notes_html
        self.notes_button = None
        if notes_h <= lay.px(90):  # no room below the form: the same notes open from a button in the footer
            nw = self.text_width(t("setup.notes_button"), ["button"]) + lay.px(32)
            back_w = max(lay.px(120), self.text_width(t("common.back"), ["button"]) + lay.px(32))
            self.notes_button = self.button(
                t("setup.notes_button"),
                pygame.Rect(foot.x + back_w + lay.gap, foot.y, nw, foot.height),
                tooltip=t("setup.notes_button.tip"),
            )
        else:
            UITextBox(
                html,
                pygame.Rect(inner.x - lay.px(4), notes_top, inner.width, notes_h),
                manager=self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@body"),
            )
        self.status = self.label(
            "", pygame.Rect(inner.x, inner.bottom - lay.line(15), inner.width, lay.line(15)), "@status_bad", panel
        )
        back_w = max(lay.px(120), self.text_width(t("common.back"), ["button"]) + lay.px(32))
        self.back_button = self.button(
            t("common.back"), pygame.Rect(foot.x, foot.y, back_w, foot.height), tooltip=t("setup.back.tip")
        )
        start_w = max(lay.px(280), self.text_width(t("setup.start"), ["button"]) + lay.px(32))
        self.start_button = self.button(
            t("setup.start"),
            pygame.Rect(foot.right - start_w, foot.y, start_w, foot.height),
            tooltip=t("setup.start.tip"),
            class_id="@primary",
        )
        self._update_status()

    def _build_classroom(self, panel: UIPanel, cols: list[pygame.Rect], y: int, row_h: int) -> None:
        """Move timer and what happens when it runs out; below, the facilitator PIN."""
        lay = self.layout
        fac = self.facilitation
        self.label(t("setup.timer"), pygame.Rect(cols[0].x, y, cols[0].width, row_h), container=panel).set_tooltip(
            t("setup.timer.tip")
        )
        timer = UIDropDownMenu(
            [(timer_text(t), str(t)) for t in timer_choices(fac.timer_seconds)],
            (timer_text(fac.timer_seconds), str(fac.timer_seconds or 0)),
            pygame.Rect(cols[1].x, y, cols[1].width, row_h),
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(object_id="#move_timer"),
        )
        timer.set_tooltip(t("setup.timer.menu.tip"))
        self.widgets[timer] = ("", "timer")
        when = UIDropDownMenu(
            [(text, key) for key, text in TIMEOUT_TEXT.items()],
            (TIMEOUT_TEXT[fac.on_timeout], fac.on_timeout),
            pygame.Rect(cols[2].x, y, cols[3].right - cols[2].x, row_h),  # the difficulty column is free here
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(object_id="#on_timeout"),
        )
        when.set_tooltip(t("setup.on_timeout.tip"))
        self.widgets[when] = ("", "on_timeout")
        y += row_h + lay.px(10)
        self.label(t("setup.pin"), pygame.Rect(cols[0].x, y, cols[0].width, row_h), container=panel).set_tooltip(
            t("setup.pin.tip")
        )
        self.pin_entry = UITextEntryLine(
            pygame.Rect(cols[1].x, y, cols[1].width, row_h),
            manager=self.app.manager,
            container=panel,
            placeholder_text=t("setup.pin.placeholder"),
            object_id=ObjectID(object_id="#pin"),
        )
        hide_text(self.pin_entry)
        self.pin_entry.set_text_length_limit(12)
        self.pin_entry.set_tooltip(t("setup.pin.entry.tip"))
        if self.pin_text:
            self.pin_entry.set_text(self.pin_text)
        self.widgets[self.pin_entry] = ("", "pin")
        plans = self.plans()
        if plans:  # beside the PIN, where the difficulty column is free
            options = [(t("setup.plan.none", turns=count(self.scenario.rules.turns, "turn")), "none")] + [
                (
                    t(
                        "setup.plan.option",
                        minutes=count(p.minutes, "minute"),
                        turns=count(p.turns or self.scenario.rules.turns, "turn"),
                    ),
                    str(k),
                )
                for k, p in enumerate(plans)
            ]
            chosen = options[self.plan + 1 if self.plan is not None else 0]
            menu = UIDropDownMenu(
                options,
                chosen,
                pygame.Rect(cols[2].x, y, cols[3].right - cols[2].x, row_h),
                manager=self.app.manager,
                container=panel,
                object_id=ObjectID(object_id="#lesson_plan"),
            )
            menu.set_tooltip(t("setup.plan.tip"))
            self.widgets[menu] = ("", "plan")

    def _build_language(self, panel: UIPanel, actor_id: str, choice: RoleChoice, rect: pygame.Rect) -> None:
        """A human side's own language: a hotseat table can mix them (each player's screens in their own)."""
        options = [(t("setup.language.window"), "")] + [(i18n.NAMES.get(lang, lang), lang) for lang in i18n.LANGUAGES]
        chosen = next((o for o in options if o[1] == choice.language), options[0])
        menu = UIDropDownMenu(
            options,
            chosen,
            rect,
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(object_id=f"#language_{actor_id}"),
        )
        menu.set_tooltip(t("setup.language.tip"))
        self.widgets[menu] = (actor_id, "language")

    def _build_row(self, panel: UIPanel, actor_id: str, cols: list[pygame.Rect]) -> None:
        lay = self.layout
        actor = self.scenario.translated(i18n.current()).actor(actor_id)
        choice = self.roles[actor_id]
        sw = lay.px(14)
        name_rect = cols[0]
        UIImage(
            pygame.Rect(name_rect.x, name_rect.centery - sw // 2, sw, sw),
            _swatch(self.app.actor_colour(self.scenario, actor.id), sw),
            manager=self.app.manager,
            container=panel,
        )
        name_w = name_rect.width - sw - lay.px(10)
        shown = actor.name if self.text_width(actor.name, ["label"]) <= name_w - lay.px(8) else actor.short_name
        self.label(
            shown,
            pygame.Rect(name_rect.x + sw + lay.px(10), name_rect.y, name_w, name_rect.height),
            container=panel,
        ).set_tooltip(actor.public_brief[:300])
        if not actor.playable:
            self.label(t("setup.not_playable"), cols[1], "@caption", panel)
        else:
            human, computer = (t("setup.human"), "human"), (t("setup.computer"), "ai")
            played = UIDropDownMenu(
                [human, computer],
                human if choice.human else computer,
                cols[1],
                manager=self.app.manager,
                container=panel,
                object_id=ObjectID(object_id=f"#played_by_{actor_id}"),
            )
            played.set_tooltip(t("setup.played_by.tip"))
            self.widgets[played] = (actor_id, "human")
        if choice.human:
            entry = UITextEntryLine(
                cols[2],
                manager=self.app.manager,
                container=panel,
                placeholder_text=t("setup.name.placeholder"),
                object_id=ObjectID(object_id=f"#name_{actor_id}"),
            )
            entry.set_text_length_limit(24)
            if choice.name:
                entry.set_text(choice.name)
            self.widgets[entry] = (actor_id, "name")
            self._build_language(panel, actor_id, choice, cols[3])
            return
        options = [(style_name("personality", p), p) for p in PERSONALITIES]
        style = UIDropDownMenu(
            options,
            (style_name("personality", choice.personality), choice.personality),
            cols[2],
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(object_id=f"#personality_{actor_id}"),
        )
        style.set_tooltip(
            " · ".join(f"{style_name('personality', k)}: {style_about('personality', k)}" for k in PERSONALITIES)
        )
        self.widgets[style] = (actor_id, "personality")
        levels = [(style_name("difficulty", d), d) for d in DIFFICULTIES]
        level = UIDropDownMenu(
            levels,
            (style_name("difficulty", choice.difficulty), choice.difficulty),
            cols[3],
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(object_id=f"#difficulty_{actor_id}"),
        )
        level.set_tooltip(
            " · ".join(f"{style_name('difficulty', k)}: {style_about('difficulty', k)}" for k in DIFFICULTIES)
        )
        self.widgets[level] = (actor_id, "difficulty")

    def _update_status(self) -> None:
        problem = ""
        if not self.humans:
            problem = t("setup.need_human")
        elif self.seed() is None:
            problem = t("setup.bad_seed", max=MAX_SEED)
        self.status.set_text(problem)
        if problem:
            self.start_button.disable()
        else:
            self.start_button.enable()

    # --- input -------------------------------------------------------------------------------------
    def on_ui_event(self, event: pygame.event.Event) -> bool:
        target = self.widgets.get(getattr(event, "ui_element", None))
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and target and target[1] == "plan":
            value = event.ui_element.selected_option[1]
            self.choose_plan(None if value == "none" else int(value))
            self.app.refresh(self)  # the timer's drop-down shows the plan's timer
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and target and target[1] in ("timer", "on_timeout"):
            value = event.ui_element.selected_option[1]
            if target[1] == "timer":
                self.facilitation.set_timer(int(value))
            else:
                self.facilitation.on_timeout = "ai" if value == "ai" else "pass"
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and target:
            actor_id, key = target
            value = event.ui_element.selected_option[1]
            choice = self.roles[actor_id]
            self.roles[actor_id] = (
                replace(choice, human=value == "human") if key == "human" else replace(choice, **{key: value})
            )
            if key == "human":
                self.app.refresh(self)
            else:
                self._update_status()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            if target and target[1] == "name":
                self.roles[target[0]] = replace(self.roles[target[0]], name=event.ui_element.get_text())
            elif target and target[1] == "pin":
                self.pin_text = event.ui_element.get_text()
            elif event.ui_element is self.seed_entry:
                self.seed_text = self.seed_entry.get_text()
                self._update_status()
            return True
        return False

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element is self.back_button:
            self.app.pop(self)
        elif element is self.start_button:
            self.start()
        elif element is self.notes_button:
            self.open_notes()
        elif element is self.new_seed_button:
            self.seed_text = str(random.SystemRandom().randint(1, MAX_SEED))
            self.seed_entry.set_text(self.seed_text)
            self._update_status()

    def open_notes(self) -> None:
        self.app.push(NotesDialog(self.app, t("setup.notes"), self.notes_html))

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_h:
            self.open_notes()
        elif event.key == pygame.K_ESCAPE:
            self.app.pop(self)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start()
        else:
            return False
        return True
