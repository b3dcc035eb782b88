"""The end screen's two dialogs: export the debrief report, and play on from an earlier turn (a branch).

The report is `negotiator.classroom.report.write_report`, the same as `python main.py report`; by default it
goes to the user data folder's `reports/`, and the dialog says where it went and offers to open it in the
system browser. A branch is `resume.open_live_branch`: the finished game stays in its autosave.
"""

from __future__ import annotations

import logging
import webbrowser
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox, UITextEntryLine

from negotiator import paths
from negotiator.files import path_problem, unreachable
from negotiator.i18n import t
from negotiator.scenario import textrules
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.ui.scenes.save_notices import _hex
from negotiator.ui.session import GameSession

log = logging.getLogger("negotiator.ui")

FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}


def reports_dir() -> Path:
    folder = paths.user_data_dir() / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_report_path(scenario_id: str) -> Path:
    """`reports/<scenario>-<n>.html` with the first number not taken yet."""
    folder = reports_dir()
    n = 1
    while (folder / f"{scenario_id}-{n}.html").exists():
        n += 1
    return folder / f"{scenario_id}-{n}.html"


def report_target(text: str) -> tuple[Path, str]:
    """Where to write and in which format: a plain name goes to the reports folder; the suffix picks the
    format (.html, .json, .csv) and a name without one gets .html. Raises ValueError for an empty name."""
    text = text.strip()
    if not text:
        raise ValueError(t("report.no_name"))
    bad = textrules.first_forbidden(text, line=True)
    if bad is not None:
        raise ValueError(t("report.bad_char", char=textrules.describe_char(bad[1])))
    problem = path_problem(text)
    if problem is not None:
        raise ValueError(t("report.bad_name", problem=problem))
    try:
        path = Path(text).expanduser()
    except RuntimeError:
        raise ValueError(t("report.no_home")) from None
    if not path.suffix:
        path = path.with_suffix(".html")
    if path.suffix.lower() not in FORMATS:
        raise ValueError(t("report.bad_suffix", suffix=path.suffix))
    if not path.is_absolute() and path.parent == Path("."):
        path = reports_dir() / path
    problem = unreachable(path)
    if problem is not None:
        raise ValueError(t("report.bad_place", problem=problem))
    return path, FORMATS[path.suffix.lower()]


def open_in_browser(path: Path) -> bool:
    """Ask the system to show the file; False (never an exception) when there is no browser."""
    try:
        return bool(webbrowser.open(path.resolve().as_uri()))
    except (webbrowser.Error, OSError) as exc:
        log.warning("could not open a browser: %s", exc)
        return False


