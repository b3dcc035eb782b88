"""The replay viewer: a saved game turn by turn, for the teacher and the class discussing it afterwards.

It shows everything, every side's moves included (private lever plans, each AI's reasons, facilitator
actions marked), so it is labelled as a replay and never shown during play. Left/Right step through turns,
Home/End jump to the first and last; "Branch from this turn" plays on from the start of the turn on screen as
a new game, leaving the save untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator import i18n
from negotiator.engine.records import LogEntry
from negotiator.engine.saves import LoadedGame
from negotiator.i18n import news, t
from negotiator.i18n.news import translated_entry
from negotiator.scenario.models import Scenario
from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.card import card_panel
from negotiator.ui.layout import split_h, split_v
from negotiator.ui.newstext import news_items
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.save_notices import _hex
from negotiator.ui.table import paint


@dataclass(frozen=True)
class Page:
    """One turn as the replay shows it: everything logged in it and the numbers at its end."""

    turn: int
    entries: tuple[LogEntry, ...]
    meters: dict[str, float]
    reservations: dict[str, float]
    in_progress: bool = False


def replay_pages(loaded: LoadedGame) -> list[Page]:
    """Every finished turn, plus the turn under way when the game was saved (if it was not over)."""
    state = loaded.state
    pages = [Page(r.turn, r.entries, dict(r.meters), dict(r.reservations)) for r in state.records]
    if not state.is_over():
        reservations = {a.id: state.reservation(a.id) for a in state.scenario.negotiators}
        pages.append(Page(state.turn, state.entries, dict(state.meters), reservations, in_progress=True))
    return pages


def entries_html(entries: tuple[LogEntry, ...], palette: dict[str, str], scenario: Scenario) -> str:
    """A turn's entries as rich text: a coloured tag, the sentence, then quote, reason and changes."""
    if not entries:
        return rich.colour(rich.esc(t("replay.nothing")), palette["text_secondary"])
    blocks = []
    for entry, item in zip(entries, news_items(list(entries)), strict=True):
        tag, tag_colour = item.tag, palette.get(item.colour, palette["text"])
        if entry.kind == "lever":
            tag += " · " + (t("replay.succeeded") if entry.data.get("success") else t("news.tag.failed"))
        lines = [rich.colour(f"<b>{rich.esc(tag)}</b>", tag_colour) + "  " + rich.esc(item.text)]
        if item.quote:
            lines.append(f"<i>{rich.esc(item.quote)}</i>")
        if item.reason:
            who = scenario.actor(entry.actor).short_name if entry.actor and entry.actor != "facilitator" else ""
            lines.append(
                rich.colour(
                    rich.esc(
                        t("replay.reason_of", name=who, reason=item.reason)
                        if who
                        else t("replay.reason", reason=item.reason)
                    ),
                    palette["text_secondary"],
                )
            )
        if entry.visibility == "private":
            lines.append(rich.colour(rich.esc(t("replay.hidden")), palette["neutral"]))
        if item.changes:
            lines.append(
                rich.colour(rich.esc(t("replay.changes", changes="; ".join(item.changes))), palette["text_secondary"])
            )
        blocks.append("<br>".join(lines))
    return "<br><br>".join(blocks)


