"""The save and load dialogs.

Save: a file name (a fresh one in the saves folder by default), a question before replacing a file, and any
error in words on the dialog itself. Load: every save and autosave, newest first, with unreadable files listed
with their problem; open a file by path; load it, watch it as a replay, or branch from any turn. Loading goes
through the engine's `load_game`, which changes nothing on disk; a bad save shows why and nothing else moves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIDropDownMenu, UIPanel, UIScrollingContainer, UITextBox, UITextEntryLine

from negotiator import i18n, paths
from negotiator.engine.saves import LoadedGame, SaveError
from negotiator.files import user_path
from negotiator.i18n import t
from negotiator.scenario.models import Scenario
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.layout import split_h
from negotiator.ui.savefiles import FOLDERS, SaveSummary, default_save_name, known_scenarios, list_saves, save_target
from negotiator.ui.scenes.dialog import Choice, Dialog
from negotiator.ui.scenes.save_notices import ConfirmDialog, SaveErrorDialog, _hex, _sentence
from negotiator.ui.session import GameSession

MAX_SAVE_NAME = 200  # characters; a file name holds at most 255 bytes

FOLDER_NAMES = FOLDERS


class SaveDialog(Dialog):
    """Save the game in progress under a name the player chooses."""

    name = "save_dialog"
    title_key = "saves.save.title"
    default_choice = "save"
    cancel_choice = "cancel"

    def __init__(self, app: App, session: GameSession, on_saved: Callable[[Path], None] | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.on_saved = on_saved
        state = session.state
        self.text = default_save_name(state.scenario.metadata.id, state.turn)
        self.error = ""

    def size(self) -> tuple[int, int]:
        return (680, 340)

    def choices(self) -> list[Choice]:
        return [
            Choice("cancel", t("settings.cancel"), t("saves.cancel.tip")),
            Choice("save", t("table.save"), t("saves.save.tip"), primary=True),
        ]

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        cap, line = lay.line(14), lay.line(16)
        state = self.session.state
        title = state.scenario.translated(i18n.current()).metadata.title
        where = t("saves.where_finished" if state.is_over() else "saves.where", title=title, turn=state.turn)
        self.label(where, pygame.Rect(rect.x, rect.y, rect.width, line), container=self.card)
        y = rect.y + line + lay.px(4)
        secondary = _hex(self.app.palette["text_secondary"])
        note = t("saves.note", folder=paths.saves_dir())
        UITextBox(
            rich.colour(rich.esc(note), secondary),
            pygame.Rect(rect.x - lay.px(4), y, rect.width + lay.px(8), 2 * cap + lay.px(12)),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@caption"),
        )
        y += 2 * cap + lay.px(16)
        self.entry = UITextEntryLine(
            pygame.Rect(rect.x, y, rect.width, lay.button_h),
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(object_id="#save_name"),
        )
        self.entry.set_text_length_limit(MAX_SAVE_NAME)
        self.entry.set_text(self.text[:MAX_SAVE_NAME])
        self.entry.focus()
        self.entry.edit_position = len(self.text)
        y += lay.button_h + lay.px(10)
        self.status = self.label(
            self.error, pygame.Rect(rect.x, y, rect.width, line), "@status_bad", container=self.card
        )

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.entry:
            self.text = self.entry.get_text()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.text = self.entry.get_text()
            self.on_choice("save")
            return True
        return False

    def on_choice(self, key: str) -> None:
        if key != "save":
            self.app.pop(self)
            return
        self.text = self.entry.get_text() if self.root is not None else self.text
        try:
            target = save_target(self.text)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        if target.exists():
            self.app.push(
                ConfirmDialog(
                    self.app,
                    t("saves.replace.title", name=target.name),
                    t("saves.replace.text", name=target.name, folder=target.parent),
                    t("saves.replace"),
                    lambda: self.write(target),
                )
            )
            return
        self.write(target)

    def write(self, target: Path) -> None:
        try:
            path = self.session.save(target)
        except OSError as exc:
            why = getattr(exc, "message", None) or exc.strerror or exc
            self.show_error(t("saves.failed", name=target.name, error=why))
            return
        self.app.pop(self)
        self.app.show_message(t("error.saved"), t("saves.saved", name=path.name, folder=path.parent))
        if self.on_saved is not None:
            self.on_saved(path)

    def show_error(self, text: str) -> None:
        self.error = text
        if self.root is not None:
            self.status.set_text(text)


def open_save_dialog(app: App, session: GameSession) -> None:
    """What a Save button or Ctrl+S calls."""
    app.push(SaveDialog(app, session))


class LoadDialog(Dialog):
    """Every saved game, newest first; load one, replay it, or branch from one of its turns."""

    name = "load_dialog"
    title_key = "saves.load.title"
    default_choice = "load"
    cancel_choice = "close"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.opened: list[Path] = []
        self.scenarios: dict[str, Scenario] = known_scenarios()
        self.summaries: list[SaveSummary] = []
        self.selected: Path | None = None
        self.branch_turn = 1
        self.seats: tuple[str, ...] | None = None  # None: the seats as saved
        self.path_text = ""
        self.rescan()

    # --- state -------------------------------------------------------------------------------------
    def rescan(self) -> None:
        self.summaries = list_saves(self.opened, self.scenarios)
        if self.current is None:
            self.select(self.summaries[0].path if self.summaries else None)

    @property
    def current(self) -> SaveSummary | None:
        if self.selected is None:
            return None
        target = self.selected.resolve()
        return next((s for s in self.summaries if s.path.resolve() == target), None)

    def select(self, path: Path | None) -> None:
        self.selected = path
        summary = self.current
        self.branch_turn = summary.turn if summary is not None and summary.ok else 1
        self.seats = None

    def load(self, path: Path | None = None) -> LoadedGame | None:
        """The verified game, or None after showing why it cannot be loaded."""
        from negotiator.ui.resume import load_for_ui

        target = path or self.selected
        if target is None:
            return None
        try:
            return load_for_ui(target)
        except SaveError as exc:
            self.app.push(SaveErrorDialog(self.app, exc))
            return None

    def open_path(self, text: str) -> None:
        if not text.strip():
            return
        try:
            path = user_path(text)  # `~` expanded, as a shell would
        except ValueError as exc:
            error = SaveError(text.strip(), str(exc), "check the path")
            self.app.push(SaveErrorDialog(self.app, error, t("saves.cannot_open")))
            return
        if not path.is_file():
            problem = "this is a folder, not a save file" if path.is_dir() else "no such file"
            self.app.push(SaveErrorDialog(self.app, SaveError(path, problem, "check the path"), t("saves.cannot_open")))
            return
        if path.resolve() not in {p.resolve() for p in self.opened}:
            self.opened.append(path)
        self.rescan()
        self.select(path)
        self.path_text = ""
        self.app.refresh(self)
        summary = self.current
        if summary is not None and not summary.ok:
            self.app.push(SaveErrorDialog(self.app, SaveError(path, summary.problem, summary.hint)))

    # --- widgets -----------------------------------------------------------------------------------
    def size(self) -> tuple[int, int]:
        return (1080, 660)

    def choices(self) -> list[Choice]:
        return [
            Choice("close", t("dialog.close"), t("saves.close.tip")),
            Choice("replay", t("saves.replay"), t("saves.replay.tip")),
            Choice("branch", t("saves.branch", turn=self.branch_turn), t("saves.branch.tip")),
            Choice("load", t("saves.load"), t("saves.load.tip"), primary=True),
        ]

    def build(self) -> None:
        super().build()
        summary = self.current
        if summary is None or not summary.ok:
            for button, key in self.choice_buttons.items():
                if key in ("replay", "branch", "load"):
                    button.disable()

    def build_body(self, rect: pygame.Rect) -> None:
        lay = self.layout
        foot_h = lay.button_h
        main = pygame.Rect(rect.x, rect.y, rect.width, rect.height - foot_h - lay.px(12))
        left, right = split_h(main, [max(lay.px(320), int(main.width * 0.46)), 1.0], lay.px(16))
        self._build_list(left)
        self._build_details(right)
        foot = pygame.Rect(rect.x, rect.bottom - foot_h, rect.width, foot_h)
        open_w = max(lay.px(150), self.text_width(t("saves.open"), ["button"]) + lay.px(32))
        entry_r, open_r = split_h(foot, [1.0, float(open_w)], lay.gap)
        self.path_entry = UITextEntryLine(
            entry_r,
            manager=self.app.manager,
            container=self.card,
            placeholder_text=t("saves.path.placeholder"),
            object_id=ObjectID(object_id="#save_path_entry"),
        )
        if self.path_text:
            self.path_entry.set_text(self.path_text)
        self.open_button = self.button(t("saves.open"), open_r, tooltip=t("saves.open.tip"), container=self.card)

    def _build_list(self, rect: pygame.Rect) -> None:
        lay = self.layout
        panel = card_panel(self.app, rect, self.card)
        inner = pygame.Rect(0, 0, rect.width - 2, rect.height - 2)
        scroll = UIScrollingContainer(inner, manager=self.app.manager, container=panel, allow_scroll_x=False)
        self.rows: dict[UIButton, Path] = {}
        pad, row_h, cap = lay.px(10), max(lay.px(40), lay.line(16) + lay.px(12)), lay.line(14) + lay.px(2)
        width = inner.width - 2 * pad - lay.px(12)
        y = lay.px(10)
        if not self.summaries:
            self.label(t("saves.none"), pygame.Rect(pad, y, width, lay.line(16)), container=scroll)
            self.label(
                t("saves.none.text"),
                pygame.Rect(pad, y + lay.line(16), width, cap),
                "@caption",
                container=scroll,
            )
        for summary in self.summaries:
            text = self._fitting(summary.headlines(), width - lay.px(24), ["@list_item", "button"])
            tip = (
                f"{rich.esc(summary.headline)}<br>{rich.esc(str(summary.path))}"
                if summary.ok
                else t("saves.bad.tip", problem=summary.problem)
            )
            button = self.button(
                text,
                pygame.Rect(pad, y, width, row_h),
                tooltip=tip,
                class_id="@list_item",
                object_id=None if summary.ok else "#invalid_entry",
                container=scroll,
            )
            if self.selected is not None and summary.path.resolve() == self.selected.resolve():
                button.select()
            self.rows[button] = summary.path
            y += row_h + lay.px(2)
            caption = self._fitting(summary.captions(), width - lay.px(6), ["@caption", "label"])
            self.label(caption, pygame.Rect(pad + lay.px(6), y, width, cap), "@caption", container=scroll)
            y += cap + lay.px(10)
        scroll.set_scrollable_area_dimensions((inner.width - lay.px(14), y + lay.px(6)))

    def _fitting(self, wordings: tuple[str, ...], width: int, element_ids: list[str]) -> str:
        """The longest wording that fits, never a clipped one (the row's tooltip has it in full)."""
        return next((w for w in wordings if self.text_width(w, element_ids) <= width), wordings[-1])

    def _build_details(self, rect: pygame.Rect) -> None:
        lay = self.layout
        panel = card_panel(self.app, rect, self.card)
        pad = lay.px(18)
        inner = pygame.Rect(pad, pad - lay.px(4), rect.width - 2 * pad, rect.height - 2 * pad)
        self.prev_turn = self.next_turn = None
        self.seat_menu: UIDropDownMenu | None = None
        summary = self.current
        if summary is None:
            self.label(
                t("saves.nothing_selected"),
                pygame.Rect(inner.x, inner.y, inner.width, lay.line(16)),
                "@caption",
                container=panel,
            )
            return
        head = lay.line(20)
        self.label(summary.title, pygame.Rect(inner.x, inner.y, inner.width, head), "@subheading", container=panel)
        y = inner.y + head + lay.px(4)
        palette = self.app.palette
        secondary, accent, bad = (_hex(palette[k]) for k in ("text_secondary", "accent", "bad"))
        bottom = inner.bottom
        if summary.ok:
            bottom -= 2 * (lay.button_h + lay.px(8)) + lay.line(15) + lay.px(6)
        if summary.ok:
            scenario = self.scenarios.get(summary.scenario_id)
            people = ", ".join(self._name(scenario, a) for a in summary.humans) or t("saves.nobody")
            lines = [
                rich.colour(f"<b>{rich.esc(t('saves.stands'))}</b> ", accent) + rich.esc(summary.status.capitalize()),
                rich.colour(f"<b>{rich.esc(t('saves.people'))}</b> ", accent) + rich.esc(people),
            ]
            if summary.branch:  # a "what if?" replay, not the class's original game
                lines.append(
                    rich.colour(f"<b>{rich.esc(t('saves.a_branch'))}</b> ", accent)
                    + rich.esc(summary.branch.capitalize())
                )
            if summary.ending:
                lines.append(rich.colour(f"<b>{rich.esc(t('saves.ending'))}</b> ", accent) + rich.esc(summary.ending))
        else:
            lines = [
                rich.colour(f"<b>{rich.esc(t('saves.cannot_load'))}</b>", bad),
                rich.esc(_sentence(summary.problem)),
            ]
            if summary.hint:
                lines.append(
                    rich.colour(f"<b>{rich.esc(t('saves.what_to_do'))}</b> ", accent)
                    + rich.esc(_sentence(summary.hint))
                )
        lines.append(rich.colour(rich.esc(f"{FOLDER_NAMES[summary.folder]} · {summary.when}"), secondary))
        lines.append(rich.colour(rich.esc(str(summary.path)), secondary))
        UITextBox(
            "<br><br>".join(lines),
            pygame.Rect(inner.x - lay.px(4), y, inner.width + lay.px(8), bottom - y),
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(class_id="@body"),
        )
        if summary.ok:
            self._build_branch(
                panel, pygame.Rect(inner.x, bottom + lay.px(6), inner.width, inner.bottom - bottom - lay.px(6)), summary
            )

    def _build_branch(self, panel: UIPanel, rect: pygame.Rect, summary: SaveSummary) -> None:
        """Which turn to branch from, and who plays the branch."""
        lay = self.layout
        bh = lay.button_h
        self.label(
            t("saves.branch_heading"),
            pygame.Rect(rect.x, rect.y, rect.width, lay.line(15)),
            "@subheading",
            container=panel,
        )
        y = rect.y + lay.line(15) + lay.px(6)
        label_w = lay.px(120)
        step_w = lay.px(48)
        self.label(t("saves.from_turn"), pygame.Rect(rect.x, y, label_w, bh), container=panel)
        x = rect.x + label_w
        self.prev_turn = self.button(
            "‹", pygame.Rect(x, y, step_w, bh), tooltip=t("saves.earlier.tip"), container=panel
        )
        self.label(
            t("saves.turn_of", turn=self.branch_turn, turns=summary.turn),
            pygame.Rect(x + step_w, y, lay.px(110), bh),
            object_id="#centred",
            container=panel,
        )
        self.next_turn = self.button(
            "›", pygame.Rect(x + step_w + lay.px(110), y, step_w, bh), tooltip=t("saves.later.tip"), container=panel
        )
        if self.branch_turn <= 1:
            self.prev_turn.disable()
        if self.branch_turn >= summary.turn:
            self.next_turn.disable()
        y += bh + lay.px(8)
        self.label(t("saves.played_by"), pygame.Rect(rect.x, y, label_w, bh), container=panel)
        self.seat_options = self._seat_options(summary)
        current = next((text for text, seats in self.seat_options if seats == self.seats), self.seat_options[0][0])
        self.seat_menu = UIDropDownMenu(
            [text for text, _ in self.seat_options],
            current,
            pygame.Rect(rect.x + label_w, y, rect.width - label_w, bh),
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(object_id="#branch_seats"),
            expand_on_option_click=True,
        )

    @staticmethod
    def _name(scenario: Scenario | None, actor: str) -> str:
        if scenario is None:
            return actor
        try:
            return scenario.translated(i18n.current()).actor(actor).short_name
        except (KeyError, LookupError):
            return actor

    def _seat_options(self, summary: SaveSummary) -> list[tuple[str, tuple[str, ...] | None]]:
        scenario = self.scenarios.get(summary.scenario_id)
        saved = ", ".join(self._name(scenario, a) for a in summary.humans) or t("saves.the_computer")
        options: list[tuple[str, tuple[str, ...] | None]] = [(t("saves.as_saved", names=saved), None)]
        if scenario is not None:
            for actor in scenario.translated(i18n.current()).actors:
                if actor.playable and actor.negotiates and (actor.id,) != summary.humans:
                    options.append((t("saves.you_as", name=actor.short_name), (actor.id,)))
        if summary.humans:
            options.append((t("saves.computer_all"), ()))
        return options

    # --- input -------------------------------------------------------------------------------------
    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element in self.rows:
            self.select(self.rows[element])  # type: ignore[index]
            self.app.refresh(self)
        elif element is self.open_button:
            self.path_text = self.path_entry.get_text()
            self.open_path(self.path_text)
        elif element is self.prev_turn:
            self.step_turn(-1)
        elif element is self.next_turn:
            self.step_turn(1)
        else:
            super().on_button(element)

    def step_turn(self, step: int) -> None:
        summary = self.current
        if summary is None or not summary.ok:
            return
        turn = max(1, min(summary.turn, self.branch_turn + step))
        if turn != self.branch_turn:
            self.branch_turn = turn
            self.app.refresh(self)

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.path_entry:
            self.path_text = self.path_entry.get_text()
            self.open_path(self.path_text)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.path_entry:
            self.path_text = self.path_entry.get_text()
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.seat_menu:
            self.seats = dict(self.seat_options).get(event.text)
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN) and self.summaries:
            order = [s.path for s in self.summaries]
            index = next((i for i, s in enumerate(self.summaries) if s is self.current), -1)
            self.select(order[(index + (1 if event.key == pygame.K_DOWN else -1)) % len(order)])
            self.app.refresh(self)
            return True
        if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.step_turn(-1 if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS) else 1)
            return True
        if event.key == pygame.K_F5:
            self.rescan()
            self.app.refresh(self)
            return True
        return super().on_key(event)

    def on_choice(self, key: str) -> None:
        summary = self.current
        if key == "close":
            self.app.pop(self)
            return
        if summary is None or not summary.ok:
            if summary is not None:
                self.app.push(SaveErrorDialog(self.app, SaveError(summary.path, summary.problem, summary.hint)))
            return
        loaded = self.load()
        if loaded is None:
            return
        if key == "load":
            from negotiator.ui.resume import resume_game

            resume_game(self.app, GameSession.from_loaded(loaded))
        elif key == "replay":
            from negotiator.ui.scenes.replay import ReplayScene

            self.app.push(ReplayScene(self.app, loaded))
        elif key == "branch":
            from negotiator.ui.resume import open_branch

            open_branch(self.app, loaded, self.branch_turn, self.seats)
