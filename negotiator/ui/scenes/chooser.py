"""The scenario chooser: built-in and user scenarios, details of the selected one, open-by-path, F5 reload.

An invalid file stays in the list marked with its problem count; selecting it (or opening it by path)
shows the validator's located errors, and F5 re-reads it so an author can fix the file and retry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UIPanel, UIScrollingContainer, UITextBox, UITextEntryLine

from negotiator import i18n, paths
from negotiator.files import user_path
from negotiator.i18n import t
from negotiator.scenario import Scenario
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.catalogue import Entry, load_entry, scan
from negotiator.ui.layout import split_h, split_v
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.problems import ProblemsDialog, problems_html
from negotiator.ui.table import paint
from negotiator.words import count

OnChoose = Callable[[Path, Scenario], None]


def _hex(colour: pygame.Color) -> str:
    return "#" + "".join(f"{c:02x}" for c in colour[:3])


def _swatch(colour: str | pygame.Color, size: int) -> pygame.Surface:
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.rect(surf, pygame.Color(colour), surf.get_rect(), border_radius=max(2, size // 5))
    return surf


def _role(playable: bool, negotiates: bool) -> str:
    if playable:
        return t("chooser.role.playable")
    return t("chooser.role.computer") if negotiates else t("chooser.role.present")


class ScenarioChooser(Scene):
    name = "chooser"

    def __init__(
        self, app: App, on_choose: OnChoose | None = None, *, preselect: Path | None = None, heading: str = ""
    ) -> None:
        super().__init__(app)
        self.on_choose = on_choose
        self.heading = heading
        self.opened: list[Path] = [preselect] if preselect else []
        self.entries: list[Entry] = scan(self.opened)
        self.selected: Path | None = None
        self.path_text = ""
        first_ok = next((e for e in self.entries if e.ok), None)
        if preselect is not None:
            self.selected = self._find(preselect).path if self._find(preselect) else None
        elif first_ok:
            self.selected = first_ok.path
        self._show_problems_on_enter = preselect is not None and not self._entry_ok(preselect)

    # --- state -------------------------------------------------------------------------------------
    def _find(self, path: Path) -> Entry | None:
        target = path.resolve()
        return next((e for e in self.entries if e.path.resolve() == target), None)

    def _entry_ok(self, path: Path) -> bool:
        entry = self._find(path)
        return bool(entry and entry.ok)

    @property
    def current(self) -> Entry | None:
        return self._find(self.selected) if self.selected else None

    def reload(self) -> None:
        """F5: re-read every file (the author may have fixed or broken any of them)."""
        self.entries = scan(self.opened, fresh=True)
        if self.selected and not self._find(self.selected):
            self.selected = self.entries[0].path if self.entries else None
        self.app.refresh(self)

    def reload_one(self, path: Path) -> Entry:
        """Re-read one file (from the problems dialog) and put the result in the list."""
        entry = self._find(path)
        fresh = load_entry(path, entry.origin if entry else "opened")
        self.entries = [fresh if e.path.resolve() == path.resolve() else e for e in self.entries]
        if entry is None:
            self.entries.append(fresh)
        self.selected = fresh.path
        self.app.refresh(self)
        return fresh

    def open_path(self, text: str) -> None:
        if not text.strip():
            return
        try:
            path = user_path(text)  # `~` expanded, as a shell would
        except ValueError as exc:
            self.app.show_message(t("chooser.bad_path"), f"{text.strip()}: {exc}.")
            return
        if path not in self.opened:
            self.opened.append(path)
        entry = self.reload_one(path)
        if not entry.ok:
            self.show_problems(entry)

    def show_problems(self, entry: Entry) -> None:
        self.app.push(ProblemsDialog(self.app, entry, reload=lambda: self.reload_one(entry.path)))

    def choose(self) -> None:
        entry = self.current
        if entry is None:
            return
        if not entry.ok:
            self.show_problems(entry)
        elif self.on_choose is not None and entry.scenario is not None:
            self.on_choose(entry.path, entry.scenario)

    # --- widgets -----------------------------------------------------------------------------------
    def build(self) -> None:
        lay = self.layout
        m, gap = lay.margin, lay.px(20)
        body = lay.rect.inflate(-2 * m, -2 * m)
        head_h, cap_h = lay.line(28), lay.line(14)
        head, middle, foot = split_v(body, [head_h + cap_h, 1.0, max(lay.button_h, lay.line(16) + lay.px(12))], gap)
        self.label(self.heading or t("chooser.heading"), pygame.Rect(head.x, head.y, head.width, head_h), "@heading")
        self.label(
            t("chooser.caption", folder=paths.user_scenarios_dir()),
            pygame.Rect(head.x, head.y + head_h, head.width, cap_h),
            "@caption",
        )
        # The list is as wide as its longest entry (a button clips its label without a word), within 34-42%.
        texts = [self._entry_text(e) for e in self.entries]
        widest = max((self.text_width(t, ["@list_item", "button"]) for t in texts), default=0) + lay.px(64)
        share = min(int(middle.width * 0.42), max(lay.px(300), int(middle.width * 0.34), widest))
        left, right = split_h(middle, [float(share), 1.0], gap)
        self._build_list(left)
        self._build_details(right)
        self._build_footer(foot)

    def _build_list(self, rect: pygame.Rect) -> None:
        lay = self.layout
        panel = card_panel(self.app, rect, self.root)
        inner = pygame.Rect(0, 0, rect.width - 2, rect.height - 2)
        scroll = UIScrollingContainer(inner, manager=self.app.manager, container=panel, allow_scroll_x=False)
        self.entry_buttons: dict[UIButton, Path] = {}
        pad, row_h, y = lay.px(12), max(lay.px(44), lay.line(16) + lay.px(14)), lay.px(10)
        width = inner.width - 2 * pad - lay.px(12)
        groups = [("built-in", "built-in"), ("yours", "yours"), ("opened", "opened")]
        for group, origin in groups:
            title = t(f"chooser.group.{group}")
            items = [e for e in self.entries if e.origin == origin]
            if not items and origin == "opened":
                continue
            self.label(title, pygame.Rect(pad, y, width, lay.line(15)), "@subheading", container=scroll)
            y += lay.line(15) + lay.px(4)
            if not items:
                self.label(
                    t("chooser.none_yet"), pygame.Rect(pad, y, width, lay.line(14)), "@caption", container=scroll
                )
                y += lay.line(14) + lay.px(8)
            for entry in items:
                text = self._entry_text(entry)
                tip = f"{entry.title}  ({entry.path})" if entry.ok else t("chooser.invalid.tip")
                btn = self.button(
                    text,
                    pygame.Rect(pad, y, width, row_h),
                    tooltip=tip,
                    class_id="@list_item",
                    object_id="#invalid_entry" if not entry.ok else None,
                    container=scroll,
                )
                if self.selected and entry.path.resolve() == self.selected.resolve():
                    btn.select()
                self.entry_buttons[btn] = entry.path
                y += row_h + lay.px(6)
            y += lay.px(12)
        scroll.set_scrollable_area_dimensions((inner.width - lay.px(14), y))

    @staticmethod
    def _entry_text(entry: Entry) -> str:
        return entry.title if entry.ok else f"{entry.path.name}  ·  {count(len(entry.errors), 'problem')}"

    def _build_details(self, rect: pygame.Rect) -> None:
        lay = self.layout
        panel = card_panel(self.app, rect, self.root)
        self.details_panel = panel
        entry = self.current
        pad = lay.px(24)
        inner = pygame.Rect(pad, pad, rect.width - 2 * pad, rect.height - 2 * pad)
        self.problems_button = None
        if entry is None:
            self.label(
                t("chooser.none_selected"),
                pygame.Rect(inner.x, inner.y, inner.width, lay.px(30)),
                "@caption",
                container=panel,
            )
            return
        if not entry.ok:
            self._build_invalid(panel, inner, entry)
            return
        assert entry.scenario is not None
        scenario = entry.scenario.translated(i18n.current())
        meta = scenario.metadata
        h1, cap, row = lay.line(28), lay.line(14), max(lay.px(30), lay.line(16) + lay.px(6))
        # A title too long for one line takes two (then, only then, the last is cut).
        heading = self.app.manager.get_theme().get_font(["@heading", "label"])
        lines = paint.wrap(heading, meta.title, inner.width)
        lines = lines[:1] + ([" ".join(lines[1:])] if len(lines) > 1 else [])
        for k, line in enumerate(lines):
            self.label(line, pygame.Rect(inner.x, inner.y + k * h1, inner.width, h1), "@heading", container=panel)
        inner = pygame.Rect(inner.x, inner.y + (len(lines) - 1) * h1, inner.width, inner.height - (len(lines) - 1) * h1)
        turns = scenario.rules.turns
        facts = [
            meta.period,
            count(len(scenario.issues), "issue"),
            count(turns, "turn"),
            t("chooser.version", v=meta.version),
        ]
        info = ("   ·   ".join(facts), " · ".join(facts), " · ".join(facts[1:3]))
        self.label(info, pygame.Rect(inner.x, inner.y + h1, inner.width, cap), "@caption", container=panel)
        top = inner.y + h1 + cap + lay.px(12)
        actors_h = lay.line(15) + lay.px(6) + len(scenario.actors) * row
        text_rect = pygame.Rect(inner.x, top, inner.width, max(lay.px(80), inner.bottom - top - actors_h - lay.px(12)))
        accent = _hex(self.app.palette["accent"])
        html = rich.para(meta.summary)
        if meta.content_note:
            note = rich.subheading(t("chooser.content_note"), self.app.settings.text_scale, accent)
            html += note + rich.para(meta.content_note)
        if meta.sources:
            html += rich.subheading(t("chooser.sources"), self.app.settings.text_scale, accent)
            html += rich.bullets(rich.esc(f"{s.title} — {s.outlet}, {s.date}") for s in meta.sources)
        UITextBox(html, text_rect, manager=self.app.manager, container=panel, object_id=ObjectID(class_id="@body"))
        y = text_rect.bottom + lay.px(12)
        self.label(
            t("chooser.at_the_table"),
            pygame.Rect(inner.x, y, inner.width, lay.line(15)),
            "@subheading",
            container=panel,
        )
        y += lay.line(15) + lay.px(6)
        sw = lay.px(14)
        roles = {a.id: _role(a.playable, a.negotiates) for a in scenario.actors}
        role_w = max(self.text_width(r, ["@caption", "label"]) for r in roles.values()) + lay.px(12)
        name_w = inner.width - sw - lay.px(10) - role_w
        for actor in scenario.actors:
            UIImage(
                pygame.Rect(inner.x, y + (row - sw) // 2, sw, sw),
                _swatch(self.app.actor_colour(scenario, actor.id), sw),
                manager=self.app.manager,
                container=panel,
            )
            shown = actor.name if self.text_width(actor.name, ["label"]) <= name_w - lay.px(8) else actor.short_name
            self.label(shown, pygame.Rect(inner.x + sw + lay.px(10), y, name_w, row), container=panel)
            self.label(roles[actor.id], pygame.Rect(inner.right - role_w, y, role_w, row), "@caption", container=panel)
            y += row

    def _build_invalid(self, panel: UIPanel, inner: pygame.Rect, entry: Entry) -> None:
        lay = self.layout
        h1, status = lay.line(28), lay.line(15)
        self.label(entry.path.name, pygame.Rect(inner.x, inner.y, inner.width, h1), "@heading", container=panel)
        self.label(
            t("chooser.invalid", problems=count(len(entry.errors), "problem")),
            pygame.Rect(inner.x, inner.y + h1, inner.width, status),
            "@status_bad",
            container=panel,
        )
        bh = lay.button_h
        hexed = {k: _hex(self.app.palette[k]) for k in ("bad", "warn")}
        top = h1 + status + lay.px(12)
        box = pygame.Rect(inner.x, inner.y + top, inner.width, inner.height - top - bh - lay.px(16))
        UITextBox(
            problems_html(entry, hexed["bad"], hexed["warn"]),
            box,
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(class_id="@problems"),
        )
        self.problems_button = self.button(
            t("chooser.show_problems"),
            pygame.Rect(
                inner.x,
                inner.bottom - bh,
                max(lay.px(220), self.text_width(t("chooser.show_problems")) + lay.px(32)),
                bh,
            ),
            tooltip=t("chooser.show_problems.tip"),
            container=panel,
        )

    def _build_footer(self, rect: pygame.Rect) -> None:
        lay = self.layout
        h = lay.button_h
        y = rect.bottom - h
        back_w = max(lay.px(120), self.text_width(t("common.back"), ["button"]) + lay.px(32))
        reload_w = max(lay.px(110), self.text_width(t("chooser.reload"), ["button"]) + lay.px(32))
        open_w = max(lay.px(100), self.text_width(t("chooser.open"), ["button"]) + lay.px(32))
        choose_w = min(lay.px(300), max(lay.px(200), self.text_width(t("chooser.play")) + lay.px(32)))
        self.back_button = self.button(
            t("common.back"), pygame.Rect(rect.x, y, back_w, h), tooltip=t("chooser.back.tip")
        )
        self.reload_button = self.button(
            t("chooser.reload"),
            pygame.Rect(rect.x + back_w + lay.gap, y, reload_w, h),
            tooltip=t("chooser.reload.tip"),
        )
        entry_x = rect.x + back_w + reload_w + 2 * lay.gap + lay.px(16)
        entry_w = max(lay.px(80), rect.right - choose_w - 2 * lay.gap - open_w - entry_x - lay.px(16))
        self.path_entry = UITextEntryLine(
            pygame.Rect(entry_x, y, entry_w, h),
            manager=self.app.manager,
            container=self.root,
            placeholder_text=t("chooser.path.placeholder"),
            object_id=ObjectID(object_id="#path_entry"),
        )
        if self.path_text:
            self.path_entry.set_text(self.path_text)
        self.open_button = self.button(
            t("chooser.open"), pygame.Rect(entry_x + entry_w + lay.gap, y, open_w, h), tooltip=t("chooser.open.tip")
        )
        entry = self.current
        self.choose_button = self.button(
            t("chooser.play"),
            pygame.Rect(rect.right - choose_w, y, choose_w, h),
            tooltip=t("chooser.play.tip"),
            class_id="@primary",
        )
        if entry is None or not entry.ok or self.on_choose is None:
            self.choose_button.disable()

    # --- input -------------------------------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        if self._show_problems_on_enter and self.current is not None:
            self._show_problems_on_enter = False
            self.show_problems(self.current)

    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element in self.entry_buttons:
            self.selected = self.entry_buttons[element]  # type: ignore[index]
            self.app.refresh(self)
            entry = self.current
            if entry is not None and not entry.ok:
                self.show_problems(entry)
        elif element is self.back_button:
            self.app.pop(self)
        elif element is self.reload_button:
            self.reload()
        elif element is self.open_button:
            self.path_text = self.path_entry.get_text()
            self.open_path(self.path_text)
        elif element is self.choose_button:
            self.choose()
        elif element is self.problems_button and self.current is not None:
            self.show_problems(self.current)

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.path_entry:
            self.path_text = self.path_entry.get_text()
            self.open_path(self.path_text)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.path_entry:
            self.path_text = self.path_entry.get_text()
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE:
            self.app.pop(self)
        elif event.key == pygame.K_F5:
            self.reload()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.choose()
        elif event.key in (pygame.K_UP, pygame.K_DOWN):
            self._move_selection(-1 if event.key == pygame.K_UP else 1)
        else:
            return False
        return True

    def _move_selection(self, step: int) -> None:
        order = [e.path for e in sorted(self.entries, key=lambda e: ("built-in", "yours", "opened").index(e.origin))]
        if not order:
            return
        index = next((i for i, p in enumerate(order) if self.selected and p.resolve() == self.selected.resolve()), -1)
        self.selected = order[(index + step) % len(order)]
        self.app.refresh(self)
