"""What the turn summary may say to whom: another side's no-deal value and deal value in words, never in numbers.

The engine records every change in full ("Moscow no-deal value -0.03", "Moscow value of a deal +0.06"): the
teacher's report and the saved game need them, and the record is part of the state hash, so it stays as it is.
Shown to the table, though, those numbers sit on another side's private 0-to-1 scale (with a hidden scale factor
they even reveal a hidden meter). So every screen that shows log entries to players passes them through here:
the viewer's own changes keep their numbers, everyone else's say only which way they moved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable

from negotiator.engine.records import LogEntry
from negotiator.scenario.models import Scenario

# label in the recorded change -> (words when it rises, words when it falls); `{who}` is the side's short name
PRIVATE_SCALES: dict[str, tuple[str, str]] = {
    "no-deal value": ("walking away is worth more to {who}", "walking away is worth less to {who}"),
    "value of a deal": ("a deal is worth more to {who}", "a deal is worth less to {who}"),
}


def shown_change(scenario: Scenario, change: str, keep: Collection[str] = ()) -> str:
    """One recorded change as the table may read it; `keep` are the actors who may see their own numbers."""
    for actor in scenario.actors:
        if actor.id in keep:
            continue
        for label, (up, down) in PRIVATE_SCALES.items():
            prefix = f"{actor.short_name} {label} "
            if change.startswith(prefix):
                amount = change[len(prefix) :].strip()
                words = down if amount.startswith(("-", "\u2212")) else up
                return words.format(who=actor.short_name)
    return change


def shown_entry(scenario: Scenario, entry: LogEntry, keep: Collection[str] = ()) -> LogEntry:
    """The entry with its changes as the table may read them (the same object when nothing needs hiding)."""
    changes = entry.data.get("changes")
    if not changes:
        return entry
    shown = [shown_change(scenario, c, keep) for c in changes]
    if shown == list(changes):
        return entry
    return dataclasses.replace(entry, data={**entry.data, "changes": shown})


def shown_log(scenario: Scenario, entries: Iterable[LogEntry], keep: Collection[str] = ()) -> tuple[LogEntry, ...]:
    """Entries (already filtered for who may see them) as the table may read them."""
    return tuple(shown_entry(scenario, e, keep) for e in entries)


__all__ = ["PRIVATE_SCALES", "shown_change", "shown_entry", "shown_log"]
