"""The class debrief: every table on one chart, each role against itself only, and what each table left over."""

from __future__ import annotations

import csv
import io
import itertools
import re
from pathlib import Path

import pytest

from negotiator.classroom.class_exports import (
    STUDENT_COLUMNS,
    student_rows,
    students_csv,
    table_rows,
    tables_csv,
    write_class_files,
)
from negotiator.classroom.class_report import (
    TableResult,
    build_class_report,
    class_charts,
    class_debrief,
    left_on_the_table,
)
from negotiator.engine.analysis import candidate_indexes
from negotiator.engine.state import new_game
from negotiator.engine.utility import utility_model
from negotiator.resources import builtin_scenarios
from negotiator.scenario import load_scenario
from tests.classroom.conftest import page_text
from tests.host.helpers import new_host, scenario


def _class(tables: int = 5, unfinished: int = 0) -> list[TableResult]:
    """A class whose finished tables the computer played out; the last `unfinished` tables not started."""
    host = new_host(tables=tables)
    for t in host.tables[: tables - unfinished]:
        host.start(t.number)
    names = {"kyiv": "Ana", "moscow": "=HYPERLINK(1)"}
    return [
        TableResult(t.number, t.state, dict(names) if t.number == 1 else {}, {"kyiv": (2,)} if t.number == 1 else {})
        for t in host.tables
    ]


def test_left_on_the_table_is_the_best_package_nobody_likes_less() -> None:
    model = utility_model(scenario())
    parties = model.parties
    tables = [model.package_utilities[a] for a in parties]
    feasible = candidate_indexes(model)
    dominated = next(
        i
        for i in feasible
        if any(all(t[j] >= t[i] for t in tables) and any(t[j] > t[i] for t in tables) for j in feasible)
    )
    floor = {a: float(model.package_utilities[a][dominated]) for a in parties}
    left = left_on_the_table(model, floor)
    assert left is not None
    best = max(
        sum(float(t[j]) - floor[a] for a, t in zip(parties, tables, strict=True))
        for j in feasible
        if all(float(t[j]) >= floor[a] - 1e-9 for a, t in zip(parties, tables, strict=True))
    )
    assert left.total == pytest.approx(best) and all(g >= 0 for g in left.gains.values())
    chosen = model.package_from_ids(left.terms)
    assert model.index_of(chosen) in feasible  # it crosses no red line
    top = max(feasible, key=lambda i: sum(float(t[i]) for t in tables))  # the frontier's best sum: nothing left
    assert left_on_the_table(model, {a: float(model.package_utilities[a][top]) for a in parties}) is None


def test_the_debrief_compares_each_role_only_with_itself() -> None:
    results = _class(5, unfinished=1)
    debrief = class_debrief(results)
    assert [t.number for t in debrief.tables] == [1, 2, 3, 4, 5]
    assert [t.over for t in debrief.tables] == [True, True, True, True, False]
    for party, lines in debrief.roles.items():
        assert [line.table for line in lines] == [1, 2, 3, 4, 5]
        finished = [line for line in lines if line.rank is not None]
        assert len(finished) == 4 and lines[-1].rank is None and lines[-1].score is None
        for x, y in itertools.combinations(finished, 2):  # the rank orders this role's own scores, nothing else
            assert (x.score > y.score) == (x.rank < y.rank), party  # type: ignore[operator]
    kyiv = debrief.roles["kyiv"][0]
    assert kyiv.student == "Ana" and not kyiv.by_computer and kyiv.computer_turns == (2,)
    assert debrief.roles["washington"][0].by_computer
    for t in debrief.tables:
        if t.complete:
            assert t.on_frontier == debrief.start.is_pareto_optimal(debrief.model.package_from_ids(t.terms))
            assert (t.left is None) == t.on_frontier  # nothing left over exactly when on the frontier
        else:
            assert t.on_frontier is None and t.nash_distance is None


