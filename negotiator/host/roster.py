"""The teacher's seating plan: which student sits at which table in which role, from a CSV file.

A teacher who wants to choose the groups writes one row per student (`name,table,role`; any spreadsheet saves
it) and starts the host with `--roster FILE`. A student who joins under a name on the plan is seated where the
plan says, whatever seat they asked for; the seats on the plan are kept for the students named there, and the
others take the seats nobody was placed in. Several names on one seat make a team. Names are matched as the
teacher wrote them, ignoring case and extra spaces. The plan is stored with the class, so `--resume` keeps it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from negotiator import files
from negotiator.scenario import textrules
from negotiator.scenario.models import Scenario

MAX_BYTES = 200_000
COLUMNS = ("name", "table", "role")


def name_key(name: str) -> str:
    """A name as the plan matches it: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Roster:
    """Student name (as written) -> (table, seat id), in the plan's order."""

    rows: tuple[tuple[str, int, str], ...] = ()

    def place(self, name: str) -> tuple[int, str] | None:
        """Where the plan seats `name`, or None when the name is not on it."""
        wanted = name_key(name)
        return next(((t, s) for n, t, s in self.rows if name_key(n) == wanted), None) if wanted else None

    def reserved(self) -> set[tuple[int, str]]:
        """The seats kept for the students named on the plan."""
        return {(t, s) for _, t, s in self.rows}

    def team_size(self) -> int:
        """The most students the plan puts on one seat (1 without a plan)."""
        counts: dict[tuple[int, str], int] = {}
        for _, t, s in self.rows:
            counts[(t, s)] = counts.get((t, s), 0) + 1
        return max(counts.values(), default=1)


def parse_roster(text: str, scenario: Scenario, tables: int, where: str = "the seating plan") -> Roster:
    """The plan in `text` (CSV with the header `name,table,role`; the role by its id or short name, any case).
    ValueError names the line at fault."""
    seats = {a.id for a in scenario.negotiators if a.playable}
    by_name = {a.short_name.casefold(): a.id for a in scenario.negotiators if a.playable}
    by_name |= {a.id.casefold(): a.id for a in scenario.negotiators if a.playable}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [c.strip().casefold() for c in next(reader, [])]
    if tuple(header[:3]) != COLUMNS:
        raise ValueError(f"{where}: line 1 must be the header {','.join(COLUMNS)}, not {','.join(header) or 'empty'}")
    rows: list[tuple[str, int, str]] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < 3:
            raise ValueError(f"{where}: line {line}: give a name, a table and a role")
        name, table_text, role = (c.strip() for c in cells[:3])
        problem = textrules.problem(name) if name else "the name is empty"
        if problem or len(name) > 40:
            raise ValueError(f"{where}: line {line}: {problem or 'a name has at most 40 characters'}")
        if not table_text.isdigit() or not 1 <= int(table_text) <= tables:
            raise ValueError(f"{where}: line {line}: the table is 1 to {tables}, not '{table_text}'")
        seat = by_name.get(role.casefold())
        if seat is None or seat not in seats:
            names = ", ".join(sorted(a.short_name for a in scenario.negotiators if a.playable))
            raise ValueError(f"{where}: line {line}: no role '{role}' for students; the roles are {names}")
        key = name_key(name)
        if key in seen:
            raise ValueError(f"{where}: line {line}: {name} is already on line {seen[key]}")
        seen[key] = line
        rows.append((name, int(table_text), seat))
    return Roster(tuple(rows))


def read_roster(path: str | Path, scenario: Scenario, tables: int) -> Roster:
    """The plan in a CSV file (see `parse_roster`); FileReadError or ValueError say what is wrong."""
    data = files.read_regular(path, MAX_BYTES, "seating plan")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path}: save the seating plan as UTF-8 CSV") from None
    return parse_roster(text, scenario, tables, str(path))


def rows_from_stored(stored: Sequence[Sequence[object]]) -> Roster:
    """The plan as the class database keeps it (lists of name, table, seat)."""
    return Roster(tuple((str(n), int(t), str(s)) for n, t, s in stored))  # type: ignore[call-overload]
