"""The class debrief in the teacher's window: every finished table's outcome on one chart against the Pareto
frontier and the Nash point, each role across the tables, and what each table left on the table.

It reads `negotiator.classroom.class_report.class_debrief` of the finished tables only (a game still being played
keeps its numbers private), through the teacher's `ClassControl`; *Write report* puts the same debrief, with every
table, as HTML and CSV beside the class database and opens the page in the browser. Drawn with the theme's fonts.
"""

from __future__ import annotations

import pygame
import pygame_gui

from negotiator import i18n
from negotiator.classroom.class_report import ClassDebrief, class_debrief
from negotiator.classroom.describe import actor_name
from negotiator.engine.analysis import candidate_indexes
from negotiator.host.control import ClassControl
from negotiator.i18n import t
from negotiator.i18n.news import ending_text
from negotiator.ui.layout import split_h, split_v
from negotiator.ui.scene import Scene
from negotiator.ui.table import paint
from negotiator.words import count


class ClassDebriefScene(Scene):
    name = "class_debrief"

    def __init__(self, app: object, control: ClassControl) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.control = control
        results = control.results()
        self.debrief: ClassDebrief | None = class_debrief(results) if results else None
        self.pair = 0
        self.result = ""

    def pairs(self) -> list[tuple[str, str]]:
        if self.debrief is None:
            return []
        parties = self.debrief.model.parties
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]

    def build(self) -> None:
        lay = self.layout
        area = lay.inner(pad=lay.px(16))
        self.fonts = paint.Fonts.from_app(self.app)
        head, body, status = split_v(area, [lay.button_h, 1.0, lay.line(14)], lay.px(8))
        self.head, self.status_rect = head, status
        pad = lay.px(28)
        words = [t("class.pair"), t("class.write"), t("class.back")]
        widths = [self.text_width(text) + pad for text in words]
        right = sum(widths) + lay.px(12)
        self.title_w = head.width - right - lay.px(12)
        buttons = split_h(pygame.Rect(head.right - right, head.y, right, head.height), widths, lay.px(6))
        self.pair_btn = self.button(words[0], buttons[0], tooltip=t("class.pair.tip"))
        self.write_btn = self.button(words[1], buttons[1], tooltip=t("class.write.tip"))
        self.back = self.button(words[2], buttons[2], tooltip=t("key.esc"))
        if len(self.pairs()) < 2:
            self.pair_btn.disable()
        side = min(body.height, body.width // 2)
        self.chart_rect, self.text_rect = split_h(body, [side, 1.0], lay.px(16))
        self.chart_rect.height = side

    # --- drawing ------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        pal, f = self.app.palette, self.fonts
        d = self.debrief
        total = len(d.tables) if d else 0
        title = t("class.title", tables=count(total, "finished table"))
        title = paint.first_fitting(f.big, (title, count(total, "finished table")), self.title_w)
        paint.text(surface, f.big, title, self.head.topleft, pal["text"], max_width=self.title_w)
        colour = pal["bad"] if self.result.startswith("!") else pal["text_secondary"]
        paint.text(surface, f.small, self.result, self.status_rect.topleft, colour, max_width=self.status_rect.width)
        if d is None:
            paint.text(
                surface,
                f.head,
                t("class.none"),
                self.text_rect.topleft,
                pal["text_secondary"],
                max_width=self.text_rect.width,
            )
            return
        self._chart(surface, d)
        self._lines(surface, d)

    def _chart(self, surface: pygame.Surface, d: ClassDebrief) -> None:
        pal, f, lay = self.app.palette, self.fonts, self.layout
        a, b = self.pairs()[self.pair % len(self.pairs())]
        sc, model, start = d.scenario.translated(i18n.current()), d.model, d.start
        box = self.chart_rect
        caption = paint.line_height(f.small)
        plot = pygame.Rect(box.x + caption + lay.px(6), box.y + caption, box.width - caption - lay.px(6), 0)
        plot.height = min(plot.width, box.height - 3 * caption)
        plot.width = plot.height
        pygame.draw.rect(surface, pal["screen_glow"], plot)
        pygame.draw.rect(surface, pal["rule"], plot, width=1)

        def at(x: float, y: float) -> tuple[int, int]:
            return (plot.x + round(x * plot.width), plot.bottom - round(y * plot.height))

        ra, rb = start.reservations[a], start.reservations[b]
        corner = pygame.Rect(*at(ra, 1.0), plot.right - at(ra, 1.0)[0], at(0, rb)[1] - plot.y)
        shade = pygame.Surface(corner.size, pygame.SRCALPHA)
        shade.fill(paint.with_alpha(pal["good"], 40))
        surface.blit(shade, corner)
        for i in candidate_indexes(model):
            package = model.package_at(i)
            ua, ub = model.utilities(package, (a, b))
            pygame.draw.circle(surface, pal["neutral"], at(ua, ub), max(1, lay.px(2)))
        if start.nash_utilities is not None:
            x, y = at(start.nash_utilities[a], start.nash_utilities[b])
            r = lay.px(6)
            pygame.draw.polygon(surface, pal["text"], [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
        spots: dict[tuple[int, int], list[int]] = {}
        for table in d.tables:
            spots.setdefault(at(table.utilities[a], table.utilities[b]), []).append(table.number)
        placed: list[pygame.Rect] = []
        for (x, y), numbers in sorted(spots.items()):
            pygame.draw.circle(surface, pal["accent"], (x, y), lay.px(5))
            label = "T" + ",".join(map(str, numbers))
            w, gap = f.small.size(label)[0], lay.px(7)
            spots_around = [(x + gap, y - caption), (x + gap, y), (x - gap - w, y - caption), (x - gap - w, y)]
            rect = next(
                (
                    r
                    for r in (pygame.Rect(px, py, w, caption) for px, py in spots_around)
                    if not any(r.colliderect(other) for other in placed)
                ),
                pygame.Rect(x + gap, y - caption, w, caption),
            )
            while any(rect.colliderect(other) for other in placed):  # crowded: labels stack, never overlap
                rect.y += caption
            placed.append(rect)
            paint.text(surface, f.small, label, rect.topleft, pal["text"])
        na, nb = actor_name(sc, a), actor_name(sc, b)
        axes = t("class.axes", across=na, up=nb)
        paint.text(surface, f.small, axes, (plot.x, plot.y - caption), pal["text_secondary"])
        below = (plot.x, plot.bottom + lay.px(4))
        wordings = (t("class.legend.long"), t("class.legend.medium"), t("class.legend.short"))
        legend = paint.first_fitting(f.small, wordings, box.right - plot.x)
        paint.text(surface, f.small, legend, below, pal["text_secondary"], max_width=box.right - plot.x)

    def _lines(self, surface: pygame.Surface, d: ClassDebrief) -> None:
        pal, f = self.app.palette, self.fonts
        box = self.text_rect
        y = box.y
        sc = d.scenario.translated(i18n.current())

        def put(font: object, text: str, colour: pygame.Color) -> bool:
            nonlocal y
            lines = paint.wrap(font, text, box.width)  # type: ignore[arg-type]
            height = paint.line_height(font) * len(lines)  # type: ignore[arg-type]
            if y + height > box.bottom:
                return False
            for line in lines:
                paint.text(surface, font, line, (box.x, y), colour)  # type: ignore[arg-type]
                y += paint.line_height(font)  # type: ignore[arg-type]
            return True

        if not put(f.head, t("class.every_table"), pal["text"]):
            return
        for table in d.tables:
            where = t("class.on_frontier") if table.on_frontier else ""
            if table.left is not None:
                where = t("class.left", value=i18n.number(table.left.total, 2))
            ending = t("class.deal") if table.complete else ending_text(table.ending_text, d.scenario, sc)
            line = t("class.table_line", table=table.number, ending=ending, turn=table.turn)
            if not put(f.small, line + (f" · {where}" if where else ""), pal["text"]):
                return
        y += paint.line_height(f.small) // 2
        if not put(f.head, t("class.roles"), pal["text"]):
            return
        for party, lines in d.roles.items():
            if not put(f.bold, actor_name(sc, party), pal["accent"]):
                return
            each = " · ".join(
                f"T{line.table} {i18n.number(line.utility, 2)}" + (f" (#{line.rank})" if line.rank is not None else "")
                for line in lines
            )
            if not put(f.small, t("class.utility", each=each), pal["text"]):
                return

    # --- input --------------------------------------------------------------------------------------
    def on_button(self, element: pygame_gui.core.UIElement) -> None:
        if element is self.back:
            self.app.pop(self)
        elif element is self.pair_btn:
            self.pair += 1
            self.app.invalidate()
        elif element is self.write_btn:
            from negotiator.ui.scenes.debrief_dialogs import open_in_browser

            try:
                written = self.control.write_debrief()
            except (OSError, ValueError) as exc:
                self.result = f"! {exc}"
            else:
                opened = open_in_browser(written[0])
                self.result = t("class.written", path=written[0]) + ("" if opened else " " + t("class.open_it"))
            self.app.invalidate()

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE:
            self.app.pop(self)
            return True
        return False
