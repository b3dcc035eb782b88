"""The turn log as JSON and CSV, for grading and analysis in a spreadsheet.

One row per log entry, in the order things happened, plus one row of meter values and no-deal values per
turn. CSV export writes two files: `NAME.csv` (the log) and `NAME-meters.csv` (the meters), both UTF-8
with a byte-order mark so spreadsheet programs read accents and dashes correctly. Text cells that a
spreadsheet would evaluate as a formula (starting with =, +, -, @, a tab or a line break) start with an
apostrophe instead, so a name like `=HYPERLINK(...)` stays text. JSON export writes one
document holding both tables and the outcome.

Log columns (`LOG_COLUMNS`):
  seq          position of the entry in the game, from 1
  turn         the turn it happened in
  phase        events, moves, levers, upkeep, ratification, end or facilitator
  kind         event, offer, counter, accept, reject, lapse, lever_queued, lever, red_line,
               commitment_broken, settled, void, upkeep, ending, end, adjust, bulletin, deadline
  actor        the actor's id (empty for events, upkeep, ratification and the facilitator)
  actor_name   the actor's short name
  text         what the players read
  reason       the one-sentence reason given with a move (the AI always gives one)
  facilitator  1 if the teacher did this from the facilitator panel, else 0
  visibility   public, or private (a lever being prepared: hidden from others until it resolves)
  offer_id     the offer concerned (offers, answers, ratification)
  terms        an offer's terms as issue=option pairs separated by "; "
  lever        the lever's id (lever_queued and lever)
  target       the lever's target actor id
  success      1 or 0 for a resolved lever, else empty
  changes      the meter changes it caused, separated by "; "
  meter_changes  the same changes as numbers a spreadsheet can add up: METER[@ACTOR]=+3, no_deal@ACTOR=-0.03,
               deal_value@ACTOR=+0.06, separated by "; " (changes to the table itself stay in `changes` only)

Meter columns (`meter_columns(scenario)`):
  turn         0 for the start of the game, else the turn whose end the row shows
  point        start, end of turn, or now (a game saved mid-turn)
  METER        a shared meter's value, by meter id (e.g. escalation)
  METER@ACTOR  a per-actor meter's value (e.g. public_support@union)
  no_deal@ACTOR  the actor's no-deal value (0 to 1)
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from negotiator.engine.meters import initial_meters
from negotiator.engine.records import LogEntry
from negotiator.engine.state import GameState
from negotiator.files import atomic_write
from negotiator.scenario.models import Scenario

LOG_COLUMNS: dict[str, str] = {
    "seq": "position of the entry in the game, from 1",
    "turn": "the turn it happened in",
    "phase": "events, moves, levers, upkeep, ratification, end or facilitator",
    "kind": "what happened: event, offer, counter, accept, reject, lapse, lever_queued, lever, red_line, "
    "commitment_broken, settled, void, upkeep, ending, end, adjust, bulletin, deadline",
    "actor": "the actor's id (empty for events, upkeep, ratification and the facilitator)",
    "actor_name": "the actor's short name",
    "text": "what the players read",
    "reason": "the one-sentence reason given with a move (the AI always gives one)",
    "facilitator": "1 if the teacher did this from the facilitator panel, else 0",
    "visibility": "public, or private (a lever being prepared, hidden from others until it resolves)",
    "offer_id": "the offer concerned",
    "terms": "an offer's terms as issue=option pairs separated by '; '",
    "lever": "the lever's id",
    "target": "the lever's target actor id",
    "success": "1 or 0 for a resolved lever, else empty",
    "changes": "the meter changes it caused, separated by '; '",
    "meter_changes": "the same as numbers: METER[@ACTOR]=+3, no_deal@ACTOR=-0.03, deal_value@ACTOR=+0.06, "
    "separated by '; '",
}

_METER_CHANGE = re.compile(r"^(?P<label>.+) (?P<before>-?\d+) -> (?P<after>-?\d+)$")
# The engine writes a signed amount, and a change of minus zero as "+-0" (the sign and then the number's own).
_VALUE_CHANGE = re.compile(
    r"^(?P<who>.+) (?P<what>no-deal value|value of a deal) \+?(?P<amount>[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$"
)


def meter_changes(state: GameState, changes: list[str]) -> str:
    """A log entry's described changes as `key=delta` pairs (the engine writes them for people: "Kyiv Economy 35
    -> 30", "Moscow no-deal value -0.03"); a description that is not a number change (a red line, an option taken
    off the table) is left out."""
    c = state.core.c
    by_label = dict(zip(c.slot_label, c.slot_keys, strict=True))
    by_name = {a.short_name: a.id for a in state.scenario.actors}
    out = []
    for change in changes:
        m = _METER_CHANGE.match(change)
        if m and m.group("label") in by_label:
            delta = int(m.group("after")) - int(m.group("before"))
            out.append(f"{by_label[m.group('label')]}={delta:+d}")
            continue
        m = _VALUE_CHANGE.match(change)
        if m and m.group("who") in by_name:
            key = "no_deal" if m.group("what") == "no-deal value" else "deal_value"
            out.append(f"{key}@{by_name[m.group('who')]}={float(m.group('amount')):+g}")
    return "; ".join(out)


def all_entries(state: GameState) -> Iterator[LogEntry]:
    """Every log entry of the game in order: finished turns, then the turn in progress."""
    for record in state.records:
        yield from record.entries
    yield from state.entries


def log_rows(state: GameState) -> list[dict[str, Any]]:
    """One dict per log entry with the `LOG_COLUMNS` keys (JSON types: ints, bools, strings, None)."""
    names = {a.id: a.short_name for a in state.scenario.actors}
    rows = []
    for seq, entry in enumerate(all_entries(state), start=1):
        data = entry.data
        terms = data.get("terms")
        success = data.get("success")
        rows.append(
            {
                "seq": seq,
                "turn": entry.turn,
                "phase": entry.phase,
                "kind": entry.kind,
                "actor": entry.actor,
                "actor_name": names.get(entry.actor, "") if entry.actor else "",
                "text": entry.text,
                "reason": data.get("reason") or "",
                "facilitator": bool(data.get("facilitator", False)),
                "visibility": entry.visibility,
                "offer_id": data.get("offer_id"),
                "terms": "; ".join(f"{k}={v}" for k, v in dict(terms).items()) if terms else "",
                "lever": data.get("lever") or "",
                "target": data.get("target") or "",
                "success": None if success is None else bool(success),
                "changes": "; ".join(data.get("changes") or []),
                "meter_changes": meter_changes(state, list(data.get("changes") or [])),
            }
        )
    return rows


def meter_columns(scenario: Scenario) -> list[str]:
    """Column names of the meter table, in a stable order."""
    keys = list(initial_meters(scenario))
    no_deal = [f"no_deal@{a}" for a in scenario.preferences]
    return ["turn", "point", *keys, *no_deal]


def meter_rows(state: GameState) -> list[dict[str, Any]]:
    """The start, the end of every finished turn, and (mid-turn saves) the current values."""
    scenario = state.scenario
    start = initial_meters(scenario)
    rows: list[dict[str, Any]] = [
        {
            "turn": 0,
            "point": "start",
            **start,
            **{f"no_deal@{a}": p.reservation.value for a, p in scenario.preferences.items()},
        }
    ]
    for record in state.records:
        rows.append(
            {
                "turn": record.turn,
                "point": "end of turn",
                **record.meters,
                **{f"no_deal@{a}": v for a, v in record.reservations.items()},
            }
        )
    if not state.is_over():
        rows.append(
            {
                "turn": state.turn,
                "point": "now",
                **state.meters,
                **{f"no_deal@{a}": round(state.reservation(a), 6) for a in scenario.preferences},
            }
        )
    return rows


def export_document(state: GameState) -> dict[str, Any]:
    """The whole export as JSON-ready data."""
    scenario = state.scenario
    outcome = state.outcome()
    return {
        "format": "negotiator-log",
        "version": 1,
        "scenario_id": scenario.metadata.id,
        "scenario_title": scenario.metadata.title,
        "seed": state.seed,
        "over": state.is_over(),
        "turn": state.turn,
        "outcome": None if outcome is None else outcome.to_dict(),
        "columns": LOG_COLUMNS,
        "entries": log_rows(state),
        "meter_columns": meter_columns(scenario),
        "meters": meter_rows(state),
    }


def to_json(state: GameState) -> str:
    return json.dumps(export_document(state), indent=1, ensure_ascii=False) + "\n"


# A cell a spreadsheet would evaluate as a formula (=HYPERLINK(...), +cmd, -1+2, @SUM) when the file is
# opened. Text cells that start like that get a leading apostrophe, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_cell(text: str) -> str:
    """`text` as a CSV cell no spreadsheet evaluates: a formula-like start is prefixed with `'`."""
    if text.startswith(_FORMULA_START) or text.lstrip(" \u00a0\u3000").startswith(_FORMULA_START):
        return "'" + text
    return text


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return neutralise_cell(value)
    return value


def csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV text with a byte-order mark, every text cell neutralised (`neutralise_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(c)) for c in columns])
    return "\ufeff" + buffer.getvalue()


def log_csv(state: GameState) -> str:
    """The log table as CSV text (with a byte-order mark)."""
    return csv_text(list(LOG_COLUMNS), log_rows(state))


def meters_csv(state: GameState) -> str:
    """The meter table as CSV text (with a byte-order mark)."""
    return csv_text(meter_columns(state.scenario), meter_rows(state))


def meters_path(path: str | Path) -> Path:
    """Where the meter table goes next to a CSV log: `NAME-meters.csv`."""
    target = Path(path)
    return target.with_name(f"{target.stem}-meters{target.suffix or '.csv'}")


def write_file(target: Path, text: str) -> None:
    """Write atomically (never half a file), with the usual permissions of a new document (readable by
    others, as the teacher shares it)."""
    atomic_write(target, text)


def write_json(state: GameState, path: str | Path) -> list[Path]:
    target = Path(path)
    write_file(target, to_json(state))
    return [target]


def write_csv(state: GameState, path: str | Path) -> list[Path]:
    """Write the log to `path` and the meters to `meters_path(path)`."""
    target = Path(path)
    write_file(target, log_csv(state))
    second = meters_path(target)
    write_file(second, meters_csv(state))
    return [target, second]
