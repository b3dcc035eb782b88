"""Where a player stands in a scenario's guided tutorial, read from the game itself.

Each step of `scenario.tutorial` waits for a goal. A goal is met by an action of the player in the game's log
(so it counts whichever button, key or future screen produced it), by the end of the game, or, for the two
goals with no action behind them, by a screen the player reached: the briefing left for the table, the
debrief's chart of the deal. Nothing here changes the game, and none of it is saved. Free of pygame, like the
session that holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from negotiator.engine import GameState
from negotiator.engine.actions import Action, Counter, DeclareRedLine, EndTurn, MakeOffer, Respond, UseLever
from negotiator.scenario.models import Scenario, Tutorial, TutorialStep
from negotiator.ui.facilitation import TIME_RAN_OUT

#: Goals a scene reports (`TutorialProgress.note`), because no action shows them.
SCREEN_GOALS = frozenset({"brief_read", "debrief_read"})
#: Goals that can still be met once the game is over; every other step is passed then.
AFTER_THE_END = frozenset({"debrief_read"})

_BY_ACTION: dict[type[Action], frozenset[str]] = {
    MakeOffer: frozenset({"offer_sent"}),
    Counter: frozenset({"offer_sent", "offer_answered"}),
    Respond: frozenset({"offer_answered"}),
    UseLever: frozenset({"lever_used"}),
    DeclareRedLine: frozenset({"red_line_declared"}),
    EndTurn: frozenset({"move_ended"}),
}


def goals_met_by(action: Action, seat: str) -> frozenset[str]:
    """The goals one logged action meets for the player in `seat`. A move the timer ended, or the computer
    finished for them, teaches nothing, so it meets none."""
    if action.actor != seat or action.reason.startswith(TIME_RAN_OUT):
        return frozenset()
    return _BY_ACTION.get(type(action), frozenset())


@dataclass
class TutorialProgress:
    """One player's way through the steps. `start` is where in the action log the tutorial began."""

    tutorial: Tutorial
    seat: str
    start: int = 0
    seen: set[str] = field(default_factory=set)
    skipped: set[int] = field(default_factory=set)
    ended: bool = False
    _scanned: int = field(default=0, repr=False)
    _met: set[str] = field(default_factory=set, repr=False)

    @classmethod
    def for_game(cls, scenario: Scenario, humans: tuple[str, ...]) -> TutorialProgress | None:
        """The tutorial of a scenario that has one, when exactly one person plays (hotseat has no guide). The
        whole log counts, so a resumed or branched game keeps the steps its player already did."""
        if scenario.tutorial is None or len(humans) != 1:
            return None
        return cls(scenario.tutorial, humans[0])

    @property
    def steps(self) -> list[TutorialStep]:
        return self.tutorial.steps

    def met(self, state: GameState) -> set[str]:
        """Every goal met so far (read incrementally: the log only grows within a game)."""
        actions = state.actions
        if len(actions) < self._scanned:  # not the same game's log: read it again
            self._scanned, self._met = 0, set()
        for action in actions[max(self.start, self._scanned) :]:
            self._met |= goals_met_by(action, self.seat)
        self._scanned = len(actions)
        found = self._met | self.seen
        return found | {"game_over"} if state.is_over() else found

    def current(self, state: GameState) -> int | None:
        """The index of the step to show: the first neither met nor skipped; None when all are, or the player
        ended the tutorial. Once the game is over, steps that need play are passed."""
        if self.ended:
            return None
        met, over = self.met(state), state.is_over()
        for index, step in enumerate(self.steps):
            if index in self.skipped or step.done_when in met:
                continue
            if over and step.done_when not in AFTER_THE_END:
                continue
            return index
        return None

    def active(self, state: GameState) -> bool:
        """Whether a card is shown: a step is waiting, or every step is done and there is a closing word."""
        if self.ended:
            return False
        return self.current(state) is not None or self.tutorial.closing is not None

    def note(self, goal: str) -> None:
        """A scene reports a screen goal (`SCREEN_GOALS`)."""
        if goal in SCREEN_GOALS:
            self.seen.add(goal)

    def skip(self, state: GameState) -> None:
        """Pass the current step without doing it."""
        index = self.current(state)
        if index is not None:
            self.skipped.add(index)

    def end(self) -> None:
        """The player ended the tutorial: no more cards in this game."""
        self.ended = True
