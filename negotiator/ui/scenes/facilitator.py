"""The facilitator panel (F9, or Menu on the table): the teacher steers a classroom game.

Pause and the move timer are session controls (`Facilitation`); everything that changes the game — inject an
event, adjust a meter, a news bulletin, the deadline — is a facilitator action sent through `session.act`, so
the engine checks it, logs it as the facilitator's and a replay repeats it. Refusals show on the panel in
words. The game waits while the panel is open (the table below neither moves the AI nor runs the clock).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextEntryLine

from negotiator import i18n
from negotiator.engine import FACILITATOR, IllegalActionError, InvalidActionError
from negotiator.engine.actions import Action, AdjustMeter, InjectEvent, SendBulletin, SetDeadline
from negotiator.engine.facilitator import MAX_BULLETIN, MAX_TURNS
from negotiator.i18n import t
from negotiator.ui.app import App
from negotiator.ui.facilitation import TIMEOUT_TEXT, timer_choices, timer_text
from negotiator.ui.layout import split_h
from negotiator.ui.scene import hide_text
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.ui.session import GameSession

MAX_PIN = 12


def open_facilitator(app: App, session: GameSession, on_change: Callable[[], None] | None = None) -> None:
    """F9 and the menu item: the panel, behind the PIN when setup set one."""

    def panel() -> None:
        app.push(FacilitatorPanel(app, session, on_change))

    if session.facilitation.has_pin:
        app.push(PinDialog(app, session, panel))
    else:
        panel()


class PinDialog(Dialog):
    """Asks for the facilitator's PIN; a wrong one says so and opens nothing."""

    name = "facilitator_pin"
    title_key = "setup.pin"
    default_choice = "open"
    cancel_choice = "cancel"

    def __init__(self, app: App, session: GameSession, on_open: Callable[[], None]) -> None:
        super().__init__(app)
        self.session = session
        self.on_open = on_open
        self.error = ""

    def size(self) -> tuple[int, int]:
        return (520, 280)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", t("settings.cancel"), t("fac.back.tip")),
            Choice("open", t("fac.open"), t("fac.open.tip"), primary=True),
        ]

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        line = lay.line(15)
        self.label(
            t("fac.pin_prompt"),
            pygame.Rect(rect.x, rect.y, rect.width, line),
            container=self.card,
        )
        self.entry = UITextEntryLine(
            pygame.Rect(rect.x, rect.y + line + lay.px(8), lay.px(220), lay.button_h),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(object_id="#pin"),
        )
        hide_text(self.entry)
        self.entry.set_text_length_limit(MAX_PIN)
        self.entry.focus()
        self.status = self.label(
            self.error,
            pygame.Rect(rect.x, rect.y + line + lay.button_h + lay.px(16), rect.width, line),
            "@status_bad",
            container=self.card,
        )

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.on_choice("open")
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F9:
            self.on_choice("cancel")
            return True
        return super().on_key(event)

    def on_choice(self, key: str) -> None:
        if key != "open":
            self.app.pop(self)
            return
        if self.session.facilitation.check_pin(self.entry.get_text()):
            self.app.pop(self)
            self.on_open()
            return
        self.error = t("fac.wrong_pin")
        self.status.set_text(self.error)
        self.entry.set_text("")
        self.entry.focus()


