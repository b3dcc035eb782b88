"""The teacher's session controls that are not game actions: the PIN, pause, and the move timer.

None of this changes the game and none of it is replayed. The PIN (as a salted hash, never the digits) and the
timer travel with saves (`saves.Classroom`), so Continue, Load and a branch keep them; pause does not. What the
timer *causes* when it runs out (an `EndTurn`, or the computer finishing the move) goes through the session as
ordinary logged actions, which is why a timed game replays exactly without knowing about the clock. Free of
pygame, like the session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from negotiator import i18n
from negotiator.engine.saves import Classroom
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


#: PBKDF2 rounds for the PIN's hash: about 0.05 s per check, paid only when the teacher types it.
PIN_ROUNDS = 100_000


def hash_pin(pin: str, salt: str | None = None) -> str:
    """`pbkdf2_sha256$rounds$salt$hash` of a PIN ("" for no PIN): a save or the memory of the game holds this,
    never the digits, so a student who opens the save file cannot read the PIN off it."""
    pin = pin.strip()
    if not pin:
        return ""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), PIN_ROUNDS).hex()
    return f"pbkdf2_sha256${PIN_ROUNDS}${salt}${digest}"


def pin_matches(text: str, pin_hash: str) -> bool:
    """Whether `text` is the PIN `pin_hash` was made from (in constant time); anything matches no PIN."""
    if not pin_hash:
        return True
    try:
        _, rounds, salt, digest = pin_hash.split("$")
        tried = hashlib.pbkdf2_hmac("sha256", text.strip().encode(), bytes.fromhex(salt), int(rounds)).hex()
    except ValueError:  # a malformed hash opens nothing
        return False
    return hmac.compare_digest(tried, digest)


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
    """PIN, pause and timer for one game. `remaining` counts down the human move in `move`. `pin_hash` is
    `hash_pin` of the teacher's PIN ("" for none)."""

    pin_hash: str = ""
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

    @classmethod
    def from_saved(cls, saved: Classroom) -> Facilitation:
        """The PIN and timer a save carried (a save without them: no PIN, no timer)."""
        return cls(pin_hash=saved.pin_hash, timer_seconds=saved.timer_seconds, on_timeout=saved.on_timeout)

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def set_pin(self, pin: str) -> None:
        self.pin_hash = hash_pin(pin)

    def check_pin(self, text: str) -> bool:
        return pin_matches(text, self.pin_hash)

    def saved(self, branch_of: str = "", branch_turn: int | None = None) -> Classroom:
        """What a save keeps of this: the PIN's hash and the timer (never the pause or a countdown)."""
        return Classroom(self.pin_hash, self.timer_seconds, self.on_timeout, branch_of, branch_turn)

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
