"""The teacher's session controls that are not game actions: the PIN, pause, and the move timer.

None of this changes the game, so none of it is saved or replayed. What the timer *causes* when it runs out
(an `EndTurn`, or the computer finishing the move) goes through the session as ordinary logged actions,
which is why a timed game replays exactly without knowing about the clock. Free of pygame, like the session.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from negotiator import i18n
from negotiator.scenario.models import Scenario

OnTimeout = Literal["pass", "ai"]
#: Lengths the setup screen and the facilitator panel offer, in seconds (0 = no timer).
TIMER_CHOICES: tuple[int, ...] = (0, 30, 60, 90, 120, 180, 240, 300, 360, 480, 600, 900)


class _Translated(Mapping[str, str]):
    """A fixed set of choices whose words are read from the catalogues at each use (the language may change)."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys

    def __getitem__(self, choice: str) -> str:
        return i18n.t(self.keys[choice])

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)


TIMEOUT_TEXT: Mapping[str, str] = _Translated({"pass": "timer.on_timeout.pass", "ai": "timer.on_timeout.ai"})
#: The reason logged with the EndTurn a timeout applies.
TIME_RAN_OUT = "Time ran out"

Move = tuple[int, str]  # (turn, actor): one human move, which gets one countdown


def timer_text(seconds: int | None) -> str:
    """`Off`, `30 s`, `2 min`, `1 min 30 s` — how the choices read in drop-downs."""
    if not seconds:
        return i18n.t("timer.off")
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return i18n.t("timer.seconds", s=rest)
    return i18n.t("timer.minutes_seconds", m=minutes, s=rest) if rest else i18n.t("timer.minutes", m=minutes)


def timer_choices(extra: int | None = None) -> list[int]:
    """The offered lengths, including a scenario's own length if it is not one of them."""
    return sorted(set(TIMER_CHOICES) | ({extra} if extra else set()))


def clock_text(seconds: float) -> str:
    """A countdown as `m:ss`, rounded up so it shows 0:00 only when time is really up."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass
class Facilitation:
    """PIN, pause and timer for one game. `remaining` counts down the human move in `move`."""

    pin: str = ""
    paused: bool = False
    timer_seconds: int | None = None
    on_timeout: OnTimeout = "pass"
    remaining: float | None = None
    move: Move | None = None

    @classmethod
    def for_scenario(cls, scenario: Scenario) -> Facilitation:
        """The scenario's suggested timer (none if it suggests none) and what happens when it runs out. A
        scenario with a tutorial suggests none: a lesson waits for the learner."""
        teaching = scenario.teaching
        if teaching is None or scenario.tutorial is not None:
            return cls()
        return cls(timer_seconds=teaching.turn_timer_seconds, on_timeout=teaching.on_timeout)

    def check_pin(self, text: str) -> bool:
        return not self.pin or text.strip() == self.pin

    def set_timer(self, seconds: int | None) -> None:
        """A new length restarts the current move's countdown; 0 or None switches the timer off."""
        self.timer_seconds = seconds or None
        self.remaining = None
        self.move = None

    def tick(self, move: Move | None, dt: float) -> bool:
        """Count `move` down by `dt` seconds (not while paused); True while its time is up.

        A new move starts a full countdown; `None` (nobody's visible human move) clears it.
        """
        if move is None or self.timer_seconds is None:
            self.move, self.remaining = None, None
            return False
        if move != self.move or self.remaining is None:
            self.move, self.remaining = move, float(self.timer_seconds)
        if not self.paused:
            self.remaining = max(0.0, self.remaining - dt)
        return self.remaining <= 0.0

    def shown_remaining(self, move: Move | None) -> float | None:
        """Seconds left to show for `move`, or None when no countdown runs for it."""
        if self.timer_seconds is None or move is None:
            return None
        if move != self.move or self.remaining is None:
            return float(self.timer_seconds)
        return self.remaining
