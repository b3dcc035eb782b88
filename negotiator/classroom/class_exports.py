"""The class debrief's gradebook files: one CSV row per table, and one per student (per seat of every table).

Both come from `negotiator.classroom.class_report.class_debrief`, so they say what the page says. A student is
ranked only against the same role at the other tables (`rank_in_role`, `vs_role_mean`), never against another
role. Cells are written as the single game's exports write them: UTF-8 with a byte-order mark (spreadsheets then
read the names right), and a cell that a spreadsheet would evaluate is neutralised.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from negotiator.classroom.class_report import (
    ClassDebrief,
    TableResult,
    build_class_report,
    class_debrief,
    short_ending,
)
from negotiator.classroom.describe import actor_name
from negotiator.classroom.exports import csv_text, write_file

TABLE_FIXED = (
    "table",
    "over",
    "ending",
    "turn",
    "complete",
    "on_frontier",
    "nash_distance",
    "left_total",
    "left_terms",
)
STUDENT_COLUMNS = (
    "table",
    "seat",
    "role",
    "student",
    "played_by",
    "computer_turns",
    "ending",
    "utility",
    "score",
    "rank_in_role",
    "tables_in_role",
    "role_mean_score",
    "vs_role_mean",
)


def table_columns(debrief: ClassDebrief) -> list[str]:
    """The fixed columns, then per party its utility and score, then per issue the option settled."""
    parties = debrief.model.parties
    return [
        *TABLE_FIXED,
        *(f"utility@{a}" for a in parties),
        *(f"score@{a}" for a in parties),
        *(f"terms@{i.id}" for i in debrief.scenario.issues),
    ]


def table_rows(debrief: ClassDebrief) -> list[dict[str, Any]]:
    rows = []
    for t in debrief.tables:
        row: dict[str, Any] = {
            "table": t.number,
            "over": t.over,
            "ending": short_ending(t) if t.over else "still playing",
            "turn": t.turn,
            "complete": t.complete,
            "on_frontier": t.on_frontier,
            "nash_distance": None if t.nash_distance is None else round(t.nash_distance, 4),
            "left_total": round(t.left.total, 4) if t.left else 0.0,
            "left_terms": "; ".join(f"{i}={o}" for i, o in t.left.terms.items()) if t.left else "",
        }
        for a in debrief.model.parties:
            row[f"utility@{a}"] = round(t.utilities[a], 4)
            row[f"score@{a}"] = t.scores[a]
        for issue in debrief.scenario.issues:
            row[f"terms@{issue.id}"] = t.terms.get(issue.id, "")
        rows.append(row)
    return rows


def student_rows(debrief: ClassDebrief) -> list[dict[str, Any]]:
    """One row per role at every table (the computer's seats too, marked, so a gradebook sees the whole class)."""
    endings = {t.number: (short_ending(t) if t.over else "still playing") for t in debrief.tables}
    rows = []
    for party, lines in debrief.roles.items():
        finished = [line.score for line in lines if line.score is not None and line.rank is not None]
        mean = sum(finished) / len(finished) if finished else None
        for line in lines:
            rows.append(
                {
                    "table": line.table,
                    "seat": party,
                    "role": actor_name(debrief.scenario, party),
                    "student": line.student,
                    "played_by": "computer" if line.by_computer else "student",
                    "computer_turns": " ".join(map(str, line.computer_turns)),
                    "ending": endings[line.table],
                    "utility": round(line.utility, 4),
                    "score": line.score,
                    "rank_in_role": line.rank,
                    "tables_in_role": len(finished),
                    "role_mean_score": None if mean is None else round(mean, 2),
                    "vs_role_mean": None if mean is None or line.rank is None else round(line.score - mean, 2),  # type: ignore[operator]
                }
            )
    return sorted(rows, key=lambda r: (r["table"], list(debrief.roles).index(r["seat"])))


def tables_csv(debrief: ClassDebrief) -> str:
    return csv_text(table_columns(debrief), table_rows(debrief))


def students_csv(debrief: ClassDebrief) -> str:
    return csv_text(STUDENT_COLUMNS, student_rows(debrief))


def write_class_files(results: Sequence[TableResult], folder: str | Path, stem: str = "class") -> list[Path]:
    """The class debrief page and both CSV files in `folder` (`STEM-report.html`, `STEM-tables.csv`,
    `STEM-students.csv`), each written atomically; the paths written."""
    debrief = class_debrief(results)
    where = Path(folder)
    written = []
    for name, text in (
        (f"{stem}-report.html", build_class_report(debrief)),
        (f"{stem}-tables.csv", tables_csv(debrief)),
        (f"{stem}-students.csv", students_csv(debrief)),
    ):
        write_file(where / name, text)
        written.append(where / name)
    return written
