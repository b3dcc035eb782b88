"""The teacher's screen: every table of a hosted class at a glance, and the host's facilitator commands.

It holds a `ClassControl` and reads only its `TableOverview`s (see `negotiator.host.overview`): turn, whose move,
open offers, the meters players see, whether a zone of agreement exists, who is connected. No team's values,
no-deal value or red lines ever reach it. The cards are drawn with the theme's fonts (no text boxes), so ten tables
redraw in a few milliseconds; the overview is fetched twice a second.
"""

from __future__ import annotations

import math

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIDropDownMenu, UITextEntryLine

from negotiator import i18n
from negotiator.host import qr
from negotiator.host.control import ClassControl, RemoteClassControl
from negotiator.host.overview import TableOverview
from negotiator.host.session import SessionError
from negotiator.i18n import t
from negotiator.ui.facilitation import clock_text, timer_choices, timer_text
from negotiator.ui.layout import split_h, split_v
from negotiator.ui.scene import Scene
from negotiator.ui.table import paint
from negotiator.words import count

REFRESH = 0.5  # seconds between two overviews
ALL = "all"
#: What the teacher chooses happens when a student's move runs out of time (the window's own words, shorter).
TIMEOUT_KEYS = {"pass": "teacher.then.pass", "ai": "teacher.then.ai"}
SEAT_KEYS = {s: f"teacher.seat.{s}" for s in ("student", "reading", "away", "ai", "free")}


def timeout_words() -> dict[str, str]:
    return {mode: t(key) for mode, key in TIMEOUT_KEYS.items()}


def seat_text(status: str) -> str:
    return t(SEAT_KEYS[status]) if status in SEAT_KEYS else status


