"""The title screen's Join dialog: sit at a table a teacher hosts (`negotiator host`), from this window.

Two steps, both off the frame loop (a host that does not answer must not freeze the window): *Find seats* asks the
host which seats are free (a wrong code or no host is said here), then *Join* takes the chosen seat (or returns to
the seat this computer held, with its kept token) and opens the remote table. The table gets a `SeatSession`
and nothing else: it never learns whether the host runs in this process or across the room.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIDropDownMenu, UILabel, UITextEntryLine

from negotiator import i18n
from negotiator.host import messages as m
from negotiator.host.session import RemoteSession, SeatSession, SessionError, free_seats, host_address
from negotiator.host.tokens import save_token, saved_tokens, token_key
from negotiator.i18n import t
from negotiator.scenario.textrules import visible
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.words import count

ANY_SEAT = "any"
KEPT_SEAT = "kept"

# The host's refusal codes, said for a student (the host's own sentence follows).
CODE_HINTS = (
    "bad_code",
    "no_host",
    "bad_address",
    "no_seat",
    "no_table",
    "rate_limited",
    "bad_token",
)  # join.hint.<code>


def explain(error: SessionError) -> str:
    hint = t(f"join.hint.{error.code}") if error.code in CODE_HINTS else t("join.hint.other")
    return f"{hint} {error}"


class Job:
    """One call in a background thread; `done` and `result`/`error` are read by the frame loop."""

    def __init__(self, work: Callable[[], Any]):
        self.result: Any = None
        self.error: SessionError | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), name="negotiator-join", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            self.result = work()
        except SessionError as exc:
            self.error = exc

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()


def code_problem(code: str) -> str | None:
    code = code.strip().upper()
    if len(code) != m.CODE_LENGTH or any(c not in m.CODE_ALPHABET for c in code):
        return t("join.code_problem", n=m.CODE_LENGTH)
    return None


def last_joined() -> tuple[str, str]:
    """The address and code of the seat this computer joined last (a student coming back types nothing)."""
    keys = list(saved_tokens())
    if not keys:
        return "", ""
    address, _, code = keys[-1].rpartition("|")
    return address, code


class JoinDialog(Dialog):
    """Address, class code, name and seat; opens the remote table once the host has given a seat."""

    name = "join"
    title_key = "title.join"
    default_choice = "find"
    cancel_choice = "cancel"

    def __init__(
        self,
        app: Any,
        *,
        address: str = "",
        code: str = "",
        student: str = "",
        open_table: Callable[[SeatSession], None] | None = None,
    ) -> None:
        super().__init__(app)
        if not address and not code:
            address, code = last_joined()
        self.fields = {"address": address, "code": code, "student": student}
        self.seats: m.SeatList | None = None
        self.choice = ANY_SEAT
        self.status = t("join.start")
        self.job: Job | None = None
        self.job_kind = ""
        self.open_table = open_table or self._open_remote_table
        self.cancelled = False

    def size(self) -> tuple[int, int]:
        return (640, 470)

    def choices(self) -> list[Choice]:
        join = Choice("join", t("join.join"), t("join.join.tip"), primary=self.seats is not None)
        find = Choice("find", t("join.find"), t("join.find.tip"), primary=self.seats is None)
        return [Choice("cancel", t("settings.cancel"), t("saves.close.tip")), find, join]

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        row = lay.button_h + lay.px(8)
        label_w = lay.px(150)
        self.entries: dict[str, UITextEntryLine] = {}
        labels = {"address": t("join.address"), "code": t("join.code"), "student": t("join.name")}
        limits = {"address": 200, "code": m.CODE_LENGTH, "student": 40}
        for i, (key, text) in enumerate(labels.items()):
            y = rect.y + i * row
            UILabel(pygame.Rect(rect.x, y, label_w, lay.button_h), text, manager=self.app.manager, container=self.card)
            entry = UITextEntryLine(
                pygame.Rect(rect.x + label_w, y, rect.width - label_w, lay.button_h),
                manager=self.app.manager,
                container=self.card,
                object_id=ObjectID(object_id=f"#join_{key}"),
            )
            entry.set_text_length_limit(limits[key])
            entry.set_text(self.fields[key])
            self.entries[key] = entry
        y = rect.y + 3 * row
        UILabel(
            pygame.Rect(rect.x, y, label_w, lay.button_h), t("join.seat"), manager=self.app.manager, container=self.card
        )
        options = self.seat_options()
        current = next((o for o in options if o[1] == self.choice), options[0])
        self.choice = current[1]
        self.seat_menu = UIDropDownMenu(
            options,
            current,
            pygame.Rect(rect.x + label_w, y, rect.width - label_w, lay.button_h),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(object_id="#join_seat"),
        )
        if self.seats is None:
            self.seat_menu.disable()
        self.status_label = UILabel(
            pygame.Rect(rect.x, y + row + lay.px(6), rect.width, lay.line(16) * 3),
            "",
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@caption"),
        )
        self._show_status()

    def _show_status(self) -> None:
        # one label line: the full sentence is the tooltip when it does not fit
        font = self.status_label.font
        text = self.status
        self.status_label.set_text(text)
        if font is not None and font.size(text)[0] > self.status_label.rect.width:
            from negotiator.ui.table import paint

            self.status_label.set_text(paint.ellipsis(font, text, self.status_label.rect.width))
            self.status_label.set_tooltip(text)

    def seat_options(self) -> list[tuple[str, str]]:
        """(label, key) for the seat menu: the kept seat first if this computer has one, then any free seat,
        then every free seat by table."""
        options: list[tuple[str, str]] = []
        if self.kept_token():
            options.append((t("join.kept_seat"), KEPT_SEAT))
        options.append((t("join.any_seat"), ANY_SEAT))
        if self.seats is not None:
            for table, free in sorted(self.seats.free.items(), key=lambda kv: int(kv[0])):
                teams = self.seats.teams.get(table, [])
                options += [
                    (
                        t("join.table_seat", table=table, seat=self.seats.names.get(s, s))
                        + (t("join.join_team") if s in teams else ""),
                        f"{table}:{s}",
                    )
                    for s in free
                ]
        return options

    def kept_token(self) -> str | None:
        address, code = self.fields["address"], self.fields["code"]
        if not address.strip() or not code.strip():
            return None
        return saved_tokens().get(token_key(host_address(address), code))

    # --- input -------------------------------------------------------------------------------------
    def _read_fields(self) -> None:
        for key, entry in self.entries.items():
            self.fields[key] = entry.get_text()
        selected = self.seat_menu.selected_option
        self.choice = selected[1] if isinstance(selected, tuple) else str(selected)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):  # Enter: the next step, Find seats then Join
            self.on_choice("join" if self.seats is not None else "find")
            return True
        return super().on_key(event)

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        import pygame_gui

        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.seat_menu:
            self._read_fields()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in self.entries.values():
            self.on_choice("join" if self.seats is not None else "find")
            return True
        return False

    def on_choice(self, key: str) -> None:
        if key == "cancel":
            self.app.pop(self)
            return
        if self.job is not None:
            return  # one question to the host at a time
        self._read_fields()
        problem = self._problem()
        if problem:
            self._say(problem)
            return
        address, code = host_address(self.fields["address"]), self.fields["code"].strip().upper()
        if key == "find":
            self._start("find", lambda: free_seats(address, code), t("join.asking", address=address))
        elif key == "join":
            lang = i18n.current()  # the window's language, read here: the join runs in another thread
            self._start("join", lambda: self._join(address, code, lang), t("join.joining", address=address))

    def _problem(self) -> str | None:
        if not self.fields["address"].strip():
            return t("join.no_address")
        return code_problem(self.fields["code"])

    def _join(self, address: str, code: str, lang: str | None = None) -> RemoteSession:
        """Runs in the background: the seat (its words in `lang`), and its token kept for a rejoin."""
        name = visible(self.fields["student"])[:40]
        token = saved_tokens().get(token_key(address, code)) if self.choice == KEPT_SEAT else None
        table = seat = None
        if ":" in self.choice:
            number, seat = self.choice.split(":", 1)
            table = int(number)
        session = RemoteSession(address, code, table=table, seat=seat, token=token, name=name, lang=lang)
        if self.cancelled:  # the dialog was closed while joining: do not keep a connection nobody shows
            session.close()
            return session
        with contextlib.suppress(OSError):  # the seat works; only a rejoin after closing the window needs it
            save_token(token_key(address, code), session.token)
        return session

    def _start(self, kind: str, work: Callable[[], Any], status: str) -> None:
        self.job, self.job_kind = Job(work), kind
        self._say(status)

    def _say(self, text: str) -> None:
        self.status = text
        self._show_status()

    def update(self, dt: float) -> None:
        job = self.job
        if job is None or not job.done:
            return
        self.job = None
        if job.error is not None:
            self._say(explain(job.error))
            if job.error.code == "no_seat":
                self.seats = None  # the list is out of date: ask again
            return
        if self.job_kind == "find":
            self.seats = job.result
            free = sum(len(v) for v in self.seats.free.values()) if self.seats else 0
            self.choice = KEPT_SEAT if self.kept_token() else ANY_SEAT
            self.status = t("join.free", title=self.seats.title, seats=count(free, "free seat")) if self.seats else ""
            self.app.refresh(self)
        else:
            self.app.pop(self)
            self.open_table(job.result)

    def animating(self) -> bool:
        return self.job is not None

    def exit(self) -> None:
        self.cancelled = True  # a join still under way closes its session (see `_join`)
        super().exit()

    def _open_remote_table(self, session: SeatSession) -> None:
        from negotiator.ui.scenes.remote_table import open_remote_table

        open_remote_table(self.app, session)