class ExportDialog(Dialog):
    """Write the debrief report; then show where it is and offer to open it."""

    name = "export_report"
    title_key = "report.title"
    default_choice = "export"
    cancel_choice = "close"

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.text = str(default_report_path(session.scenario.metadata.id))
        self.written: list[Path] = []
        self.error = ""
        self.note = ""  # what became of "Open in browser", shown under the file name
        self.browser_ok = False

    def size(self) -> tuple[int, int]:
        return (760, 380)

    def choices(self) -> list[Choice]:
        if self.written:
            return [
                Choice("close", t("dialog.close"), t("report.back.tip")),
                Choice("open", t("report.open"), t("report.open.tip"), primary=True),
            ]
        return [
            Choice("close", t("settings.cancel"), t("report.cancel.tip")),
            Choice("export", t("report.export"), t("report.export.tip"), primary=True),
        ]

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        secondary = _hex(self.app.palette["text_secondary"])
        if self.written:
            html = rich.esc(t("report.written")) + "<br><b>" + rich.esc(str(self.written[0])) + "</b>"
            if len(self.written) > 1:
                html += "<br>" + rich.esc(t("report.and", names=", ".join(p.name for p in self.written[1:])))
            html += "<br><br>" + rich.colour(rich.esc(t("report.open_anywhere")), secondary)
            if self.note:
                colour = _hex(self.app.palette["accent" if self.browser_ok else "bad"])
                html += "<br><br>" + rich.colour("<b>" + rich.esc(self.note) + "</b>", colour)
            UITextBox(html, rect, manager=self.app.manager, container=self.card, object_id=ObjectID(class_id="@body"))
            return
        note = t("report.note", folder=reports_dir())
        cap = lay.line(14)
        UITextBox(
            rich.colour(rich.esc(note), secondary),
            pygame.Rect(rect.x - lay.px(4), rect.y, rect.width + lay.px(8), 4 * cap + lay.px(12)),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@caption"),
        )
        y = rect.y + 4 * cap + lay.px(16)
        self.entry = UITextEntryLine(
            pygame.Rect(rect.x, y, rect.width, lay.button_h),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(object_id="#report_path"),
        )
        self.entry.set_text(self.text)
        y += lay.button_h + lay.px(8)
        self.status = self.label(
            self.error, pygame.Rect(rect.x, y, rect.width, lay.line(15)), "@status_bad", container=self.card
        )

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if self.written or getattr(event, "ui_element", None) is not getattr(self, "entry", None):
            return False
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self.text = self.entry.get_text()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.text = self.entry.get_text()
            self.export()
            return True
        return False

    def export(self) -> None:
        from negotiator.classroom.report import write_class_set, write_report

        try:
            target, fmt = report_target(self.text)
            if fmt == "html":  # the teacher's report, the one to project and each team's copy
                self.written = write_class_set(self.session.state, target, self.session.par())
            else:
                self.written = write_report(self.session.state, self.session.scenario, target, format=fmt)  # type: ignore[arg-type]
        except ValueError as exc:
            self.show_error(str(exc))
            return
        except OSError as exc:
            self.show_error(t("report.failed", error=getattr(exc, "message", None) or exc.strerror or exc))
            return
        self.app.refresh(self)

    def show_error(self, text: str) -> None:
        self.error = text
        self.status.set_text(text)

    def on_choice(self, key: str) -> None:
        if key == "export":
            self.export()
        elif key == "open" and self.written:
            # Feedback either way: the system may accept the request and still show nothing (no browser set up,
            # a remote session), so the player is told where the file is in both cases.
            self.browser_ok = open_in_browser(self.written[0])
            self.note = t("report.sent") if self.browser_ok else t("report.no_browser")
            self.app.refresh(self)
        else:
            self.app.pop(self)


class BranchDialog(Dialog):
    """Choose a turn and play on from its start as a new game; this game stays as it is."""

    name = "branch"
    title_key = "branch.title"
    default_choice = "branch"
    cancel_choice = "cancel"

    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.last = max(1, session.state.turn)
        self.turn = self.last

    def size(self) -> tuple[int, int]:
        return (680, 360)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", t("settings.cancel"), t("report.back.tip")),
            Choice("branch", t("branch.play", turn=self.turn), t("branch.play.tip"), primary=True),
        ]

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        text = t("branch.text")
        UITextBox(
            rich.esc(text),
            pygame.Rect(rect.x - lay.px(4), rect.y, rect.width + lay.px(8), lay.line(16) * 4 + lay.px(8)),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@body"),
        )
        y = rect.y + lay.line(16) * 4 + lay.px(12)
        bh, step_w = lay.button_h, lay.px(48)
        self.label(t("saves.from_turn"), pygame.Rect(rect.x, y, lay.px(120), bh), container=self.card)
        x = rect.x + lay.px(120)
        self.earlier = self.button(
            "‹", pygame.Rect(x, y, step_w, bh), tooltip=t("saves.earlier.tip"), container=self.card
        )
        self.label(
            t("saves.turn_of", turn=self.turn, turns=self.last),
            pygame.Rect(x + step_w, y, lay.px(110), bh),
            container=self.card,
            object_id="#centred",
        )
        self.later = self.button(
            "›", pygame.Rect(x + step_w + lay.px(110), y, step_w, bh), tooltip=t("saves.later.tip"), container=self.card
        )
        if self.turn <= 1:
            self.earlier.disable()
        if self.turn >= self.last:
            self.later.disable()

    def step(self, by: int) -> None:
        turn = max(1, min(self.last, self.turn + by))
        if turn != self.turn:
            self.turn = turn
            self.app.refresh(self)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element is self.earlier:
            self.step(-1)
        elif element is self.later:
            self.step(1)
        else:
            super().on_button(element)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_LEFT):
            self.step(-1)
            return True
        if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_RIGHT):
            self.step(1)
            return True
        return super().on_key(event)

    def on_choice(self, key: str) -> None:
        if key != "branch":
            self.app.pop(self)
            return
        from negotiator.ui.resume import open_live_branch

        self.app.pop(self)
        open_live_branch(self.app, self.session, self.turn)  # the teacher's PIN and timer carry over
