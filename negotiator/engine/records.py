"""What happened, in sentences a player can read plus the numbers: log entries and turn records."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Phase = Literal["events", "moves", "levers", "upkeep", "ratification", "end", "facilitator"]
Visibility = Literal["public", "private"]


@dataclass(frozen=True)
class LogEntry:
    """One thing that happened. `private` entries (queued levers) are shown only to `actor` until resolved."""

    turn: int
    phase: Phase
    kind: str
    text: str
    actor: str | None = None
    visibility: Visibility = "public"
    data: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TurnRecord:
    """A finished turn: every entry in order, and the meters and no-deal values at its end."""

    turn: int
    entries: tuple[LogEntry, ...]
    meters: dict[str, float]
    reservations: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "entries": [e.to_dict() for e in self.entries],
            "meters": self.meters,
            "reservations": self.reservations,
        }