class ReplayScene(Scene):
    name = "replay"

    def __init__(self, app: App, loaded: LoadedGame, turn: int | None = None) -> None:
        super().__init__(app)
        self.loaded = loaded
        self.pages = replay_pages(loaded)
        self.index = 0
        if turn is not None:
            self.index = next((i for i, p in enumerate(self.pages) if p.turn == turn), 0)
        self.meters_image: pygame.Surface | None = None
        self.meters_scroll = 0

    @property
    def page(self) -> Page:
        return self.pages[self.index]

    @property
    def scenario(self) -> Scenario:
        """The saved game's scenario as the reader reads it (its translation in the language shown)."""
        return self.loaded.scenario.translated(i18n.current())

    # --- widgets -----------------------------------------------------------------------------------
    def build(self) -> None:
        lay = self.layout
        m = lay.margin
        body = lay.rect.inflate(-2 * m, -2 * m)
        head_h = lay.line(15) + lay.line(28) + lay.line(14)
        head, middle, foot = split_v(body, [head_h, 1.0, lay.button_h], lay.px(14))
        self._build_head(head)
        left, right = split_h(middle, [1.0, max(lay.px(340), int(middle.width * 0.4))], lay.px(16))
        self._build_entries(left)
        self.meters_rect = right
        self.meters_image = None
        self._build_foot(foot)

    def _build_head(self, rect: pygame.Rect) -> None:
        lay = self.layout
        page = self.page
        self.label(
            t("replay.heading"),
            pygame.Rect(rect.x, rect.y, rect.width, lay.line(15)),
            "@subheading",
        )
        y = rect.y + lay.line(15)
        status = t("replay.under_way") if page.in_progress else ""
        played = self.pages[-1].turn
        self.label(
            t("table.turn_of", turn=page.turn, turns=played) + status,
            pygame.Rect(rect.x, y, rect.width, lay.line(28)),
            "@heading",
        )
        y += lay.line(28)
        name = Path(self.loaded.save.path).name
        where = t("replay.where", title=self.scenario.metadata.title, name=name, turns=self.loaded.state.turns)
        self.label(where, pygame.Rect(rect.x, y, rect.width, lay.line(14)), "@caption")

    def _build_entries(self, rect: pygame.Rect) -> None:
        panel = card_panel(self.app, rect, self.root)
        pad = self.layout.px(10)
        palette = {
            k: _hex(self.app.palette[k]) for k in ("text", "text_secondary", "accent", "good", "bad", "warn", "neutral")
        }
        base = self.loaded.scenario
        shown = tuple(translated_entry(e, base, self.scenario) for e in self.page.entries)
        html = entries_html(shown, palette, self.scenario)
        outcome = self.loaded.state.outcome()
        if outcome is not None and self.index == len(self.pages) - 1:
            html = (
                rich.colour(
                    f"<b>{rich.esc(t('replay.ended'))}</b>  "
                    + rich.esc(news.outcome_summary(outcome, self.loaded.state, self.scenario)),
                    palette["accent"],
                )
                + "<br><br>"
                + html
            )
        self.entries_box = UITextBox(
            html,
            pygame.Rect(pad, pad, rect.width - 2 * pad - 2, rect.height - 2 * pad - 2),
            manager=self.app.manager,
            container=panel,
            object_id=ObjectID(class_id="@body", object_id="#replay_entries"),
        )

    def _build_foot(self, rect: pygame.Rect) -> None:
        lay = self.layout
        bh = lay.button_h
        back_w = max(lay.px(120), self.text_width(t("common.back"), ["button"]) + lay.px(32))
        nav_w = max(
            lay.px(150), *(self.text_width(t(k), ["button"]) + lay.px(32) for k in ("replay.previous", "replay.next"))
        )
        branch_w = max(lay.px(200), self.text_width(t("saves.branch", turn=self.page.turn)) + lay.px(32))
        # The turn buttons give way (narrower) before they would reach the branch button.
        room = rect.width - back_w - lay.px(24) - branch_w - lay.gap - 2 * lay.px(56) - 3 * lay.gap
        nav_w = max(lay.px(90), min(nav_w, room // 2))
        self.back = self.button(
            t("common.back"), pygame.Rect(rect.x, rect.y, back_w, bh), tooltip=t("replay.close.tip")
        )
        mid = rect.x + back_w + lay.px(24)
        self.first = self.button("|‹", pygame.Rect(mid, rect.y, lay.px(56), bh), tooltip=t("replay.first.tip"))
        self.prev = self.button(
            t("replay.previous"),
            pygame.Rect(mid + lay.px(56) + lay.gap, rect.y, nav_w, bh),
            tooltip=t("replay.previous.tip"),
        )
        self.next = self.button(
            t("replay.next"),
            pygame.Rect(mid + lay.px(56) + nav_w + 2 * lay.gap, rect.y, nav_w, bh),
            tooltip=t("replay.next.tip"),
        )
        self.last = self.button(
            "›|",
            pygame.Rect(mid + lay.px(56) + 2 * nav_w + 3 * lay.gap, rect.y, lay.px(56), bh),
            tooltip=t("replay.last.tip"),
        )
        if self.index == 0:
            self.first.disable()
            self.prev.disable()
        if self.index == len(self.pages) - 1:
            self.next.disable()
            self.last.disable()
        self.branch = self.button(
            t("saves.branch", turn=self.page.turn),
            pygame.Rect(rect.right - branch_w, rect.y, branch_w, bh),
            tooltip=t("replay.branch.tip"),
            class_id="@primary",
        )

    # --- the meters panel (drawn, not widgets) -----------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.meters_image is None:
            self.meters_image = self._paint_meters(self.meters_rect.width)
            self.meters_scroll = max(0, min(self.meters_scroll, self.meters_max_scroll))
        view = pygame.Rect(0, self.meters_scroll, self.meters_rect.width, self.meters_rect.height)
        pal, lay = self.app.palette, self.layout
        pygame.draw.rect(surface, paint.with_alpha(pal["screen_glow"], 235), self.meters_rect, border_radius=lay.px(6))
        surface.blit(self.meters_image, self.meters_rect.topleft, view.clip(self.meters_image.get_rect()))
        if self.meters_max_scroll:
            bar_w = lay.px(5)
            track = pygame.Rect(
                self.meters_rect.right - bar_w - lay.px(3),
                self.meters_rect.y + lay.px(6),
                bar_w,
                self.meters_rect.height - lay.px(12),
            )
            pygame.draw.rect(surface, pal["rule"], track, border_radius=bar_w // 2)
            total = self.meters_image.get_height()
            thumb_h = max(lay.px(24), track.height * self.meters_rect.height // max(1, total))
            thumb_y = track.y + (track.height - thumb_h) * self.meters_scroll // self.meters_max_scroll
            pygame.draw.rect(
                surface, pal["text_secondary"], (track.x, thumb_y, bar_w, thumb_h), border_radius=bar_w // 2
            )

    @property
    def meters_max_scroll(self) -> int:
        image = self.meters_image
        return max(0, image.get_height() - self.meters_rect.height) if image is not None else 0

    def _paint_meters(self, width_px: int) -> pygame.Surface:
        """Every meter at the end of the page's turn, full height (the panel scrolls when it is taller).

        Names are never cut: two columns when every name fits in half the width, else one column.
        """
        lay, pal = self.layout, self.app.palette
        fonts = paint.Fonts.from_app(self.app)
        pad = lay.px(14)
        width = width_px - 2 * pad - lay.px(6)
        page = self.page
        previous = self.pages[self.index - 1].meters if self.index > 0 else None
        shared = [m for m in self.scenario.shown_meters if m.scope == "shared"]
        personal = [m for m in self.scenario.shown_meters if m.scope == "actor"]
        actors = self.scenario.negotiators
        row = paint.line_height(fonts.small) + lay.px(3)
        value_w = fonts.small.size("100")[0] + lay.px(6)
        bar_min = lay.px(36)
        longest = max((fonts.small.size(m.name)[0] for m in self.scenario.shown_meters), default=0) + lay.px(8)
        two = longest + bar_min + value_w <= (width - lay.px(12)) // 2
        cols = 2 if two else 1
        col_w = (width - lay.px(12)) // 2 if two else width
        label_w = min(longest, col_w - bar_min - value_w)
        rows = (len(shared) + cols - 1) // cols + sum(
            (sum(1 for m in personal if self.scenario.holds(m.id, a.id)) + cols - 1) // cols for a in actors
        )
        height = pad * 2 + paint.line_height(fonts.head) + lay.px(12) + rows * row
        height += len(actors) * (paint.line_height(fonts.bold) + lay.px(11))
        image = paint.panel_surface((width_px, height))
        y = pad
        paint.text(
            image,
            fonts.head,
            t("replay.end_of_turn", turn=page.turn) if not page.in_progress else t("replay.when_saved"),
            (pad, y),
            pal["accent"],
            max_width=width,
        )
        y += paint.line_height(fonts.head) + lay.px(4)

        def meter(x: int, y: int, meter_obj: object, key: str) -> None:
            value = page.meters.get(key, 0.0)
            m = meter_obj
            paint.text(image, fonts.small, m.name, (x, y), pal["text_secondary"], max_width=label_w - lay.px(4))  # type: ignore[attr-defined]
            share = (value - m.min) / ((m.max - m.min) or 1.0)  # type: ignore[attr-defined]
            bar = pygame.Rect(x + label_w, y + row // 2 - lay.px(3), col_w - label_w - value_w, lay.px(6))
            paint.bar(image, bar, share, pal["accent"], pal["rule"])
            colour = pal["text"]
            if previous is not None and abs(value - previous.get(key, value)) >= 0.5:
                better = (value > previous.get(key, value)) == m.higher_is_better  # type: ignore[attr-defined]
                colour = pal["good"] if better else pal["bad"]
            paint.text(image, fonts.small, f"{value:.0f}", (x + col_w, y), colour, align="right")

        def grid(items: list[tuple[object, str]], y: int) -> int:
            for i, (m, key) in enumerate(items):
                meter(pad + (i % cols) * (col_w + lay.px(12)), y + (i // cols) * row, m, key)
            return y + ((len(items) + cols - 1) // cols) * row

        if shared:
            y = grid([(m, m.id) for m in shared], y) + lay.px(8)
        for actor in actors:
            pygame.draw.line(image, pal["rule"], (pad, y), (pad + width, y))
            y += lay.px(5)
            paint.text(
                image,
                fonts.bold,
                actor.short_name,
                (pad, y),
                self.app.actor_colour(self.scenario, actor.id),
                max_width=width // 2,
            )
            nd = page.reservations.get(actor.id)
            if nd is not None:
                paint.text(
                    image,
                    fonts.small,
                    t("text.no_deal_value", value=i18n.number(nd, 2)),
                    (pad + width, y + lay.px(2)),
                    pal["text_secondary"],
                    align="right",
                )
            y += paint.line_height(fonts.bold)
            held = [m for m in personal if self.scenario.holds(m.id, actor.id)]
            y = grid([(m, f"{m.id}@{actor.id}") for m in held], y) + lay.px(6)
        return image.subsurface((0, 0, width_px, min(height, y + pad))).copy()

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        """The mouse wheel over the meters scrolls them (the entries box scrolls itself)."""
        if event.type == pygame.MOUSEWHEEL and self.meters_rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_meters(-event.y * self.layout.px(40))
            return True
        return False

    def scroll_meters(self, pixels: int) -> None:
        self.meters_scroll = max(0, min(self.meters_scroll + pixels, self.meters_max_scroll))

    # --- input -------------------------------------------------------------------------------------
    def go(self, index: int) -> None:
        index = max(0, min(len(self.pages) - 1, index))
        if index != self.index:
            self.index = index
            self.app.refresh(self)

    def branch_here(self) -> None:
        from negotiator.ui.resume import open_branch

        open_branch(self.app, self.loaded, self.page.turn)

    def on_button(self, element: object) -> None:
        actions = {
            self.back: lambda: self.app.pop(self),
            self.first: lambda: self.go(0),
            self.prev: lambda: self.go(self.index - 1),
            self.next: lambda: self.go(self.index + 1),
            self.last: lambda: self.go(len(self.pages) - 1),
            self.branch: self.branch_here,
        }
        for button, action in actions.items():
            if element is button:
                action()
                return

    def on_key(self, event: pygame.event.Event) -> bool:
        keys = {
            pygame.K_LEFT: lambda: self.go(self.index - 1),
            pygame.K_RIGHT: lambda: self.go(self.index + 1),
            pygame.K_HOME: lambda: self.go(0),
            pygame.K_END: lambda: self.go(len(self.pages) - 1),
            pygame.K_ESCAPE: lambda: self.app.pop(self),
            pygame.K_b: self.branch_here,
        }
        action = keys.get(event.key)
        if action is None:
            return False
        action()
        return True
