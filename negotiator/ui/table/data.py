"""What one seat at the table may see, in one value: `TableData`.

Built from the seat's `ActorView` (a human's turn), or from public information only when no one in
particular is watching (demo mode, or between two humans in hotseat play). Panels read nothing else, so
a spectator table cannot show anyone's private preferences, red lines or no-deal value.
"""

from __future__ import annotations

from dataclasses import dataclass

from negotiator import i18n
from negotiator.engine.beliefs import Estimate, estimate
from negotiator.engine.estimates import end_turn
from negotiator.engine.offers import Offer
from negotiator.engine.public_text import shown_log
from negotiator.engine.records import LogEntry
from negotiator.engine.view import ActorView, LeverStatus, view
from negotiator.i18n.news import translated_entry
from negotiator.scenario.models import ActorPreferences, Scenario
from negotiator.ui.session import GameSession


@dataclass(frozen=True)
class TableData:
    scenario: Scenario
    seat: str | None
    view: ActorView | None
    turn: int
    turns: int
    current_actor: str | None
    is_over: bool
    meters: dict[str, float]
    settled: dict[str, str]
    offers: tuple[Offer, ...]
    public_red_lines: dict[str, tuple[tuple[str, str], ...]]
    estimates: dict[str, Estimate]
    log: tuple[LogEntry, ...]
    version: int
    lever_uses: dict[str, int]
    removed_options: frozenset[tuple[str, str]] = frozenset()  # (issue, option) taken off the table by an effect
    end_turn: int = 0  # the turn the game is expected to end at (public; 0: the deadline)

    @property
    def preferences(self) -> ActorPreferences | None:
        return self.view.preferences if self.view else None

    @property
    def levers(self) -> tuple[LeverStatus, ...]:
        return self.view.levers if self.view else ()

    @property
    def my_move(self) -> bool:
        return self.view is not None and self.view.my_move

    @property
    def awaiting_me(self) -> tuple[Offer, ...]:
        return self.view.awaiting_me if self.view else ()

    def lever_uses_left(self, lever_id: str) -> int | None:
        lever = self.scenario.lever(lever_id)
        return None if lever.uses is None else max(0, lever.uses - self.lever_uses.get(lever_id, 0))


def table_data(session: GameSession, seat: str | None, lang: str | None = None) -> TableData:
    """The seat's view, or the public picture when `seat` is None, in `lang` (default: the current language):
    the scenario's texts from its translation and the log's scenario-written news rendered again in it."""
    state = session.state
    version = len(state.actions)
    shown = state.scenario.translated(lang or i18n.current())
    if seat is not None:
        v = session.view_for(seat)
        return TableData(
            shown,
            seat,
            v,
            v.turn,
            v.turns,
            v.current_actor,
            v.is_over,
            v.meters,
            v.settled,
            v.offers,
            v.public_red_lines,
            v.estimates,
            tuple(translated_entry(e, v.scenario, shown) for e in shown_log(v.scenario, v.log, {seat})),
            version,
            {lv.lever.id: state.lever_uses.get(lv.lever.id, 0) for lv in v.levers},
            v.removed_options,
            end_turn(v),
        )
    scenario = state.scenario
    log = shown_log(
        scenario,
        tuple(e for r in state.records for e in r.entries if e.visibility == "public")
        + tuple(e for e in state.entries if e.visibility == "public"),
    )
    return TableData(
        shown,
        None,
        None,
        state.turn,
        state.turns,
        state.current_actor,
        state.is_over(),
        dict(state.meters),
        dict(state.settled),
        state.offers,
        dict(state.public_red_lines),
        {a.id: estimate(state, a.id) for a in scenario.negotiators},
        tuple(translated_entry(e, scenario, shown) for e in log),
        version,
        {},
        state.removed_options,
        end_turn(view(state, scenario.negotiators[0].id)),  # reads only the public clock and meters
    )