def test_one_chart_per_pair_holds_every_table() -> None:
    debrief = class_debrief(_class(4))
    charts = class_charts(debrief)
    assert len(charts) == 3  # three parties: three pairs
    for chart in charts:
        labels = re.findall(r">T([\d,]+)<", chart.svg)
        assert sorted(int(n) for label in labels for n in label.split(",")) == [1, 2, 3, 4]  # each table once
        assert "Nash bargaining point" in chart.svg and "Pareto frontier" in chart.svg


def test_the_page_and_the_gradebook_files(tmp_path: Path) -> None:
    results = _class(4, unfinished=1)
    debrief = class_debrief(results)
    page = build_class_report(debrief)
    text = page_text(page)  # well-formed, and what it says
    assert "Each role across the tables" in text and "What each table left on the table" in text
    assert "still playing" in text and "Ana" in text
    assert "=HYPERLINK(1)" in text and "<script" not in page  # a name is text on the page
    rows = table_rows(debrief)
    assert [r["table"] for r in rows] == [1, 2, 3, 4] and rows[-1]["over"] is False
    students = student_rows(debrief)
    assert len(students) == 4 * len(debrief.model.parties)
    first = next(r for r in students if r["table"] == 1 and r["seat"] == "kyiv")
    assert first["student"] == "Ana" and first["played_by"] == "student" and first["computer_turns"] == "2"
    parsed = list(csv.DictReader(io.StringIO(students_csv(debrief).lstrip("\ufeff"))))
    assert list(parsed[0]) == list(STUDENT_COLUMNS)
    moscow = next(r for r in parsed if r["table"] == "1" and r["seat"] == "moscow")
    assert moscow["student"] == "'=HYPERLINK(1)"  # neutralised: a spreadsheet shows it, never runs it
    mean = float(moscow["role_mean_score"])
    same_role = [float(r["score"]) for r in parsed if r["seat"] == "moscow" and r["score"]]
    assert mean == pytest.approx(sum(same_role) / len(same_role), abs=0.01)
    table_csv = list(csv.DictReader(io.StringIO(tables_csv(debrief).lstrip("\ufeff"))))
    assert "utility@kyiv" in table_csv[0] and "terms@" + debrief.scenario.issues[0].id in table_csv[0]
    written = write_class_files(results, tmp_path)
    assert [p.name for p in written] == ["class-report.html", "class-tables.csv", "class-students.csv"]
    assert all(p.stat().st_size > 0 for p in written)


def test_tables_of_another_scenario_are_refused() -> None:
    other = next(p for p in builtin_scenarios() if load_scenario(p).metadata.id != scenario().metadata.id)
    sc = load_scenario(other)
    mixed = [*_class(1), TableResult(2, new_game(sc, 1))]
    with pytest.raises(ValueError, match="compares tables of one scenario"):
        class_debrief(mixed)
    with pytest.raises(ValueError, match="at least one table"):
        class_debrief([])


@pytest.mark.parametrize("path", builtin_scenarios(), ids=lambda p: p.stem)
def test_every_built_in_scenario_gets_a_class_debrief(path: Path) -> None:
    from negotiator.host.core import Host
    from negotiator.host.store import open_store
    from negotiator.scenario import scenario_content_hash

    sc = load_scenario(path)
    if not any(a.playable for a in sc.negotiators):
        pytest.skip("no seat for a student")
    host = Host.new(sc, str(path), scenario_content_hash(path), open_store("memory:"), 2, 3)
    host.start()
    debrief = class_debrief([TableResult(t.number, t.state) for t in host.tables])
    text = page_text(build_class_report(debrief))
    assert "Every table's outcome" in text and "Each role across the tables" in text
    assert len(class_charts(debrief)) == len(debrief.model.parties) * (len(debrief.model.parties) - 1) // 2
    assert len(student_rows(debrief)) == 2 * len(debrief.model.parties)