class FacilitatorPanel(Dialog):
    """Pause, timer, inject, adjust, bulletin, deadline; `on_change` lets the table below redraw at once."""

    name = "facilitator"
    title_key = "fac.title"
    default_choice = None
    cancel_choice = "close"

    def __init__(self, app: App, session: GameSession, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.on_change = on_change
        scenario = session.scenario
        self.event_id = scenario.events[0].id if scenario.events else ""
        self.meter_id = scenario.meters[0].id if scenario.meters else ""
        self.holder = self._holders(self.meter_id)[0] if self._holders(self.meter_id) else None
        self.amount_text = "5"
        self.bulletin_text = ""
        self.deadline = session.state.turns
        self.message = ""
        self.message_good = True

    def size(self) -> tuple[int, int]:
        return (940, 620)

    def choices(self) -> list[Choice]:
        return [Choice("close", t("help.back.table"), t("fac.close.tip"), primary=True)]

    def _holders(self, meter_id: str) -> list[str]:
        return self.session.scenario.holders(meter_id) if meter_id else []

    # --- widgets -----------------------------------------------------------------------------------
    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        rows_text = [
            t(k) for k in ("fac.game", "setup.timer", "fac.inject", "fac.adjust", "fac.bulletin", "fac.deadline")
        ]
        # The rows' names are as wide as the longest in the language shown (within a quarter of the card).
        label_w = min(
            rect.width // 4, max(lay.px(170), max(self.text_width(r, ["label"]) for r in rows_text) + lay.px(12))
        )
        # The meter and whose-meter menus share their room by their longest names (a clipped name says nothing);
        # when they and the amount's controls do not fit one row, the controls take a second.
        meters = self.session.scenario.meters
        font = self.app.manager.get_theme().get_font(["drop_down_menu"])
        read = self.session.scenario.translated(i18n.current())  # the names as the menus show them
        meter_need = max((font.size(m.name)[0] for m in read.meters), default=1) + lay.px(54)
        holder_need = max((font.size(a.short_name)[0] for a in read.actors), default=1) + lay.px(54)
        button = self.app.manager.get_theme().get_font(["button"])
        amount_w = lay.px(70)
        pm_w = max(lay.px(96), max(button.size(t(k))[0] for k in ("fac.lower", "fac.raise")) + lay.px(24))
        controls_w = amount_w + 2 * pm_w + 3 * lay.gap
        meter_rows = 2 if meter_need + holder_need + lay.gap + controls_w > rect.width - label_w else 1
        rows = 5 + meter_rows
        top = lay.line(14) + lay.px(12)
        # Rows tighten to fit the card (small windows, large scale) rather than run under its buttons.
        bh = min(lay.px(36), max(lay.line(15) + lay.px(6), (rect.height - top) // rows - lay.px(4)))
        step = min(bh + lay.px(12), max(bh + lay.px(4), (rect.height - top) // rows))
        self.widgets: dict[object, str] = {}
        y = rect.y
        state = self.session.state
        fac = self.session.facilitation
        shown = self.session.scenario.translated(i18n.current())
        mover = shown.actor(state.current_actor).short_name if state.current_actor else ""
        where = t("fac.where", turn=state.turn, turns=state.turns) + (
            t("fac.to_move", name=mover) if mover else t("fac.over")
        )
        wordings = (f"{where}.  {t('fac.note')}", f"{where}. {t('fac.note.short')}", f"{where}.")
        self.label(wordings, pygame.Rect(rect.x, y, rect.width, lay.line(14)), "@caption", self.card)
        y += lay.line(14) + lay.px(12)

        def row(title: str, tip: str) -> pygame.Rect:
            nonlocal y
            self.label(title, pygame.Rect(rect.x, y, label_w, bh), container=self.card).set_tooltip(tip)
            area = pygame.Rect(rect.x + label_w, y, rect.width - label_w, bh)
            y += step
            return area

        area = row(t("fac.game"), t("fac.game.tip"))
        pause_text = t("fac.resume") if fac.paused else t("fac.pause")
        self.pause_button = self._button(
            pause_text, pygame.Rect(area.x, area.y, lay.px(220), bh), "#pause", "@primary" if fac.paused else None
        )
        status = t("fac.paused") if fac.paused else t("fac.running")
        self.label(
            status, pygame.Rect(area.x + lay.px(236), area.y, area.width - lay.px(236), bh), "@caption", self.card
        )

        area = row(t("setup.timer"), t("fac.timer.tip"))
        timer_w = lay.px(150)
        when_w = max(lay.px(150), self.text_width(t("fac.when"), ["@caption", "label"]) + lay.px(8))
        lengths = timer_choices(fac.timer_seconds)
        self.timer_menu = self._menu(
            [(timer_text(s), str(s)) for s in lengths],
            (timer_text(fac.timer_seconds), str(fac.timer_seconds or 0)),
            pygame.Rect(area.x, area.y, timer_w, bh),
            "timer",
        )
        self.label(t("fac.when"), pygame.Rect(area.x + timer_w + lay.gap, area.y, when_w, bh), "@caption", self.card)
        x = area.x + timer_w + when_w + 2 * lay.gap
        self.timeout_menu = self._menu(
            [(text, key) for key, text in TIMEOUT_TEXT.items()],
            (TIMEOUT_TEXT[fac.on_timeout], fac.on_timeout),
            pygame.Rect(x, area.y, area.right - x, bh),
            "on_timeout",
        )

        area = row(t("fac.inject"), t("fac.inject.tip"))
        events = shown.events
        menu_r, go_r = split_h(area, [1.0, float(lay.px(160))], lay.gap)
        if events:
            current = next(e for e in events if e.id == self.event_id)
            self.event_menu = self._menu([(e.name, e.id) for e in events], (current.name, current.id), menu_r, "event")
            self.inject_button = self._button(t("fac.inject_now"), go_r, "#inject")
        else:
            self.label(t("fac.no_events"), menu_r, "@caption", self.card)
            self.inject_button = None

        area = row(t("fac.adjust"), t("fac.adjust.tip"))
        meter_share = meter_need / (meter_need + holder_need)
        if meter_rows == 1:
            meter_r, holder_r, amount_r, minus_r, plus_r = split_h(
                area, [meter_share, 1 - meter_share, float(amount_w), float(pm_w), float(pm_w)], lay.gap
            )
        else:
            meter_r, holder_r = split_h(area, [meter_share, 1 - meter_share], lay.gap)
            below = pygame.Rect(area.x, y, controls_w, bh)
            y += step
            amount_r, minus_r, plus_r = split_h(below, [float(amount_w), float(pm_w), float(pm_w)], lay.gap)
        self.minus_button = self.plus_button = None
        if meters:
            meter = shown.meter(self.meter_id)
            names_of = {m.id: m.name for m in shown.meters}
            self.meter_menu = self._menu(
                [(names_of[m.id], m.id) for m in meters], (meter.name, meter.id), meter_r, "meter"
            )
            holders = self._holders(self.meter_id)
            if holders:
                names = [(shown.actor(a).short_name, a) for a in holders]
                chosen = next(n for n in names if n[1] == self.holder)
                self._menu(names, chosen, holder_r, "holder")
            else:
                self.label(t("fac.shared"), holder_r, "@caption", self.card)
            self.amount_entry = self._entry(amount_r, self.amount_text, "amount", "#amount")
            self.amount_entry.set_allowed_characters([*"0123456789."])
            self.amount_entry.set_text_length_limit(5)
            self.minus_button = self._button(t("fac.lower"), minus_r, "#lower")
            self.plus_button = self._button(t("fac.raise"), plus_r, "#raise")
        else:
            self.label(t("fac.no_meters"), meter_r, "@caption", self.card)

        area = row(t("fac.bulletin"), t("fac.bulletin.tip"))
        entry_r, go_r = split_h(area, [1.0, float(lay.px(160))], lay.gap)
        self.bulletin_entry = self._entry(entry_r, self.bulletin_text, "bulletin", "#bulletin")
        self.bulletin_entry.set_text_length_limit(MAX_BULLETIN)
        self.bulletin_button = self._button(t("fac.publish"), go_r, "#publish")

        area = row(t("fac.deadline"), t("fac.deadline.tip"))
        step_w = lay.px(44)
        deadline_w = max(lay.px(190), button.size(t("fac.set_deadline"))[0] + lay.px(24))
        self.earlier = self._button("‹", pygame.Rect(area.x, area.y, step_w, bh), "#earlier")
        self.label(
            t("fac.turn", turn=self.deadline),
            pygame.Rect(area.x + step_w, area.y, lay.px(100), bh),
            container=self.card,
            object_id="#centred",
        )
        self.later = self._button("›", pygame.Rect(area.x + step_w + lay.px(100), area.y, step_w, bh), "#later")
        x = area.x + 2 * step_w + lay.px(100) + lay.gap
        self.deadline_button = self._button(
            t("fac.set_deadline"), pygame.Rect(x, area.y, deadline_w, bh), "#set_deadline"
        )
        x += deadline_w + lay.gap
        self.label(
            t("fac.now_last", turns=state.turns), pygame.Rect(x, area.y, area.right - x, bh), "@caption", self.card
        )
        if self.deadline <= state.turn:
            self.earlier.disable()
        if self.deadline >= MAX_TURNS:
            self.later.disable()

        self.status = self.label(
            self.message,
            pygame.Rect(rect.x, y, rect.width, lay.line(15)),
            "@status_good" if self.message_good else "@status_bad",
            self.card,
        )

    def _button(self, text: str, rect: pygame.Rect, object_id: str, class_id: str | None = None) -> UIButton:
        return self.button(text, rect, container=self.card, object_id=object_id, class_id=class_id)

    def _menu(
        self, options: list[tuple[str, str]], current: tuple[str, str], rect: pygame.Rect, key: str
    ) -> UIDropDownMenu:
        menu = UIDropDownMenu(
            options,  # type: ignore[arg-type]
            current,
            rect,
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(object_id=f"#{key}_menu"),
            expansion_height_limit=self.layout.px(260),
        )
        self.widgets[menu] = key
        return menu

    def _entry(self, rect: pygame.Rect, text: str, key: str, object_id: str) -> UITextEntryLine:
        entry = UITextEntryLine(
            rect, manager=self.app.manager, container=self.card, object_id=ObjectID(object_id=object_id)
        )
        if text:
            entry.set_text(text)
        self.widgets[entry] = key
        return entry

    # --- doing -------------------------------------------------------------------------------------
    def act(self, action: Action, done: str = "") -> bool:
        """Send a facilitator action; say what happened, or why the engine refused it."""
        try:
            self.session.act(action)
        except (IllegalActionError, InvalidActionError) as exc:
            self.say(t("text.fac.not_done", error=exc), good=False)
            return False
        entries = self.session.state.entries
        self.say(done or (t("fac.done_with", text=entries[-1].text) if entries else t("fac.done")))
        if self.on_change is not None:
            self.on_change()
        return True

    def say(self, text: str, good: bool = True) -> None:
        self.message, self.message_good = text, good
        self.app.refresh(self)

    def toggle_pause(self) -> None:
        fac = self.session.facilitation
        fac.paused = not fac.paused
        self.say(t("fac.is_paused") if fac.paused else t("fac.runs_again"))

    def inject(self) -> None:
        event = next((e for e in self.session.scenario.events if e.id == self.event_id), None)
        if event is not None:
            name = (
                self.session.scenario.translated(i18n.current()).events[self.session.scenario.events.index(event)].name
            )
            self.act(InjectEvent(FACILITATOR, event=event.id), t("fac.injected", name=name))

    def adjust(self, sign: int) -> None:
        try:
            amount = float(self.amount_text)
        except ValueError:
            self.say(t("fac.amount"), good=False)
            return
        holder = self.holder if self._holders(self.meter_id) else None
        self.act(AdjustMeter(FACILITATOR, meter=self.meter_id, holder=holder, change=sign * amount))

    def publish(self) -> None:
        if self.act(SendBulletin(FACILITATOR, text=self.bulletin_text), t("fac.published")):
            self.bulletin_text = ""
            self.app.refresh(self)

    def set_deadline(self) -> None:
        self.act(SetDeadline(FACILITATOR, turns=self.deadline))

    # --- input -------------------------------------------------------------------------------------
    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        actions: dict[object, Callable[[], None]] = {
            self.pause_button: self.toggle_pause,
            self.bulletin_button: self.publish,
            self.deadline_button: self.set_deadline,
            self.earlier: lambda: self.move_deadline(-1),
            self.later: lambda: self.move_deadline(1),
        }
        if self.inject_button is not None:
            actions[self.inject_button] = self.inject
        if self.minus_button is not None and self.plus_button is not None:
            actions[self.minus_button] = lambda: self.adjust(-1)
            actions[self.plus_button] = lambda: self.adjust(1)
        handler = actions.get(element)
        if handler is not None:
            handler()
        else:
            super().on_button(element)

    def move_deadline(self, step: int) -> None:
        self.deadline = max(self.session.state.turn, min(MAX_TURNS, self.deadline + step))
        self.app.refresh(self)

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        key = self.widgets.get(getattr(event, "ui_element", None))
        if key is None:
            return False
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self.choose(key, event.ui_element.selected_option[1])
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            text = event.ui_element.get_text()
            if key == "amount":
                self.amount_text = text
            elif key == "bulletin":
                self.bulletin_text = text
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and key == "bulletin":
            self.bulletin_text = event.ui_element.get_text()
            self.publish()
            return True
        return False

    def choose(self, key: str, value: str) -> None:
        """A drop-down changed: remember the choice (timer settings apply at once)."""
        fac = self.session.facilitation
        if key == "timer":
            fac.set_timer(int(value))
            self.say(
                t("fac.timer_set", timer=timer_text(fac.timer_seconds)) if fac.timer_seconds else t("fac.timer_off")
            )
        elif key == "on_timeout":
            fac.on_timeout = "ai" if value == "ai" else "pass"
            self.say(t("fac.when_set", what=TIMEOUT_TEXT[fac.on_timeout].lower()))
        elif key == "event":
            self.event_id = value
        elif key == "meter":
            self.meter_id = value
            holders = self._holders(value)
            self.holder = self.holder if self.holder in holders else (holders[0] if holders else None)
            self.app.refresh(self)
        elif key == "holder":
            self.holder = value

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F9:
            self.on_choice("close")
            return True
        return super().on_key(event)