def grid(n: int, rect: pygame.Rect, gap: int) -> list[pygame.Rect]:
    """`n` cards in rows and columns filling `rect`, as near square as the area allows (10 tables in a wide
    window: 5 by 2)."""
    if n <= 0:
        return []
    cols = max(1, min(n, math.ceil((n * rect.width / max(1, rect.height)) ** 0.5)))
    rows = -(-n // cols)
    w = (rect.width - gap * (cols - 1)) // cols
    h = (rect.height - gap * (rows - 1)) // rows
    return [pygame.Rect(rect.x + (i % cols) * (w + gap), rect.y + (i // cols) * (h + gap), w, h) for i in range(n)]


def packages(n: int) -> str:
    return count(n, "package")


def table_state(t: TableOverview) -> str:
    if t.over:
        return i18n.t("teacher.state.over")
    if t.paused:
        return i18n.t("teacher.state.paused")
    return i18n.t("teacher.state.playing") if t.started else i18n.t("teacher.state.waiting")


class TeacherScene(Scene):
    name = "teacher"
    #: The room view for the projector leaves out what only the teacher may see: the zone of agreement (worked out
    #: from every team's private values) and the students' names.
    projector = False

    def __init__(self, app: object, control: ClassControl | RemoteClassControl) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.control = control
        self.tables: list[TableOverview] = control.overview()
        self.since = 0.0
        self.result = t("teacher.code", code=control.code) + (
            " · " + t("teacher.join_at", address=control.address) if control.address else ""
        )
        self.target = ALL
        self.event = control.events[0][0] if control.events else ""
        self.meter = ""
        self.timer = 120
        self.on_timeout = "pass"

    # --- building -----------------------------------------------------------------------------------
    def build(self) -> None:
        if hasattr(self.control, "use_language"):  # beside the host: the scenario's names in the window's language
            self.control.use_language(i18n.current())
        lay = self.layout
        area = lay.inner(pad=lay.px(16))
        bh = lay.button_h
        head, body, foot, foot2, foot3, status = split_v(
            area, [lay.line(22) + lay.px(6), 1.0, bh, bh, bh, lay.line(14)], lay.px(8)
        )
        self.head = head
        self.status_rect = status
        self.fonts = paint.Fonts.from_app(self.app)
        # The five buttons as wide as their words need (at least a fifth of 700 px each), right-aligned.
        words = [
            t(k)
            for k in ("teacher.start_all", "teacher.pause_all", "teacher.go_all", "teacher.room", "teacher.debrief")
        ]
        widths = [max(lay.px(134), self.text_width(w) + lay.px(28)) for w in words]
        self.buttons_w = sum(widths) + lay.px(6) * 4
        buttons = split_h(
            pygame.Rect(head.right - self.buttons_w, head.y, self.buttons_w, head.height),
            [float(w) for w in widths],
            lay.px(6),
        )
        self.room_btn = self.button(t("teacher.room"), buttons[3], tooltip=t("teacher.room.tip"))
        local = getattr(self.control, "has_debrief", False)
        self.debrief_btn = self.button(
            t("teacher.debrief"),
            buttons[4],
            tooltip=t("teacher.debrief.tip") if local else t("teacher.debrief.remote"),
        )
        if not local:
            self.debrief_btn.disable()
        self.start_all = self.button(t("teacher.start_all"), buttons[0], tooltip=t("teacher.start_all.tip"))
        self.pause_all = self.button(t("teacher.pause_all"), buttons[1], tooltip=t("teacher.pause_all.tip"))
        self.go_all = self.button(t("teacher.go_all"), buttons[2], tooltip=t("teacher.go_all.tip"))
        self.cards = grid(len(self.tables), body, lay.px(10))
        self.card_buttons: dict[UIButton, int] = {}
        self.pause_w = max(self.text_width(t("teacher.go_on")), self.text_width(t("teacher.pause"))) + lay.px(28)
        small = max(lay.px(28), lay.line(13) + lay.px(8))
        for table, card in zip(self.tables, self.cards, strict=True):
            rect = pygame.Rect(card.right - self.pause_w - lay.px(6), card.y + lay.px(6), self.pause_w, small)
            btn = self.button(
                t("teacher.go_on") if table.paused else t("teacher.pause"),
                rect,
                tooltip=t("teacher.pause.tip", table=table.number),
                object_id=f"#pause_{table.number}",
            )
            if table.over:
                btn.disable()
            self.card_buttons[btn] = table.number
        # two rows: where and what to inject (event names are long), then the bulletin
        pad = lay.px(28)
        where_words = [t("teacher.all_tables"), *(t("teacher.table", table=x.number) for x in self.tables)]
        where_w = max(lay.px(170), max(self.text_width(w) for w in where_words) + lay.px(44))
        inject_w = max(lay.px(150), self.text_width(t("teacher.inject")) + pad)
        where, event, inject = split_h(foot, [where_w, 1.0, inject_w], lay.px(8))
        timer_w = max(self.text_width(timer_text(n)) for n in timer_choices()) + lay.px(44)
        then_w = max(self.text_width(words) for words in timeout_words().values()) + lay.px(44)
        text, send, timer, then, set_timer = split_h(
            foot2,
            [
                1.0,
                max(lay.px(170), self.text_width(t("teacher.send")) + pad),
                timer_w,
                then_w,
                self.text_width(t("teacher.set_timer")) + pad,
            ],
            lay.px(8),
        )
        targets = [(t("teacher.all_tables"), ALL)] + [
            (t("teacher.table", table=table.number), str(table.number)) for table in self.tables
        ]
        chosen = next((o for o in targets if o[1] == self.target), targets[0])
        self.where = UIDropDownMenu(
            targets,
            chosen,
            where,
            manager=self.app.manager,
            container=self.root,
            object_id=ObjectID(object_id="#target"),
            expand_on_option_click=True,
        )
        events = [(name, eid) for eid, name in self.control.events] or [(t("teacher.no_events"), "")]
        picked = next((o for o in events if o[1] == self.event), events[0])
        self.event_menu = UIDropDownMenu(
            events, picked, event, manager=self.app.manager, container=self.root, object_id=ObjectID(object_id="#event")
        )
        self.inject_btn = self.button(t("teacher.inject"), inject, tooltip=t("teacher.inject.tip"))
        if not self.control.events:
            self.inject_btn.disable()
        self.bulletin = UITextEntryLine(
            text, manager=self.app.manager, container=self.root, object_id=ObjectID(object_id="#bulletin")
        )
        self.bulletin.set_text_length_limit(300)
        self.send_btn = self.button(t("teacher.send"), send, tooltip=t("teacher.send.tip"))
        choices = [(timer_text(n), str(n)) for n in timer_choices()]
        chosen = next((o for o in choices if o[1] == str(self.timer)), choices[0])
        self.timer_menu = UIDropDownMenu(
            choices,
            chosen,
            timer,
            manager=self.app.manager,
            container=self.root,
            object_id=ObjectID(object_id="#timer"),
        )
        modes = [(word, mode) for mode, word in timeout_words().items()]
        self.then_menu = UIDropDownMenu(
            modes,
            next((o for o in modes if o[1] == self.on_timeout), modes[0]),
            then,
            manager=self.app.manager,
            container=self.root,
            object_id=ObjectID(object_id="#on_timeout"),
        )
        self.timer_btn = self.button(t("teacher.set_timer"), set_timer, tooltip=t("teacher.set_timer.tip"))
        self._build_steering(foot3)

    def _build_steering(self, row: pygame.Rect) -> None:
        """The third row: a meter raised or lowered and the deadline moved, at the tables chosen on the first row."""
        lay = self.layout
        pad = lay.px(28)
        widths = [
            1.0,
            lay.px(64),
            self.text_width(t("teacher.lower")) + pad,
            self.text_width(t("teacher.raise")) + pad,
            lay.px(56),
            self.text_width(t("teacher.set_deadline")) + pad,
        ]
        meter, amount, lower, raise_, deadline, set_deadline = split_h(row, widths, lay.px(6))
        meters = self.meter_choices() or [(t("teacher.no_meters"), "")]
        picked = next((o for o in meters if o[1] == self.meter), meters[0])
        self.meter_menu = UIDropDownMenu(
            meters, picked, meter, manager=self.app.manager, container=self.root, object_id=ObjectID(object_id="#meter")
        )
        self.amount = UITextEntryLine(
            amount, manager=self.app.manager, container=self.root, object_id=ObjectID(object_id="#amount")
        )
        self.amount.set_text_length_limit(8)
        self.amount.set_allowed_characters([*"0123456789."])
        self.amount.set_text("5")
        self.lower_btn = self.button(t("teacher.lower"), lower, tooltip=t("teacher.lower.tip"))
        self.raise_btn = self.button(t("teacher.raise"), raise_, tooltip=t("teacher.raise.tip"))
        if len(meters) == 1 and not meters[0][1]:
            self.lower_btn.disable()
            self.raise_btn.disable()
        self.deadline = UITextEntryLine(
            deadline, manager=self.app.manager, container=self.root, object_id=ObjectID(object_id="#deadline")
        )
        self.deadline.set_text_length_limit(3)
        self.deadline.set_allowed_characters("numbers")
        self.deadline.set_text(str(max((table.turns for table in self.tables), default=1)))
        self.deadline_btn = self.button(t("teacher.set_deadline"), set_deadline, tooltip=t("teacher.set_deadline.tip"))

    def meter_choices(self) -> list[tuple[str, str]]:
        """Every meter the players see, one entry per holder of a per-side meter (`meter@actor`, as `adjust`
        takes it), read off the overview so a remote screen offers the same."""
        keys = list(self.tables[0].meters) if self.tables else []
        out = []
        for key in keys:
            meter, _, holder = key.partition("@")
            if meter not in self.control.meter_names:
                continue
            name = self.control.meter_names[meter]
            out.append((f"{name} · {self.control.names.get(holder, holder)}" if holder else name, key))
        return out

    # --- drawing ------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        pal = self.app.palette
        f = self.fonts
        lay = self.layout
        room = self.head.width - self.buttons_w - lay.px(20)
        code = t("teacher.code.short", code=self.control.code)
        wordings = (f"{self.control.title}  ·  {code}", code)
        paint.text(surface, f.big, paint.first_fitting(f.big, wordings, room), self.head.topleft, pal["text"])
        for table, card in zip(self.tables, self.cards, strict=True):
            self._card(surface, table, card)
        colour = pal["bad"] if self.result.startswith("!") else pal["text_secondary"]
        paint.text(surface, f.small, self.result, self.status_rect.topleft, colour, max_width=self.status_rect.width)

    def _card(self, surface: pygame.Surface, t: TableOverview, card: pygame.Rect) -> None:
        """One table's card. Lines wrap rather than being cut; on a small window with large text, the sections
        that do not fit whole (meters first, then offers' terms) are left out, never shown in part."""
        pal, f, lay = self.app.palette, self.fonts, self.layout
        pygame.draw.rect(surface, pal["screen_glow"], card, border_radius=lay.px(8))
        edge = pal["warn"] if t.paused else pal["accent"] if not t.over else pal["rule"]
        pygame.draw.rect(surface, edge, card, width=2, border_radius=lay.px(8))
        pad = lay.px(10)
        x, w, bottom = card.x + pad, card.width - 2 * pad, card.bottom - pad
        names = self.control.names
        y = card.y + pad

        def put(
            font: object, string: str, colour: pygame.Color, indent: int = 0, dot: pygame.Color | None = None
        ) -> bool:
            nonlocal y
            lines = paint.wrap(font, string, w - indent)  # type: ignore[arg-type]
            height = paint.line_height(font) * len(lines)  # type: ignore[arg-type]
            if y + height > bottom:
                return False
            if dot is not None:
                pygame.draw.circle(surface, dot, (x + lay.px(5), y + paint.line_height(font) // 2), lay.px(4))  # type: ignore[arg-type]
            for line in lines:
                paint.text(surface, font, line, (x + indent, y), colour)  # type: ignore[arg-type]
                y += paint.line_height(font)  # type: ignore[arg-type]
            return True

        button_w = getattr(self, "pause_w", 0) + lay.px(4)  # the room view has no buttons
        title = paint.first_fitting(f.head, (i18n.t("teacher.table", table=t.number), str(t.number)), w - button_w)
        paint.text(surface, f.head, title, (x, y), pal["text"])
        y += max(paint.line_height(f.head), lay.px(30)) + lay.px(2)
        if t.over:
            ending = self.control.ending_words(t.ending) if hasattr(self.control, "ending_words") else t.ending
            if not put(f.small, i18n.t("teacher.over_at", turn=t.turn, turns=t.turns, ending=ending), pal["text"]):
                return
        else:
            mover = names.get(t.current_actor or "", i18n.t("teacher.nobody"))
            state = (
                i18n.t("teacher.state.paused")
                if t.paused
                else i18n.t("teacher.move", mover=mover)
                if t.started
                else i18n.t("teacher.state.waiting").lower()
            )
            turn = i18n.t("teacher.turn", turn=t.turn, turns=t.turns)
            if not put(f.bold, f"{turn} · {state}", pal["warn"] if t.paused else pal["accent"]):
                return
            if t.timer_left is not None:
                if y + self._timer_height(t) > bottom:
                    return
                self._timer_line(surface, t, x, y, w)
                y += self._timer_height(t)
        for seat in t.seats:
            student = seat.name if seat.name and not self.projector else ""
            who = f"{names.get(seat.seat, seat.seat)}: {student + ' · ' if student else ''}"
            who += seat_text(seat.status)
            dot = {"student": pal["good"], "reading": pal["good"], "away": pal["bad"], "ai": pal["neutral"]}.get(
                seat.status, pal["text_secondary"]
            )
            if not put(f.small, who, pal["text"], lay.px(14), dot):
                return
        if not t.over and not self.projector:
            zone = i18n.t("teacher.zone", packages=packages(t.zone)) if t.zone else i18n.t("teacher.zone.none")
            if not put(f.small, zone, pal["good"] if t.zone else pal["bad"]):
                return
        agreed = i18n.t("teacher.agreed", settled=len(t.settled), issues=len(self.control.issue_names))
        if not put(f.small, f"{count(len(t.offers), 'open offer')} · {agreed}", pal["text_secondary"]):
            return
        for o in t.offers[-2:]:
            terms = ", ".join(self.control.option_labels.get((i, p), p) for i, p in o.terms)
            if not put(f.small, f"#{o.id} {names.get(o.proposer, o.proposer)}: {terms}", pal["text"], lay.px(8)):
                break
        bar_h = lay.px(5)
        for meter in self.control.shared_meters:
            if meter not in t.meters or y + paint.line_height(f.small) + bar_h > bottom:
                continue
            low, high = self.control.meter_ranges[meter]
            value = t.meters[meter]
            if not put(f.small, f"{self.control.meter_names[meter]} {i18n.number(value)}", pal["text_secondary"]):
                break
            share = (value - low) / (high - low) if high > low else 0.0
            paint.bar(surface, pygame.Rect(x, y, w, bar_h), share, pal["accent"], pal["rule"])
            y += bar_h + lay.px(3)

    def _timer_height(self, t: TableOverview) -> int:
        if t.timer_left is None:
            return 0
        return paint.line_height(self.fonts.big if self.projector else self.fonts.bold)

    def _timer_line(self, surface: pygame.Surface, t: TableOverview, x: int, y: int, w: int) -> None:
        """The move's countdown (large in the room view): orange under 30 seconds, red under 10, as at a table."""
        assert t.timer_left is not None
        pal = self.app.palette
        left = t.timer_left
        colour = pal["bad"] if left < 10 else pal["warn"] if left < 30 else pal["text"]
        font = self.fonts.big if self.projector else self.fonts.bold
        key = "teacher.timer.paused" if t.paused else "teacher.timer.left"
        paint.text(surface, font, i18n.t(key, clock=clock_text(left)), (x, y), colour, max_width=w)

    # --- input --------------------------------------------------------------------------------------
    def _target(self) -> int | None:
        selected = self.where.selected_option
        key = selected[1] if isinstance(selected, tuple) else str(selected)
        self.target = key
        return None if key == ALL else int(key)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element is self.room_btn:
            self.app.push(RoomScene(self.app, self.control))
            return
        if element is getattr(self, "debrief_btn", None):
            from negotiator.ui.scenes.class_debrief import ClassDebriefScene

            self.app.push(ClassDebriefScene(self.app, self.control))  # type: ignore[arg-type]
            return
        try:
            self._command(element)
        except SessionError as exc:  # a teacher's screen on another computer lost the host
            self.result = f"! {exc}"
            return
        self.refresh_overview()

    def _command(self, element: object) -> None:
        if element in self.card_buttons:
            number = self.card_buttons[element]  # type: ignore[index]
            table = next(table for table in self.tables if table.number == number)
            self.result = "; ".join(self.control.pause(number, not table.paused))
        elif element is self.pause_all:
            self.result = "; ".join(self.control.pause(None, True))
        elif element is self.go_all:
            self.result = "; ".join(self.control.pause(None, False))
        elif element is self.start_all:
            self.result = "; ".join(self.control.start(None))
        elif element is self.send_btn:
            self._facilitate(f"bulletin {self.bulletin.get_text().strip()}", clear=True)
        elif element is self.inject_btn:
            self.event = _chosen(self.event_menu)
            self._facilitate(f"inject {self.event}")
        elif element in (self.lower_btn, self.raise_btn):
            self.meter = _chosen(self.meter_menu)
            try:
                amount = float(self.amount.get_text() or "0")
            except ValueError:
                self.result = "! " + t("teacher.amount.bad")
                return
            change = amount if element is self.raise_btn else -amount
            self._facilitate(f"adjust {self.meter} {change:+g}")
        elif element is self.deadline_btn:
            self._facilitate(f"deadline {self.deadline.get_text() or 0}")
        elif element is self.timer_btn:
            self.timer = int(_chosen(self.timer_menu) or 0)
            self.on_timeout = _chosen(self.then_menu) or "pass"
            self.result = "; ".join(self.control.set_timer(self._target(), self.timer, self.on_timeout))

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.bulletin:
            self.on_button(self.send_btn)
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_r:
            self.app.push(RoomScene(self.app, self.control))
            return True
        return False

    def _facilitate(self, text: str, clear: bool = False) -> None:
        try:
            lines = self.control.facilitate(self._target(), text)
        except ValueError as exc:
            self.result = f"! {exc}"
            return
        done = [line for line in lines if line.endswith(": done")]
        others = [line for line in lines if not line.endswith(": done")]
        self.result = t("teacher.done", tables=count(len(done), "table")) + (f"; {'; '.join(others)}" if others else "")
        if clear and done:
            self.bulletin.set_text("")

    # --- per frame ----------------------------------------------------------------------------------
    def _keep_typed(self) -> dict[str, str]:
        self._target()
        self.meter = _chosen(self.meter_menu)
        self.timer = int(_chosen(self.timer_menu) or 0)
        self.on_timeout = _chosen(self.then_menu) or "pass"
        return {
            "bulletin": self.bulletin.get_text(),
            "amount": self.amount.get_text(),
            "deadline": self.deadline.get_text(),
        }

    def refresh_overview(self) -> None:
        tables = self._fetch()
        if tables is None:
            return
        buttons_changed = [(x.paused, x.over) for x in tables] != [(x.paused, x.over) for x in self.tables]
        changed = tables != self.tables
        self.tables = tables
        self.since = 0.0
        if buttons_changed:  # the cards' buttons say Pause or Go on: rebuild, keeping what was chosen and typed
            typed = self._keep_typed()
            self.app.refresh(self)
            for name, text in typed.items():
                getattr(self, name).set_text(text)
        elif changed:
            self.app.invalidate()

    def _fetch(self) -> list[TableOverview] | None:
        """The latest overview; None (the last one stays up, the line says why) when the host cannot be reached."""
        self.since = 0.0
        try:
            tables = self.control.overview()
        except SessionError as exc:
            self.result = f"! {exc}"
            self.app.invalidate()
            return None
        if len(tables) != len(self.tables):  # cannot happen with one class; rebuild rather than mismatch
            self.tables = tables
            self.app.refresh(self)
            return None
        return tables

    def update(self, dt: float) -> None:
        self.since += dt
        if self.since >= REFRESH:
            self.refresh_overview()


def qr_surface(text: str, side: int) -> pygame.Surface:
    """The QR code of `text` drawn dark on white, whole modules only, at most `side` pixels square (its quiet
    zone included, so it reads on a dark theme too)."""
    rows = qr.matrix(text)
    n = len(rows)
    scale = max(1, side // n)
    out = pygame.Surface((n * scale, n * scale))
    out.fill((255, 255, 255))
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                out.fill((0, 0, 0), pygame.Rect(c * scale, r * scale, scale, scale))
    return out


def _chosen(menu: UIDropDownMenu) -> str:
    selected = menu.selected_option
    return selected[1] if isinstance(selected, tuple) else str(selected)


class RoomScene(TeacherScene):
    """The room view for the projector: how to join (with the join line's QR code), and the public state of every
    table in large type, each move's countdown large when the move timer runs. Esc (or Back) returns to the
    teacher's screen."""

    name = "room"
    projector = True

    def build(self) -> None:
        if hasattr(self.control, "use_language"):
            self.control.use_language(i18n.current())
        lay = self.layout
        area = lay.inner(pad=lay.px(16))
        self.fonts = paint.Fonts.from_app(self.app)
        head_h = paint.line_height(self.fonts.big) * 2 + lay.px(8)
        head, body = split_v(area, [head_h, 1.0], lay.px(10))
        self.head = head
        self.status_rect = pygame.Rect(0, 0, 0, 0)
        self.back = self.button(
            t("teacher.back"),
            pygame.Rect(head.right - lay.px(120), head.y, lay.px(120), lay.button_h),
            tooltip=t("key.esc"),
        )
        self.qr: pygame.Surface | None = None
        self.qr_rect = pygame.Rect(0, 0, 0, 0)
        caption = 2 * paint.line_height(self.fonts.small) + lay.px(4)  # the QR's caption: up to two lines
        side = min(body.height - caption, lay.px(260), body.width // 4)
        if self.control.address and side >= lay.px(120):
            cards, column = split_h(body, [1.0, side], lay.px(10))
            self.qr = qr_surface(qr.join_line(self.control.address, self.control.code), side)
            self.qr_rect = self.qr.get_rect(topleft=column.topleft)
        else:
            cards = body
        self.cards = grid(len(self.tables), cards, lay.px(10))
        self.card_buttons = {}

    def draw(self, surface: pygame.Surface) -> None:
        pal, f = self.app.palette, self.fonts
        x, y = self.head.topleft
        w = self.head.width - self.layout.px(140)
        paint.text(surface, f.big, self.control.title, (x, y), pal["text"], max_width=w)
        y += paint.line_height(f.big)
        where = self.control.address or t("teacher.room.address")
        code = t("teacher.code.short", code=self.control.code)
        wordings = (
            t("teacher.room.join.long", where=where, code=code),
            t("teacher.room.join.medium", where=where, code=code),
            f"{where} · {code}",
        )
        join = paint.first_fitting(f.big, wordings, self.head.width)
        paint.text(surface, f.big, join, (x, y), pal["accent"], max_width=self.head.width)
        for table, card in zip(self.tables, self.cards, strict=True):
            self._card(surface, table, card)
        if self.qr is not None:
            surface.blit(self.qr, self.qr_rect)
            below = (self.qr_rect.x, self.qr_rect.bottom + self.layout.px(4))
            for n, line in enumerate(paint.wrap(f.small, t("teacher.room.scan"), self.qr_rect.width)[:2]):
                at = (below[0], below[1] + n * paint.line_height(f.small))
                paint.text(surface, f.small, line, at, pal["text_secondary"], max_width=self.qr_rect.width)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element is self.back:
            self.app.pop(self)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE:
            self.app.pop(self)
            return True
        return False

    def refresh_overview(self) -> None:
        tables = self._fetch()
        if tables is None:
            return
        changed = tables != self.tables
        self.tables, self.since = tables, 0.0
        if changed:
            self.app.invalidate()
