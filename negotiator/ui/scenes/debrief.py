"""The debrief at the end of a game: the ending, the deal's terms, the scores with their breakdown, charts of
every meter and of each offer's value per side over time, the outcome against the Pareto frontier and the Nash
point, and every side's preferences, revealed now that the game is over. Tabs switch between them; each tab's
picture is drawn once per window size and cached."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
from pygame_gui.elements import UIButton

from negotiator import i18n
from negotiator.engine.endings import KIND_NAMES
from negotiator.engine.outcome import Score, opening_reservations
from negotiator.engine.utility import utility_model
from negotiator.i18n import news, t
from negotiator.scenario.models import Scenario
from negotiator.ui.app import App
from negotiator.ui.charts import ChartStyle, Marker, Series, line_chart, scatter_chart
from negotiator.ui.debrief_data import bargaining, meter_history, offer_history
from negotiator.ui.describe import option_label
from negotiator.ui.scene import Scene
from negotiator.ui.session import GameSession
from negotiator.ui.table import paint
from negotiator.ui.table.base import theme_colour
from negotiator.ui.tutorial_card import TutorialCard, strip_card
from negotiator.words import count


class _Tabs(Sequence[tuple[str, str, str]]):
    """(key, label, tooltip) of each tab, its words read from the catalogues (`debrief.tab.<key>`) at each use."""

    keys = ("summary", "meters", "offers", "deal", "prefs")

    def __getitem__(self, index):  # type: ignore[no-untyped-def,override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.keys)))]
        key = self.keys[index]
        return (key, t(f"debrief.tab.{key}"), t(f"debrief.tab.{key}.tip"))

    def __len__(self) -> int:
        return len(self.keys)


TABS = _Tabs()


class DebriefScene(Scene):
    name = "debrief"

    def __init__(
        self,
        app: App,
        session: GameSession,
        *,
        demo: bool = False,
        on_done: Callable[[], None] | None = None,
        auto_seconds: float = 12.0,
    ) -> None:
        super().__init__(app)
        self.session = session
        self.state = session.state
        self.outcome = session.state.outcome()
        self.demo = demo
        self.on_done = on_done
        self.auto_seconds = auto_seconds
        self.clock = 0.0
        self.tab = "summary"
        self.card: TutorialCard | None = None
        self.pair_index = 0
        self.cache: dict[tuple[str, int, tuple[int, int], bool, str], pygame.Surface] = {}
        self.scroll = 0  # pixels of a tab taller than the body hidden above the view (the summary, in a small window)
        self.max_scroll = 0
        model = utility_model(session.scenario)
        parties = list(model.parties)
        first = session.humans[0] if session.humans and session.humans[0] in parties else parties[0]
        self.pairs = [(first, b) for b in parties if b != first] or [(parties[0], parties[0])]
        # How the computer does in each role (each side is judged against its own role, never ranked against the
        # others): computed in the background; the summary shows it when it is ready.
        self.par = session.par() if self.outcome else None

    # --- building ---------------------------------------------------------------------------------
    def enter(self) -> None:
        super().enter()
        self.app.sounds.play("end")  # once when the debrief opens, not on every rebuild

    def build(self) -> None:
        lay = self.layout
        self.fonts = paint.Fonts.from_app(self.app)
        m = lay.margin
        self.head = pygame.Rect(m, m - lay.px(6), lay.rect.width - 2 * m, lay.line(28) + lay.line(16) + lay.px(6))
        tab_y = self.head.bottom + lay.px(8)
        bh = lay.px(36)
        self.tabs: dict[UIButton, str] = {}
        x = m
        # The tabs keep clear of "Back to title": their padding shrinks before they would reach it.
        texts = [self.text_width(text, ["button"]) for _, text, _ in TABS]
        room = lay.rect.width - 2 * m - max(lay.px(150), self.text_width(t("debrief.title")) + lay.px(32)) - lay.px(12)
        tab_pad = max(lay.px(10), min(lay.px(32), (room - sum(texts) - lay.px(6) * (len(TABS) - 1)) // len(TABS)))
        for (key, text, tip), text_w in zip(TABS, texts, strict=True):
            w = text_w + tab_pad
            btn = self.button(text, pygame.Rect(x, tab_y, w, bh), tooltip=tip)
            self.tabs[btn] = key
            x += w + lay.px(6)
        right = lay.rect.width - m
        tw = max(lay.px(150), self.text_width(t("debrief.title")) + lay.px(32))
        self.title_btn = self.button(
            t("debrief.title"),
            pygame.Rect(right - tw, tab_y, tw, bh),
            tooltip=t("debrief.title.tip"),
            class_id="@primary",
        )
        # The report and the branch sit beside the headline: what a teacher does next with this game.
        ew = max(lay.px(130), self.text_width(t("debrief.export")) + lay.px(32))
        by = self.head.y + (self.head.height - bh) // 2
        self.export = self.button(
            t("debrief.export"),
            pygame.Rect(right - ew, by, ew, bh),
            tooltip=t("debrief.export.tip"),
        )
        bw = max(lay.px(150), self.text_width(t("debrief.branch")) + lay.px(32))
        self.branch_btn = self.button(
            t("debrief.branch"),
            pygame.Rect(right - ew - lay.px(8) - bw, by, bw, bh),
            tooltip=t("debrief.branch.tip"),
        )
        sw = max(lay.px(90), self.text_width(t("debrief.save")) + lay.px(32))
        self.save_btn = self.button(
            t("debrief.save"),
            pygame.Rect(self.branch_btn.relative_rect.x - lay.px(8) - sw, by, sw, bh),
            tooltip=t("debrief.save.tip"),
        )
        self.head_text_w = self.save_btn.relative_rect.x - self.head.x - lay.px(16)
        self.pair_btn: UIButton | None = None
        self.body = pygame.Rect(
            m, tab_y + bh + lay.px(12), lay.rect.width - 2 * m, lay.rect.height - tab_y - bh - lay.px(12) - m
        )
        self.body, self.card = strip_card(self, self.body, lay.px(12))  # the guided tutorial's last steps
        self._select(self.tab)

    def _select(self, tab: str) -> None:
        self.tab = tab
        self.scroll = 0
        if tab == "deal" and self.session.tutorial is not None:
            self.session.tutorial.note("debrief_read")  # the tutorial's last step: the deal against the frontier
        for btn, key in self.tabs.items():
            btn.select() if key == tab else btn.unselect()
        if self.pair_btn is not None:
            self.pair_btn.kill()
            self.pair_btn = None
        if tab == "deal" and len(self.pairs) > 1:
            lay = self.layout
            w = lay.px(190)
            self.pair_btn = self.button(
                t("debrief.pair"),
                pygame.Rect(self.body.right - w - lay.px(10), self.body.y + lay.px(10), w, lay.px(32)),
                tooltip=t("debrief.pair.tip"),
            )

    def style(self) -> ChartStyle:
        pal = self.app.palette
        return ChartStyle(
            self.fonts.small,
            self.fonts.bold,
            pal["text"],
            pal["text_secondary"],
            pal["rule"],
            theme_colour(self.app, "@card", "dark_bg", "#131d30"),
            pal["rule"],
        )

    @property
    def shown(self) -> Scenario:
        """The scenario as the reader reads it (its translation in the language shown)."""
        return self.session.scenario.translated(i18n.current())

    def colour(self, actor: str | None) -> pygame.Color:
        if actor is None:
            return self.app.palette["accent"]
        return self.app.actor_colour(self.session.scenario, actor).lerp(pygame.Color(255, 255, 255), 0.25)

    # --- drawing ----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        fonts, lay, pal = self.fonts, self.layout, self.app.palette
        o = self.outcome
        known = o is not None and o.ending in KIND_NAMES
        headline = (t(f"debrief.kind.{o.ending}") if known else o.ending) if o else t("debrief.over")
        paint.text(surface, fonts.big, headline, self.head.topleft, pal["text"], max_width=self.head_text_w)
        if o:
            after = t("debrief.after", turns=count(o.turn, "turn"))
            ending = news.ending_text(o.ending_text, self.session.scenario, self.shown)
            # The whole ending text if it fits; the summary tab always has it in full.
            line = paint.first_fitting(fonts.body, (f"{after}: {ending}", after), self.head_text_w)
            paint.text(surface, fonts.body, line, (self.head.x, self.head.y + lay.line(28)), pal["text_secondary"])
        key = (self.tab, self.pair_index, self.body.size, self.par is not None, i18n.current())
        picture = self.cache.get(key)
        if picture is None:
            picture = self._render(self.tab)
            self.cache[key] = picture
        self.max_scroll = max(0, picture.get_height() - self.body.height)
        self.scroll = max(0, min(self.scroll, self.max_scroll))
        surface.blit(picture, self.body.topleft, area=pygame.Rect(0, self.scroll, self.body.width, self.body.height))
        pygame.draw.rect(surface, pal["rule"], self.body, width=1, border_radius=6)
        if self.max_scroll:
            self._scroll_bar(surface, picture.get_height())
        if self.card is not None:
            self.card.paint(surface)

    def _render(self, tab: str) -> pygame.Surface:
        """The tab's picture, as wide as the body; a tab whose words need more height than the body (the summary
        in a small window with large text) is drawn again whole, as tall as it needs, and scrolls."""
        draw_tab: Callable[[pygame.Surface], int | None] = getattr(self, f"_tab_{tab}")
        surf = self._page(self.body.height)
        bottom = draw_tab(surf)
        if bottom is not None and bottom > self.body.height:
            surf = self._page(bottom)
            draw_tab(surf)
        return surf

    def _page(self, height: int) -> pygame.Surface:
        surf = pygame.Surface((self.body.width, height))
        surf.fill(theme_colour(self.app, "@card", "dark_bg", "#131d30"))
        return surf

    def _scroll_bar(self, surface: pygame.Surface, total: int) -> None:
        lay, pal = self.layout, self.app.palette
        bar_w = lay.px(6)
        track = pygame.Rect(
            self.body.right - bar_w - lay.px(4), self.body.y + lay.px(4), bar_w, self.body.height - lay.px(8)
        )
        pygame.draw.rect(surface, pal["rule"], track, border_radius=bar_w // 2)
        thumb_h = max(lay.px(24), track.height * self.body.height // max(1, total))
        thumb_y = track.y + (track.height - thumb_h) * self.scroll // max(1, self.max_scroll)
        pygame.draw.rect(surface, pal["text_secondary"], (track.x, thumb_y, bar_w, thumb_h), border_radius=bar_w // 2)

    def scroll_by(self, pixels: int) -> bool:
        """Scroll a tab taller than the body; False when there is nothing to scroll."""
        if not self.max_scroll:
            return False
        self.scroll = max(0, min(self.scroll + pixels, self.max_scroll))
        return True

    def _tab_summary(self, surf: pygame.Surface) -> int:
        """The terms (left) and the scores (right); returns the height the words need."""
        fonts, lay, pal = self.fonts, self.layout, self.app.palette
        scenario = self.shown
        o = self.outcome
        pad = lay.px(20)
        w = surf.get_width()
        widest = max(
            [
                fonts.bold.size(option_label(scenario, i.id, o.terms[i.id]))[0]
                for i in scenario.issues
                if o and i.id in o.terms
            ]
            + [fonts.small.size(i.name)[0] for i in scenario.issues]
        )
        left_w = max(
            int((w - 3 * pad) * 0.3), min(int((w - 3 * pad) * 0.42), widest + lay.px(8))
        )  # scores get the rest
        y = pad
        paint.text(surf, fonts.bold, t("debrief.terms"), (pad, y), pal["accent"])
        y += paint.line_height(fonts.bold) + lay.px(4)
        lh = paint.line_height(fonts.body)
        for issue in scenario.issues:
            agreed = o.terms.get(issue.id) if o else None
            paint.text(surf, fonts.small, issue.name, (pad, y), pal["text_secondary"], max_width=left_w)
            y += paint.line_height(fonts.small)
            text = option_label(scenario, issue.id, agreed) if agreed else t("debrief.not_settled")
            paint.text(
                surf,
                fonts.bold if agreed else fonts.body,
                text,
                (pad, y),
                pal["good"] if agreed else pal["text_secondary"],
                max_width=left_w,
            )
            y += lh + lay.px(4)
        if o:
            y += lay.px(8)
            for line in paint.wrap(fonts.small, news.outcome_summary(o, self.state, scenario), left_w):
                paint.text(surf, fonts.small, line, (pad, y), pal["text_secondary"])
                y += paint.line_height(fonts.small)
        left_bottom = y + pad
        x0 = pad * 2 + left_w
        y = pad
        paint.text(surf, fonts.bold, t("debrief.scores"), (x0, y), pal["accent"])
        y += paint.line_height(fonts.bold) + lay.px(4)
        if not o:
            return left_bottom
        # Scenario order, never ranked: sides start from positions that differ by design, so each is judged
        # against the same role as the computer plays it (the line under its row).
        ranked = list(o.scores.items())
        parts = {a: _columns(s) for a, s in ranked}
        rows = [
            [i18n.number(v + 0.0, 1, sign=True) for v in [s.total, *parts[a]]]
            + [f"{i18n.number(s.utility, 2)} / {i18n.number(s.start_reservation, 2)}"]
            for a, s in ranked
        ]
        room = w - x0 - pad
        # Columns are as wide as their widest cell; the side's name takes what is left. Long headers give way to
        # short ones, then the numbers to the small type, before anything would overlap.
        long_heads = [t(f"debrief.col.{k}") for k in ("total", "outcome", "meters", "commitments", "ending", "vs")]
        short_heads = [
            t(f"debrief.col.{k}.short") for k in ("total", "outcome", "meters", "commitments", "ending", "vs")
        ]
        for heads, value_font in ((long_heads, fonts.body), (short_heads, fonts.body), (short_heads, fonts.small)):
            widths = [
                max([fonts.small.size(h)[0]] + [(fonts.bold if k == 0 else value_font).size(r[k])[0] for r in rows])
                + lay.px(12)
                for k, h in enumerate(heads)
            ]
            name_w = room - sum(widths)
            if name_w >= lay.px(70):
                break
        name_w = max(lay.px(40), name_w)
        rights = [x0 + name_w + sum(widths[: k + 1]) for k in range(len(widths))]
        paint.text(surf, fonts.small, t("debrief.col.side"), (x0, y), pal["text_secondary"])
        for head, right in zip(heads, rights, strict=True):
            paint.text(surf, fonts.small, head, (right, y), pal["text_secondary"], align="right")
        y += paint.line_height(fonts.small) + lay.px(4)
        for (actor, score), cells in zip(ranked, rows, strict=True):
            pygame.draw.line(surf, pal["rule"], (x0, y - 2), (w - pad, y - 2))
            side = self.session.display_name(actor)
            if fonts.bold.size(side)[0] > name_w - 6:  # a long name gets a line of its own above its numbers
                paint.text(surf, fonts.bold, side, (x0, y + 2), self.colour(actor), max_width=w - x0 - pad)
                y += lh
                side = ""
            paint.text(surf, fonts.bold, side, (x0, y + 2), self.colour(actor), max_width=name_w - 6)
            values = [score.total, *parts[actor]]
            for k, v in enumerate(values):
                c = pal["good"] if v > 0.05 else pal["bad"] if v < -0.05 else pal["text"]
                font = fonts.bold if k == 0 else value_font
                paint.text(surf, font, cells[k], (rights[k], y + 2), c, align="right")
            paint.text(surf, value_font, cells[-1], (rights[-1], y + 2), pal["text"], align="right")
            y += lh + lay.px(2)
            name = scenario.actor(actor).short_name
            share = self.par.standing(actor, score.total) if self.par is not None else None
            standing = (
                (t("debrief.standing", share=i18n.percent(share), name=name) if share is not None else "")
                or t("debrief.no_par")
                if self.par is not None
                else t("debrief.par_pending")
            )
            paint.text(
                surf,
                fonts.small,
                standing[:1].upper() + standing[1:],
                (x0 + lay.px(12), y),
                pal["text_secondary"],
                max_width=w - x0 - pad - lay.px(12),
            )
            y += paint.line_height(fonts.small) + lay.px(8)
        y += lay.px(6)
        note = t("debrief.note")
        for line in paint.wrap(fonts.small, note, w - x0 - pad):
            paint.text(surf, fonts.small, line, (x0, y), pal["text_secondary"])
            y += paint.line_height(fonts.small)
        return max(left_bottom, y + pad)

    def _grid(self, surf: pygame.Surface, count: int) -> list[pygame.Rect]:
        lay = self.layout
        pad = lay.px(12)
        w, h = surf.get_size()
        cols = 1 if count == 1 else 2 if count <= 4 else 3 if count <= 9 else 4
        rows = (count + cols - 1) // cols
        cw = (w - pad * (cols + 1)) // cols
        ch = (h - pad * (rows + 1)) // max(1, rows)
        return [
            pygame.Rect(pad + (k % cols) * (cw + pad), pad + (k // cols) * (ch + pad), cw, ch) for k in range(count)
        ]

    def _tab_meters(self, surf: pygame.Surface) -> None:
        scenario = self.shown
        history = meter_history(self.state)
        meters = scenario.shown_meters
        turns = max(1, len(self.state.records))
        for meter, rect in zip(meters, self._grid(surf, len(meters)), strict=True):
            series = [
                Series(scenario.actor(owner).short_name if owner else "", self.colour(owner), pts)
                for owner, pts in history[meter.id].items()
                if owner is None
                or any(a.id == owner and a.negotiates for a in scenario.actors)
                or pts[0][1] != pts[-1][1]
            ]
            chart = line_chart(
                rect.size,
                self.style(),
                meter.name,
                series,
                x_range=(0, turns),
                y_range=(meter.min, meter.max),
                x_ticks=list(range(0, turns + 1, max(1, turns // 6))),
                legend=meter.scope == "actor",
            )
            surf.blit(chart, rect)

    def _tab_offers(self, surf: pygame.Surface) -> None:
        history = offer_history(self.state)
        turns = max(1, len(self.state.records))
        series: list[Series] = []
        for actor, values in history.utilities.items():
            name = self.shown.actor(actor).short_name
            series.append(
                Series(
                    t("debrief.no_deal_dashed", name=name),
                    self.colour(actor),
                    history.reservations[actor],
                    width=2,
                    dashed=True,
                )
            )
            series.append(Series(name, self.colour(actor), list(zip(history.x, values, strict=True)), markers=True))
        rect = surf.get_rect().inflate(-self.layout.px(24), -self.layout.px(24))
        title = t("debrief.offers.title")
        if not history.x:
            title = t("debrief.offers.none")
        chart = line_chart(
            rect.size,
            self.style(),
            title,
            series,
            x_range=(0, turns),
            y_range=(0, 1),
            x_label=t("debrief.turn"),
            x_ticks=list(range(0, turns + 1)),
            fmt_y="{:.1f}",
        )
        surf.blit(chart, rect)

    def _tab_deal(self, surf: pygame.Surface) -> None:
        pal = self.app.palette
        pair = self.pairs[self.pair_index % len(self.pairs)]
        b = bargaining(self.state, pair)
        name = [self.shown.actor(a).short_name for a in pair]
        markers = [Marker(x, y, paint.with_alpha(pal["text_secondary"], 255), 3) for x, y in b.offers]
        if b.nash is not None:
            markers.append(Marker(*b.nash, pal["accent"], 6, t("debrief.nash"), ring=True))
        label = t("debrief.outcome.everyones_frontier") if b.optimal_but_below else t("debrief.outcome")
        markers.append(Marker(*b.deal, pal["good"], 7, label))
        rect = surf.get_rect().inflate(-self.layout.px(24), -self.layout.px(24))
        chart = scatter_chart(
            rect.size,
            self.style(),
            t("debrief.deal.title", x=name[0], y=name[1]),
            b.cloud,
            b.frontier,
            markers,
            x_label=t("debrief.value_to", name=name[0]),
            y_label=t("debrief.value_to", name=name[1]),
            cloud_colour=pal["neutral"],
            frontier_colour=self.colour(pair[1]),
            lines=[("x", b.reservations[0], self.colour(pair[0])), ("y", b.reservations[1], self.colour(pair[1]))],
        )
        surf.blit(chart, rect)

    def _tab_prefs(self, surf: pygame.Surface) -> int:
        """Every side's weights and values per option; returns the height they need (the tab scrolls)."""
        fonts, lay, pal = self.fonts, self.layout, self.app.palette
        scenario = self.shown
        model = utility_model(self.session.scenario)
        parties = list(model.parties)
        pad = lay.px(16)
        w = surf.get_width()
        # The names' column is as wide as its longest issue or option name, between a fifth and two fifths.
        widest = max(
            [fonts.bold.size(i.name)[0] + lay.px(8) for i in scenario.issues]
            + [fonts.small.size(o.label)[0] + lay.px(16) for i in scenario.issues for o in i.options]
        )
        name_w = min(int(w * 0.4), max(int(w * 0.2), widest + lay.px(8)))
        col_w = (w - 2 * pad - name_w) // max(1, len(parties))
        y = pad
        for k, actor in enumerate(parties):
            x = pad + name_w + k * col_w
            paint.text(surf, fonts.bold, scenario.actor(actor).short_name, (x, y), self.colour(actor))
            start = opening_reservations(self.state)[actor]  # what its first move showed
            paint.text(
                surf,
                fonts.small,
                t(
                    "debrief.no_deal_moved",
                    start=i18n.number(start, 2),
                    end=i18n.number(self.state.reservation(actor), 2),
                ),
                (x, y + paint.line_height(fonts.bold)),
                pal["text_secondary"],
                max_width=col_w - 8,
            )
        y += paint.line_height(fonts.bold) + paint.line_height(fonts.small) + lay.px(8)
        sh = paint.line_height(fonts.small)
        for i, issue in enumerate(scenario.issues):
            block_h = sh * (len(issue.options) + 1) + lay.px(8)
            pygame.draw.line(surf, pal["rule"], (pad, y - 3), (w - pad, y - 3))
            paint.text(surf, fonts.bold, issue.name, (pad, y), pal["text"], max_width=name_w - 8)
            for j, option in enumerate(issue.options):
                paint.text(
                    surf,
                    fonts.small,
                    option.label,
                    (pad + lay.px(8), y + sh * (j + 1)),
                    pal["text_secondary"],
                    max_width=name_w - lay.px(16),
                )
            for k, actor in enumerate(parties):
                x = pad + name_w + k * col_w
                weight = model.weights[actor][i]
                paint.text(surf, fonts.small, f"weight {weight:.0%}", (x, y), pal["accent"])
                for j, value in enumerate(model.values[actor][i]):
                    row_y = y + sh * (j + 1)
                    if j in model.red_lines[actor][i]:
                        paint.text(surf, fonts.small, t("board.mark.red_line.long"), (x, row_y), pal["bad"])
                        continue
                    bar = pygame.Rect(x, row_y + sh // 2 - 3, int((col_w - lay.px(56)) * 0.9), lay.px(6))
                    paint.bar(surf, bar, value, self.colour(actor), pal["rule"])
                    paint.text(surf, fonts.small, f"{value:.2f}", (bar.right + lay.px(6), row_y), pal["text"])
            y += block_h
        return y + pad

    # --- input ------------------------------------------------------------------------------------
    def animating(self) -> bool:
        return self.demo or (self.par is None and bool(self.outcome))  # touring the tabs, or awaiting the par

    def update(self, dt: float) -> None:
        if self.card is not None and self.card.step_key() != self.card.key:
            self.app.refresh(self)  # a tab opened met the tutorial's step: show the next one
        if self.par is None and self.outcome:
            self.par = self.session.par()
            if self.par is not None:
                self.app.invalidate()
        if self.demo:
            self.clock += dt
            order = [k for k, _, _ in TABS]
            step = self.auto_seconds / len(order)
            want = order[min(len(order) - 1, int(self.clock // step))]
            if want != self.tab:
                self._select(want)
            if self.clock >= self.auto_seconds and self.on_done is not None:
                self.on_done()

    def on_button(self, element: object) -> None:
        if self.card is not None and self.card.on_button(element):
            return
        if element in self.tabs:
            self._select(self.tabs[element])  # type: ignore[index]
        elif element is self.pair_btn:
            self.pair_index += 1
        elif element is self.title_btn:
            self.app.reset_to_title()
        elif element is self.export:
            self.open_export()
        elif element is self.branch_btn:
            self.open_branch()
        elif element is self.save_btn:
            self.open_save()

    def open_save(self) -> None:
        from negotiator.ui.scenes.saves_dialog import open_save_dialog

        open_save_dialog(self.app, self.session)

    def open_export(self) -> None:
        from negotiator.ui.scenes.debrief_dialogs import ExportDialog

        self.app.push(ExportDialog(self.app, self.session))

    def open_branch(self) -> None:
        from negotiator.ui.scenes.debrief_dialogs import BranchDialog

        self.app.push(BranchDialog(self.app, self.session))

    def on_key(self, event: pygame.event.Event) -> bool:
        order = [k for k, _, _ in TABS]
        if event.key in (pygame.K_RIGHT, pygame.K_TAB):
            self._select(order[(order.index(self.tab) + 1) % len(order)])
            return True
        if event.key == pygame.K_LEFT:
            self._select(order[(order.index(self.tab) - 1) % len(order)])
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            # Enter reads on (the next tab) and never leaves: an Enter or two meant for the last turn's summary
            # must not skip the debrief (it used to lead to the title, where Enter starts a new game).
            if order.index(self.tab) < len(order) - 1:
                self._select(order[order.index(self.tab) + 1])
            return True
        page = max(1, self.body.height - self.layout.px(48))
        steps = {
            pygame.K_UP: -self.layout.px(48),
            pygame.K_DOWN: self.layout.px(48),
            pygame.K_PAGEUP: -page,
            pygame.K_PAGEDOWN: page,
            pygame.K_HOME: -self.max_scroll,
            pygame.K_END: self.max_scroll,
        }
        if event.key in steps:
            return self.scroll_by(steps[event.key])
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.open_save()
            return True
        if event.key == pygame.K_x:
            self.open_export()
            return True
        if event.key == pygame.K_p:
            self.open_branch()
            return True
        return False

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            return self.scroll_by(-event.y * self.layout.px(48))
        return False


def _columns(score: Score) -> list[float]:
    """outcome (with promises paid on the deal), meters, commitments, ending."""
    b = score.breakdown
    return [
        b.get("outcome", 0.0) + b.get("promises", 0.0),
        b.get("meters", 0.0),
        b.get("commitments", 0.0),
        b.get("ending", 0.0),
    ]
