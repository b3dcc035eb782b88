"""The negotiating table: the main screen of a game.

It shows one seat's view (a human player's, or the public picture when only the computer is playing) and turns
clicks into engine actions through the `GameSession`; the rules stay in the engine. The AI moves one action per
frame, spaced by a short pacing delay so players can follow. With several humans, the table hides everything
private whenever the human to move changes and hands over through the privacy screen. Finished turns are shown
on the resolution screen; the end of the game leads to the debrief.

The facilitator's controls live here too: F9 (or Menu) opens the panel; while the game is paused a pause
screen covers the table; a move timer counts down each human move on the header and, when it runs out, the
session ends the move or lets the computer finish it, as ordinary logged actions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from negotiator.engine import IllegalActionError, InvalidActionError
from negotiator.engine.actions import Action, DeclareRedLine, EndTurn, Respond, Terms
from negotiator.engine.moves import commitments_broken_by
from negotiator.engine.offers import Offer
from negotiator.i18n import t
from negotiator.ui.app import App
from negotiator.ui.facilitation import clock_text
from negotiator.ui.layout import split_v
from negotiator.ui.scene import Scene
from negotiator.ui.scenes.privacy import PrivacyScreen
from negotiator.ui.session import GameSession
from negotiator.ui.table import paint
from negotiator.ui.table.actors_panel import ActorsPanel, actor_rows, extra_lines
from negotiator.ui.table.base import Panel, TableContext
from negotiator.ui.table.data import table_data
from negotiator.ui.table.header import Header
from negotiator.ui.table.issue_board import IssueBoard
from negotiator.ui.table.layout import SIDE_SHARE, SIDE_TABS, tabbed, table_rects
from negotiator.ui.table.levers_panel import LeversPanel
from negotiator.ui.table.news_feed import NewsFeed
from negotiator.ui.table.offer_builder import OfferBuilder
from negotiator.ui.table.offers_panel import OffersPanel
from negotiator.ui.table.side_tabs import SideTabs, tab_rows
from negotiator.ui.table.tutorial_panel import TutorialPanel
from negotiator.ui.tutorial_card import shown as tutorial_shown

log = logging.getLogger("negotiator.ui")


class HandOver(PrivacyScreen):
    """The privacy screen between two hotseat players in the middle of a game: it returns to the same table."""

    def __init__(self, app: App, session: GameSession, actor: str, on_ready: Callable[[], None]) -> None:
        super().__init__(app, session, actor, then=None)  # type: ignore[arg-type]
        self.on_ready = on_ready
        self.done = False

    def proceed(self) -> None:
        if not self.done:
            self.done = True
            self.app.pop(self)
            self.on_ready()


AI_DELAY = 0.55  # seconds between two AI actions at speed 1
END_DELAY = 1.0  # seconds between the last action and the final resolution


class TableScene(Scene):
    name = "table"
    can_autosave = True

    def __init__(self, app: App, session: GameSession, *, demo: bool = False, speed: float = 1.0) -> None:
        super().__init__(app)
        self.session = session
        self.demo = demo
        self.speed = max(0.05, speed)
        self.seat: str | None = session.humans[0] if len(session.humans) == 1 else None
        self.selection: dict[str, str] = {}
        self.wait = 0.4 / self.speed  # a moment to take in the table before the first AI action
        self.records_shown = len(session.state.records)
        self.handing_over = False
        self.canvas: pygame.Surface | None = None
        self.dirty = True
        self.panels: dict[str, Panel] = {}
        self.last_ai_ms = 0.0
        self.timer_cache: dict[tuple[str, tuple[int, ...]], pygame.Surface] = {}
        self.on_game_done: Callable[[], None] | None = None  # demo mode: what follows the debrief
        self.heard_offers: set[int] | None = None  # offers to the seat already announced with a sound
        self.timer_warned: tuple[int, str] | None = None  # the move whose low timer was already announced
        self.side_tab = SIDE_TABS[0]  # the side panel shown when the window is narrow (see table.layout)
        self.board_focus: dict[str, str] = {}  # the issue open on the board when it shows one issue at a time

    # --- building ---------------------------------------------------------------------------------
    @property
    def delay(self) -> float:
        return AI_DELAY / (self.speed * self.app.settings.animation_speed)

    def build(self) -> None:
        assert self.root is not None
        data = table_data(self.session, self.seat)
        ctx = TableContext(self.app, self.session, paint.Fonts.from_app(self.app), self.layout, data, self.root)
        self.ctx = ctx
        rows = tab_rows(ctx, int(self.layout.rect.width * SIDE_SHARE)) if tabbed(self.layout) else 1
        rects = table_rects(self.layout, actor_rows(data.scenario), side=self.side_tab, tab_rows=rows)
        extra = (
            extra_lines(data.scenario, ctx.fonts, self.layout, rects["actors"].width - 24) if "actors" in rects else 0
        )
        if extra:
            rows_needed = actor_rows(data.scenario, extra)  # long names on lines of their own
            rects = table_rects(self.layout, rows_needed, side=self.side_tab, tab_rows=rows)
        self.base_rects = dict(rects)  # before the tutorial's card takes its share
        self.card_heights: dict[int | None, int] = {}  # the card's height per tutorial step, for these rects
        card = self._tutorial_rect(ctx, rects) if tutorial_shown(self.session) else None
        self.rects = rects
        counter_of = self.builder.counter_of if hasattr(self, "builder") else None
        self.builder = OfferBuilder(ctx, rects["builder"], self.selection, self.act)
        self.builder.counter_of = counter_of  # a rebuild (resize, a tab, a settled issue) keeps the counter going
        makers: dict[str, Callable[[pygame.Rect], Panel]] = {
            "header": lambda r: Header(ctx, r),
            "tabs": lambda r: SideTabs(ctx, r, self.side_tab),
            "actors": lambda r: ActorsPanel(ctx, r),
            "levers": lambda r: LeversPanel(ctx, r, self.act),
            "board": lambda r: IssueBoard(ctx, r, self.selection, self.pick, self.board_focus, self.open_red_line),
            "builder": lambda r: self.builder,
            "offers": lambda r: OffersPanel(ctx, r, self.act, self.counter),
            "news": lambda r: NewsFeed(ctx, r),
        }
        # A guided tutorial's card takes the news corner while it runs (nothing else a step points at is there);
        # with the side panels as tabs, the lower part of the side column.
        gives_way = {"news"} if card is not None and "tabs" not in rects else set()
        self.panels = {name: makers[name](rect) for name, rect in rects.items() if name not in gives_way}
        if card is not None:
            self.panels["tutorial"] = TutorialPanel(ctx, card)
        for panel in self.panels.values():
            panel.build()
        self.built_key = self._structure_key()
        self.canvas = None
        self.dirty = True

    def _tutorial_rect(self, ctx: TableContext, rects: dict[str, pygame.Rect]) -> pygame.Rect:
        """Where the tutorial's card goes: the news corner of the wide table (the news gives way), or the lower
        part of the side column when the side panels are tabs (the shown panel shrinks and scrolls)."""
        gap = self.layout.px(12)
        if "tabs" not in rects:
            return TutorialPanel.fit(ctx, rects, gap)
        upper, lower = split_v(rects[self.side_tab], [0.55, 0.45], gap)
        corner = {"offers": upper, "news": lower}
        card = TutorialPanel.fit(ctx, corner, gap)
        rects[self.side_tab] = corner["offers"]
        return card

    def _structure_key(self) -> tuple[object, ...]:
        data = self.ctx.data
        # The tutorial card's height (it changes with the step's words) moves the offers panel; no card, none.
        # Measuring it wraps the step's text, so it is measured once per step (this runs after every action).
        height = -1
        if tutorial_shown(self.session):
            assert self.session.tutorial is not None
            step = self.session.tutorial.current(self.session.state)
            if step not in self.card_heights:
                self.card_heights[step] = self._tutorial_rect(self.ctx, dict(self.base_rects)).height
            height = self.card_heights[step]
        return (data.seat, tuple(sorted(data.settled.items())), height)

    # --- state changes ----------------------------------------------------------------------------
    def changed(self) -> None:
        """The game moved on (or the seat changed): refresh the panels, rebuilding widgets only if needed."""
        if self.root is None:
            return
        self.ctx.data = table_data(self.session, self.seat)
        for issue in list(self.selection):
            if issue in self.ctx.data.settled:
                del self.selection[issue]
        self._offer_cue()
        if self._structure_key() != self.built_key:
            self.build_ui()
            return
        for panel in self.panels.values():
            panel.refresh()
        self.dirty = True

    def _offer_cue(self) -> None:
        """A chime when an offer addressed to the seat appears (not for ones already on the table)."""
        waiting = {o.id for o in self.ctx.data.awaiting_me}
        if self.heard_offers is not None and waiting - self.heard_offers:
            self.app.sounds.play("offer")
            if "tabs" in self.panels and self.side_tab != "offers":
                self.side_tab = "offers"  # a new offer to answer: turn to it (the tab's count says so too)
                self.built_key = None
        self.heard_offers = waiting

    def show_side(self, tab: str) -> None:
        """Show one of the side panels (when they are tabs)."""
        if tab in SIDE_TABS and tab != self.side_tab:
            self.side_tab = tab
            self.build_ui()

    def set_seat(self, seat: str | None) -> None:
        if seat is not None:
            self.app.speak(self.session.language_of(seat) or self.session.shared_language())
        if seat != self.seat:
            self.seat = seat
            self.selection.clear()
            self.builder.counter_of = None
            self.build_ui()

    def act(self, action: Action) -> bool:
        """A human's action; a refusal (which the widgets try to prevent) is explained in a message. An offer or
        acceptance that breaks the player's own public red line is asked about first (False until confirmed)."""
        broken = commitments_broken_by(self.session.state.core, action)
        if broken:
            self._confirm_breaking(action, broken)
            return False
        return self._apply(action)

    def _confirm_breaking(self, action: Action, broken: Terms) -> None:
        from negotiator.ui.scenes.red_line import BreakLineConfirm

        def go() -> None:
            if self._apply(action) and not isinstance(action, Respond):
                self.selection.clear()
                self.builder.counter_of = None
                self.changed()

        accepting = isinstance(action, Respond)
        self.app.push(BreakLineConfirm(self.app, self.session, action.actor, broken, accepting, go))

    def _apply(self, action: Action) -> bool:
        try:
            self.session.act(action)
        except (IllegalActionError, InvalidActionError) as exc:
            self.app.show_message(t("table.not_allowed"), str(exc))
            return False
        self.wait = self.delay
        if isinstance(action, EndTurn) and len(self.session.humans) > 1:
            self.set_seat(None)  # nothing private stays on screen once a hotseat player is done
        self.changed()
        return True

    def pick(self, issue: str, option: str) -> None:
        if self.selection.get(issue) == option:
            del self.selection[issue]
        else:
            self.selection[issue] = option
        self.changed()

    def counter(self, offer: Offer) -> None:
        self.builder.start_counter(offer.id, offer.terms_dict())
        self.changed()

    # --- per frame --------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        state = self.session.state
        if self.session.autosave_error:
            problem, self.session.autosave_error = self.session.autosave_error, ""
            self.app.show_message(t("table.autosave_failed"), t("table.autosave_failed.text", problem=problem))
            return
        if self.session.facilitation.paused and not state.is_over():
            from negotiator.ui.scenes.pause import PauseScreen

            self.app.push(PauseScreen(self.app, self.session, self.changed))
            return
        if len(state.records) > self.records_shown:
            self._show_resolution()
            return
        if state.is_over():
            self.wait -= dt
            if self.wait <= 0:
                self._finish()
            return
        if self._handover():
            return
        if self.session.human_to_move is not None:
            if self.tick_timer(dt):
                self._time_up()
            else:
                self._timer_cue()
            return
        self.wait -= dt
        if self.wait > 0:
            return
        start = time.perf_counter()
        action = self.session.step_ai()
        self.last_ai_ms = (time.perf_counter() - start) * 1000
        if action is not None:
            self.wait = self.delay
            self.changed()
            if self.session.state.is_over():
                self.wait = END_DELAY / self.speed

    def animating(self) -> bool:
        """Frames are needed while the computer moves, the end is shown, or a move timer counts down; a table
        waiting for a human with no timer is still."""
        session = self.session
        if session.human_to_move is None or session.state.is_over():
            return True
        timer = session.facilitation
        return timer.timer_seconds is not None and not timer.paused

    # --- the move timer -----------------------------------------------------------------------------
    def tick_timer(self, dt: float) -> bool:
        """Count down the human move on screen (only while that player can see the table); True if time is up."""
        mover = self.session.human_to_move
        move = self.session.current_move if mover is not None and mover == self.seat else None
        return self.session.facilitation.tick(move, dt)

    def _timer_cue(self) -> None:
        """Two soft pings once per move when the countdown turns red (the header shows the same moment)."""
        shown = self.timer_display()
        move = self.session.current_move
        if shown is not None and shown[1] == "bad" and move is not None and move != self.timer_warned:
            self.timer_warned = move
            self.app.sounds.play("timer")

    def _time_up(self) -> None:
        """The session ends the move or hands it to the computer; both are ordinary actions in the log."""
        mover = self.session.human_to_move
        if mover is None:
            return
        try:
            action = self.session.time_out(mover, self.session.facilitation.on_timeout)
        except (IllegalActionError, InvalidActionError) as exc:  # the engine refused: say so, stop the clock
            self.session.facilitation.set_timer(None)
            self.app.show_message(t("table.timer_stopped"), str(exc))
            return
        self.wait = self.delay
        if isinstance(action, EndTurn) and len(self.session.humans) > 1:
            self.set_seat(None)
        self.changed()

    def timer_display(self) -> tuple[str, str] | None:
        """What the header's countdown shows now, and its palette colour; None when no countdown runs."""
        fac, session = self.session.facilitation, self.session
        if fac.timer_seconds is None or not session.humans or session.state.is_over():
            return None
        if session.stand_in_for is not None:
            return t("table.time_up_short"), "bad"
        mover = session.human_to_move
        if mover is None or mover != self.seat:
            return None
        left = fac.shown_remaining(session.current_move)
        if left is None:
            return None
        colour = "bad" if left <= 10 else "warn" if left <= 30 else "text"
        return t("table.clock_left", clock=clock_text(left)), colour

    def _draw_timer(self, surface: pygame.Surface) -> None:
        shown = self.timer_display()
        header = self.panels.get("header")
        if shown is None or not isinstance(header, Header):
            return
        text, colour_name = shown
        colour = self.app.palette[colour_name]
        key = (text, tuple(colour))
        pill = self.timer_cache.get(key)
        if pill is None:
            if len(self.timer_cache) > 8:
                self.timer_cache.clear()
            rect = header.timer_rect
            pill = pygame.Surface(rect.size, pygame.SRCALPHA)
            radius = rect.height // 2
            pygame.draw.rect(pill, paint.with_alpha(colour, 40), pill.get_rect(), border_radius=radius)
            pygame.draw.rect(pill, colour, pill.get_rect(), width=1, border_radius=radius)
            font = self.ctx.fonts.bold
            top = (rect.height - font.size(text)[1]) // 2
            paint.text(pill, font, text, (rect.width // 2, top), colour, align="centre")
            self.timer_cache[key] = pill
        surface.blit(pill, header.timer_rect)

    def _handover(self) -> bool:
        """With several humans, hide private things when the mover changes and show the privacy screen."""
        if len(self.session.humans) < 2:
            return False
        mover = self.session.human_to_move
        if mover is None:
            if self.seat is not None:
                self.set_seat(None)
            return False
        if mover == self.seat:
            self.app.speak(self.session.language_of(mover))  # back from a shared screen: this player's own
            return False
        if self.seat is not None:
            self.set_seat(None)
        self.app.speak(self.session.language_of(mover))  # the next player's screens, from the hand-over on
        self.app.push(HandOver(self.app, self.session, mover, lambda: self.set_seat(mover)))
        return True

    def _show_resolution(self) -> None:
        from negotiator.ui.scenes.resolution import ResolutionScene

        records = self.session.state.records
        self.records_shown = len(records)
        self.app.speak(self.session.shared_language())  # every player reads the turn's summary
        viewer = self.seat if len(self.session.humans) == 1 else None
        self.app.push(ResolutionScene(self.app, self.session, records[-1], viewer, auto=self.demo, speed=self.speed))

    def _finish(self) -> None:
        from negotiator.ui.scenes.debrief import DebriefScene

        self.app.speak(self.session.shared_language())
        self.app.replace(DebriefScene(self.app, self.session, demo=self.demo, on_done=self.on_game_done))

    def resume(self) -> None:
        self.changed()

    def draw(self, surface: pygame.Surface) -> None:
        if self.canvas is None or self.canvas.get_size() != surface.get_size():
            self.canvas = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            self.dirty = True
        if self.dirty:
            self.canvas.fill((0, 0, 0, 0))
            for panel in self.panels.values():
                panel.paint(self.canvas)
            self.dirty = False
        surface.blit(self.canvas, (0, 0))
        self._draw_timer(surface)

    # --- input ------------------------------------------------------------------------------------
    def on_button(self, element: object) -> None:
        header = self.panels.get("header")
        if isinstance(header, Header):
            if element is getattr(header, "end", None):
                self.end_move()
                return
            handlers = {header.brief: self.open_brief, header.save: self.open_save, header.menu: self.open_menu}
            handler = handlers.get(element)  # type: ignore[call-overload]
            if handler is not None:
                handler()
                return
        tabs = self.panels.get("tabs")
        tab = tabs.tab_of(element) if isinstance(tabs, SideTabs) else None
        if tab is not None:
            self.show_side(tab)
            return
        for panel in self.panels.values():
            if panel.on_button(element):
                if panel.build_again:
                    self.build_ui()  # the panel's widgets depend on what was clicked (the board's focused issue)
                    return
                self.changed()
                return

    def on_ui_event(self, event: pygame.event.Event) -> bool:
        for panel in self.panels.values():
            if panel.on_event(event):
                self.dirty = True
                return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F9:
            self.open_facilitator()
            return True
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.open_save()
            return True
        if event.key == pygame.K_b:
            self.open_brief()
            return True
        if event.key == pygame.K_n and self.ctx.data.my_move:
            self.open_note()
            return True
        if event.key == pygame.K_r and self.ctx.data.my_move:
            self.open_red_line()
            return True
        if event.key == pygame.K_e and self.ctx.data.my_move:
            self.end_move()
            return True
        if event.key == pygame.K_s and self.ctx.data.my_move:
            self.builder.submit()
            self.changed()
            return True
        if event.key == pygame.K_c:
            self.selection.clear()
            self.builder.counter_of = None
            self.changed()
            return True
        return False

    # --- menus and overlays -----------------------------------------------------------------------
    def open_menu(self) -> None:
        from negotiator.ui.scenes.menu import MenuItem, PopupMenu

        header = self.panels["header"]
        assert isinstance(header, Header)
        items = [
            MenuItem(key, t(f"table.menu.{key}"), t(f"table.menu.{key}.tip"))
            for key in ("facilitator", "redline", "note", "save", "help", "settings", "leave")
        ]
        picks = {
            "facilitator": self.open_facilitator,
            "redline": self.open_red_line,
            "note": self.open_note,
            "save": self.open_save,
            "help": self.app.open_help,
            "settings": self.open_settings,
        }
        self.app.push(PopupMenu(self.app, header.menu.get_abs_rect(), items, lambda k: picks.get(k, self.leave)()))

    def open_note(self) -> None:
        """The seat's note for its next move (its own move only: in hotseat play a note is one team's)."""
        if self.seat is None or not self.ctx.data.my_move:
            return
        from negotiator.ui.scenes.note import NoteDialog

        self.app.push(NoteDialog(self.app, self.session, self.seat))

    def open_settings(self) -> None:
        from negotiator.ui.scenes.settings_dialog import SettingsDialog

        self.app.push(SettingsDialog(self.app))

    def open_facilitator(self) -> None:
        from negotiator.ui.scenes.facilitator import open_facilitator

        open_facilitator(self.app, self.session, self.changed)

    def open_save(self) -> None:
        from negotiator.ui.scenes.saves_dialog import open_save_dialog

        open_save_dialog(self.app, self.session)

    def open_brief(self) -> None:
        """The seat's briefing again, over the table; in hotseat only the player whose move it is has a seat. The
        move timer stands still while it is read (the table, which counts it down, is not on top)."""
        from negotiator.ui.scenes.briefing import BriefingScene

        if self.seat is None:
            return
        self.app.push(BriefingScene(self.app, self.session, self.seat, review=True))

    def open_red_line(self) -> None:
        """The red-line dialog for the seat; it hands back the engine's action. Only on the seat's own move."""
        from negotiator.ui.scenes.red_line import RedLineDialog

        seat = self.seat
        if seat is None or not self.ctx.data.my_move:
            self.app.show_message(t("table.not_your_move"), t("table.not_your_move.text"))
            return

        def declare(issue: str, option: str) -> None:
            self.act(DeclareRedLine(seat, issue=issue, option=option))

        self.app.push(RedLineDialog(self.app, self.session, seat, declare))

    def end_move(self) -> None:
        if self.seat is not None and self.ctx.data.my_move:
            self.act(EndTurn(self.seat))

    def leave(self) -> None:
        path = self.autosave()
        note = t("table.left.text", name=path.name) if path else ""
        self.app.reset_to_title((t("error.saved"), note) if note else None)

    def autosave(self) -> Path | None:
        if self.session.state.is_over():
            return None
        try:
            return self.session.autosave()
        except OSError as exc:
            log.warning("autosave failed: %s", exc)
            return None
